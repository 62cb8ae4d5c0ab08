import type { ErrorCode } from '@staff-passport/core';
import type { ApiParameter, ApiResponse, ApiRoute, JsonSchema } from './api-route.js';

/** An OpenAPI 3.1 document as plain JSON. */
export type OpenApiDocument = Record<string, unknown>;

/** What a service says about itself in its document. */
export interface OpenApiInfo {
  title: string;
  version: string;
  description: string;
  /** Where the service is reached (its public URL). */
  serverUrl: string;
  /** Security schemes for signed-in routes: `platform` for platform administrators, `roles` for an organisation's members. */
  security?: { platform?: Record<string, JsonSchema>; roles?: Record<string, JsonSchema> };
  /** Shared schemas, referred to as `#/components/schemas/Name`. */
  schemas?: Record<string, JsonSchema>;
}

/** Express `:param` to OpenAPI `{param}`. */
export function toOpenApiPath(path: string): string {
  return path.replace(/:([A-Za-z]+)/g, '{$1}');
}

const ERROR_ANSWERS: Record<number, { description: string; code: ErrorCode; title: string }> = {
  400: { description: 'Bad request: problem details naming the code and the field', code: 'ERR_REQUEST_INVALID', title: 'reason is required' },
  401: { description: 'Not signed in, or the credentials are not valid', code: 'ERR_AUTH_MISSING', title: 'send an API key as Authorization: Bearer <key>' },
  403: { description: "Not allowed for the caller's role", code: 'ERR_FORBIDDEN', title: 'this role may not do that' },
  404: { description: 'Not found (or not of the caller\'s organisation)', code: 'ERR_NOT_FOUND', title: 'no such thing' },
  409: { description: 'Conflict with the current state', code: 'ERR_STATUS_TRANSITION_INVALID', title: 'a revocation cannot be undone' },
  413: { description: 'Body too large', code: 'ERR_BODY_TOO_LARGE', title: 'the body is over the size limit' },
  415: { description: 'Unsupported media type', code: 'ERR_UNSUPPORTED_MEDIA_TYPE', title: 'send the body as application/json' },
  429: { description: 'Too many attempts: try again later', code: 'ERR_RATE_LIMITED', title: 'too many attempts' },
};

const PROBLEM_SCHEMA: JsonSchema = {
  type: 'object',
  description: 'RFC 9457 problem details with our stable error code',
  properties: {
    type: { type: 'string', description: 'a URI naming the code' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    code: { type: 'string', description: 'stable error code, for example ERR_REQUEST_INVALID' },
    field: { type: 'string', description: 'the field at fault' },
    issues: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } } } },
    instance: { type: 'string', description: 'the request id' },
  },
  required: ['type', 'title', 'status', 'code'],
};

const OAUTH_ERROR_SCHEMA: JsonSchema = {
  type: 'object',
  description: 'An OAuth 2.0 error (RFC 6749 section 5.2) with our stable code beside it',
  properties: { error: { type: 'string' }, error_description: { type: 'string' }, code: { type: 'string' }, field: { type: 'string' } },
  required: ['error', 'code'],
};

function errorAnswer(status: number, format: 'problem' | 'oauth'): ApiResponse {
  const known = ERROR_ANSWERS[status] ?? { description: 'Error', code: 'ERR_REQUEST_INVALID' as ErrorCode, title: 'the request is not valid' };
  if (format === 'oauth') {
    return {
      description: known.description,
      schema: { $ref: '#/components/schemas/OAuthError' },
      example: { error: status === 401 ? 'invalid_token' : 'invalid_request', error_description: known.title, code: known.code },
    };
  }
  return {
    description: known.description,
    contentType: 'application/problem+json',
    schema: { $ref: '#/components/schemas/Problem' },
    example: { type: `https://w3id.org/staff-passport/errors#${known.code}`, title: known.title, status, code: known.code },
  };
}

function mediaOf(response: ApiResponse): Record<string, unknown> | undefined {
  if (response.contentType === 'none') return undefined;
  return { [response.contentType ?? 'application/json']: { schema: response.schema ?? {}, ...(response.example === undefined ? {} : { example: response.example }) } };
}

function parameterOf(param: ApiParameter, where: 'path' | 'query'): Record<string, unknown> {
  return { name: param.name, in: where, required: where === 'path', description: param.description, schema: param.schema, ...(param.example === undefined ? {} : { example: param.example }) };
}

function operationIdOf(route: ApiRoute<unknown>): string {
  const words = toOpenApiPath(route.path)
    .replace(/\{([A-Za-z]+)\}/g, 'by-$1')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  return [route.method, ...words].map((w, i) => (i === 0 ? w : `${w[0]!.toUpperCase()}${w.slice(1)}`)).join('');
}

/**
 * The OpenAPI 3.1 document of a route table: every route with who may call it, its parameters,
 * body and answers (each with a schema and an example), errors as problem details (or OAuth errors
 * on protocol endpoints). Generated, so it cannot drift from what the router registers and validates.
 *
 * @example
 * const doc = buildOpenApiDocument(ISSUER_ROUTES, { title: 'Issuer API', version: '0.1.0', description: '...', serverUrl: ctx.publicUrl });
 */
export function buildOpenApiDocument<Deps, Role extends string>(routes: readonly ApiRoute<Deps, Role>[], info: OpenApiInfo): OpenApiDocument {
  const platform = Object.keys(info.security?.platform ?? {}).map((name) => ({ [name]: [] }));
  const roles = Object.keys(info.security?.roles ?? {}).map((name) => ({ [name]: [] }));
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const responses: Record<string, unknown> = {};
    for (const status of route.errors ?? []) {
      const answer = errorAnswer(status, route.errorFormat ?? 'problem');
      responses[String(status)] = { description: answer.description, content: mediaOf(answer) };
    }
    for (const [status, response] of Object.entries(route.responses)) {
      const content = mediaOf(response);
      responses[status] = { description: response.description, ...(response.headers ? { headers: response.headers } : {}), ...(content ? { content } : {}) };
    }
    const sorted = Object.fromEntries(Object.entries(responses).sort(([a], [b]) => Number(a) - Number(b)));
    (paths[toOpenApiPath(route.path)] ??= {})[route.method] = {
      operationId: operationIdOf(route as ApiRoute<unknown>),
      summary: route.summary,
      ...(route.description ? { description: route.description } : {}),
      tags: [route.tag],
      ...(Array.isArray(route.access) ? { 'x-roles': route.access } : {}),
      security: route.access === 'public' ? [] : route.access === 'platform' ? platform : roles,
      parameters: [...(route.params ?? []).map((p) => parameterOf(p, 'path')), ...(route.query ?? []).map((p) => parameterOf(p, 'query'))],
      ...(route.body
        ? {
            requestBody: {
              required: route.body.required !== false,
              content: { [route.body.contentType ?? 'application/json']: { schema: route.body.schema, ...(route.body.example === undefined ? {} : { example: route.body.example }) } },
            },
          }
        : {}),
      responses: sorted,
    };
  }
  const securitySchemes = { ...(info.security?.platform ?? {}), ...(info.security?.roles ?? {}) };
  return {
    openapi: '3.1.0',
    info: { title: info.title, version: info.version, description: info.description },
    servers: [{ url: info.serverUrl }],
    paths,
    components: {
      ...(Object.keys(securitySchemes).length > 0 ? { securitySchemes } : {}),
      schemas: { Problem: PROBLEM_SCHEMA, OAuthError: OAUTH_ERROR_SCHEMA, ...(info.schemas ?? {}) },
    },
  };
}
