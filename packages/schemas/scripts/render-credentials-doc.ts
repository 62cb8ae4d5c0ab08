/**
 * Renders docs/credentials.md from the catalogue: each type, its claims with labels, which are
 * disclosable by default, its rules and what the issuer derives; plus the versioning policy and
 * the reference data's sources. generate-credentials-doc.ts writes it; a test checks the
 * committed file is what this renders.
 */
import {
  CAREER_FRAMEWORKS,
  CAREER_FRAMEWORK_LEVELS_SOURCE,
  CATALOGUE,
  CRIMINAL_RECORD_SCHEMES,
  CSTF_EDITIONS,
  CSTF_SUBJECTS,
  DBS_SOURCE,
  DBS_UPDATE_SERVICE,
  DVS_SOURCE,
  DVS_TRUST_FRAMEWORK,
  EMPLOYMENT_CHECK_STANDARDS_SOURCE,
  EMPLOYMENT_HISTORY_SOURCE,
  ESR_SOURCE,
  GPG45_SOURCE,
  IDENTITY_ATTRIBUTES_SOURCE,
  OCCUPATION_CODES_SOURCE,
  PAY_SOURCE,
  RESUSCITATION_VARIANTS,
  REGULATORS,
  RIGHT_TO_WORK_SOURCE,
  STAFF_GROUPS_SOURCE,
  STAFF_PASSPORT_CONTEXT_V1,
  TRAINING_PROGRAMMES,
  WORK_HEALTH_SOURCE,
  type CredentialTypeDefinition,
} from '../src/index.js';

type Schema = Record<string, unknown>;

interface Claim {
  path: string;
  schema: Schema;
  required: boolean;
}

function claimsOf(schema: Schema, prefix = ''): Claim[] {
  const target = (schema['items'] as Schema | undefined) ?? schema;
  const props = target['properties'] as Record<string, Schema> | undefined;
  if (!props) return [];
  const required = new Set((target['required'] as string[] | undefined) ?? []);
  return Object.entries(props).flatMap(([name, sub]) => {
    if (prefix === '' && name === 'id') return [];
    const path = prefix ? `${prefix}.${name}` : name;
    return [{ path, schema: sub, required: required.has(name) }, ...claimsOf(sub, path)];
  });
}

function code(text: string): string {
  return `\`${text.replace(/\|/g, '\\|')}\``;
}

function describeValue(s: Schema): string {
  if ('const' in s) return code(JSON.stringify(s['const']));
  if (Array.isArray(s['enum'])) {
    const values = s['enum'] as unknown[];
    return values.length > 14 ? `one of ${values.length} codes (reference data)` : `one of ${values.map((v) => code(String(v))).join(', ')}`;
  }
  switch (s['type']) {
    case 'object':
      return 'group';
    case 'array':
      return `list of ${describeValue(s['items'] as Schema)}${s['items'] && (s['items'] as Schema)['type'] === 'object' ? 's' : ''}`;
    case 'boolean':
      return 'yes or no';
    case 'number':
    case 'integer': {
      const min = s['minimum'] ?? s['exclusiveMinimum'];
      const max = s['maximum'];
      const kind = s['type'] === 'integer' ? 'whole number' : 'number';
      return min !== undefined && max !== undefined ? `${kind}, ${String(min)}${s['exclusiveMinimum'] !== undefined ? ' (exclusive)' : ''} to ${String(max)}` : kind;
    }
    case 'string':
      if (s['format'] === 'date') return 'date (YYYY-MM-DD)';
      if (s['format'] === 'date-time') return 'date and time';
      if (typeof s['pattern'] === 'string') return `text matching ${code(s['pattern'])}`;
      return 'text';
    default:
      return 'value';
  }
}

function isDisclosable(path: string, disclosable: readonly string[]): boolean {
  return disclosable.some((d) => path === d || path.startsWith(`${d}.`));
}

