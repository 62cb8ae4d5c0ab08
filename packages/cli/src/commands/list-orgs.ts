import { listOrganisations } from '@staff-passport/issuer';
import { withIssuer } from '../lib/with-issuer.js';
import { EXIT, out } from '../lib/output.js';
import type { CommandInput } from '../lib/command-spec.js';

/** `staff-passport org list`: every organisation, as JSON. */
export async function listOrgsCommand({ options }: CommandInput): Promise<number> {
  out(JSON.stringify(await withIssuer(options, listOrganisations), null, 2));
  return EXIT.ok;
}
