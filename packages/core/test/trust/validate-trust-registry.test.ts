/**
 * The registry model: every problem names its field as a dotted path, credential types come from
 * the catalogue, and one DID's entries must not overlap in time.
 */
import { describe, expect, it } from '@jest/globals';
import { PassportError } from '../../src/errors/passport-error.js';
import {
  addTrustRegistryEntry,
  createTrustRegistryDraft,
  parseTrustRegistry,
  parseTrustRegistryDraft,
  removeTrustRegistryEntries,
  renewTrustRegistry,
  validateTrustRegistry,
} from '../../src/trust/index.js';
import { NOW, OLD, RTH, sampleRegistry } from './registry-fixture.js';

function paths(value: unknown, draft = false): Record<string, string> {
  return Object.fromEntries(validateTrustRegistry(value, { draft }).map((i) => [i.path, i.code]));
}

function withEntry(patch: Record<string, unknown>, drop: string[] = []): Record<string, unknown> {
  const registry = sampleRegistry() as unknown as Record<string, unknown>;
  const entry: Record<string, unknown> = { ...sampleRegistry().entries[0]!, ...patch };
  for (const key of drop) delete entry[key];
  return { ...registry, entries: [entry] };
}

describe('validateTrustRegistry', () => {
  it('accepts a complete registry', () => {
    expect(validateTrustRegistry(sampleRegistry())).toEqual([]);
    expect(parseTrustRegistry(sampleRegistry())).toEqual(sampleRegistry());
  });

  it('names every missing top-level field', () => {
    expect(paths({})).toEqual({
      type: 'required',
      id: 'required',
      name: 'required',
      version: 'required',
      issuedAt: 'required',
      validUntil: 'required',
      operator: 'required',
      entries: 'required',
    });
    expect(paths('not an object')).toEqual({ '': 'type' });
  });

  it('names top-level fields of the wrong shape', () => {
    const bad = { ...sampleRegistry(), type: 'TrustList', id: 'no scheme', version: 1.5, issuedAt: '2025-05-30', operator: { name: '', did: 'web:x' }, extra: true };
    expect(paths(bad)).toEqual({
      type: 'const',
      id: 'format',
      version: 'type',
      issuedAt: 'format',
      'operator.name': 'minLength',
      'operator.did': 'pattern',
      extra: 'unknown_property',
    });
    expect(paths({ ...sampleRegistry(), version: -1 })).toEqual({ version: 'type' });
    expect(paths({ ...sampleRegistry(), validUntil: '2025-05-01T00:00:00Z' })).toEqual({ validUntil: 'period' });
  });

  it('names each entry field at fault with its index', () => {
    expect(paths(withEntry({ did: 'https://rth.example', odsCode: 'rth', name: 42, validFrom: 'yesterday', colour: 'blue' }))).toEqual({
      'entries.0.did': 'pattern',
      'entries.0.odsCode': 'pattern',
      'entries.0.name': 'type',
      'entries.0.validFrom': 'format',
      'entries.0.colour': 'unknown_property',
    });
    expect(paths(withEntry({}, ['did', 'odsCode', 'credentialTypes', 'validFrom']))).toEqual({
      'entries.0.did': 'required',
      'entries.0.odsCode': 'required',
      'entries.0.credentialTypes': 'required',
      'entries.0.validFrom': 'required',
    });
    expect(paths({ ...sampleRegistry(), entries: [null] })).toEqual({ 'entries.0': 'type' });
  });

  it('checks credential types against the catalogue, or the one wildcard', () => {
    expect(paths(withEntry({ credentialTypes: ['TrainingRecord', 'DrivingLicence'] }))).toEqual({ 'entries.0.credentialTypes.1': 'enum' });
    expect(paths(withEntry({ credentialTypes: ['TrainingRecord', 'TrainingRecord'] }))).toEqual({ 'entries.0.credentialTypes.1': 'uniqueItems' });
    expect(paths(withEntry({ credentialTypes: ['*', 'TrainingRecord'] }))).toEqual({ 'entries.0.credentialTypes': 'wildcard' });
    expect(paths(withEntry({ credentialTypes: [] }))).toEqual({ 'entries.0.credentialTypes': 'minItems' });
    expect(paths(withEntry({ credentialTypes: 'TrainingRecord' }))).toEqual({ 'entries.0.credentialTypes': 'type' });
    expect(paths(withEntry({ credentialTypes: ['*'] }))).toEqual({});
  });

  it('needs an end after the start, and an end wherever a successor is named', () => {
    expect(paths(withEntry({ validUntil: '2023-01-01T00:00:00Z' }))).toEqual({ 'entries.0.validUntil': 'period' });
    expect(paths(withEntry({ successor: 'did:web:next.example.nhs.uk' }))).toEqual({ 'entries.0.validUntil': 'required' });
    expect(paths(withEntry({ successor: RTH, validUntil: '2026-01-01T00:00:00Z' }))).toEqual({ 'entries.0.successor': 'successor' });
  });

  it('lets a DID have several entries whose periods do not overlap', () => {
    const registry = sampleRegistry();
    const later = { ...registry.entries[1]!, validFrom: '2025-04-01T00:00:00Z', validUntil: '2025-05-01T00:00:00Z', credentialTypes: ['TrainingRecord'] };
    delete (later as { successor?: string }).successor;
    expect(validateTrustRegistry({ ...registry, entries: [...registry.entries, later] })).toEqual([]);
    const overlapping = { ...later, validFrom: '2025-03-01T00:00:00Z' };
    expect(paths({ ...registry, entries: [...registry.entries, overlapping] })).toEqual({ 'entries.4.validFrom': 'overlap' });
  });

  it('throws ERR_TRUST_REGISTRY_INVALID naming the first field and listing every issue', () => {
    const bad = withEntry({ odsCode: 'nope', credentialTypes: ['Nope'] });
    try {
      parseTrustRegistry(bad);
      throw new Error('expected a PassportError');
    } catch (e: unknown) {
      expect(e).toBeInstanceOf(PassportError);
      const err = e as PassportError;
      expect(err.code).toBe('ERR_TRUST_REGISTRY_INVALID');
      expect(err.field).toBe('entries.0.odsCode');
      expect(err.issues.map((i) => i.path)).toEqual(['entries.0.odsCode', 'entries.0.credentialTypes.0']);
    }
  });
});

