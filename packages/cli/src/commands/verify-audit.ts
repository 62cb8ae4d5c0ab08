import { verifyAuditChain } from '@staff-passport/issuer';
import { withIssuer } from '../lib/with-issuer.js';
import { EXIT, err, out } from '../lib/output.js';
import type { CommandInput } from '../lib/command-spec.js';

/**
 * `staff-passport audit verify [--org ID]`: checks every organisation's hash chain (or one); exit
 * 1 with each problem when an entry was altered or removed.
 */
export async function verifyAuditCommand({ options }: CommandInput): Promise<number> {
  const chain = typeof options['org'] === 'string' ? options['org'] : undefined;
  const report = await withIssuer(options, (ctx) => verifyAuditChain(ctx.db, chain));
  if (report.ok) {
    out(`audit log intact: ${report.entries} entries in ${report.chains} chains`);
    return EXIT.ok;
  }
  for (const p of report.problems) err(`${p.chain} #${p.seq}: ${p.problem}: ${p.message}`);
  err(`audit log NOT intact: ${report.problems.length} problems in ${report.entries} entries`);
  return EXIT.failed;
}
