import type { CredentialTypeDefinition } from './lib/catalogue-types.js';
import { indexCatalogue } from './lib/index-catalogue.js';
import { dbsCheckType_1_0_0 } from './types/dbs-check-1-0-0-type.js';
import { dbsCheckType } from './types/dbs-check-type.js';
import { employmentAssignmentType } from './types/employment-assignment-type.js';
import { employmentHistoryType } from './types/employment-history-type.js';
import { employmentReferenceType } from './types/employment-reference-type.js';
import { identityVerificationType_1_0_0 } from './types/identity-verification-1-0-0-type.js';
import { identityVerificationType } from './types/identity-verification-type.js';
import { occupationalHealthClearanceType } from './types/occupational-health-clearance-type.js';
import { professionalRegistrationType_1_0_0 } from './types/professional-registration-1-0-0-type.js';
import { professionalRegistrationType } from './types/professional-registration-type.js';
import { rightToWorkType } from './types/right-to-work-type.js';
import { roleCompetenceType } from './types/role-competence-type.js';
import { trainingCompletionType } from './types/training-completion-type.js';
import { trainingPlacementType } from './types/training-placement-type.js';
import { trainingProgrammeType } from './types/training-programme-type.js';
import { trainingRecordType_1_0_0 } from './types/training-record-1-0-0-type.js';
import { trainingRecordType } from './types/training-record-type.js';
import { trainingSummaryType_1_0_0 } from './types/training-summary-1-0-0-type.js';
import { trainingSummaryType } from './types/training-summary-type.js';

/**
 * Every credential type the staff passport knows, newest version of each first. A verifier
 * accepts every version listed here: when a type gets a new version, the older entry stays in
 * the list after it (see docs/credentials.md, "Versioning").
 */
export const CATALOGUE: readonly CredentialTypeDefinition[] = [
  // The six NHS Employment Check Standards.
  identityVerificationType,
  identityVerificationType_1_0_0,
  rightToWorkType,
  professionalRegistrationType,
  professionalRegistrationType_1_0_0,
  employmentHistoryType,
  employmentReferenceType,
  dbsCheckType,
  dbsCheckType_1_0_0,
  occupationalHealthClearanceType,
  // Employment.
  employmentAssignmentType,
  // Training and competence.
  trainingRecordType,
  trainingRecordType_1_0_0,
  trainingSummaryType,
  trainingSummaryType_1_0_0,
  trainingCompletionType,
  roleCompetenceType,
  // Doctors in training.
  trainingProgrammeType,
  trainingPlacementType,
];

const index = indexCatalogue(CATALOGUE);

/**
 * The newest catalogue entry for a VC type name, or undefined.
 *
 * @example
 * getCredentialType('TrainingRecord')?.schemaId
 */
export function getCredentialType(type: string): CredentialTypeDefinition | undefined {
  return index.byType(type);
}

/**
 * The catalogue entry whose schema has this `$id` (any version kept), or undefined.
 *
 * @example
 * getCredentialTypeBySchemaId('https://w3id.org/staff-passport/schemas/training-record/1.0.0')?.type // 'TrainingRecord'
 */
export function getCredentialTypeBySchemaId(schemaId: string): CredentialTypeDefinition | undefined {
  return index.bySchemaId(schemaId);
}

/**
 * The catalogue entry with this SD-JWT VC `vct`, or undefined.
 *
 * @example
 * getCredentialTypeByVct('https://w3id.org/staff-passport/vct/training-record/1.0.0')?.type // 'TrainingRecord'
 */
export function getCredentialTypeByVct(vct: string): CredentialTypeDefinition | undefined {
  return CATALOGUE.find((d) => d.vct === vct);
}

/**
 * The catalogue types named in a credential's `type` (anything but `VerifiableCredential`), newest version.
 *
 * @example
 * findCatalogueTypes(['VerifiableCredential', 'TrainingRecord']) // [trainingRecordType]
 */
export function findCatalogueTypes(type: unknown): CredentialTypeDefinition[] {
  const names = Array.isArray(type) ? type : [type];
  return names.flatMap((name) => (typeof name === 'string' ? (index.byType(name) ?? []) : []));
}
