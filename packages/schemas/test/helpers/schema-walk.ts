/** A claim of a credential subject schema: its dotted path and its schema. */
export interface SchemaClaim {
  path: string;
  schema: Record<string, unknown>;
  /** Whether the claim's parent object requires it. */
  required: boolean;
}

type Schema = Record<string, unknown>;

function propertiesOf(s: Schema): Record<string, Schema> | undefined {
  const items = s['items'] as Schema | undefined;
  const target = items ?? s;
  return target['properties'] as Record<string, Schema> | undefined;
}

/** Every claim path of a subject schema (array items share their array's path), the root `id` left out. */
export function walkClaims(subjectSchema: Schema, prefix = ''): SchemaClaim[] {
  const props = propertiesOf(subjectSchema);
  if (!props) return [];
  const target = (subjectSchema['items'] as Schema | undefined) ?? subjectSchema;
  const required = new Set((target['required'] as string[] | undefined) ?? []);
  return Object.entries(props).flatMap(([name, sub]) => {
    if (prefix === '' && name === 'id') return [];
    const path = prefix ? `${prefix}.${name}` : name;
    return [{ path, schema: sub, required: required.has(name) }, ...walkClaims(sub, path)];
  });
}

/** Every object schema in a schema, with the `then` blocks of its `allOf`. */
export function objectSchemas(schema: unknown, out: Schema[] = []): Schema[] {
  if (!schema || typeof schema !== 'object') return out;
  const s = schema as Schema;
  if (s['properties']) out.push(s);
  for (const value of Object.values(s)) {
    if (Array.isArray(value)) value.forEach((v) => objectSchemas(v, out));
    else if (value && typeof value === 'object') objectSchemas(value, out);
  }
  return out;
}

/** The credentialSubject schema of a credential schema. */
export function subjectSchemaOf(schema: Readonly<Record<string, unknown>>): Schema {
  return (schema['properties'] as Record<string, Schema>)['credentialSubject']!;
}
