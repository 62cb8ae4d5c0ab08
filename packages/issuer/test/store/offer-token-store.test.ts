/**
 * The token and nonce store's contract on SQLite and PostgreSQL: access tokens found by hash and
 * deleted with their offer; a c_nonce used up once (one of many proofs racing with it through two
 * instances), only by its organisation and before it expires; expired ones swept.
 */
import { expect, it } from '@jest/globals';
import { createOfferStore } from '../../src/store/offer-store.js';
import { createOfferTokenStore } from '../../src/store/offer-token-store.js';
import { describeEngines } from '../../../../test/helpers/database-engines.js';
import { offerRow } from './helpers/offer-row.js';
import { twoIssuerDatabases } from './helpers/two-issuer-databases.js';

const BEFORE = '2026-12-01T10:04:59.999Z';
const EXPIRES = '2026-12-01T10:05:00.000Z';

describeEngines('the offer token and nonce store', (engine) => {
  const both = twoIssuerDatabases(engine, 'tokens');
  const stores = () => both().dbs.map((db) => createOfferTokenStore(db));

  it('keeps access tokens by hash and deletes an offer’s tokens', async () => {
    const { dbs, orgId } = both();
    const [a, b] = stores();
    await createOfferStore(dbs[0]).insert(offerRow(orgId, { id: 'off_tokens', status: 'token_issued' }));
    const token = { token_hash: 'token-1', offer_id: 'off_tokens', created_at: BEFORE, expires_at: EXPIRES };
    await a!.insertToken(token);
    await a!.insertToken({ ...token, token_hash: 'token-2' });
    expect(await b!.findToken('token-1')).toEqual(token);
    expect(await b!.findToken('token-unknown')).toBeUndefined();
    await b!.deleteTokensOf('off_tokens');
    expect(await a!.findToken('token-1')).toBeUndefined();
    expect(await a!.findToken('token-2')).toBeUndefined();
  });

  it('uses a c_nonce once of twenty uses racing through two instances', async () => {
    const { orgId } = both();
    const [a, b] = stores();
    await a!.insertNonce({ nonce_hash: 'nonce-race', org_id: orgId, expires_at: EXPIRES });
    const uses = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? a! : b!).useNonce('nonce-race', orgId, BEFORE)));
    expect(uses.filter(Boolean)).toHaveLength(1);
    expect(await a!.hasNonce('nonce-race', orgId)).toBe(false);
  });

  it('refuses a c_nonce of another organisation or once it has expired, and sweeps the expired', async () => {
    const { orgId, otherOrgId } = both();
    const [a, b] = stores();
    await a!.insertNonce({ nonce_hash: 'nonce-old', org_id: orgId, expires_at: EXPIRES });
    expect(await b!.useNonce('nonce-old', otherOrgId, BEFORE)).toBe(false);
    expect(await b!.hasNonce('nonce-old', otherOrgId)).toBe(false);
    expect(await b!.useNonce('nonce-old', orgId, EXPIRES)).toBe(false);
    expect(await b!.hasNonce('nonce-old', orgId)).toBe(true);
    expect(await a!.deleteExpiredNonces(BEFORE)).toBe(0);
    expect(await a!.deleteExpiredNonces(EXPIRES)).toBeGreaterThanOrEqual(1);
    expect(await b!.hasNonce('nonce-old', orgId)).toBe(false);
  });
});
