import type { ReportReason } from '../profile-report.js';

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The value at a dotted path of a credential subject, or undefined. */
export function readClaim(subject: Record<string, unknown>, path: string): unknown {
  let current: unknown = subject;
  for (const segment of path.split('.')) {
    if (!isRecord(current)) return undefined;
    current = current[segment];
  }
  return current;
}

/** A string claim, or undefined when absent or not a string. */
export function readString(subject: Record<string, unknown>, path: string): string | undefined {
  const v = readClaim(subject, path);
  return typeof v === 'string' ? v : undefined;
}

/** A number claim, or undefined when absent or not a number. */
export function readNumber(subject: Record<string, unknown>, path: string): number | undefined {
  const v = readClaim(subject, path);
  return typeof v === 'number' ? v : undefined;
}

/** A boolean claim, or undefined when absent or not a boolean. */
export function readBoolean(subject: Record<string, unknown>, path: string): boolean | undefined {
  const v = readClaim(subject, path);
  return typeof v === 'boolean' ? v : undefined;
}

/** An object claim, or undefined. */
export function readObject(subject: Record<string, unknown>, path: string): Record<string, unknown> | undefined {
  const v = readClaim(subject, path);
  return isRecord(v) ? v : undefined;
}

/** An array claim, or undefined. */
export function readArray(subject: Record<string, unknown>, path: string): unknown[] | undefined {
  const v = readClaim(subject, path);
  return Array.isArray(v) ? v : undefined;
}

/** A reason per claim a rule needs that the holder did not disclose (or that is not of its type). */
export function undisclosed(subject: Record<string, unknown>, paths: readonly string[], credentialIndex: number): ReportReason[] {
  return paths
    .filter((p) => readClaim(subject, p) === undefined)
    .map((p) => ({ code: 'CLAIM_NOT_DISCLOSED' as const, message: `${p} was not disclosed, and the check needs it`, subject: p, credentialIndex }));
}
