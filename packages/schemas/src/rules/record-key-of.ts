// Which record a credential is of, so that a renewal replaces what it renews: the issuer
// supersedes the earlier offer or credential of the same record for the same person (issue 19
// item 3), and a wallet that collects the renewal moves the one it held to its history. One
// function, so both sides agree on what "the same record" means.

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' || typeof value === 'number' ? String(value).trim().toLowerCase() : undefined;
}

/**
 * What identifies the record a credential is of: a training record by its competence (CSTF
 * subject and level, or the ESR competence name), a registration by its register and number.
 * Undefined for credentials that are not renewed this way.
 *
 * @example
 * recordKeyOf('TrainingRecord', { training: { subject: 'fire_safety', level: 1 } }); // 'TrainingRecord|fire_safety|1'
 */
export function recordKeyOf(type: string, subject: Record<string, unknown>): string | undefined {
  const training = subject['training'];
  if (type === 'TrainingRecord' && isRecord(training)) {
    const competence = text(training['subject']) ?? text(training['esrCompetence']);
    return competence === undefined ? undefined : `${type}|${competence}|${text(training['level']) ?? ''}`;
  }
  const registration = subject['registration'];
  if (isRecord(registration)) {
    const number = text(registration['number']) ?? text(registration['registrationNumber']);
    return number === undefined ? undefined : `${type}|${text(registration['register']) ?? text(registration['regulator']) ?? ''}|${number}`;
  }
  return undefined;
}
