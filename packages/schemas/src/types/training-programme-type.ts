import type { SchemaIssue } from '../lib/catalogue-types.js';
import { endOfDay } from '../lib/dates.js';
import { defineCredentialType } from '../lib/define-credential-type.js';
import { EXAMPLE_ATTRIBUTE_METADATA } from './example-metadata.js';
import { TRAINING_PROGRAMME_VERSION, trainingProgrammeSchema, type TrainingProgrammeSubject } from './training-programme.js';

/** The TrainingProgramme entry of the catalogue. */
export const trainingProgrammeType = defineCredentialType<TrainingProgrammeSubject>({
  type: 'TrainingProgramme',
  slug: 'training-programme',
  version: TRAINING_PROGRAMME_VERSION,
  schema: trainingProgrammeSchema,
  labels: {
    programme: 'Training programme',
    'programme.programmeName': 'Programme',
    'programme.specialty': 'Specialty',
    'programme.localOffice': 'Local office',
    'programme.trainingNumber': 'National training number',
    'programme.startOn': 'Started on',
    'programme.endOn': 'Ends on',
  },
  disclosable: ['programme.trainingNumber', 'programme.localOffice', 'programme.startOn'],
  rules: [{ code: 'date_order', rule: 'The programme ends after it starts.' }],
  derives: ['validUntil: the end of the programme end day'],
  checkRules(subject): SchemaIssue[] {
    const p = subject.programme;
    return p.endOn <= p.startOn ? [{ path: 'credentialSubject.programme.endOn', code: 'date_order', message: 'must be after the start date' }] : [];
  },
  derive(subject) {
    return { credentialSubject: subject, validUntil: endOfDay(subject.programme.endOn) };
  },
  exampleSubject: {
    id: '{holderDid}',
    programme: {
      programmeName: 'Core Surgical Training',
      specialty: 'Core Surgical Training',
      localOffice: 'NHS England South West',
      trainingNumber: 'SWP/040/001/C',
      startOn: '2025-08-06',
      endOn: '2027-08-03',
    },
    attributeMetadata: { ...EXAMPLE_ATTRIBUTE_METADATA, origin: 'NHS England', provider: 'NHS England', verificationMethod: 'Training programme record', lastRefresh: '2026-08-01' },
  },
});
