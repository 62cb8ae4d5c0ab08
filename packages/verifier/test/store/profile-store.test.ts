/**
 * The profile store's contract on SQLite and PostgreSQL: a profile's JSON comes back as it was
 * given (whatever it holds), in the order added, and an id is taken once even when two
 * instances add it together.
 */
import { expect, it } from '@jest/globals';
import { describeEngines } from '../../../../test/helpers/database-engines.js';
import { twoVerifierDatabases } from './helpers/two-verifier-databases.js';

describeEngines('the profile store', (engine) => {
  const both = twoVerifierDatabases(engine, 'profiles');

  it('keeps a profile as given and finds it from either instance', async () => {
    const [first, second] = both().stores;
    // Content the store knows nothing of (a future rule kind, nested data, unicode) comes back as is.
    const profile = { id: 'p-one', title: 'Ward clerk — nights', rules: [{ kind: 'future-kind', moves: { within: 'trust' } }], n: 3, flag: true, none: null };
    expect(await first.profiles.insert({ id: 'p-one', profile, createdAt: '2026-12-01T10:00:00.000Z', createdBy: 'hr@example' })).toBe(true);
    expect(await second.profiles.find('p-one')).toEqual({ id: 'p-one', profile, createdAt: '2026-12-01T10:00:00.000Z', createdBy: 'hr@example' });
    expect(await second.profiles.find('p-none')).toBeUndefined();
  });

  it('lists profiles oldest first', async () => {
    const { profiles } = both().stores[0];
    await profiles.insert({ id: 'p-late', profile: { id: 'p-late' }, createdAt: '2026-12-03T00:00:00.000Z', createdBy: null });
    await profiles.insert({ id: 'p-early', profile: { id: 'p-early' }, createdAt: '2026-11-01T00:00:00.000Z', createdBy: null });
    const ids = (await profiles.list()).map((p) => p.id);
    expect(ids).toEqual(['p-early', 'p-one', 'p-late']);
  });

  it('takes an id once when two instances add it together', async () => {
    const [first, second] = both().stores;
    const added = await Promise.all(
      [first, second, first, second].map((s, i) => s.profiles.insert({ id: 'p-race', profile: { by: i }, createdAt: '2026-12-02T00:00:00.000Z', createdBy: null })),
    );
    expect(added.filter(Boolean)).toHaveLength(1);
    const kept = await first.profiles.find('p-race');
    expect(kept?.profile).toEqual({ by: added.indexOf(true) });
  });
});
