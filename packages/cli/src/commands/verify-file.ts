import { readFileSync } from 'node:fs';
import { createDidResolver, extractEnvelopedJwt, verifyVcJose } from '@staff-passport/core';
import { EXIT, err, out } from '../lib/output.js';

/**
 * `staff-passport verify FILE [--allow-private]`: verifies a VC-JOSE credential in a file (the
 * JWT, or a JSON `{verifiableCredential}` as the issuer answers) and prints every check.
 */
export async function verifyFileCommand(file: string | undefined, options: Record<string, string | true>): Promise<number> {
  if (!file) {
    err('usage: staff-passport verify FILE [--allow-private]');
    return EXIT.usage;
  }
  const text = readFileSync(file, 'utf8').trim();
  let value: unknown = text;
  if (text.startsWith('{')) {
    const parsed = JSON.parse(text) as { verifiableCredential?: unknown };
    value = parsed.verifiableCredential ?? parsed;
  }
  const jwt = extractEnvelopedJwt(value, 'application/vc+jwt');
  if (!jwt) {
    err(`${file} holds no VC-JOSE credential`);
    return EXIT.dataErr;
  }
  const allow = options['allow-private'] === true;
  const result = await verifyVcJose({ jwt, resolver: createDidResolver({ web: { allowPrivateNetwork: allow, allowHttp: allow } }) });
  for (const c of result.checks) out(`${c.outcome === 'passed' ? 'ok  ' : c.outcome === 'skipped' ? 'skip' : 'FAIL'} ${c.check}${c.code ? ` ${c.code}` : ''}${c.message ? `: ${c.message}` : ''}`);
  out(result.verified ? 'verified' : 'NOT verified');
  return result.verified ? EXIT.ok : EXIT.failed;
}
