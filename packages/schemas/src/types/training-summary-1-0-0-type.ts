/** The TrainingSummary 1.0.0 entry of the catalogue, frozen (see training-summary-1-0-0.ts). */
import type { RuleDescription, SchemaIssue } from '../lib/catalogue-types.js';
import { earliestDate, endOfDay } from '../lib/dates.js';
import { defineCredentialType } from '../lib/define-credential-type.js';
import { CSTF_SUBJECTS, CSTF_SUBJECT_CODES, type CstfSubjectCode } from '../reference/cstf.js';
import { allRequiredInDate, standingOn, type SubjectStanding } from '../rules/training-summary.js';
import { EXAMPLE_ATTRIBUTE_METADATA } from './example-metadata.js';
import { TRAINING_SUMMARY_VERSION_1_0_0, trainingSummarySchema_1_0_0, type TrainingSummaryStanding, type TrainingSummarySubject_1_0_0 } from './training-summary-1-0-0.js';

type StandingField = keyof TrainingSummaryStanding;
type SubjectLabelPath = `summary.subjects.${CstfSubjectCode}` | `summary.subjects.${CstfSubjectCode}.${StandingField}`;

/** The labels of every subject's standing, the same in every version. */
export function subjectLabels(): Record<SubjectLabelPath, string> {
  const labels: Partial<Record<SubjectLabelPath, string>> = {};
  const fields: Record<StandingField, string> = { status: 'status', level: 'level', completedOn: 'completed on', expiresOn: 'expires on' };
  for (const code of CSTF_SUBJECT_CODES) {
    labels[`summary.subjects.${code}`] = CSTF_SUBJECTS[code].title;
    for (const [field, label] of Object.entries(fields) as [StandingField, string][]) labels[`summary.subjects.${code}.${field}`] = `${CSTF_SUBJECTS[code].title}: ${label}`;
  }
  return labels as Record<SubjectLabelPath, string>;
}

/** The labels of the claims 1.0.0 has, the same in later versions. */
export const SUMMARY_LABELS_1_0_0 = {
  summary: 'CSTF training summary',
  'summary.framework': 'Framework',
  'summary.frameworkVersion': 'Framework version',
  'summary.asOf': 'Statuses as of',
  'summary.issuerAligned': 'Issuer aligned to the CSTF',
  'summary.subjects': 'Subjects',
  'summary.allRequiredInDate': 'All required training in date',
  ...subjectLabels(),
};

/** The rules 1.0.0 has, the same in later versions. */
export const SUMMARY_RULES_1_0_0: readonly RuleDescription[] = [
  { code: 'required', rule: 'Every CSTF subject is listed; completed training (in_date or expired) names its completion date and level.' },
  { code: 'level_not_in_framework', rule: 'Each level must be one the CSTF defines for the subject.' },
  { code: 'status_inconsistent', rule: 'in_date and expired agree with completion plus the refresher period on the asOf day; not_completed has no completion date.' },
  { code: 'expiry_inconsistent', rule: "expiresOn, when given, is the completion date plus the subject's refresher period." },
  { code: 'date_order', rule: 'No training is completed after the asOf day.' },
  { code: 'all_in_date_inconsistent', rule: 'allRequiredInDate, when given, is true exactly when every subject is in_date or not_required.' },
];

/** What the issuer derives, in every version. */
export const SUMMARY_DERIVES = [
  "summary.subjects.*.expiresOn: completion plus the subject's refresher period",
  'summary.allRequiredInDate: every subject in_date or not_required',
  'validUntil: the end of the earliest expiry among in-date subjects (the summary stops being true then)',
];

/** The summary claims every version's rules read. */
interface SummaryClaims {
  asOf: string;
  subjects: Readonly<Record<CstfSubjectCode, SubjectStanding>>;
  allRequiredInDate?: boolean;
}

/** The problems of {@link SUMMARY_RULES_1_0_0}, for any version's summary. */
export function summaryRuleIssues(s: SummaryClaims): SchemaIssue[] {
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
}

/** {@link SUMMARY_DERIVES}, for any version's subject. */
export function deriveSummary<S extends { summary: SummaryClaims }>(subject: S): { credentialSubject: S; validUntil?: string } {
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
}

/** The example subject of 1.0.0 (every subject in date), the base of later versions' examples. */
export const SUMMARY_EXAMPLE_1_0_0: TrainingSummarySubject_1_0_0 = {
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
};

/** The TrainingSummary 1.0.0 entry of the catalogue. */
export const trainingSummaryType_1_0_0 = defineCredentialType<TrainingSummarySubject_1_0_0>({
  type: 'TrainingSummary',
  slug: 'training-summary',
  version: TRAINING_SUMMARY_VERSION_1_0_0,
  schema: trainingSummarySchema_1_0_0,
  labels: SUMMARY_LABELS_1_0_0,
  disclosable: CSTF_SUBJECT_CODES.map((code) => `summary.subjects.${code}` as const),
  rules: SUMMARY_RULES_1_0_0,
  derives: SUMMARY_DERIVES,
  checkRules: (subject) => summaryRuleIssues(subject.summary),
  derive: deriveSummary,
  exampleSubject: SUMMARY_EXAMPLE_1_0_0,
});
