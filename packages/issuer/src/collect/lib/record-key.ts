import { isObject } from '@staff-passport/core';

function text(value: unknown): string | undefined {
  return typeof value === 'string' || typeof value === 'number' ? String(value).trim().toLowerCase() : undefined;
}

/**
 * What identifies the record a credential is of, for renewal (issue 19 item 3): a training
 * record by its competence (CSTF subject and level, or the ESR competence name), a registration
 * by its register and number. Undefined for credentials that are not renewed this way.
 */
export function recordKeyOf(type: string, subject: Record<string, unknown>): string | undefined {
  const training = subject['training'];
  if (type === 'TrainingRecord' && isObject(training)) {
    const competence = text(training['subject']) ?? text(training['esrCompetence']);
    return competence === undefined ? undefined : `${type}|${competence}|${text(training['level']) ?? ''}`;
  }
  const registration = subject['registration'];
  if (isObject(registration)) {
    const number = text(registration['number']) ?? text(registration['registrationNumber']);
    return number === undefined ? undefined : `${type}|${text(registration['register']) ?? text(registration['regulator']) ?? ''}|${number}`;
  }
  return undefined;
}
