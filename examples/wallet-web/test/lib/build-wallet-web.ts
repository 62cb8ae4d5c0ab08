// Builds the web wallet with Vite's JS API into a fresh temp folder, as `pnpm start` does into dist/.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

/** The example's folder (where vite.config.ts is). */
export const WALLET_WEB_DIR = fileURLToPath(new URL('../..', import.meta.url));

/** Builds the app and returns the output folder. */
export async function buildWalletWeb(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'wallet-web-'));
  await build({ configFile: join(WALLET_WEB_DIR, 'vite.config.ts'), logLevel: 'error', build: { outDir, emptyOutDir: true } });
  return outDir;
}
