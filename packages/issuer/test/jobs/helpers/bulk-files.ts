import { trainingExpiry, type CstfLevel, type CstfSubjectCode } from '@staff-passport/schemas';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A date as ESR reports write it: 14-Sep-2026. */
export function esrDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}-${MONTHS[Number(m) - 1]}-${y}`;
}

/** The calendar day `days` before today (UTC). */
export function daysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
}

/** National CSTF competences as ESR names them, with the subject and level they map to. */
export const COMPETENCES: readonly { name: string; subject: CstfSubjectCode; level: CstfLevel }[] = [
  { name: 'NHS|CSTF|Fire Safety - 2 Years|', subject: 'fire_safety', level: 1 },
  { name: 'NHS|CSTF|Conflict Resolution - 3 Years|', subject: 'conflict_resolution', level: 1 },
  { name: 'NHS|CSTF|Equality, Diversity and Human Rights - 3 Years|', subject: 'equality_diversity_human_rights', level: 1 },
  { name: 'NHS|CSTF|Health, Safety and Welfare - 3 Years|', subject: 'health_safety_welfare', level: 1 },
  { name: 'NHS|CSTF|Infection Prevention and Control - Level 2 - 1 Year|', subject: 'infection_prevention_control', level: 2 },
  { name: 'NHS|CSTF|Safeguarding Adults - Level 2 - 3 Years|', subject: 'safeguarding_adults', level: 2 },
  { name: 'NHS|CSTF|Resuscitation - Level 2 - Adult Basic Life Support - 1 Year|', subject: 'resuscitation', level: 2 },
  { name: 'NHS|CSTF|Information Governance and Data Security - 1 Year|', subject: 'information_governance_data_security', level: 1 },
];

/** The header of the training compliance exports the tests build (ESR's columns, plus Holder DID). */
export const TRAINING_HEADER = 'Employee Number,NI Number,First Name,Last Name,Holder DID,Competence Name,Date Last Awarded,Expiry Date,Compliance Status';

/** One data row of a training compliance export: person `i`, competence `i mod 8`, awarded up to 60 days ago. */
export function trainingRow(i: number, changes: Partial<Record<'did' | 'competence' | 'awarded' | 'expiry' | 'lastName', string>> = {}): string {
  const competence = COMPETENCES[i % COMPETENCES.length]!;
  const awarded = daysAgo(i % 60);
  const expiry = trainingExpiry(competence.subject, competence.level, awarded);
  const quote = (s: string): string => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  return [
    String(10_000_000 + i),
    `QQ${String(i).padStart(6, '0')}C`,
    'Sam',
    // A last name given is written as is (a test may want it badly quoted).
    changes.lastName ?? quote(i % 7 === 0 ? `O"Neil, ${i}` : `Smith-${i}`),
    changes.did ?? `did:example:staff-${i}`,
    quote(changes.competence ?? competence.name),
    changes.awarded ?? esrDate(awarded),
    changes.expiry ?? (i % 2 === 0 ? esrDate(expiry) : ''),
    'Compliant',
  ].join(',');
}

/** A training compliance export of `count` distinct rows (CRLF line ends, as Excel writes them). */
export function trainingCsv(count: number, override: (i: number) => string | undefined = () => undefined): string {
  const rows = [TRAINING_HEADER];
  for (let i = 0; i < count; i++) rows.push(override(i) ?? trainingRow(i));
  return `${rows.join('\r\n')}\r\n`;
}
