/**
 * Renders docs/reliance.md, for HR teams, from the reliance reference data
 * (`@staff-passport/schemas`) and the shipped check profiles: what each outcome means, what each
 * kind of move may rely on, and the rule behind each decision.
 */
import {
  DBS_STATUS_CHECK,
  MOVE_KINDS,
  MOVE_KIND_CODES,
  RELIANCE_BASES,
  RELIANCE_BASIS_IDS,
  RELIANCE_CHECK_KINDS,
  RELIANCE_DECISIONS,
  RELIANCE_DEFAULTS,
  REPORT_OUTCOMES,
  REPORT_OUTCOME_CODES,
  RIGHT_TO_WORK_ROUTES,
  type RelianceCheckKind,
  type RelianceDecision,
} from '@staff-passport/schemas';
import { listProfiles, resolveReliance } from '../src/profiles/index.js';

/** The checks as an HR officer names them. */
export const CHECK_TITLES: Readonly<Record<RelianceCheckKind, string>> = {
  identity: 'Identity',
  right_to_work: 'Right to work',
  professional_registration: 'Professional registration',
  dbs: 'DBS check (standard or enhanced)',
  occupational_health: 'Work health (occupational health)',
  training: 'Statutory and mandatory training',
  employment_history: 'Employment history',
  references: 'References',
  role_competence: 'Role competence',
  employment_assignment: 'Previous assignment (ESR)',
  training_placement: 'Training placement',
};

const SHORT: Readonly<Record<RelianceDecision, string>> = { rely: 'Rely', rely_with_live_check: 'Live check', repeat: 'Repeat' };

const cell = (kind: string): string =>
  `| ${kind === 'dbs:basic' ? 'DBS check (basic)' : CHECK_TITLES[kind as RelianceCheckKind]} | ${MOVE_KIND_CODES.map((m) => {
    const choice = RELIANCE_DEFAULTS[kind]![m];
    return `${SHORT[choice.decision]} ([${choice.basis}](#${choice.basis}))`;
  }).join(' | ')} |`;

/** The Markdown of docs/reliance.md. */
export function renderRelianceDoc(): string {
  const out: string[] = [];
  out.push('# Reliance: what a receiving employer may rely on');
  out.push('');
  out.push('<!-- Generated from the reliance reference data and the shipped check profiles by packages/verifier/scripts/generate-reliance-doc.ts: do not edit by hand. -->');
  out.push('');
  out.push(
    "The staff passport removes *unnecessary* repeated checks when staff move. What is necessary depends on the check and on the kind of move. For each check, a check profile says whether you may rely on another employer's check, rely on it with a live check, or must repeat it, and the rule behind that. The report shows the decision and the rule for every requirement, and turns what is left to do into a to-do list, pre-filled from what was verified.",
  );
  out.push('');
  out.push('The report supports your decision: it never rejects anyone.');
  out.push('');
  out.push('## What the report says');
  out.push('');
  for (const code of REPORT_OUTCOME_CODES) out.push(`- **${REPORT_OUTCOMES[code].title}** (\`${code}\`): ${REPORT_OUTCOMES[code].description}`);
  out.push('');
  out.push("A person who shares only part of what was asked gets a report on the part they shared: what they did not share is listed. A check you repeat anyway does not hold up the start when it was not shared; it stays on the to-do list.");
  out.push('');
  out.push("## What you do with another employer's check");
  out.push('');
  for (const [code, d] of Object.entries(RELIANCE_DECISIONS)) out.push(`- **${d.title}** (\`${code}\`): ${d.description}`);
  out.push('');
  out.push('## Kinds of move');
  out.push('');
  for (const m of MOVE_KIND_CODES) out.push(`- **${MOVE_KINDS[m].title}** (\`${m}\`): ${MOVE_KINDS[m].description}`);
  out.push('');
  out.push('## By check and kind of move');
  out.push('');
  out.push('What the law and the national standards allow, and what a profile takes when it says nothing for a move. A profile may be stricter, never laxer (a profile that relies on more than its rule allows is refused).');
  out.push('');
  out.push(`| Check | ${MOVE_KIND_CODES.map((m) => MOVE_KINDS[m].title).join(' | ')} |`);
  out.push(`|---|${MOVE_KIND_CODES.map(() => '---').join('|')}|`);
  for (const kind of [...RELIANCE_CHECK_KINDS.slice(0, 3), 'dbs', 'dbs:basic', ...RELIANCE_CHECK_KINDS.slice(4)]) out.push(cell(kind));
  out.push('');
  out.push('## The rules behind the decisions');
  out.push('');
  for (const id of RELIANCE_BASIS_IDS) {
    const b: { rule: string; section: string; summary: string; allows: RelianceDecision; url?: string; verify?: boolean } = RELIANCE_BASES[id];
    out.push(`### ${id}`);
    out.push('');
    out.push(`${b.rule}, section "${b.section}"${b.verify ? ' (section name to be confirmed against the current edition)' : ''}.${b.url ? ` <${b.url}>` : ''}`);
    out.push('');
    out.push(b.summary);
    out.push('');
    out.push(`Allows at most: ${RELIANCE_DECISIONS[b.allows].title.toLowerCase()}.`);
    out.push('');
  }
  out.push('## The to-do list');
  out.push('');
  out.push('Each item is pre-filled from what the new starter shared and the report verified:');
  out.push('');
  out.push(`- **${DBS_STATUS_CHECK.title}** (<${DBS_STATUS_CHECK.url}>): the certificate number, the surname and the date of birth (from the identity credential). It answers current and clear, current, or no longer current. Where the Update Service cannot be used (a basic certificate, or one not on the Update Service) the item says to apply for a new check, or to decide under your policy.`);
  out.push("- **Register check**: the regulator and registration number, the part of the register and the status when checked, with a link to the regulator's public register search; for a doctor, the licence to practise.");
  out.push(`- **Your own right to work check**: the route that suits the document the previous check relied on (${Object.values(RIGHT_TO_WORK_ROUTES).map((r) => r.title.toLowerCase()).join('; ')}), and the TUPE exception.`);
  out.push('- **Identity in person**: the name and date of birth, and the portrait to compare with the person in front of you; you still see the original documents at the start or at induction.');
  out.push('');
  out.push('## Shipped check profiles');
  out.push('');
  out.push('Every shipped profile asks for the identity credential (who the person is: names, date of birth, NI number, portrait) and states its reliance for every requirement and kind of move. Where a profile differs from the national defaults:');
  out.push('');
  for (const p of listProfiles()) {
    const differences = p.requirements.flatMap((r) =>
      MOVE_KIND_CODES.flatMap((m) => {
        const own = resolveReliance(r, m);
        const national = resolveReliance({ rule: r.rule }, m);
        return own.decision === national.decision && own.basis.id === national.basis.id ? [] : [`${r.title}, ${MOVE_KINDS[m].title.toLowerCase()}: ${SHORT[own.decision].toLowerCase()} ([${own.basis.id}](#${own.basis.id}))`];
      }),
    );
    const gap = p.requirements.flatMap((r) => (r.rule.kind === 'employment_history' && r.rule.gapToleranceDays !== undefined ? [r.rule.gapToleranceDays] : []));
    out.push(`- **${p.title}** (\`${p.id}\` ${p.version}): ${differences.length === 0 ? 'the national defaults' : differences.join('; ')}.${gap.length > 0 ? ` Employment gaps of up to ${gap[0]} days need no explanation (local policy).` : ''}`);
  }
  out.push('');
  return out.join('\n');
}
