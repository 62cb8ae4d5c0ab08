import type { SchemaIssue } from '../lib/catalogue-types.js';
import { earliestDate, endOfDay } from '../lib/dates.js';
import { defineCredentialType } from '../lib/define-credential-type.js';
import { CSTF_SUBJECTS, CSTF_SUBJECT_CODES, type CstfSubjectCode } from '../reference/cstf.js';
import { allRequiredInDate, standingOn } from '../rules/training-summary.js';
import { EXAMPLE_ATTRIBUTE_METADATA } from './example-metadata.js';
import { TRAINING_SUMMARY_VERSION, trainingSummarySchema, type TrainingSummaryStanding, type TrainingSummarySubject } from './training-summary.js';

type StandingField = keyof TrainingSummaryStanding;
type SubjectLabelPath = `summary.subjects.${CstfSubjectCode}` | `summary.subjects.${CstfSubjectCode}.${StandingField}`;

function subjectLabels(): Record<SubjectLabelPath, string> {
  const labels: Partial<Record<SubjectLabelPath, string>> = {};
  const fields: Record<StandingField, string> = { status: 'status', level: 'level', completedOn: 'completed on', expiresOn: 'expires on' };
  for (const code of CSTF_SUBJECT_CODES) {
    labels[`summary.subjects.${code}`] = CSTF_SUBJECTS[code].title;
    for (const [field, label] of Object.entries(fields) as [StandingField, string][]) labels[`summary.subjects.${code}.${field}`] = `${CSTF_SUBJECTS[code].title}: ${label}`;
  }
  return labels as Record<SubjectLabelPath, string>;
}

