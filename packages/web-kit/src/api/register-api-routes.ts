import type { Request, RequestHandler, Router } from 'express';
import { PassportError, type ErrorCode } from '@staff-passport/core';
import type { ApiParameter, ApiRoute } from './api-route.js';
import { createBodyValidatorCompiler } from './compile-body-validator.js';

/** Options for {@link registerApiRoutes}. */
export interface RegisterApiRoutesOptions<Deps, Role extends string> {
  /** What every handler gets: the service's context and whatever else its routes need. */
  deps: Deps;
  /**
   * Applies a route's `access`: the middleware that signs the caller in and checks the roles, or
   * undefined for a route anyone may call. Runs before the parameters and the body are checked.
   */
  guard: (route: ApiRoute<Deps, Role>) => RequestHandler | undefined;
}

interface ParamCheck {
  name: string;
  pattern: RegExp | undefined;
  notFound: ErrorCode;
}

function paramChecksOf(params: readonly ApiParameter[]): ParamCheck[] {
  return params.flatMap((p) => (p.notFound ? [{ name: p.name, notFound: p.notFound, pattern: typeof p.schema['pattern'] === 'string' ? new RegExp(p.schema['pattern']) : undefined }] : []));
}

function checkParams(req: Request, checks: readonly ParamCheck[]): void {
  for (const check of checks) {
    const value = req.params[check.name];
    if (typeof value !== 'string' || (check.pattern !== undefined && !check.pattern.test(value))) {
      throw new PassportError(check.notFound, `no ${check.name} like that`, { field: check.name });
    }
  }
}

/**
 * Registers every route of a table on an express router, each as: its own middleware (`before`),
 * the guard for its `access`, the path parameters' shapes (a malformed id answers the route's
 * not-found code), the body against its schema with ajv (400 `ERR_REQUEST_INVALID` naming the
 * field), then the handler. The same table generates the OpenAPI document, so what is validated is
 * what is documented.
 *
 * @example
 * registerApiRoutes(router, ISSUER_ROUTES, { deps: { ctx }, guard: (route) => guardFor(ctx, route) });
 */
export function registerApiRoutes<Deps, Role extends string>(router: Router, routes: readonly ApiRoute<Deps, Role>[], options: RegisterApiRoutesOptions<Deps, Role>): void {
  const compile = createBodyValidatorCompiler();
  for (const route of routes) {
    const guard = options.guard(route);
    const params = paramChecksOf(route.params ?? []);
    const body = route.body && (route.body.validation ?? 'ajv') === 'ajv' ? route.body : undefined;
    const validateBody = body ? compile(body.schema) : undefined;
    const optional = body?.required === false;
    const check: RequestHandler = (req, _res, next) => {
      checkParams(req, params);
      if (validateBody && !(optional && req.body === undefined)) validateBody(req.body);
      next();
    };
    const handler: RequestHandler = async (req, res) => {
      await route.handler(options.deps, req, res);
    };
    router[route.method](route.path, ...(route.before ?? []), ...(guard ? [guard] : []), check, handler);
  }
}
