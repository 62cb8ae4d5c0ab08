import type { RequestHandler } from 'express';

/**
 * CORS open to every origin, for what wallets in browsers call from their own origin (OpenID4VCI
 * and OpenID4VP endpoints, DID documents, status lists). No credentials (cookies) are allowed, so
 * an open origin leaks nothing a plain request would not; preflights are answered here.
 *
 * @example
 * router.use('/orgs/:orgId/did.json', openCors());
 */
export function openCors(options: { methods?: string; headers?: string } = {}): RequestHandler {
  const methods = options.methods ?? 'GET, POST';
  const headers = options.headers ?? 'authorization, content-type, dpop';
  return (req, res, next) => {
    res.setHeader('access-control-allow-origin', '*');
    if (req.method === 'OPTIONS') {
      res.setHeader('access-control-allow-methods', methods);
      res.setHeader('access-control-allow-headers', headers);
      res.setHeader('access-control-max-age', '600');
      res.status(204).end();
      return;
    }
    next();
  };
}
