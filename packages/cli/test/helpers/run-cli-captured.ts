/**
 * Runs the CLI in this process as `staff-passport <argv>` would, with what it writes to stdout and
 * stderr captured instead of printed.
 *
 * @example
 * const { code, out } = await runCliCaptured(['audit', 'verify', '--org', orgId]);
 */
import { jest } from '@jest/globals';
import { runCli } from '../../src/run-cli.js';

export async function runCliCaptured(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const errs: string[] = [];
  const o = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true));
  const e = jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => (errs.push(String(chunk)), true));
  try {
    return { code: await runCli(argv), out: out.join(''), err: errs.join('') };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}
