import { spawn } from 'node:child_process';
import type { ServiceFacts } from './create-suite-front.js';

/** The conformance organisation: made beside the demo one, which keeps types not registered off. */
export const CONFORMANCE_ORG = { name: 'W3C Conformance Test Organisation', odsCode: 'ZZW3C' } as const;

function cli(root: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--conditions=@staff-passport/source', '--import', 'tsx', 'packages/cli/src/bin.ts', ...args, '--demo'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (err += c.toString('utf8')));
    child.on('error', fail);
    child.on('close', (code) => (code === 0 ? done(out) : fail(new Error(`staff-passport ${args.join(' ')} exited ${String(code)}: ${err}`))));
  });
}

/** The JSON object a command printed (before any line of advice after it). */
export function printedJson(out: string): Record<string, unknown> {
  return JSON.parse(out.slice(out.indexOf('{'), out.lastIndexOf('}') + 1)) as Record<string, unknown>;
}

/**
 * Makes the organisation the suites issue with, on the running demo's database, with the
 * commands an administrator would use: `org create`, `api-key create` and `org types
 * --allow-unregistered on` (the suites issue credentials of their own types, which no one
 * registered). The demo organisation is left as `pnpm start` made it.
 */
export async function createConformanceOrg(root: string, dataDir: string, issuerUrl: string): Promise<ServiceFacts['issuer']> {
  // The organisation's did:web is built on the issuer's public URL: the running service's.
  const env = { ...process.env, DATA_DIR: dataDir, ISSUER_PUBLIC_URL: issuerUrl, LOG_LEVEL: 'warn' };
  const org = printedJson(await cli(root, ['org', 'create', '--name', CONFORMANCE_ORG.name, '--ods', CONFORMANCE_ORG.odsCode], env));
  const key = printedJson(await cli(root, ['api-key', 'create', '--org', String(org['id']), '--role', 'issuer', '--label', 'W3C test suites'], env));
  await cli(root, ['org', 'types', '--org', String(org['id']), '--allow-unregistered', 'on'], env);
  return { url: issuerUrl, orgId: String(org['id']), did: String(org['did']), apiKey: String(key['apiKey']) };
}