/** The TrainingSummary entry of the catalogue. */
export const trainingSummaryType = defineCredentialType<TrainingSummarySubject>({
  type: 'TrainingSummary',
  slug: 'training-summary',
  version: TRAINING_SUMMARY_VERSION,
  schema: trainingSummarySchema,
  labels: {
    summary: 'CSTF training summary',
    'summary.framework': 'Framework',
    'summary.frameworkVersion': 'Framework version',
    'summary.asOf': 'Statuses as of',
    'summary.issuerAligned': 'Issuer aligned to the CSTF',
    'summary.subjects': 'Subjects',
    'summary.allRequiredInDate': 'All required training in date',
    ...subjectLabels(),
  },
  disclosable: CSTF_SUBJECT_CODES.map((code) => `summary.subjects.${code}` as const),
  rules: [
    { code: 'required', rule: 'Every CSTF subject is listed; completed training (in_date or expired) names its completion date and level.' },
    { code: 'level_not_in_framework', rule: 'Each level must be one the CSTF defines for the subject.' },
    { code: 'status_inconsistent', rule: 'in_date and expired agree with completion plus the refresher period on the asOf day; not_completed has no completion date.' },
    { code: 'expiry_inconsistent', rule: "expiresOn, when given, is the completion date plus the subject's refresher period." },
    { code: 'date_order', rule: 'No training is completed after the asOf day.' },
    { code: 'all_in_date_inconsistent', rule: 'allRequiredInDate, when given, is true exactly when every subject is in_date or not_required.' },
  ],
  derives: [
    "summary.subjects.*.expiresOn: completion plus the subject's refresher period",
    'summary.allRequiredInDate: every subject in_date or not_required',
    'validUntil: the end of the earliest expiry among in-date subjects (the summary stops being true then)',
  ],
  checkRules(subject): SchemaIssue[] {
    const s = subject.summary;
    const issues: SchemaIssue[] = [];
    for (const code of CSTF_SUBJECT_CODES) {
      const entry = s.subjects[code];
      const at = (field: string) => `credentialSubject.summary.subjects.${code}.${field}`;
      if (entry.completedOn === undefined || entry.level === undefined) {
        if (entry.status === 'not_completed' && entry.completedOn !== undefined) {
          issues.push({ path: at('status'), code: 'status_inconsistent', message: 'cannot be not_completed with a completion date' });
        }
        continue;
      }
      const standing = standingOn(code, entry.level, entry.completedOn, s.asOf);
      if (standing === undefined) {
        const levels = Object.keys(CSTF_SUBJECTS[code].refresherMonths).join(', ');
        issues.push({ path: at('level'), code: 'level_not_in_framework', message: `${CSTF_SUBJECTS[code].title} has level ${levels} only` });
        continue;
      }
      if (entry.completedOn > s.asOf) issues.push({ path: at('completedOn'), code: 'date_order', message: `must be on or before asOf (${s.asOf})` });
      if (entry.expiresOn !== undefined && entry.expiresOn !== standing.expiresOn) {
        issues.push({ path: at('expiresOn'), code: 'expiry_inconsistent', message: `must be ${standing.expiresOn}, or left out` });
      }
      if ((entry.status === 'in_date' || entry.status === 'expired' || entry.status === 'not_completed') && entry.status !== standing.status) {
        issues.push({ path: at('status'), code: 'status_inconsistent', message: `must be ${standing.status} on ${s.asOf} (expires ${standing.expiresOn})` });
      }
    }
    if (issues.length === 0 && s.allRequiredInDate !== undefined && s.allRequiredInDate !== allRequiredInDate(s.subjects)) {
      issues.push({ path: 'credentialSubject.summary.allRequiredInDate', code: 'all_in_date_inconsistent', message: `must be ${String(!s.allRequiredInDate)}` });
    }
    return issues;
  },
  derive(subject) {
    const s = subject.summary;
    const subjects = { ...s.subjects };
    const inDateExpiries: string[] = [];
    for (const code of CSTF_SUBJECT_CODES) {
      const entry = s.subjects[code];
      if (entry.completedOn === undefined || entry.level === undefined) continue;
      const standing = standingOn(code, entry.level, entry.completedOn, s.asOf);
      if (!standing) continue;
      subjects[code] = { ...entry, expiresOn: standing.expiresOn };
      if (entry.status === 'in_date') inDateExpiries.push(standing.expiresOn);
    }
    const validUntil = earliestDate(inDateExpiries);
    return {
      credentialSubject: { ...subject, summary: { ...s, subjects, allRequiredInDate: allRequiredInDate(subjects) } },
      ...(validUntil === undefined ? {} : { validUntil: endOfDay(validUntil) }),
    };
  },
  exampleSubject: {
    id: '{holderDid}',
    summary: {
      framework: 'CSTF',
      frameworkVersion: '1.2',
      asOf: '2026-10-01',
      issuerAligned: true,
      subjects: {
        conflict_resolution: { status: 'in_date', level: 1, completedOn: '2025-02-10' },
        equality_diversity_human_rights: { status: 'in_date', level: 1, completedOn: '2025-02-10' },
        fire_safety: { status: 'in_date', level: 1, completedOn: '2026-09-14' },
        health_safety_welfare: { status: 'in_date', level: 1, completedOn: '2025-02-11' },
        infection_prevention_control: { status: 'in_date', level: 2, completedOn: '2026-03-02' },
        information_governance_data_security: { status: 'in_date', level: 1, completedOn: '2026-04-20' },
        moving_handling: { status: 'in_date', level: 2, completedOn: '2025-05-15' },
        preventing_radicalisation: { status: 'in_date', level: 2, completedOn: '2024-06-01' },
        resuscitation: { status: 'in_date', level: 2, completedOn: '2026-01-20' },
        safeguarding_adults: { status: 'in_date', level: 2, completedOn: '2024-11-05' },
        safeguarding_children: { status: 'in_date', level: 2, completedOn: '2024-11-05' },
      },
    },
    attributeMetadata: { ...EXAMPLE_ATTRIBUTE_METADATA, verificationMethod: 'ESR compliance report', lastRefresh: '2026-10-01' },
  },
});
