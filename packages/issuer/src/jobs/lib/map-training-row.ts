import { CSTF_SUBJECTS, refresherMonths, trainingExpiry, type CstfLevel } from '@staff-passport/schemas';
import { PassportError } from '@staff-passport/core';
import { parseDeliverTo } from '../../collect/hold-bulk-row.js';
import type { DeliverTo } from '../../collect/hold-offer-for-person.js';
import type { IssueRequest } from '../../issuing/issue-credential.js';
import type { MappedRow, RowEnvironment, RowIssue } from './bulk-row.js';
import { cstfLevelsOf, lookUpEsrCompetence, parseCstfLevel, parseEsrDate, type TRAINING_COMPLIANCE_COLUMNS } from './esr-reference.js';
import type { ResolvedColumns } from './resolve-columns.js';

/** A field of a training compliance export. */
export type TrainingField = keyof typeof TRAINING_COMPLIANCE_COLUMNS;

/** Where the claims of a TrainingRecord subject come from, for errors found by schema validation. */
export function trainingColumnOf(columns: ResolvedColumns<TrainingField>, subjectPath: string): string | null {
  const h = columns.header;
  const byPath: Record<string, string> = {
    id: h.holderDid,
    'training.subject': h.competenceName,
    'training.esrCompetence': h.competenceName,
    'training.level': columns.index.level === undefined ? h.competenceName : h.level,
    'training.completedOn': h.awardedOn,
    'training.expiresOn': columns.index.expiresOn === undefined ? h.awardedOn : h.expiresOn,
  };
  return byPath[subjectPath] ?? null;
}

/**
 * Maps a row of an ESR training compliance export to a TrainingRecord issue request: the ESR
 * competence name to its CSTF subject and level (reference data), dates from `dd-Mon-yyyy`, the
 * holder from the `Holder DID` column. Rows with no award date (not achieved), competences outside
 * the national CSTF set, and training already expired are skipped, not errors: a compliance export
 * lists every competence a person needs, done or not.
 */
export function mapTrainingRow(cell: (field: TrainingField) => string, columns: ResolvedColumns<TrainingField>, env: RowEnvironment): MappedRow {
  const h = columns.header;
  const issues: RowIssue[] = [];
  const holder = cell('holderDid');
  const competenceName = cell('competenceName');
  const awarded = cell('awardedOn');
  if (competenceName === '') issues.push({ column: h.competenceName, code: 'required', message: 'is required' });
  const competence = competenceName === '' ? undefined : lookUpEsrCompetence(competenceName);
  if (competence && competence.subject === undefined) {
    if (!competence.cstf) return { skip: 'not_cstf' };
    issues.push({ column: h.competenceName, code: 'competence_unknown', message: 'is a national CSTF competence the reference data does not map to a CSTF subject' });
  }
  if (awarded === '' && issues.length === 0) return { skip: 'not_achieved' };
  const deliverTo = holder === '' ? deliverToOf(cell, columns, issues) : undefined;
  if (holder === '' && deliverTo === undefined) issues.push({ column: h.holderDid, code: 'required', message: "is required: the DID of the member of staff's wallet (or give their Employee Number)" });
  const completedOn = awarded === '' ? undefined : parseEsrDate(awarded);
  if (awarded !== '' && completedOn === undefined) issues.push({ column: h.awardedOn, code: 'date_invalid', message: 'must be a date such as 14-Sep-2026' });
  const expiry = cell('expiresOn');
  const expiresOn = expiry === '' ? undefined : parseEsrDate(expiry);
  if (expiry !== '' && expiresOn === undefined) issues.push({ column: h.expiresOn, code: 'date_invalid', message: 'must be a date such as 14-Sep-2028' });

  let level: CstfLevel | undefined;
  const levelText = cell('level');
  if (levelText !== '') {
    level = parseCstfLevel(levelText);
    if (level === undefined) issues.push({ column: h.level, code: 'level_invalid', message: 'must be a CSTF level: 1, 2 or 3' });
  }
  if (competence?.subject !== undefined) {
    const named = competence.level;
    if (level !== undefined && named !== undefined && level !== named) {
      issues.push({ column: h.level, code: 'level_conflict', message: `says level ${level} but the competence name says level ${named}` });
    }
    level ??= named;
    if (level === undefined && levelText === '') {
      const levels = cstfLevelsOf(competence.subject);
      if (levels.length === 1) level = levels[0];
      else issues.push({ column: h.competenceName, code: 'level_missing', message: `names no level, and ${CSTF_SUBJECTS[competence.subject].title} has levels ${levels.join(', ')}: add a Level column` });
    }
  }
  if (issues.length > 0 || competence?.subject === undefined || level === undefined || completedOn === undefined) return { issues };

  const subject = competence.subject;
  // Expired training is history, not a credential to hand a new employer (the schema's own rules
  // report an expiry that disagrees with the CSTF refresher period).
  const lapses = expiresOn ?? (refresherMonths(subject, level) === undefined ? undefined : trainingExpiry(subject, level, completedOn));
  if (lapses !== undefined && lapses < env.today) return { skip: 'expired' };

  const request: IssueRequest = {
    credential: {
      type: ['VerifiableCredential', 'TrainingRecord'],
      credentialSubject: {
        ...(deliverTo === undefined ? { id: holder } : {}),
        training: {
          framework: 'CSTF',
          frameworkVersion: env.cstfVersion,
          subject,
          level,
          completedOn,
          ...(expiresOn === undefined ? {} : { expiresOn }),
          issuerAligned: env.cstfAligned,
          esrCompetence: competenceName,
        },
        attributeMetadata: {
          origin: 'ESR',
          provider: env.org.name,
          assurancePolicy: 'Core Skills Training Framework',
          verifier: 'Provider',
          verificationMethod: 'ESR learning record',
          pedigree: 'Authoritative',
          lastRefresh: completedOn,
        },
      },
    },
    options: { format: env.format },
  };
  return deliverTo === undefined ? { request } : { request, deliverTo };
}

/** The person a row names when it has no holder DID (`Employee Number`, `Email Address`), or undefined. */
function deliverToOf(cell: (field: TrainingField) => string, columns: ResolvedColumns<TrainingField>, issues: RowIssue[]): DeliverTo | undefined {
  const personNumber = cell('personNumber');
  if (personNumber === '') return undefined;
  const email = cell('email');
  try {
    return parseDeliverTo({ personNumber, ...(email === '' ? {} : { email }) });
  } catch (err: unknown) {
    if (!(err instanceof PassportError)) throw err;
    issues.push({ column: err.field === 'deliverTo.email' ? columns.header.email : columns.header.personNumber, code: 'invalid', message: err.message });
    return { personNumber };
  }
}
