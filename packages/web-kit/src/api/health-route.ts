import type { ApiRoute } from './api-route.js';
import { jsonSchema as s } from './json-schema.js';

/**
 * `GET /healthz` as a route table entry: 200 `{status: "ok"}` while the process serves requests
 * (liveness; it reads nothing, so a slow database does not make a live process look dead).
 *
 * @example
 * const ROUTES = [healthRoute<Deps>(), ...serviceRoutes];
 */
export function healthRoute<Deps>(): ApiRoute<Deps, never> {
  return {
    method: 'get',
    path: '/healthz',
    summary: 'Liveness',
    tag: 'service',
    access: 'public',
    responses: { 200: { description: 'the service is up', schema: s.object({ status: s.enum(['ok']) }, ['status']), example: { status: 'ok' } } },
    handler: (_deps, _req, res) => {
      res.json({ status: 'ok' });
    },
  };
}
