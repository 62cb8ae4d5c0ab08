import type { JsonSchema } from './api-route.js';

/**
 * Short builders for the JSON Schemas of route tables, so a table reads as what it accepts and
 * answers. Objects are closed (`additionalProperties: false`) unless `open` is set.
 *
 * @example
 * jsonSchema.object({ role: jsonSchema.enum(['issuer', 'auditor']), label: jsonSchema.string({ maxLength: 200 }) }, ['role'])
 */
export const jsonSchema = {
  string: (extra: JsonSchema = {}): JsonSchema => ({ type: 'string', ...extra }),
  integer: (extra: JsonSchema = {}): JsonSchema => ({ type: 'integer', ...extra }),
  number: (extra: JsonSchema = {}): JsonSchema => ({ type: 'number', ...extra }),
  boolean: (extra: JsonSchema = {}): JsonSchema => ({ type: 'boolean', ...extra }),
  enum: (values: readonly string[], extra: JsonSchema = {}): JsonSchema => ({ type: 'string', enum: [...values], ...extra }),
  array: (items: JsonSchema, extra: JsonSchema = {}): JsonSchema => ({ type: 'array', items, ...extra }),
  object: (properties: Record<string, JsonSchema>, required: readonly string[] = [], extra: JsonSchema & { open?: boolean } = {}): JsonSchema => {
    const { open, ...rest } = extra;
    return { type: 'object', properties, ...(required.length ? { required: [...required] } : {}), ...(open ? {} : { additionalProperties: false }), ...rest };
  },
  /** Any JSON object (described, not closed). */
  anyObject: (description: string): JsonSchema => ({ type: 'object', description }),
  /** The schema or null. */
  nullable: (schema: JsonSchema): JsonSchema => ({ anyOf: [schema, { type: 'null' }] }),
  ref: (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` }),
};
