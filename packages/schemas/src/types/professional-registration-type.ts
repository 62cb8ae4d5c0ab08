import type { SchemaIssue } from '../lib/catalogue-types.js';
import { EMPLOYMENT_CHECK_LABELS } from '../lib/common-defs.js';
import { dayOf, earliestDate, endOfDay } from '../lib/dates.js';
import { defineCredentialType } from '../lib/define-credential-type.js';
import { REGULATORS, type RegulatorDefinition } from '../reference/regulators.js';
import { addMonths } from '../rules/add-months.js';
import { EXAMPLE_ATTRIBUTE_METADATA } from './example-metadata.js';
import { PROFESSIONAL_REGISTRATION_VERSION, professionalRegistrationSchema, type ProfessionalRegistrationSubject } from './professional-registration.js';

/** The ProfessionalRegistration entry of the catalogue. */
export const professionalRegistrationType = defineCredentialType<ProfessionalRegistrationSubject>({
  type: 'ProfessionalRegistration',
  slug: 'professional-registration',
  version: PROFESSIONAL_REGISTRATION_VERSION,
  schema: professionalRegistrationSchema,
  labels: {
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
  },
  disclosable: ['registration.annotations', 'registration.registeredOn', 'registration.renewalDueOn', 'registration.revalidationDueOn', 'check.evidenceReferences'],
  rules: [
    ...Object.entries(REGULATORS as Record<string, RegulatorDefinition>).map(([code, r]) => ({ code: 'pattern', rule: `${code} numbers: ${r.numberMessage}.` })),
    { code: 'due_beyond_cycle', rule: "Revalidation (GMC 5 years, NMC 3 years) and renewal (HCPC 2 years) fall within the regulator's cycle from the check." },
    { code: 'date_order', rule: 'Renewal and revalidation dates fall after the registration date.' },
  ],
  derives: ['check.nextReviewOn: the earlier of the renewal and revalidation dates', 'validUntil: the end of the renewal day, when given (an unrenewed registration lapses)'],
  checkRules(subject): SchemaIssue[] {
    const r = subject.registration;
    const regulator: RegulatorDefinition = REGULATORS[r.regulator];
    const checkedOn = dayOf(subject.check.checkedAt);
    const issues: SchemaIssue[] = [];
    const cycles = [
      ['revalidationDueOn', regulator.revalidationMonths, 'revalidation'],
      ['renewalDueOn', regulator.renewalMonths, 'renewal'],
    ] as const;
    for (const [field, months, what] of cycles) {
      const due = r[field];
      if (due !== undefined && months !== undefined && due > addMonths(checkedOn, months)) {
        issues.push({
          path: `credentialSubject.registration.${field}`,
          code: 'due_beyond_cycle',
          message: `${r.regulator} ${what} comes every ${months / 12} years: must be on or before ${addMonths(checkedOn, months)}`,
        });
      }
      if (due !== undefined && r.registeredOn !== undefined && due <= r.registeredOn) {
        issues.push({ path: `credentialSubject.registration.${field}`, code: 'date_order', message: 'must be after the registration date' });
      }
    }
    return issues;
  },
  derive(subject) {
    const { renewalDueOn, revalidationDueOn } = subject.registration;
    const nextReviewOn = earliestDate([renewalDueOn, revalidationDueOn]);
    const credentialSubject = nextReviewOn === undefined ? subject : { ...subject, check: { ...subject.check, nextReviewOn } };
    return { credentialSubject, ...(renewalDueOn === undefined ? {} : { validUntil: endOfDay(renewalDueOn) }) };
  },
  exampleSubject: {
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
  },
});
