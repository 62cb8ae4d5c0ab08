import { createOrganisation } from '@staff-passport/issuer';
import { withIssuer } from '../lib/with-issuer.js';
import { EXIT, out } from '../lib/output.js';
import type { CommandInput } from '../lib/command-spec.js';

/** `staff-passport org create --name NAME --ods CODE`: an organisation with its did:web and key. */
export async function createOrgCommand({ options }: CommandInput): Promise<number> {
  const name = options['name'] as string;
  const odsCode = options['ods'] as string;
  const org = await withIssuer(options, (ctx) => createOrganisation(ctx, { name, odsCode }, 'cli'));
  out(JSON.stringify(org, null, 2));
  return EXIT.ok;
}
