/**
 * The organisations' signer cache: callers that find a signer due for its check while one check
 * runs share that check (one read of the key table, not one per issue in flight), and a rotation
 * on this instance is never answered by a check begun before it.
 */
import { generateKeyPairSync } from 'node:crypto';
import { expect, it } from '@jest/globals';
import { OrgSignerCache, type OrgKeySigner } from '../../src/organisations/org-signer-cache.js';

function signerOf(kid: string): OrgKeySigner {
  return { alg: 'EdDSA', kid, privateKey: generateKeyPairSync('ed25519').privateKey, sign: async () => 'sig' };
}

/** A check that answers when told to, counting how often it was run. */
function heldCheck(signer: OrgKeySigner): { check: () => Promise<OrgKeySigner>; runs: () => number; answer: () => void } {
  let runs = 0;
  let answer!: () => void;
  const answered = new Promise<void>((resolve) => {
    answer = resolve;
  });
  return {
    check: async () => {
      runs += 1;
      await answered;
      return signer;
    },
    runs: () => runs,
    answer,
  };
}

it('shares one check among the callers that arrive while it runs, and runs a new one after', async () => {
  const cache = new OrgSignerCache();
  const first = heldCheck(signerOf('kid_1'));
  const waiting = Array.from({ length: 50 }, () => cache.checkOnce('org_1', 'EdDSA', first.check));
  // Another organisation or algorithm has a check of its own.
  const other = heldCheck(signerOf('kid_2'));
  const otherAnswer = cache.checkOnce('org_1', 'ES256', other.check);
  first.answer();
  other.answer();
  const signers = await Promise.all(waiting);
  expect(first.runs()).toBe(1);
  expect(new Set(signers.map((s) => s.kid))).toEqual(new Set(['kid_1']));
  expect((await otherAnswer).kid).toBe('kid_2');
  const second = heldCheck(signerOf('kid_3'));
  second.answer();
  expect((await cache.checkOnce('org_1', 'EdDSA', second.check)).kid).toBe('kid_3');
  expect(second.runs()).toBe(1);
});

it('does not share a check begun before the organisation’s signers were forgotten (a rotation)', async () => {
  const cache = new OrgSignerCache();
  const before = heldCheck(signerOf('kid_old'));
  const early = cache.checkOnce('org_1', 'EdDSA', before.check);
  cache.forget('org_1');
  const after = heldCheck(signerOf('kid_new'));
  after.answer();
  const late = cache.checkOnce('org_1', 'EdDSA', after.check);
  before.answer();
  expect((await early).kid).toBe('kid_old');
  expect((await late).kid).toBe('kid_new');
  expect(after.runs()).toBe(1);
});
