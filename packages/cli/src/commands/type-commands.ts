import { getOrganisation, getTypeSettings, listCredentialTypes, publishCredentialType, setTypeSettings } from '@staff-passport/issuer';
import { CliError } from '../lib/cli-error.js';
import type { CommandInput } from '../lib/command-spec.js';
import { EXIT, out } from '../lib/output.js';
import { readInputFile } from '../lib/read-input-file.js';
import { withIssuer } from '../lib/with-issuer.js';

/**
 * `staff-passport type publish FILE`: publishes the version of a credential type the JSON file
 * describes (as `POST /types` takes it), as a platform administrator would; prints it.
 *
 * @throws CliError `ERR_FILE_NOT_FOUND` (66), `ERR_FILE_INVALID` (65) when it is not JSON;
 *   PassportError `ERR_TYPE_INVALID`, `ERR_TYPE_CONFLICT`.
 */
export async function publishTypeCommand({ args, options }: CommandInput): Promise<number> {
  const file = args[0]!;
  let body: unknown;
  try {
    body = JSON.parse(readInputFile(file, 'type file'));
  } catch (cause: unknown) {
    if (cause instanceof CliError) throw cause;
    throw new CliError('ERR_FILE_INVALID', `${file} is not JSON`, EXIT.dataErr, { cause });
  }
  const published = await withIssuer(options, (ctx) => publishCredentialType(ctx, body, 'cli'));
  out(JSON.stringify(published, null, 2));
  return EXIT.ok;
}

/** `staff-passport type list`: every published version, newest first within each type. */
export async function listTypesCommand({ options }: CommandInput): Promise<number> {
  const types = await withIssuer(options, (ctx) => listCredentialTypes(ctx));
  if (types.length === 0) out('No credential types published beyond the catalogue.');
  for (const t of types) out(`${t.type} ${t.version}  ${t.title}  ${t.id}`);
  return EXIT.ok;
}

/**
 * `staff-passport org types --org ID [--allow-unregistered on|off]`: shows, or sets, whether the
 * organisation issues credentials of types not registered.
 *
 * @throws PassportError `ERR_ORG_NOT_FOUND`.
 */
export async function orgTypesCommand({ options }: CommandInput): Promise<number> {
  const orgId = options['org'] as string;
  const allow = options['allow-unregistered'];
  const settings = await withIssuer(options, async (ctx) => {
    const org = await getOrganisation(ctx, orgId);
    return allow === undefined ? getTypeSettings(ctx, org) : setTypeSettings(ctx, org, { allowUnregisteredTypes: allow === 'on' }, 'cli');
  });
  out(JSON.stringify(settings, null, 2));
  return EXIT.ok;
}
