import { createPlatformKey } from '@staff-passport/issuer';
import { withIssuer } from '../lib/with-issuer.js';
import { EXIT, out } from '../lib/output.js';
import type { CommandInput } from '../lib/command-spec.js';

/** `staff-passport admin-key create [--label TEXT]`: a platform administrator key, shown once. */
export async function createAdminKeyCommand({ options }: CommandInput): Promise<number> {
  const label = typeof options['label'] === 'string' ? options['label'] : undefined;
  const key = await withIssuer(options, (ctx) => createPlatformKey(ctx, label, 'cli'));
  out(JSON.stringify(key, null, 2));
  out('The platform key is shown once; only its hash is stored.');
  return EXIT.ok;
}
