/**
 * The transaction-code lock-out on SQLite and PostgreSQL with two issuer instances on one
 * database: 12 wrong guesses sent at once, alternating between the instances, get five tries
 * between them (each try is taken by one conditional statement before the code is compared), the
 * rest are locked out unchecked, the offer is locked once, and the right code no longer works.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { PassportError, createLogger } from '@staff-passport/core';
import { createIssuerContext, createOrganisation, listAuditEvents, type IssuerContext, type Organisation } from '@staff-passport/issuer';
import { createOffer } from '../../src/oid4vci/create-offer.js';
import { exchangePreAuthorizedCode } from '../../src/oid4vci/exchange-pre-authorized-code.js';
import { getCredentialOfferJson, getOffer } from '../../src/oid4vci/manage-offers.js';
import { OID4VCI_LIMITS, PRE_AUTHORIZED_CODE_GRANT } from '../../src/oid4vci/oid4vci-settings.js';
import { describeEngines } from '../../../../test/helpers/database-engines.js';

const secretKey = randomBytes(32).toString('hex');

describeEngines('the transaction-code lock-out with two issuer instances', (engine) => {
  let a: IssuerContext & { close(): Promise<void> };
  let b: IssuerContext & { close(): Promise<void> };
  let org: Organisation;

  beforeAll(async () => {
    const where = await engine.target('issuer');
    const open = () => createIssuerContext({ ...where, secretKey, publicUrl: 'https://issuer.test', logger: createLogger({ level: 'silent' }) });
    a = await open();
    b = await open();
    org = await createOrganisation(a, { name: 'Lock-out Trust', odsCode: `R${randomBytes(2).toString('hex').toUpperCase()}` }, 'test');
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it('gives 12 guesses sent at once through both instances five tries between them, and locks the offer once', async () => {
    const created = await createOffer(a, org, { credentials: [{ type: 'TrainingRecord' }], pending: true }, { keyId: 'test' });
    const offerJson = JSON.parse(await getCredentialOfferJson(b, org.id, created.id)) as { grants: Record<string, { 'pre-authorized_code': string }> };
    const code = offerJson.grants[PRE_AUTHORIZED_CODE_GRANT]!['pre-authorized_code'];
    const wrong = created.txCode === '000000' ? '000001' : '000000';
    const guess = (ctx: IssuerContext, txCode: string) =>
      exchangePreAuthorizedCode(ctx, org.id, { grant_type: PRE_AUTHORIZED_CODE_GRANT, 'pre-authorized_code': code, tx_code: txCode }).then(
        () => 'ok',
        (err: unknown) => (err instanceof PassportError ? err.code : String(err)),
      );
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => guess(i % 2 === 0 ? a : b, wrong)));
    expect(answers.filter((c) => c === 'ERR_TX_CODE_INVALID').length).toBeLessThanOrEqual(OID4VCI_LIMITS.txCodeTries - 1);
    expect(answers.filter((c) => c === 'ERR_TX_CODE_INVALID' || c === 'ERR_TX_CODE_LOCKED')).toHaveLength(12);
    expect(await guess(b, created.txCode!)).toBe('ERR_TX_CODE_LOCKED');
    expect((await getOffer(b, org.id, created.id)).status).toBe('failed');
    const events = await listAuditEvents(a.db, org.id, { limit: 1000 });
    expect(events.filter((e) => e.action === 'offer.lock' && e.subject === created.id)).toHaveLength(1);
  });
});
