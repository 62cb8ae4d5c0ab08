/**
 * The delivery store's contract on SQLite and PostgreSQL: an offered type claimed once of many
 * racing claims (any formats, two instances), released when nothing was delivered, deferred and
 * taken once by racing polls, marked delivered; notifications kept in order.
 */
import { expect, it } from '@jest/globals';
import { createOfferDeliveryStore } from '../../src/store/offer-delivery-store.js';
import { createOfferStore } from '../../src/store/offer-store.js';
import { describeEngines } from '../../../../test/helpers/database-engines.js';
import { offerRow } from './helpers/offer-row.js';
import { twoIssuerDatabases } from './helpers/two-issuer-databases.js';

const AT = '2026-12-01T10:00:00.000Z';
const LATER = '2026-12-01T10:01:00.000Z';

describeEngines('the offer delivery store', (engine) => {
  const both = twoIssuerDatabases(engine, 'deliveries');
  const stores = () => both().dbs.map((db) => createOfferDeliveryStore(db));
  const newOffer = async (): Promise<string> => {
    const row = offerRow(both().orgId, { status: 'token_issued' });
    await createOfferStore(both().dbs[0]).insert(row);
    return row.id;
  };

  it('claims a type once of claims racing in several formats through two instances', async () => {
    const [a, b] = stores();
    const offerId = await newOffer();
    const claims = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? a! : b!).claim(offerId, 'TrainingRecord', i % 3 === 0 ? 'TrainingRecord_jwt' : 'TrainingRecord_sd', AT)));
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await a!.typesIn(offerId, ['issuing'])).toEqual(['TrainingRecord']);
    await b!.release(offerId, 'TrainingRecord');
    expect(await a!.list(offerId)).toEqual([]);
    expect(await a!.claim(offerId, 'TrainingRecord', 'TrainingRecord_jwt', LATER)).toBe(true);
  });

  it('defers a type, lets one of racing polls take it, gives it back on failure, then marks it delivered', async () => {
    const [a, b] = stores();
    const offerId = await newOffer();
    await a!.claim(offerId, 'DbsCheck', 'DbsCheck_jwt', AT);
    await a!.defer(offerId, 'DbsCheck', '[{"holderDid":"did:key:z"}]', 'tx-hash', AT);
    expect(await b!.findDeferred(offerId, 'tx-hash')).toMatchObject({ type: 'DbsCheck', configuration_id: 'DbsCheck_jwt', holder_keys: '[{"holderDid":"did:key:z"}]', state: 'deferred' });
    expect(await b!.findDeferred(offerId, 'other-hash')).toBeUndefined();
    const taken = await Promise.all(Array.from({ length: 6 }, (_, i) => (i % 2 === 0 ? a! : b!).takeDeferred(offerId, 'DbsCheck', LATER)));
    expect(taken.filter(Boolean)).toHaveLength(1);
    expect(await a!.findDeferred(offerId, 'tx-hash')).toBeUndefined();
    await b!.returnDeferred(offerId, 'DbsCheck');
    expect(await a!.findDeferred(offerId, 'tx-hash')).toBeDefined();
    expect(await a!.takeDeferred(offerId, 'DbsCheck', LATER)).toBe(true);
    await a!.markDelivered(offerId, 'DbsCheck', { configurationId: 'DbsCheck_sd', notificationId: `note-${offerId}`, credentialIds: '["urn:uuid:1"]', at: LATER });
    expect(await b!.findByNotification(offerId, `note-${offerId}`)).toMatchObject({
      type: 'DbsCheck',
      configuration_id: 'DbsCheck_sd',
      state: 'issued',
      holder_keys: null,
      transaction_hash: null,
      credential_ids: '["urn:uuid:1"]',
      updated_at: LATER,
    });
    expect(await b!.findByNotification(offerId, 'note-unknown')).toBeUndefined();
    expect(await b!.typesIn(offerId, ['issued', 'issuing'])).toEqual(['DbsCheck']);
    expect(await b!.typesIn(offerId, [])).toEqual([]);
    // Delivered, it is no longer an issuing claim to release.
    await a!.release(offerId, 'DbsCheck');
    expect(await a!.list(offerId)).toHaveLength(1);
  });

  it('lists deliveries oldest first and keeps notifications in order', async () => {
    const [a, b] = stores();
    const offerId = await newOffer();
    await a!.claim(offerId, 'TrainingRecord', 'TrainingRecord_jwt', LATER);
    await a!.claim(offerId, 'DbsCheck', 'DbsCheck_jwt', AT);
    expect((await b!.list(offerId)).map((d) => d.type)).toEqual(['DbsCheck', 'TrainingRecord']);
    await a!.insertEvent({ offer_id: offerId, event: 'credential_accepted', description: null, type: 'DbsCheck', at: AT });
    await b!.insertEvent({ offer_id: offerId, event: 'credential_deleted', description: 'gone', type: 'DbsCheck', at: LATER });
    const events = await a!.listEvents(offerId);
    expect(events.map(({ event, description, type, at }) => ({ event, description, type, at }))).toEqual([
      { event: 'credential_accepted', description: null, type: 'DbsCheck', at: AT },
      { event: 'credential_deleted', description: 'gone', type: 'DbsCheck', at: LATER },
    ]);
    expect(events[0]!.id).toBeLessThan(events[1]!.id);
  });
});
