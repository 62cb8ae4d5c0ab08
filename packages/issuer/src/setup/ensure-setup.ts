import { setTimeout as sleep } from 'node:timers/promises';
import { PassportError } from '@staff-passport/core';
import type { IssuerContext } from '../issuer-context.js';
import { claimSetup, dropSetupClaim, readSetup, recordSetup } from '../store/setup-store.js';

/** Options for {@link ensureSetup}. */
export interface EnsureSetupOptions {
  /** How long to wait for another instance making it (default 120 s); a claim this old is taken over. */
  waitMs?: number;
  /** How often to look meanwhile (default 200 ms). */
  pollMs?: number;
}

/**
 * Makes something once per database, whichever of several instances starting together gets there
 * first (the demo organisation of `start --demo`): the first claims it and runs `make`; the others
 * wait for its value. The value is kept sealed with the context's secret (it may hold an API key).
 *
 * @example
 * const { value, created } = await ensureSetup(ctx, 'demo', async () => JSON.stringify(await makeDemo()));
 * @throws PassportError `ERR_INTERNAL` when another instance claimed it and did not finish in `waitMs`;
 *   whatever `make` throws (the claim is then let go).
 */
export async function ensureSetup(ctx: Pick<IssuerContext, 'db' | 'secretBox'>, name: string, make: () => Promise<string>, options: EnsureSetupOptions = {}): Promise<{ value: string; created: boolean }> {
  const waitMs = options.waitMs ?? 120_000;
  const pollMs = options.pollMs ?? 200;
  const open = (sealed: string): string => ctx.secretBox.open(sealed, `setup:${name}`).toString('utf8');
  for (let waited = 0; ; waited += pollMs) {
    const made = await readSetup(ctx.db, name);
    if (made !== undefined) return { value: open(made), created: false };
    if (await claimSetup(ctx.db, name, waitMs)) {
      try {
        const value = await make();
        await recordSetup(ctx.db, name, ctx.secretBox.seal(value, `setup:${name}`));
        return { value, created: true };
      } catch (err: unknown) {
        await dropSetupClaim(ctx.db, name).catch(() => undefined);
        throw err;
      }
    }
    if (waited > waitMs * 2) throw new PassportError('ERR_INTERNAL', `${name} is being made by another instance that did not finish`);
    await sleep(pollMs);
  }
}
