import type { SharePresentationOptions } from './share-presentation.js';
import type { SharePreview } from './share-preview.js';
import { planShare } from './lib/plan-share.js';

/** One claim that would leave the device. */
export interface DisclosedClaim {
  /** As the sharing log records it (`credentialSubject.person.familyName`). */
  path: string;
  /** The verifier asked for it (the others go because the credential always shares them). */
  asked: boolean;
  /** Personal data: who the person is (the identity credential's names, date of birth, NI number, portrait). */
  personal: boolean;
}

/** One credential a share would present, and every claim that would leave the device with it. */
export interface DisclosurePreview {
  queryId: string;
  credentialId: string;
  credentialTypes: string[];
  claims: DisclosedClaim[];
}

// IdentityVerification 2.0.0 carries who the person is under `person`.
const PERSONAL = 'credentialSubject.person';
const isPersonal = (path: string) => path === PERSONAL || path.startsWith(`${PERSONAL}.`);

/**
 * Exactly what {@link sharePresentation} would send with the same options, credential by
 * credential, without sending anything: each claim that would leave the device (asked for, or
 * always shared by the credential), marked when it was not asked for and when it is personal
 * data. The sharing log records the same, so what was shown is what was sent.
 *
 * @example
 * for (const c of await previewDisclosures(preview, { choices })) console.log(c.credentialTypes[0], c.claims.map((x) => x.path));
 * @throws PassportError `ERR_WALLET_NO_MATCH`, `ERR_WALLET_REQUEST_INVALID` (a bad choice), as sharing would.
 */
export async function previewDisclosures(preview: SharePreview, options: SharePresentationOptions = {}): Promise<DisclosurePreview[]> {
  const planned = await planShare(preview, options.choices ?? {}, options.partial === true);
  return planned.map((p) => ({
    queryId: p.query.queryId,
    credentialId: p.credential.id,
    credentialTypes: [...p.credential.types],
    claims: p.logPaths.map((path) => ({ path, asked: p.askedPaths.includes(path), personal: isPersonal(path) })),
  }));
}
