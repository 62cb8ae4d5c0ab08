/** The ProfessionalRegistration 1.0.0 entry of the catalogue, frozen (see professional-registration-1-0-0.ts). */
import type { SchemaIssue } from '../lib/catalogue-types.js';
import { EMPLOYMENT_CHECK_LABELS } from '../lib/common-defs.js';
import { dayOf, earliestDate, endOfDay } from '../lib/dates.js';
import { defineCredentialType } from '../lib/define-credential-type.js';
import { addMonths } from '../rules/add-months.js';
import { EXAMPLE_ATTRIBUTE_METADATA } from './example-metadata.js';
import {
  PROFESSIONAL_REGISTRATION_VERSION_1_0_0,
  REGULATORS_1_0_0,
  professionalRegistrationSchema_1_0_0,
  type ProfessionalRegistrationSubject_1_0_0,
  type RegulatorNumberRules,
} from './professional-registration-1-0-0.js';

/** The labels of the registration claims 1.0.0 has, the same in later versions. */
export const REGISTRATION_LABELS_1_0_0 = {
  registration: 'Registration',
  'registration.regulator': 'Regulator',
  'registration.number': 'Registration number',
  'registration.registerPart': 'Part of the register',
  'registration.status': 'Status',
  'registration.annotations': 'Annotations',
  'registration.registeredOn': 'Registered on',
  'registration.renewalDueOn': 'Renewal due on',
  'registration.revalidationDueOn': 'Revalidation due on',
  'registration.source': 'Register consulted',
  ...EMPLOYMENT_CHECK_LABELS,
} as const;

/** The claims a version's cycle rules read. */
interface RegistrationDates {
  registration: { regulator: string; registeredOn?: string; renewalDueOn?: string; revalidationDueOn?: string };
  check: { checkedAt: string };
}

/** The rules of a version's regulator table: number formats, cycles and date order. */
export function registrationRules(regulators: Readonly<Record<string, RegulatorNumberRules>>, cycles: string) {
  return [
    ...Object.entries(regulators).map(([code, r]) => ({ code: 'pattern', rule: `${code} numbers: ${r.numberMessage}.` })),
    { code: 'due_beyond_cycle', rule: `Revalidation and renewal fall within the regulator's cycle from the check (${cycles}).` },
    { code: 'date_order', rule: 'Renewal and revalidation dates fall after the registration date.' },
  ];
}

/** The problems of `due_beyond_cycle` and `date_order`, against a version's regulator table. */
export function registrationCycleIssues(subject: RegistrationDates, regulators: Readonly<Record<string, RegulatorNumberRules>>): SchemaIssue[] {
  const r = subject.registration;
  const regulator = regulators[r.regulator];
  const checkedOn = dayOf(subject.check.checkedAt);
  const issues: SchemaIssue[] = [];
  const cycles = [
    ['revalidationDueOn', regulator?.revalidationMonths, 'revalidation'],
    ['renewalDueOn', regulator?.renewalMonths, 'renewal'],
  ] as const;
  for (const [field, months, what] of cycles) {
    const due = r[field];
    if (due !== undefined && months !== undefined && due > addMonths(checkedOn, months)) {
      const every = months % 12 === 0 ? `${months / 12} year${months === 12 ? '' : 's'}` : `${months} months`;
      issues.push({ path: `credentialSubject.registration.${field}`, code: 'due_beyond_cycle', message: `${r.regulator} ${what} comes every ${every}: must be on or before ${addMonths(checkedOn, months)}` });
    }
    if (due !== undefined && r.registeredOn !== undefined && due <= r.registeredOn) {
      issues.push({ path: `credentialSubject.registration.${field}`, code: 'date_order', message: 'must be after the registration date' });
    }
  }
  return issues;
}

/** What the issuer derives, in every version. */
export const REGISTRATION_DERIVES = ['check.nextReviewOn: the earlier of the renewal and revalidation dates', 'validUntil: the end of the renewal day, when given (an unrenewed registration lapses)'];

/** {@link REGISTRATION_DERIVES}, for any version's subject. */
export function deriveRegistration<S extends { registration: { renewalDueOn?: string; revalidationDueOn?: string }; check: object }>(subject: S): { credentialSubject: S; validUntil?: string } {
  const { renewalDueOn, revalidationDueOn } = subject.registration;
  const nextReviewOn = earliestDate([renewalDueOn, revalidationDueOn]);
  const credentialSubject = nextReviewOn === undefined ? subject : { ...subject, check: { ...subject.check, nextReviewOn } };
  return { credentialSubject, ...(renewalDueOn === undefined ? {} : { validUntil: endOfDay(renewalDueOn) }) };
}

/** The example subject of 1.0.0, valid under later versions too (an NMC nurse). */
export const REGISTRATION_EXAMPLE_1_0_0: ProfessionalRegistrationSubject_1_0_0 = {
  id: '{holderDid}',
  registration: {
    regulator: 'NMC',
    number: '12A3456E',
    registerPart: 'Registered Nurse - Adult',
    status: 'registered',
    annotations: ['V300 independent and supplementary prescriber'],
    registeredOn: '2019-09-02',
    renewalDueOn: '2027-08-31',
    revalidationDueOn: '2028-08-31',
    source: 'NMC online register',
  },
  check: { standard: 'professional_registration', standardVersion: '2024', checkedBy: 'Demo Valley NHS Trust HR', checkedAt: '2026-10-02T09:00:00Z' },
  attributeMetadata: { ...EXAMPLE_ATTRIBUTE_METADATA, origin: 'NMC', verifier: 'Provider', verificationMethod: 'Online register search', lastRefresh: '2026-10-02' },
};

/** The ProfessionalRegistration 1.0.0 entry of the catalogue. */
export const professionalRegistrationType_1_0_0 = defineCredentialType<ProfessionalRegistrationSubject_1_0_0>({
  type: 'ProfessionalRegistration',
  slug: 'professional-registration',
  version: PROFESSIONAL_REGISTRATION_VERSION_1_0_0,
  schema: professionalRegistrationSchema_1_0_0,
  labels: REGISTRATION_LABELS_1_0_0,
  disclosable: ['registration.annotations', 'registration.registeredOn', 'registration.renewalDueOn', 'registration.revalidationDueOn', 'check.evidenceReferences'],
  rules: registrationRules(REGULATORS_1_0_0, 'GMC 5 years, NMC 3 years, HCPC renewal 2 years'),
  derives: REGISTRATION_DERIVES,
  checkRules: (subject) => registrationCycleIssues(subject, REGULATORS_1_0_0),
  derive: deriveRegistration,
  exampleSubject: REGISTRATION_EXAMPLE_1_0_0,
});
