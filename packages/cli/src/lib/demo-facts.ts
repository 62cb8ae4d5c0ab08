import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** What `data/demo.json` holds: everything the README's "try it" needs. */
export interface DemoFacts {
  issuer: { url: string; orgId: string; did: string; apiKey: string };
  /** The verifier, and its demo organisation with an API key of each role (the desk signs in with the checker's). */
  verifier: { url: string; orgId?: string; did?: string; keys?: Record<'checker' | 'profile-admin' | 'auditor', string> };
  exampleCredential: Record<string, unknown>;
}

export function demoFile(dataDir: string): string {
  return join(dataDir, 'demo.json');
}

export function readDemoFacts(dataDir: string): DemoFacts | undefined {
  const file = demoFile(dataDir);
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8')) as DemoFacts;
}

export function writeDemoFacts(dataDir: string, facts: DemoFacts): void {
  // Written whole to a temporary file and renamed, so a crash never leaves half a file.
  const file = demoFile(dataDir);
  writeFileSync(`${file}.tmp`, `${JSON.stringify(facts, null, 2)}\n`, { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
}
