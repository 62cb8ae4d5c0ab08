import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express from 'express';

/** How the web wallet is configured where it is served. */
export interface WebWalletConfig {
  /** Let the wallet talk to issuers and verifiers over http on loopback (local demos and tests only). */
  allowHttpLoopback: boolean;
  /**
   * A signed trust registry to show organisations' names from: served beside the app as
   * `/trust-registry.jwt`, with the public keys it must be signed with in `config.json`.
   */
  trustRegistry?: { jws: string; keys: readonly Record<string, unknown>[] };
  /** Organisations whose staff can collect their credentials in the wallet by signing in (a name and its credential issuer identifier). */
  employers?: readonly { name: string; credentialIssuer: string }[];
}

// The wallet talks to any issuer, verifier and registry the holder chooses: over https, and over
// loopback http in local demos. Everything it runs and shows comes from its own origin.
function walletCsp(allowHttpLoopback: boolean): string {
  const connect = ["'self'", 'https:', ...(allowHttpLoopback ? ['http://127.0.0.1:*', 'http://localhost:*'] : [])].join(' ');
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    `connect-src ${connect}`,
    "worker-src 'self'",
    "manifest-src 'self'",
    "frame-ancestors 'none'",
    "form-action 'self'",
    "base-uri 'none'",
    "object-src 'none'",
  ].join('; ');
}

/**
 * Serves a built web wallet (the `dist` folder of `examples/wallet-web`) with its runtime
 * `config.json` (and the trust registry it reads organisations' names from, when given): the app shell and assets, the service worker never cached by HTTP (so an update
 * is seen), a content security policy, and no referrer.
 *
 * @example
 * server.attach(createWebWalletApp('examples/wallet-web/dist', { allowHttpLoopback: true }));
 * @throws Error when `dir` has no `index.html` (the wallet was not built).
 */
export function createWebWalletApp(dir: string, config: WebWalletConfig): express.Express {
  if (!existsSync(join(dir, 'index.html'))) throw new Error(`${dir} has no index.html: build the web wallet first (pnpm --filter @staff-passport/example-wallet-web build)`);
  const app = express();
  app.disable('x-powered-by');
  const csp = walletCsp(config.allowHttpLoopback);
  app.use((_req, res, next) => {
    res.setHeader('content-security-policy', csp);
    // The camera scans QR codes on this origin only.
    res.setHeader('permissions-policy', 'camera=(self), microphone=(), geolocation=()');
    res.setHeader('referrer-policy', 'no-referrer');
    res.setHeader('x-content-type-options', 'nosniff');
    next();
  });
  const { trustRegistry } = config;
  app.get('/config.json', (_req, res) => {
    res.setHeader('cache-control', 'no-store');
    res.json({
      allowHttpLoopback: config.allowHttpLoopback,
      ...(trustRegistry ? { trustRegistryUrl: '/trust-registry.jwt', trustRegistryKeys: trustRegistry.keys } : {}),
      ...(config.employers && config.employers.length > 0 ? { employers: config.employers } : {}),
    });
  });
  if (trustRegistry) {
    app.get('/trust-registry.jwt', (_req, res) => {
      res.setHeader('cache-control', 'no-cache');
      res.type('application/jwt').send(trustRegistry.jws);
    });
  }
  app.use(
    express.static(dir, {
      index: 'index.html',
      dotfiles: 'deny',
      setHeaders(res, path) {
        res.setHeader('cache-control', /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    }),
  );
  app.use((_req, res) => {
    res.status(404).type('text').send('Not found');
  });
  return app;
}
