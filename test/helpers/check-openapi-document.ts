/**
 * Checks an OpenAPI document generated from a route table: valid OpenAPI 3.1 (the official
 * schema, through @seriousme/openapi-schema-validator), and every operation with schemas for its
 * parameters, body and answers, and examples.
 */
import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020 } from 'ajv/dist/2020.js';

/** Problems found with an operation (empty when none). */
export function operationProblems(doc: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const paths = doc['paths'] as Record<string, Record<string, Record<string, unknown>>>;
  for (const [path, ops] of Object.entries(paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const name = `${method.toUpperCase()} ${path}`;
      let examples = 0;
      const params = (op['parameters'] ?? []) as { name: string; in: string; schema?: unknown; example?: unknown }[];
      for (const p of params) {
        if (!p.schema) problems.push(`${name}: parameter ${p.name} has no schema`);
        if (p.example !== undefined) examples++;
      }
      for (const [, placeholder] of path.matchAll(/\{([A-Za-z]+)\}/g)) {
        if (!params.some((p) => p.in === 'path' && p.name === placeholder)) problems.push(`${name}: path parameter ${placeholder} is not described`);
      }
      const body = op['requestBody'] as { content: Record<string, { schema?: unknown; example?: unknown }> } | undefined;
      for (const [type, media] of Object.entries(body?.content ?? {})) {
        if (!media.schema) problems.push(`${name}: request ${type} has no schema`);
        if (media.example === undefined) problems.push(`${name}: request ${type} has no example`);
        else examples++;
      }
      const responses = op['responses'] as Record<string, { content?: Record<string, { schema?: unknown; example?: unknown }> }>;
      const statuses = Object.keys(responses);
      // A redirect (303) is the success answer of the OAuth authorization endpoints.
      if (!statuses.some((s) => s.startsWith('2') || s === '303')) problems.push(`${name}: no success answer`);
      // Whatever takes input can refuse it: its error answers are described too.
      if ((params.length > 0 || body !== undefined) && !statuses.some((s) => /^[45]/.test(s))) problems.push(`${name}: no error answer`);
      for (const [status, response] of Object.entries(responses)) {
        if (!response.content) {
          if (status !== '204' && status !== '304') problems.push(`${name} ${status}: no content`);
          continue;
        }
        for (const [type, media] of Object.entries(response.content)) {
          const schema = media.schema as Record<string, unknown> | undefined;
          if (!schema || Object.keys(schema).length === 0) problems.push(`${name} ${status} ${type}: no schema`);
          if (media.example !== undefined) examples++;
          else if (type.includes('json')) problems.push(`${name} ${status} ${type}: no example`);
          if (/^[45]/.test(status) && !(type === 'application/problem+json' || JSON.stringify(schema).includes('OAuthError'))) problems.push(`${name} ${status}: an error that is not problem details`);
        }
      }
      if (examples === 0) problems.push(`${name}: no example at all`);
    }
  }
  return problems;
}

/** The validator's errors for the document as OpenAPI 3.1 (empty when valid). */
export async function openApiErrors(doc: Record<string, unknown>): Promise<unknown[]> {
  const validator = new Validator();
  const result = await validator.validate(structuredClone(doc));
  if (validator.version !== '3.1') return [`not OpenAPI 3.1 but ${String(validator.version)}`];
  return result.valid ? [] : ((result.errors as unknown[] | undefined) ?? ['invalid']);
}

/**
 * Checks a real answer against the schema the document gives for it (method, OpenAPI path,
 * status, media type), `$ref`s resolved in the document; returns the mismatches (empty when none).
 */
export function answerProblems(doc: Record<string, unknown>, method: string, path: string, status: number, body: unknown, contentType = 'application/json'): string[] {
  const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
  ajv.addSchema(doc, 'openapi');
  const pointer = ['paths', path, method, 'responses', String(status), 'content', contentType, 'schema'].map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
  const validate = ajv.compile({ $ref: `openapi#/${pointer}` });
  if (validate(body)) return [];
  return (validate.errors ?? []).map((e) => `${method.toUpperCase()} ${path} ${status}: ${e.instancePath || '(root)'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}
