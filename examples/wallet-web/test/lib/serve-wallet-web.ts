// Serves a built web wallet as `pnpm start` does (the CLI's createWebWalletApp), on 127.0.0.1, port 0.
import type { AddressInfo } from 'node:net';
import { createWebWalletApp, type WebWalletConfig } from '@staff-passport/cli';

/** A running wallet server: its URL (no trailing slash) and how to stop it. */
export interface WalletWebServer {
  url: string;
  close(): Promise<void>;
}

/** Serves `distDir` with its `config.json` (and trust registry) on a free loopback port. */
export async function serveWalletWeb(distDir: string, config: WebWalletConfig): Promise<WalletWebServer> {
  const server = createWebWalletApp(distDir, config).listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
