// Serves the built web wallet (dist/) and its config.json from node:http, with the headers a
// wallet page needs: a content security policy allowing only its own scripts and styles, the
// camera for this origin only, hashed assets cached for good and the page never.
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';

/** Options for {@link serveWalletWeb}. */
export interface ServeWalletWebOptions {
  /** The Vite build's output folder. */
  distDir: string;
  /** Served as `/config.json` (see the README); none (404, so the app's defaults) when absent. */
  config?: { allowHttpLoopback?: boolean; trustRegistryUrl?: string; trustRegistryKeys?: unknown[] };
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0 (any free port). */
  port?: number;
  /** Extra files by path (`/registry.jwt`), for demos and tests that host a trust registry beside the app. */
  files?: Record<string, { type: string; body: string | Uint8Array }>;
}

/** A running server: its URL (no trailing slash) and how to stop it. */
export interface WalletWebServer {
  url: string;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
};

function securityHeaders(allowHttpLoopback: boolean): Record<string, string> {
  // The wallet talks to any issuer, verifier and registry, over https (and loopback http in demos).
  const connect = ["'self'", 'https:', ...(allowHttpLoopback ? ['http://127.0.0.1:*', 'http://localhost:*'] : [])].join(' ');
  return {
    'content-security-policy': [
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
    ].join('; '),
    'permissions-policy': 'camera=(self), microphone=(), geolocation=()',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  };
}

/**
 * Starts a static server for the built wallet: `/` is index.html, `/config.json` the given
 * configuration, other paths files of `distDir` (no path outside it); GET and HEAD only.
 *
 * @example
 * const server = await serveWalletWeb({ distDir: 'examples/wallet-web/dist', config: { allowHttpLoopback: true } });
 * server.url; // 'http://127.0.0.1:41234'
 */
export async function serveWalletWeb(options: ServeWalletWebOptions): Promise<WalletWebServer> {
  const root = normalize(options.distDir);
  const headers = securityHeaders(options.config?.allowHttpLoopback === true);
  const send = (res: ServerResponse, status: number, type: string, body: string | Uint8Array, cache: string): void => {
    res.writeHead(status, { ...headers, 'content-type': type, 'cache-control': cache, 'content-length': Buffer.byteLength(body) });
    res.end(body);
  };
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...headers, allow: 'GET, HEAD' }).end();
      return;
    }
    let path: string;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://wallet').pathname);
    } catch {
      send(res, 400, 'text/plain; charset=utf-8', 'Bad request', 'no-store');
      return;
    }
    if (path === '/config.json') {
      if (options.config) send(res, 200, 'application/json', JSON.stringify(options.config), 'no-cache');
      else send(res, 404, 'text/plain; charset=utf-8', 'Not found', 'no-cache');
      return;
    }
    const extra = options.files?.[path];
    if (extra) {
      send(res, 200, extra.type, extra.body, 'no-cache');
      return;
    }
    const file = normalize(join(root, path === '/' ? 'index.html' : path));
    if (!file.startsWith(root + sep) || !(await stat(file).then((s) => s.isFile(), () => false))) {
      send(res, 404, 'text/plain; charset=utf-8', 'Not found', 'no-cache');
      return;
    }
    // Hashed assets never change; the page, worker, manifest and icons are checked every time.
    const cache = path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
    send(res, 200, TYPES[extname(file)] ?? 'application/octet-stream', await readFile(file), cache);
  };
  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500, headers);
      res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { address, port } = server.address() as AddressInfo;
  return {
    url: `http://${address.includes(':') ? `[${address}]` : address}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
