import { CliError } from '../lib/cli-error.js';
import { readInputFile } from '../lib/read-input-file.js';
import { EXIT, out } from '../lib/output.js';
import type { CommandInput } from '../lib/command-spec.js';

/** What a file holds: the compact JWT itself, or JSON (`{verifiableCredential}` as the issuer answers). */
function valueIn(file: string, text: string): unknown {
  let value: unknown = text;
  if (text.startsWith('{') || text.startsWith('"')) {
    try {
      const parsed = JSON.parse(text) as unknown;
      value = typeof parsed === 'object' && parsed !== null && 'verifiableCredential' in parsed ? parsed.verifiableCredential : parsed;
    } catch (cause: unknown) {
      throw new CliError('ERR_FILE_INVALID', `${file} is not valid JSON (${cause instanceof Error ? cause.message : String(cause)})`, EXIT.dataErr, { cause });
    }
  }
  return value;
}

function jwtIn(file: string, value: unknown, extractEnvelopedJwt: (value: unknown, mediaType: 'application/vc+jwt') => string | undefined): string {
  const jwt = extractEnvelopedJwt(value, 'application/vc+jwt');
  if (!jwt || !/^[\w-]+\.[\w-]+\.[\w-]*$/.test(jwt)) {
    throw new CliError('ERR_FILE_INVALID', `${file} holds no VC-JOSE credential (a compact JWT, or JSON with verifiableCredential as the issuer answers)`, EXIT.dataErr);
  }
  return jwt;
}

/**
 * `staff-passport verify FILE [--allow-private]`: verifies a VC-JOSE credential in a file and
 * prints every check; exit 0 verified, 1 not verified.
 *
 * @throws CliError `ERR_FILE_NOT_FOUND`, `ERR_FILE_UNREADABLE` (66), `ERR_FILE_INVALID` (65).
 */
export async function verifyFileCommand({ args, options }: CommandInput): Promise<number> {
  const file = args[0]!;
  const value = valueIn(file, readInputFile(file).trim());
  // Core (and the libraries behind it) is loaded once the file was found and read.
  const { createDidResolver, extractEnvelopedJwt, verifyVcJose } = await import('@staff-passport/core');
  const jwt = jwtIn(file, value, extractEnvelopedJwt);
  const allow = options['allow-private'] === true;
  const result = await verifyVcJose({ jwt, resolver: createDidResolver({ web: { allowPrivateNetwork: allow, allowHttp: allow } }) });
  for (const c of result.checks) out(`${c.outcome === 'passed' ? 'ok  ' : c.outcome === 'skipped' ? 'skip' : 'FAIL'} ${c.check}${c.code ? ` ${c.code}` : ''}${c.message ? `: ${c.message}` : ''}`);
  out(result.verified ? 'verified' : 'NOT verified');
  return result.verified ? EXIT.ok : EXIT.failed;
}
