import type { CredentialTypeDefinition } from '../lib/catalogue-types.js';
import { CSTF_SUBJECTS, type CstfSubjectCode } from '../reference/cstf.js';
import { REGULATORS } from '../reference/regulators.js';
import { getChoiceTitles } from './get-choice-titles.js';

function objectAt(subject: Readonly<Record<string, unknown>>, name: string): Readonly<Record<string, unknown>> {
  const value = subject[name];
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

const CSTF_CODES = Object.keys(CSTF_SUBJECTS) as CstfSubjectCode[];

/**
 * The title a person reads for one credential: what it is about when its claims say so (a
 * training record by its CSTF subject and level, "Fire safety, level 1"; a registration by its
 * regulator, "NMC registration"), otherwise the catalogue type's title ("DBS check"). Claims that
 * are missing or not in the reference data give the type's title.
 *
 * @example
 * getCredentialTitle(getCredentialType('TrainingRecord')!, { training: { subject: 'fire_safety', level: 1 } }); // 'Fire safety, level 1'
 * getCredentialTitle(getCredentialType('DbsCheck')!, subject); // 'DBS check'
 */
export function getCredentialTitle(definition: CredentialTypeDefinition, subject: Readonly<Record<string, unknown>>): string {
  if (definition.type === 'TrainingRecord') {
    const training = objectAt(subject, 'training');
    const at = CSTF_CODES.indexOf(training['subject'] as CstfSubjectCode);
    if (at >= 0) {
      const name = getChoiceTitles(CSTF_CODES)[at]!;
      return typeof training['level'] === 'number' ? `${name}, level ${training['level']}` : name;
    }
  }
  if (definition.type === 'ProfessionalRegistration') {
    const regulator = objectAt(subject, 'registration')['regulator'];
    if (typeof regulator === 'string' && Object.hasOwn(REGULATORS, regulator)) return `${regulator} registration`;
  }
  return definition.title;
}