function renderType(d: CredentialTypeDefinition, olderVersions: CredentialTypeDefinition[]): string {
  const subject = (d.schema['properties'] as Record<string, Schema>)['credentialSubject']!;
  const lines: string[] = [];
  lines.push(`## ${d.type}`, '', `**${d.title}.** ${d.description}`, '');
  lines.push(`- VC type: ${code(`["VerifiableCredential", "${d.type}"]`)}`);
  lines.push(`- Schema: ${code(d.schemaId)} (version ${d.version})`);
  if (olderVersions.length > 0) lines.push(`- Older versions still accepted: ${olderVersions.map((o) => code(o.schemaId)).join(', ')}`);
  lines.push('');
  lines.push('| Claim | Label | Value | Required | Disclosable by default |', '|---|---|---|---|---|');
  for (const c of claimsOf(subject)) {
    const depth = c.path.split('.').length - 1;
    lines.push(
      `| ${'&nbsp;&nbsp;'.repeat(depth)}${code(c.path)} | ${d.labels[c.path] ?? ''} | ${describeValue(c.schema)} | ${c.required ? 'yes' : ''} | ${isDisclosable(c.path, d.disclosable) ? 'yes' : ''} |`,
    );
  }
  lines.push('');
  if ((d.rules ?? []).length > 0) {
    lines.push('Rules (an issue names the claim and carries the code):', '');
    for (const r of d.rules ?? []) lines.push(`- ${code(r.code)}: ${r.rule}`);
    lines.push('');
  }
  if ((d.derives ?? []).length > 0) {
    lines.push('Set by the issuer:', '');
    for (const x of d.derives ?? []) lines.push(`- ${x}`);
    lines.push('');
  }
  lines.push('Example claims:', '', '```json', JSON.stringify(d.example['credentialSubject'], null, 2), '```', '');
  return lines.join('\n');
}

const VERSIONING = `## Versioning

Every schema has a versioned \`$id\`, \`https://w3id.org/staff-passport/schemas/<slug>/<major>.<minor>.<patch>\`,
and the issuer serves it at that path (\`GET /schemas/<slug>/<version>\`, cached as immutable). A
published version never changes: a test keeps the hash of every published schema, and fails if
one changes without a new version.

- **Patch** (1.0.x): changes that accept exactly the same documents (descriptions, messages).
- **Minor** (1.x.0): additive changes: a new optional claim, a new code in a list (for example a
  new occupation code or regulator in the reference data), a relaxed limit. Every credential valid
  under the older version is valid under the newer one.
- **Major** (x.0.0): anything that could make an existing credential invalid or change what a
  claim means: removing or renaming a claim, making a claim required, narrowing a format,
  removing a code. Where a claim's meaning changes, give it a new name; where a type's meaning
  changes, make a new type.

Adding a version of a type: copy the current schema and definition to frozen files (for example
\`src/types/training-record-1-0-0.ts\`, exporting \`trainingRecordType_1_0_0\`), change the current
ones, and list the new version first in \`CATALOGUE\` with the older one after it. A frozen schema
keeps the reference values it was published with (a changed code list is copied into the frozen
file, as \`REGULATORS_1_0_0\` is), and its example documents move to
\`test/examples/<slug>@<version>/\`, where they keep running against it. The issuer issues under
the newest version of a type; the verifier validates a credential against the schema its
\`credentialSchema\` names, so it accepts credentials issued under every version the catalogue
keeps (\`getCredentialTypeBySchemaId\` finds each). A version leaves the catalogue only when no
credential issued under it can still be valid, in a major release of this package.

Adding a type: a schema file and a definition file under \`src/types/\` (TrainingRecord is the
template: a subject schema written \`as const\`, its TypeScript type derived from it with
\`FromSchema\`, a label for every claim, which the compiler insists on), added to \`CATALOGUE\` and
exported by name from \`index.ts\`; valid and invalid example documents under
\`test/examples/<slug>/\`; then regenerate this file. Every type carries the attribute metadata
block; every check type carries the employment check block.

The JSON-LD context is one, \`${STAFF_PASSPORT_CONTEXT_V1}\`, generated from every schema the
catalogue keeps. Terms are only ever added, never removed or redefined; a change that would
redefine a term makes a new context version. Claim names never reuse a term of the VC context.
`;

