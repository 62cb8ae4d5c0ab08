import type { SchemaIssue } from '../lib/catalogue-types.js';
import { endOfDay } from '../lib/dates.js';
import { defineCredentialType } from '../lib/define-credential-type.js';
import { EXAMPLE_ATTRIBUTE_METADATA } from './example-metadata.js';
import { TRAINING_PLACEMENT_VERSION, trainingPlacementSchema, type TrainingPlacementSubject } from './training-placement.js';

/** The TrainingPlacement entry of the catalogue. */
export const trainingPlacementType = defineCredentialType<TrainingPlacementSubject>({
  type: 'TrainingPlacement',
  slug: 'training-placement',
  version: TRAINING_PLACEMENT_VERSION,
  schema: trainingPlacementSchema,
  labels: {
    placement: 'Training placement',
    'placement.programmeName': 'Programme',
    'placement.specialty': 'Specialty',
    'placement.grade': 'Grade',
    'placement.nationalPostNumber': 'National post number',
    'placement.employingBody': 'Employing body',
    'placement.employingBody.organisationName': 'Name',
    'placement.employingBody.odsCode': 'ODS code',
    'placement.site': 'Site',
    'placement.site.organisationName': 'Name',
    'placement.site.odsCode': 'ODS code',
    'placement.fte': 'Whole-time equivalent',
    'placement.startOn': 'Starts on',
    'placement.endOn': 'Ends on',
  },
  disclosable: ['placement.programmeName', 'placement.nationalPostNumber', 'placement.fte'],
  rules: [{ code: 'date_order', rule: 'The placement ends after it starts.' }],
  derives: ['validUntil: the end of the placement end day'],
  checkRules(subject): SchemaIssue[] {
    const p = subject.placement;
    return p.endOn <= p.startOn ? [{ path: 'credentialSubject.placement.endOn', code: 'date_order', message: 'must be after the start date' }] : [];
  },
  derive(subject) {
    return { credentialSubject: subject, validUntil: endOfDay(subject.placement.endOn) };
  },
  exampleSubject: {
    id: '{holderDid}',
    placement: {
      programmeName: 'Core Surgical Training',
      specialty: 'General Surgery',
      grade: 'CT2',
      nationalPostNumber: 'SWP/RZZ01/040/CT2/001',
      employingBody: { organisationName: 'Demo Valley NHS Trust', odsCode: 'RZZ' },
      site: { organisationName: 'Demo Valley General Hospital', odsCode: 'RZZ01' },
      fte: 1,
      startOn: '2026-08-05',
      endOn: '2027-02-02',
    },
    attributeMetadata: { ...EXAMPLE_ATTRIBUTE_METADATA, origin: 'NHS England', provider: 'NHS England', verificationMethod: 'Placement record', lastRefresh: '2026-08-01' },
  },
});