describe('editing a draft', () => {
  it('starts empty at version 0 without dates, then renews to a dated, numbered edition', () => {
    const draft = createTrustRegistryDraft({ name: 'Test registry', id: 'urn:uuid:00000000-0000-4000-8000-000000000000' });
    expect(draft).toEqual({
      type: 'StaffPassportTrustRegistry',
      id: 'urn:uuid:00000000-0000-4000-8000-000000000000',
      name: 'Test registry',
      version: 0,
      operator: { name: 'Test registry' },
      entries: [],
    });
    expect(validateTrustRegistry(draft)).not.toEqual([]);
    expect(parseTrustRegistryDraft(draft)).toEqual(draft);
    expect(createTrustRegistryDraft({ name: 'x' }).id).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);

    const renewed = renewTrustRegistry(draft, { now: NOW, validForDays: 30 });
    expect(renewed).toMatchObject({ version: 1, issuedAt: '2025-06-01T12:00:00Z', validUntil: '2025-07-01T12:00:00Z' });
    expect(renewTrustRegistry(renewed, { now: NOW }).version).toBe(2);
    expect(() => renewTrustRegistry(draft, { validForDays: 0 })).toThrow(expect.objectContaining({ code: 'ERR_REQUEST_INVALID' }));
  });

  it('adds entries checked as a whole and removes every entry of a DID', () => {
    let draft = createTrustRegistryDraft({ name: 'Test registry' });
    const [rth, old] = sampleRegistry().entries;
    draft = addTrustRegistryEntry(addTrustRegistryEntry(draft, rth!), old!);
    expect(draft.entries.map((e) => e.did)).toEqual([RTH, OLD]);
    expect(() => addTrustRegistryEntry(draft, { ...rth!, validFrom: '2025-01-01T00:00:00Z' })).toThrow(
      expect.objectContaining({ code: 'ERR_TRUST_REGISTRY_INVALID', field: 'entries.2.validFrom' }),
    );
    expect(() => addTrustRegistryEntry(draft, { ...rth!, did: 'did:web:new.example.nhs.uk', odsCode: 'R' })).toThrow(
      expect.objectContaining({ code: 'ERR_TRUST_REGISTRY_INVALID', field: 'entries.2.odsCode' }),
    );
    const { registry, removed } = removeTrustRegistryEntries(draft, RTH);
    expect(removed).toBe(1);
    expect(registry.entries.map((e) => e.did)).toEqual([OLD]);
    expect(removeTrustRegistryEntries(registry, RTH).removed).toBe(0);
  });
});