function renderReferenceData(): string {
  const lines = ['## Reference data', '', 'Each value lives in one module under `packages/schemas/src/reference/`, with its source. Values marked [verify] are not yet confirmed from the primary source.', ''];
  lines.push('| Data | Source | To verify |', '|---|---|---|');
  const cstfVerify = Object.values(CSTF_SUBJECTS).filter((s) => s.verify).map((s) => s.title);
  lines.push(`| CSTF subjects, levels and refresher periods | ${Object.values(CSTF_SUBJECTS)[0]!.source} | ${cstfVerify.join(', ')} |`);
  for (const e of Object.values(CSTF_EDITIONS)) lines.push(`| ${e.title} v${e.currentVersion} (an edition) | ${e.source} | |`);
  lines.push(`| Resuscitation variants at levels 2 and 3 (${Object.values(RESUSCITATION_VARIANTS).map((v) => v.title.toLowerCase()).join(', ')}) | ${CSTF_SUBJECTS.resuscitation.source} | refresher period |`);
  for (const t of Object.values(TRAINING_PROGRAMMES)) lines.push(`| ${t.title} | ${t.source} | ${t.verify ? ('standards' in t ? 'number of standards' : 'refresher period (none set nationally)') : ''} |`);
  lines.push(`| Staff groups | ${STAFF_GROUPS_SOURCE} | |`);
  lines.push(`| Pay schemes and AfC bands | ${PAY_SOURCE} | |`);
  lines.push(`| ESR numbers and assignment categories | ${ESR_SOURCE} | person and assignment number formats |`);
  lines.push(`| Occupation codes | ${OCCUPATION_CODES_SOURCE} | every row |`);
  lines.push(`| Career framework levels | ${CAREER_FRAMEWORK_LEVELS_SOURCE} | |`);
  for (const f of Object.values(CAREER_FRAMEWORKS)) lines.push(`| ${f.title} roles | ${f.source} | ${f.verify ? 'role-to-level mapping' : ''} |`);
  lines.push(`| Employment check standards | ${EMPLOYMENT_CHECK_STANDARDS_SOURCE} | |`);
  lines.push(`| Employment history and references | ${EMPLOYMENT_HISTORY_SOURCE} | |`);
  lines.push(`| Right to work | ${RIGHT_TO_WORK_SOURCE} | |`);
  for (const [c, r] of Object.entries(REGULATORS)) lines.push(`| ${c} number format and cycle | ${r.source} | ${r.verify ? `number format (${r.numberMessage})` : ''} |`);
  lines.push(`| DBS levels, workforces, barred lists | ${DBS_SOURCE} | certificate number format |`);
  for (const s of Object.values(CRIMINAL_RECORD_SCHEMES)) lines.push(`| ${s.title}: levels (${s.levels.join(', ')}) and certificate numbers | ${s.source} | ${'verify' in s && s.verify ? `certificate number format (${s.certificateNumber.message}); levels` : ''} |`);
  lines.push(`| DBS Update Service: levels covered (${DBS_UPDATE_SERVICE.levels.join(', ')}) and status results (${Object.values(DBS_UPDATE_SERVICE.statusResults).map((r) => r.title.toLowerCase()).join(', ')}) | ${DBS_UPDATE_SERVICE.source} | |`);
  lines.push(`| GPG 45 levels and profiles | ${GPG45_SOURCE} | |`);
  lines.push(`| DVS trust framework versions | ${DVS_SOURCE} | ${DVS_TRUST_FRAMEWORK.verify ? `versions (${DVS_TRUST_FRAMEWORK.versions.join(', ')})` : ''} |`);
  lines.push(`| National Insurance number and portrait formats | ${IDENTITY_ATTRIBUTES_SOURCE} | |`);
  lines.push(`| Work health outcomes and immunity | ${WORK_HEALTH_SOURCE} | |`);
  lines.push('');
  return lines.join('\n');
}

/**
 * The text of docs/credentials.md for a catalogue.
 *
 * @example
 * writeFileSync('docs/credentials.md', renderCredentialsDoc())
 */
export function renderCredentialsDoc(catalogue: readonly CredentialTypeDefinition[] = CATALOGUE): string {
  const newest = catalogue.filter((d, i) => catalogue.findIndex((x) => x.type === d.type) === i);
  const parts = [
    '# Staff passport credentials',
    '',
    '<!-- Generated from the catalogue by packages/schemas/scripts/generate-credentials-doc.ts: do not edit by hand. -->',
    '',
    'Every credential a staff passport holds, as the catalogue in `packages/schemas` defines it: a JSON Schema (2020-12) per type and version, display labels, the claims a holder may choose to disclose by default, and the rules beyond field formats. Every credential uses the VC Data Model 2.0 context and the staff-passport context, and carries the attribute metadata block (after NIST IR 8112).',
    '',
    '| Type | Title | Version | Schema |',
    '|---|---|---|---|',
    ...newest.map((d) => `| [${d.type}](#${d.type.toLowerCase()}) | ${d.title} | ${d.version} | ${code(d.schemaId)} |`),
    '',
    VERSIONING,
    renderReferenceData(),
    ...newest.map((d) => renderType(d, catalogue.filter((x) => x.type === d.type && x !== d))),
  ];
  return `${parts.join('\n').trimEnd()}\n`;
}
