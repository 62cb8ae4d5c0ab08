import { createApiKey, getOrganisation, type Role } from '@staff-passport/issuer';
import { withIssuer } from '../lib/with-issuer.js';
import { EXIT, out } from '../lib/output.js';
import type { CommandInput } from '../lib/command-spec.js';

/**
 * `staff-passport api-key create --org ID [--role ROLE] [--label TEXT]`: an API key, shown once.
 *
 * @throws PassportError `ERR_ORG_NOT_FOUND` when there is no organisation with that id.
 */
export async function createApiKeyCommand({ options }: CommandInput): Promise<number> {
  const orgId = options['org'] as string;
  const role = (options['role'] ?? 'issuer') as Role;
  const label = typeof options['label'] === 'string' ? options['label'] : undefined;
  const key = await withIssuer(options, async (ctx) => {
    // Looked up first: a key for no organisation is the user's mistake, named as such.
    await getOrganisation(ctx, orgId);
    return createApiKey(ctx, { orgId, role, ...(label === undefined ? {} : { label }) }, 'cli');
  });
  out(JSON.stringify(key, null, 2));
  out('The API key is shown once; only its hash is stored.');
  return EXIT.ok;
}
