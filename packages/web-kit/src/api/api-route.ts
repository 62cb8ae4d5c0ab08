import type { Request, RequestHandler, Response } from 'express';
import type { ErrorCode } from '@staff-passport/core';

/** A JSON Schema (2020-12, the dialect of OpenAPI 3.1) as plain data. */
export type JsonSchema = Record<string, unknown>;

/** The HTTP methods our APIs use. */
export type ApiMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * Who may call a route: anyone (`public`), a platform administrator (`platform`), or a signed-in
 * member of the organisation with one of the roles listed. The service's guard applies it.
 */
export type ApiAccess<Role extends string> = 'public' | 'platform' | readonly Role[];

/** A path or query parameter: its schema (with a pattern where the shape is fixed) and an example. */
export interface ApiParameter {
  name: string;
  description: string;
  schema: JsonSchema;
  example?: unknown;
  /** Path parameters: the code answered (404) when the value is not of the schema's shape; checked before the body. */
  notFound?: ErrorCode;
}

/** A request body: its media type, schema and an example. */
export interface ApiRequestBody {
  schema: JsonSchema;
  /** Default `application/json`. */
  contentType?: string;
  example?: unknown;
  /** Default true; false when the route also takes no body at all. */
  required?: boolean;
  /**
   * `ajv` (default): the body is checked against the schema before the handler runs, and a
   * mismatch is a 400 `ERR_REQUEST_INVALID` naming the field. `handler`: the body is not JSON the
   * app parsed (a streamed upload, a protocol endpoint that parses and answers errors the OAuth
   * way): the handler checks it, and the schema documents it.
   */
  validation?: 'ajv' | 'handler';
}

/** One answer of a route. */
export interface ApiResponse {
  description: string;
  /** Default `application/json`; `none` for an answer without a body (204, 304). */
  contentType?: string | 'none';
  schema?: JsonSchema;
  example?: unknown;
  headers?: Record<string, { description: string; schema: JsonSchema }>;
}

/** How a route answers errors: problem details (RFC 9457), or OAuth errors (`{error, error_description, code}`). */
export type ApiErrorFormat = 'problem' | 'oauth';

/**
 * One entry of a service's route table: what the router registers, the guard applies, ajv
 * validates, and the OpenAPI document describes. A handler gets the service's dependencies.
 */
export interface ApiRoute<Deps, Role extends string = string> {
  method: ApiMethod;
  /** Express-style path (`/orgs/:orgId`). */
  path: string;
  summary: string;
  description?: string;
  tag: string;
  access: ApiAccess<Role>;
  params?: readonly ApiParameter[];
  query?: readonly ApiParameter[];
  body?: ApiRequestBody;
  /** The answers by status, success and otherwise (an error status named here overrides the generic error answer). */
  responses: Readonly<Record<number, ApiResponse>>;
  /** Error statuses answered in `errorFormat` (problem details by default). */
  errors?: readonly number[];
  errorFormat?: ApiErrorFormat;
  /** Middleware run before the guard (a body parser of the route's own). */
  before?: readonly RequestHandler[];
  handler: (deps: Deps, req: Request, res: Response) => void | Promise<void>;
}
