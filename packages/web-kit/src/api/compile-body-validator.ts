import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import { PassportError } from '@staff-passport/core';
import type { JsonSchema } from './api-route.js';

/** Checks a request body against a route's schema; throws the 400 the route answers. */
export type BodyValidator = (body: unknown) => void;

/** `/credentialStatus/0/type` as today's errors name it: `credentialStatus[0].type`. */
function fieldOf(error: ErrorObject): string {
  const parts = error.instancePath
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  const params = error.params as { missingProperty?: string; additionalProperty?: string; propertyName?: string };
  const leaf = params.missingProperty ?? params.additionalProperty ?? (error.keyword === 'propertyNames' ? params.propertyName : undefined);
  if (leaf !== undefined) parts.push(leaf);
  if (parts.length === 0) return 'body';
  return parts.reduce((field, part) => (/^\d+$/.test(part) ? `${field}[${part}]` : field === '' ? part : `${field}.${part}`), '');
}

function messageOf(error: ErrorObject, field: string): string {
  if (error.keyword === 'additionalProperties') return `${field} is not a field of this request`;
  if (error.keyword === 'required') return `${field} is required`;
  if (field === 'body' && error.keyword === 'type') return `the body must be ${String((error.params as { type?: unknown }).type ?? 'JSON')}`;
  return `${field} ${error.message ?? 'is not valid'}`;
}

/**
 * A compiler of body validators from route schemas, with one ajv instance (JSON Schema 2020-12,
 * the dialect of OpenAPI 3.1) for the routes of one app. `format` is documentation only: the
 * domain functions check dates and the like with their own codes.
 *
 * @example
 * const compile = createBodyValidatorCompiler();
 * compile({ type: 'object', required: ['role'] })({}); // throws ERR_REQUEST_INVALID, field 'role'
 */
export function createBodyValidatorCompiler(): (schema: JsonSchema) => BodyValidator {
  const ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: false });
  return (schema) => {
    const validate = ajv.compile(schema);
    return (body) => {
      if (validate(body)) return;
      const error = validate.errors?.[0];
      if (!error) throw new PassportError('ERR_REQUEST_INVALID', 'the body is not valid', { field: 'body' });
      const field = fieldOf(error);
      throw new PassportError('ERR_REQUEST_INVALID', messageOf(error, field), { field });
    };
  };
}
