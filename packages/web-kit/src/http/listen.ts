import type { RequestListener, Server } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A listening HTTP server and its base URL. */
export interface RunningServer {
  server: Server;
  url: string;
  close(): Promise<void>;
}

/**
 * Listens on a host and port (0 for any free port) before the app exists, so the app can be
 * built knowing its own URL (organisations' did:web identifiers are built on it).
 *
 * @example
 * const running = await listen('127.0.0.1', 0);
 * running.attach(createIssuerApp({ ...deps, publicUrl: running.url }));
 */
export async function listen(host: string, port: number): Promise<RunningServer & { attach(app: RequestListener): void }> {
  const server = createServer();
  server.headersTimeout = 20_000;
  server.requestTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const hostPart = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    server,
    url: `http://${hostPart}:${address.port}`,
    attach(app) {
      server.on('request', app);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
