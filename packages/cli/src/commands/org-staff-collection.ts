import { getOrganisation, getStaffCollectionSettings, setPersonClaim } from '@staff-passport/issuer';
import { CliError } from '../lib/cli-error.js';
import type { CommandInput } from '../lib/command-spec.js';
import { EXIT, out } from '../lib/output.js';
import { withIssuer } from '../lib/with-issuer.js';

/**
 * `staff-passport org staff-collection --org ID [--person-claim CLAIM] [--wallet-redirect-uris
 * URI,URI|default]`: shows, or sets (as `PUT /orgs/{id}/staff-collection` does, audited), the
 * claim that numbers a person and the redirect URIs of the organisation's wallet clients.
 *
 * @throws CliError `ERR_REQUEST_INVALID` (65) when nothing is set yet and no person claim is given;
 *   PassportError `ERR_ORG_NOT_FOUND`, `ERR_REQUEST_INVALID`.
 */
export async function orgStaffCollectionCommand({ options }: CommandInput): Promise<number> {
  const orgId = options['org'] as string;
  const claim = options['person-claim'] as string | undefined;
  const uris = options['wallet-redirect-uris'] as string | undefined;
  const settings = await withIssuer(options, async (ctx) => {
    const org = await getOrganisation(ctx, orgId);
    const current = await getStaffCollectionSettings(ctx, org.id);
    if (claim === undefined && uris === undefined) return current ?? { personClaim: null };
    const personClaim = claim ?? current?.personClaim;
    if (personClaim === undefined) throw new CliError('ERR_REQUEST_INVALID', 'give --person-claim first: staff collection is not set for this organisation', EXIT.dataErr);
    const walletRedirectUris = uris === undefined ? current?.walletRedirectUris : uris === 'default' ? undefined : uris.split(',').map((u) => u.trim());
    return setPersonClaim(ctx, org.id, { personClaim, ...(walletRedirectUris ? { walletRedirectUris } : {}) }, 'cli');
  });
  out(JSON.stringify(settings, null, 2));
  return EXIT.ok;
}
