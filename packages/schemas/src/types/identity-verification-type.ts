import type { SchemaIssue } from '../lib/catalogue-types.js';
import { defineCredentialType } from '../lib/define-credential-type.js';
import { PORTRAIT } from '../reference/identity-attributes.js';
import { EXAMPLE_ATTRIBUTE_METADATA } from './example-metadata.js';
import { EXAMPLE_PORTRAIT } from './example-portrait.js';
import { IDENTITY_VERIFICATION_VERSION, identityVerificationSchema, type IdentityVerificationSubject } from './identity-verification.js';
import { IDENTITY_DERIVES, IDENTITY_LABELS_1_0_0, IDENTITY_RULES_1_0_0, deriveIdentity, identityRuleIssues } from './identity-verification-1-0-0-type.js';

/** The bytes a base64 text decodes to (whole quartets, `=` padding). */
function decodedLength(base64: string): number {
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
  return (base64.length / 4) * 3 - padding;
}

/** The IdentityVerification entry of the catalogue (2.0.0). */
export const identityVerificationType = defineCredentialType<IdentityVerificationSubject>({
  type: 'IdentityVerification',
  slug: 'identity-verification',
  version: IDENTITY_VERIFICATION_VERSION,
  schema: identityVerificationSchema,
  labels: {
    person: 'Person',
    'person.givenName': 'Given name',
    'person.familyName': 'Family name',
    'person.birthDate': 'Date of birth',
    'person.nationalInsuranceNumber': 'National Insurance number',
    'person.portrait': 'Photo',
    ...IDENTITY_LABELS_1_0_0,
    'identity.idsp.certificate': 'DVS certificate',
    'identity.idsp.frameworkVersion': 'DVS trust framework version',
    'identity.idsp.registerEntry': 'DVS register entry',
    'identity.originalsSeenInPersonOn': 'Originals seen in person on',
  },
  // Who the person is leaves the wallet only when the holder agrees, claim by claim.
  disclosable: [
    'person.givenName',
    'person.familyName',
    'person.birthDate',
    'person.nationalInsuranceNumber',
    'person.portrait',
    'identity.profile',
    'identity.idsp',
    'identity.photoDocument',
    'identity.verifiedAt',
    'check.evidenceReferences',
  ],
  rules: [
    { code: 'required', rule: 'An IDSP check (method idsp) names the IDSP, its DVS certificate, framework version and register entry, and the GPG 45 profile.' },
    ...IDENTITY_RULES_1_0_0.slice(1),
    { code: 'portrait_too_large', rule: `The portrait is a JPEG of at most ${PORTRAIT.maxBytes / 1024} KB (${PORTRAIT.maxBytes} bytes) once decoded.` },
  ],
  derives: IDENTITY_DERIVES,
  checkRules(subject): SchemaIssue[] {
    const issues = identityRuleIssues(subject.identity);
    const bytes = decodedLength(subject.person.portrait.slice(PORTRAIT.dataUrlPrefix.length));
    if (bytes > PORTRAIT.maxBytes) {
      issues.push({ path: 'credentialSubject.person.portrait', code: 'portrait_too_large', message: `is ${bytes} bytes; a portrait is at most ${PORTRAIT.maxBytes / 1024} KB (${PORTRAIT.maxBytes} bytes)` });
    }
    return issues;
  },
  derive: deriveIdentity,
  exampleSubject: {
    id: '{holderDid}',
    person: { givenName: 'Amira', familyName: 'Okafor', birthDate: '1994-03-17', nationalInsuranceNumber: 'AB123456C', portrait: EXAMPLE_PORTRAIT },
    identity: {
      method: 'idsp',
      confidenceLevel: 'medium',
      profile: 'M1B',
      idsp: { providerName: 'Example Identity Ltd', certificate: 'DVS-CERT-0042', frameworkVersion: '1.0', registerEntry: 'DVS-REGISTER-0042' },
      photoDocument: { documentKind: 'passport', issuingCountry: 'GBR', documentExpiresOn: '2031-04-30' },
      verifiedAt: '2026-10-01T10:15:00Z',
      reverifyBy: '2029-10-01',
      originalsSeenInPersonOn: '2026-10-05',
    },
    check: { standard: 'identity', standardVersion: '2024', checkedBy: 'Demo Valley NHS Trust HR', checkedAt: '2026-10-01T11:00:00Z', evidenceReferences: ['IDSP-RESULT-7781'] },
    attributeMetadata: { ...EXAMPLE_ATTRIBUTE_METADATA, origin: 'Example Identity Ltd', verifier: 'Origin', verificationMethod: 'IDSP check under the DVS trust framework', lastRefresh: '2026-10-01' },
  },
});
