/**
 * ensureSetup makes a thing once per database however many callers start together, keeps it
 * sealed, and lets go of its claim when making fails, so the next caller makes it.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createSecretBox } from '@staff-passport/core';
import { ensureSetup } from '../../src/setup/ensure-setup.js';
import { startIssuerContext, type TestIssuer } from '../auth/helpers/start-issuer-context.js';

let issuer: TestIssuer;
const secretBox = createSecretBox('11'.repeat(32), 'issuer-setup-test');
const ctx = (): Parameters<typeof ensureSetup>[0] => ({ db: issuer.ctx.db, secretBox });

beforeAll(async () => {
  issuer = await startIssuerContext();
});
afterAll(() => issuer?.close());

describe('ensureSetup', () => {
  it('makes it once: callers starting together get the same value, one of them made it', async () => {
    let made = 0;
    const make = async (): Promise<string> => {
      made += 1;
      await new Promise((resolve) => setTimeout(resolve, 50));
      return 'sp_demo-api-key';
    };
    const answers = await Promise.all([1, 2, 3].map(() => ensureSetup(ctx(), 'demo', make, { pollMs: 10, waitMs: 5_000 })));
    expect(made).toBe(1);
    expect(answers.map((a) => a.value)).toEqual(['sp_demo-api-key', 'sp_demo-api-key', 'sp_demo-api-key']);
    expect(answers.filter((a) => a.created)).toHaveLength(1);
    await expect(ensureSetup(ctx(), 'demo', make)).resolves.toEqual({ value: 'sp_demo-api-key', created: false });
  });

  it('keeps the value sealed with the context secret: another secret cannot open it', async () => {
    await ensureSetup(ctx(), 'sealed', () => Promise.resolve('secret value'));
    const other = { db: issuer.ctx.db, secretBox: createSecretBox('22'.repeat(32), 'issuer-setup-test') };
    await expect(ensureSetup(other, 'sealed', () => Promise.resolve('never made'))).rejects.toThrow();
  });

  it('lets go of the claim when making fails, so the next caller makes it', async () => {
    await expect(ensureSetup(ctx(), 'flaky', () => Promise.reject(new Error('the disk is full')))).rejects.toThrow('the disk is full');
    await expect(ensureSetup(ctx(), 'flaky', () => Promise.resolve('made the second time'))).resolves.toEqual({ value: 'made the second time', created: true });
  });
});
