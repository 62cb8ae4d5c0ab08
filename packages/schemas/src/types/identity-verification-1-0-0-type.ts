/** The IdentityVerification 1.0.0 entry of the catalogue, frozen (see identity-verification-1-0-0.ts). */
import type { RuleDescription, SchemaIssue } from '../lib/catalogue-types.js';
import { EMPLOYMENT_CHECK_LABELS } from '../lib/common-defs.js';
import { dayOf, endOfDay } from '../lib/dates.js';
import { defineCredentialType } from '../lib/define-credential-type.js';
import { GPG45_LEVELS, type Gpg45Level } from '../reference/gpg45.js';
import { EXAMPLE_ATTRIBUTE_METADATA } from './example-metadata.js';
import { IDENTITY_VERIFICATION_VERSION_1_0_0, identityVerificationSchema_1_0_0, type IdentityVerificationSubject_1_0_0 } from './identity-verification-1-0-0.js';

/** The labels of the identity claims 1.0.0 has, the same in later versions. */
export const IDENTITY_LABELS_1_0_0 = {
  identity: 'Identity',
  'identity.method': 'Method',
  'identity.confidenceLevel': 'GPG 45 confidence level',
  'identity.profile': 'GPG 45 profile',
  'identity.idsp': 'Identity service provider',
  'identity.idsp.providerName': 'Provider',
  'identity.idsp.certificate': 'Trust framework certificate',
  'identity.photoDocument': 'Photo document relied on',
  'identity.photoDocument.documentKind': 'Kind',
  'identity.photoDocument.issuingCountry': 'Issuing country',
  'identity.photoDocument.documentExpiresOn': 'Expires on',
  'identity.verifiedAt': 'Verified at',
  'identity.reverifyBy': 'Re-verify by',
  ...EMPLOYMENT_CHECK_LABELS,
} as const;

/** The rules 1.0.0 has, the same in later versions. */
export const IDENTITY_RULES_1_0_0: readonly RuleDescription[] = [
  { code: 'required', rule: 'An IDSP check (method idsp) names the IDSP, its certificate and the GPG 45 profile.' },
  { code: 'profile_level_mismatch', rule: 'The GPG 45 profile must belong to the confidence level (M1A is medium).' },
  { code: 'date_order', rule: 'reverifyBy must be after the day identity was verified.' },
];

/** The identity claims every version's rules read. */
interface IdentityDates {
  confidenceLevel: Gpg45Level;
  profile?: string;
  verifiedAt: string;
  reverifyBy?: string;
}

/** The problems {@link IDENTITY_RULES_1_0_0} describe, for any version's identity block. */
export function identityRuleIssues(id: IdentityDates): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  const prefix = GPG45_LEVELS[id.confidenceLevel].profilePrefix;
  if (id.profile !== undefined && !id.profile.startsWith(prefix)) {
    issues.push({ path: 'credentialSubject.identity.profile', code: 'profile_level_mismatch', message: `a ${id.confidenceLevel} profile starts with ${prefix}` });
  }
  if (id.reverifyBy !== undefined && id.reverifyBy <= dayOf(id.verifiedAt)) {
    issues.push({ path: 'credentialSubject.identity.reverifyBy', code: 'date_order', message: 'must be after the day identity was verified' });
  }
  return issues;
}

/** What the issuer derives, in every version: the review date and validity from reverifyBy. */
export const IDENTITY_DERIVES = ['check.nextReviewOn: reverifyBy, when given', 'validUntil: the end of the reverifyBy day, when given'];

/** {@link IDENTITY_DERIVES}, for any version's subject. */
export function deriveIdentity<S extends { identity: { reverifyBy?: string }; check: object }>(subject: S): { credentialSubject: S; validUntil?: string } {
  const { reverifyBy } = subject.identity;
  if (reverifyBy === undefined) return { credentialSubject: subject };
  return { credentialSubject: { ...subject, check: { ...subject.check, nextReviewOn: reverifyBy } }, validUntil: endOfDay(reverifyBy) };
}

/** The IdentityVerification 1.0.0 entry of the catalogue. */
export const identityVerificationType_1_0_0 = defineCredentialType<IdentityVerificationSubject_1_0_0>({
  type: 'IdentityVerification',
  slug: 'identity-verification',
  version: IDENTITY_VERIFICATION_VERSION_1_0_0,
  schema: identityVerificationSchema_1_0_0,
  labels: IDENTITY_LABELS_1_0_0,
  disclosable: ['identity.profile', 'identity.idsp', 'identity.photoDocument', 'identity.verifiedAt', 'check.evidenceReferences'],
  rules: IDENTITY_RULES_1_0_0,
  derives: IDENTITY_DERIVES,
  checkRules: (subject) => identityRuleIssues(subject.identity),
  derive: deriveIdentity,
  exampleSubject: {
    id: '{holderDid}',
    identity: {
      method: 'idsp',
      confidenceLevel: 'medium',
      profile: 'M1B',
      idsp: { providerName: 'Example Identity Ltd', certificate: 'DIATF-CERT-0042' },
      photoDocument: { documentKind: 'passport', issuingCountry: 'GBR', documentExpiresOn: '2031-04-30' },
      verifiedAt: '2026-10-01T10:15:00Z',
      reverifyBy: '2029-10-01',
    },
    check: { standard: 'identity', standardVersion: '2024', checkedBy: 'Demo Valley NHS Trust HR', checkedAt: '2026-10-01T11:00:00Z', evidenceReferences: ['IDSP-RESULT-7781'] },
    attributeMetadata: { ...EXAMPLE_ATTRIBUTE_METADATA, origin: 'Example Identity Ltd', verifier: 'Origin', verificationMethod: 'IDSP check under the DIATF', lastRefresh: '2026-10-01' },
  },
});
