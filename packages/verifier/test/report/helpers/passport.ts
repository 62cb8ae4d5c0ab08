// Credential views built from the catalogue's examples ('{holderDid}' replaced), run through the
// type's derive (as the issuer does) and validated against the catalogue, so each test credential
// is one a real issuer could have issued.
import { createHash } from 'node:crypto';
import type { VerificationCheck } from '@staff-passport/core';
import { getCredentialType, validateCredential } from '@staff-passport/schemas';
import type { VerifiedCredential } from '../../../src/report/index.js';

export const HOLDER = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK';
export const ISSUER = 'did:web:hr.demo-valley.example';

type Subject = Record<string, unknown>;

/** Sets (or, with undefined, deletes) a claim at a dotted path, creating objects on the way. */
export function setClaim(subject: Subject, path: string, value: unknown): void {
  const parts = path.split('.');
  const last = parts.pop() as string;
  let target = subject;
  for (const p of parts) {
    if (target[p] === null || typeof target[p] !== 'object') target[p] = {};
    target = target[p] as Subject;
  }
  if (value === undefined) delete target[last];
  else target[last] = value;
}

export interface ViewOptions {
  /** Claims to set (undefined deletes) before derivation, by dotted path. */
  set?: Record<string, unknown>;
  format?: VerifiedCredential['format'];
  /** Replace the checks (default: every check passed). */
  checks?: VerificationCheck[];
  verified?: boolean;
  /** Drop claims after derivation, as an SD-JWT presentation that did not disclose them would. */
  withhold?: string[];
}

const PASSED = ['signature', 'validity', 'status', 'trust', 'schema'];

/** A verified credential view of a catalogue type, from its example. */
export function viewOf(type: string, index: number, options: ViewOptions = {}): VerifiedCredential {
  const definition = getCredentialType(type);
  if (!definition) throw new Error(`no catalogue type ${type}`);
  const example = JSON.parse(JSON.stringify(definition.example).replaceAll('{holderDid}', HOLDER)) as { credentialSubject: Subject };
  for (const [path, value] of Object.entries(options.set ?? {})) setClaim(example.credentialSubject, path, value);
  const derived = definition.derive ? definition.derive(example.credentialSubject) : { credentialSubject: example.credentialSubject };
  const credential = { ...example, issuer: ISSUER, validFrom: '2026-09-01T00:00:00Z', credentialSubject: derived.credentialSubject, ...(derived.validUntil ? { validUntil: derived.validUntil } : {}) };
  const validation = validateCredential(credential, definition);
  if (!validation.valid) throw new Error(`test ${type} is not valid: ${JSON.stringify(validation.issues)}`);
  const subject = structuredClone(derived.credentialSubject) as Subject;
  for (const path of options.withhold ?? []) setClaim(subject, path, undefined);
  const checks = options.checks ?? PASSED.map((check): VerificationCheck => ({ check, outcome: 'passed', credentialIndex: index }));
  return {
    index,
    format: options.format ?? 'vc+jwt',
    types: [type],
    issuer: { did: ISSUER, name: 'Demo Valley NHS Trust', odsCode: 'RZZ' },
    subject,
    validFrom: credential.validFrom,
    ...(derived.validUntil ? { validUntil: derived.validUntil } : {}),
    verified: options.verified ?? checks.every((c) => c.outcome !== 'failed'),
    checks,
    hash: createHash('sha256').update(JSON.stringify(credential)).digest('hex'),
  };
}

/** Checks with the status check not done (the status list could not be fetched). */
export function statusUnknownChecks(index: number, outcome: 'failed' | 'skipped' = 'failed'): VerificationCheck[] {
  return [
    ...['signature', 'validity', 'trust', 'schema'].map((check): VerificationCheck => ({ check, outcome: 'passed', credentialIndex: index })),
    { check: 'status', outcome, code: 'ERR_STATUS_UNKNOWN', message: 'the status list could not be fetched', credentialIndex: index },
  ];
}

/** The types of a full registered nurse passport, in presentation order. */
export const NURSE_TYPES = [
  'IdentityVerification',
  'RightToWork',
  'ProfessionalRegistration',
  'DbsCheck',
  'OccupationalHealthClearance',
  'TrainingSummary',
  'TrainingRecord',
  'EmploymentHistory',
  'EmploymentReference',
  'EmploymentAssignment',
] as const;

/** A full nurse passport from the examples, with per-type options. */
export function nursePassport(options: Partial<Record<(typeof NURSE_TYPES)[number], ViewOptions | 'omit'>> = {}): VerifiedCredential[] {
  const views: VerifiedCredential[] = [];
  for (const type of NURSE_TYPES) {
    const o = options[type];
    if (o === 'omit') continue;
    views.push(viewOf(type, views.length, o));
  }
  return views;
}

/** The nurse profile's CSTF levels, subject by subject. */
export const NURSE_LEVELS: Record<string, 1 | 2 | 3> = {
  conflict_resolution: 1,
  equality_diversity_human_rights: 1,
  fire_safety: 1,
  health_safety_welfare: 1,
  infection_prevention_control: 2,
  information_governance_data_security: 1,
  moving_handling: 2,
  preventing_radicalisation: 2,
  resuscitation: 2,
  safeguarding_adults: 2,
  safeguarding_children: 2,
};

/** One training record per subject (completed on `completedOn`, or as given per subject) from `firstIndex`. */
export function trainingRecords(firstIndex: number, completed: Record<string, string> = {}, completedOn = '2026-09-01'): VerifiedCredential[] {
  return Object.entries(NURSE_LEVELS).map(([subject, level], i) =>
    viewOf('TrainingRecord', firstIndex + i, {
      set: { 'training.subject': subject, 'training.level': level, 'training.completedOn': completed[subject] ?? completedOn, 'training.esrCompetence': undefined },
    }),
  );
}
