import type { CredentialTypeDefinition } from '../lib/catalogue-types.js';
import { getChoiceTitles } from './get-choice-titles.js';

type Schema = Readonly<Record<string, unknown>>;

function asSchema(value: unknown): Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Schema) : {};
}

/** The schema of the claim at a dotted path under `credentialSubject` (list indexes skipped), if the type has one. */
function claimSchema(definition: CredentialTypeDefinition, path: string): Schema | undefined {
  let node = asSchema(asSchema(definition.schema['properties'])['credentialSubject']);
  for (const name of path.split('.')) {
    if (/^\d+$/.test(name) && node['type'] === 'array') {
      node = asSchema(node['items']);
      continue;
    }
    const properties = asSchema(node['properties']);
    if (!Object.hasOwn(properties, name)) return undefined;
    node = asSchema(properties[name]);
  }
  return node;
}

/**
 * What a person reads for a coded claim value: the reference data's title for a value of one of
 * the type's enums (`training.subject` `fire_safety` -> "Fire safety"; `dbs.level`
 * `enhanced_barred` -> "Enhanced with barred list checks"), each item of a list of coded values
 * (`immunity.*`), or undefined when the claim is not coded (a name, a date, a number typed by HR).
 *
 * @example
 * getClaimValueTitle(getCredentialType('TrainingRecord')!, 'training.subject', 'fire_safety'); // 'Fire safety'
 * getClaimValueTitle(getCredentialType('TrainingRecord')!, 'training.completedOn', '2026-09-14'); // undefined
 */
export function getClaimValueTitle(definition: CredentialTypeDefinition, path: string, value: unknown): string | undefined {
  const schema = claimSchema(definition, path);
  if (!schema) return undefined;
  if (Array.isArray(schema['enum'])) return titleIn(schema['enum'], value);
  const items = asSchema(schema['items']);
  if (Array.isArray(value) && Array.isArray(items['enum'])) {
    const titles = value.map((v) => titleIn(items['enum'] as unknown[], v) ?? String(v));
    return titles.join(', ');
  }
  return undefined;
}

function titleIn(values: readonly unknown[], value: unknown): string | undefined {
  const at = values.findIndex((v) => v === value);
  return at < 0 ? undefined : getChoiceTitles(values)[at];
}
