import type { SchemaIssue } from '../lib/catalogue-types.js';
import { EMPLOYMENT_CHECK_LABELS } from '../lib/common-defs.js';
import { dayOf, endOfDay } from '../lib/dates.js';
import { defineCredentialType } from '../lib/define-credential-type.js';
import { GPG45_LEVELS } from '../reference/gpg45.js';
import { EXAMPLE_ATTRIBUTE_METADATA } from './example-metadata.js';
import { IDENTITY_VERIFICATION_VERSION, identityVerificationSchema, type IdentityVerificationSubject } from './identity-verification.js';

/** The IdentityVerification entry of the catalogue. */
export const identityVerificationType = defineCredentialType<IdentityVerificationSubject>({
  type: 'IdentityVerification',
  slug: 'identity-verification',
  version: IDENTITY_VERIFICATION_VERSION,
  schema: identityVerificationSchema,
  labels: {
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
  },
  disclosable: ['identity.profile', 'identity.idsp', 'identity.photoDocument', 'identity.verifiedAt', 'check.evidenceReferences'],
  rules: [
    { code: 'required', rule: 'An IDSP check (method idsp) names the IDSP, its certificate and the GPG 45 profile.' },
    { code: 'profile_level_mismatch', rule: 'The GPG 45 profile must belong to the confidence level (M1A is medium).' },
    { code: 'date_order', rule: 'reverifyBy must be after the day identity was verified.' },
  ],
  derives: ['check.nextReviewOn: reverifyBy, when given', 'validUntil: the end of the reverifyBy day, when given'],
  checkRules(subject): SchemaIssue[] {
    const id = subject.identity;
    const issues: SchemaIssue[] = [];
    const prefix = GPG45_LEVELS[id.confidenceLevel].profilePrefix;
    if (id.profile !== undefined && !id.profile.startsWith(prefix)) {
      issues.push({ path: 'credentialSubject.identity.profile', code: 'profile_level_mismatch', message: `a ${id.confidenceLevel} profile starts with ${prefix}` });
    }
    if (id.reverifyBy !== undefined && id.reverifyBy <= dayOf(id.verifiedAt)) {
      issues.push({ path: 'credentialSubject.identity.reverifyBy', code: 'date_order', message: 'must be after the day identity was verified' });
    }
    return issues;
  },
  derive(subject) {
    const { reverifyBy } = subject.identity;
    if (reverifyBy === undefined) return { credentialSubject: subject };
    return { credentialSubject: { ...subject, check: { ...subject.check, nextReviewOn: reverifyBy } }, validUntil: endOfDay(reverifyBy) };
  },
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
