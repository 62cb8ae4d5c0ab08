import { defineCredentialType } from '../lib/define-credential-type.js';
import { REGULATORS } from '../reference/regulators.js';
import { PROFESSIONAL_REGISTRATION_VERSION, professionalRegistrationSchema, type ProfessionalRegistrationSubject } from './professional-registration.js';
import { REGISTRATION_DERIVES, REGISTRATION_EXAMPLE_1_0_0, REGISTRATION_LABELS_1_0_0, deriveRegistration, registrationCycleIssues, registrationRules } from './professional-registration-1-0-0-type.js';

/** The ProfessionalRegistration entry of the catalogue (2.0.0). */
export const professionalRegistrationType = defineCredentialType<ProfessionalRegistrationSubject>({
  type: 'ProfessionalRegistration',
  slug: 'professional-registration',
  version: PROFESSIONAL_REGISTRATION_VERSION,
  schema: professionalRegistrationSchema,
  labels: { ...REGISTRATION_LABELS_1_0_0, 'registration.licenceToPractise': 'Licence to practise (GMC)' },
  disclosable: ['registration.annotations', 'registration.registeredOn', 'registration.renewalDueOn', 'registration.revalidationDueOn', 'check.evidenceReferences'],
  rules: [
    ...registrationRules(REGULATORS, 'GMC 5 years, NMC 3 years, HCPC renewal 2 years, GPhC and Social Work England renewal every year'),
    { code: 'required', rule: 'A GMC registration says whether the doctor holds a licence to practise.' },
  ],
  derives: REGISTRATION_DERIVES,
  checkRules: (subject) => registrationCycleIssues(subject, REGULATORS),
  derive: deriveRegistration,
  // The 1.0.0 example (an NMC nurse) is a valid 2.0.0 subject: the NMC's format and statuses did not change.
  exampleSubject: REGISTRATION_EXAMPLE_1_0_0,
});
