/**
 * The person's identity attributes an IdentityVerification carries (2.0.0 on): the formats of the
 * National Insurance number and of the portrait photo.
 *
 * Sources: HMRC, National Insurance Manual NIM39110 (the format of a National Insurance number);
 * DOMAIN.md, "Identity" (a portrait as a JPEG data URL of at most 50 KB, the size the national
 * programme's identity credential kept its photo to).
 */

/**
 * A National Insurance number, HMRC NIM39110: two prefix letters, six digits, a suffix A to D.
 * The first letter is never D, F, I, Q, U or V; the second never D, F, I, O, Q, U or V; the
 * prefixes BG, GB, KN, NK, NT, TN and ZZ are not allocated. Written without spaces, in capitals.
 */
export const NATIONAL_INSURANCE_NUMBER = {
  pattern: '^(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z][0-9]{6}[A-D]$',
  message: 'a National Insurance number looks like QQ123456C (HMRC format: two letters, six digits, A to D; no spaces)',
} as const;

/** The portrait photo: a JPEG, as a `data:` URL, at most 50 KB once decoded. */
export const PORTRAIT = {
  mediaType: 'image/jpeg',
  dataUrlPrefix: 'data:image/jpeg;base64,',
  maxBytes: 50 * 1024,
  // The prefix, then base64 whose first bytes are a JPEG's start-of-image marker (FF D8 FF,
  // base64 "/9j/"), in whole quartets.
  pattern: '^data:image/jpeg;base64,/9j/(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$',
  message: 'must be a JPEG photo written as a data URL, data:image/jpeg;base64,/9j/...',
} as const;

/** Where this module's values come from. */
export const IDENTITY_ATTRIBUTES_SOURCE = 'HMRC, National Insurance Manual NIM39110 (National Insurance number format); DOMAIN.md, Identity (portrait: JPEG, at most 50 KB)';
