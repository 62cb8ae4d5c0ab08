/**
 * The mapping between our catalogue's VC Data Model 2.0 credentials and SD-JWT VC claims
 * (toSdJwtVcClaims, fromSdJwtVcClaims), run over every catalogue type: map, issue with the type's
 * disclosable paths (relative to credentialSubject, so unchanged), present all, verify, map back.
 */
import { describe, expect, it } from '@jest/globals';
import { CATALOGUE, trainingRecordType, validateCredential, type CredentialTypeDefinition } from '@staff-passport/schemas';
import { fromSdJwtVcClaims, issueSdJwtVc, nodeSdJwtCrypto, presentSdJwt, toSdJwtVcClaims, verifySdJwtVc } from '../../src/sd-jwt/index.js';
import { decodePart, failedCodes, makeParty, resolverFor } from './fixtures.js';

const HOLDER = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK';
const NOW = new Date('2026-10-01T09:00:00Z');

function credentialOf(definition: CredentialTypeDefinition, issuer: string): Record<string, unknown> {
  const body = JSON.parse(JSON.stringify(definition.example).replaceAll('{holderDid}', HOLDER)) as Record<string, unknown>;
  return {
    ...body,
    issuer,
    validFrom: '2026-09-14T09:00:00Z',
    validUntil: '2029-09-14T23:59:59Z',
    credentialSchema: { id: definition.schemaId, type: 'JsonSchema' },
  };
}

describe('toSdJwtVcClaims', () => {
  it('maps the subject to the top level, id to sub, issuer to iss, the dates to seconds, the type to its vct', () => {
    const credential: Record<string, unknown> = { ...credentialOf(trainingRecordType, 'did:web:trust.example.nhs.uk'), id: 'urn:uuid:0d5b2b1c-6f0e-4a57-9a53-0f4e0a1b2c3d' };
    const claims = toSdJwtVcClaims(credential, trainingRecordType);
    const subject = credential['credentialSubject'] as Record<string, unknown>;
    expect(claims).toEqual({
      iss: 'did:web:trust.example.nhs.uk',
      iat: Date.parse('2026-09-14T09:00:00Z') / 1000,
      nbf: Date.parse('2026-09-14T09:00:00Z') / 1000,
      exp: Date.parse('2029-09-14T23:59:59Z') / 1000,
      jti: 'urn:uuid:0d5b2b1c-6f0e-4a57-9a53-0f4e0a1b2c3d',
      vct: trainingRecordType.vct,
      sub: HOLDER,
      training: subject['training'],
      attributeMetadata: subject['attributeMetadata'],
    });
    expect(toSdJwtVcClaims({ ...credential, issuer: { id: 'did:web:x', name: 'X' } }, trainingRecordType)['iss']).toBe('did:web:x');
  });

  it.each([
    ['another type', (c: Record<string, unknown>) => ({ ...c, type: ['VerifiableCredential', 'DbsCheck'] })],
    ['no issuer', (c: Record<string, unknown>) => ({ ...c, issuer: undefined })],
    ['several subjects', (c: Record<string, unknown>) => ({ ...c, credentialSubject: [c['credentialSubject']] })],
    ['a validFrom that is no date', (c: Record<string, unknown>) => ({ ...c, validFrom: 'soon' })],
    ['a property the mapping does not carry', (c: Record<string, unknown>) => ({ ...c, evidence: [{ id: 'x' }] })],
    ['a subject claim named like a JWT claim', (c: Record<string, unknown>) => ({ ...c, credentialSubject: { ...(c['credentialSubject'] as object), exp: 1 } })],
  ])('refuses a credential with %s (ERR_REQUEST_INVALID)', (_, change) => {
    const credential = change(credentialOf(trainingRecordType, 'did:web:x'));
    expect(() => toSdJwtVcClaims(JSON.parse(JSON.stringify(credential)) as Record<string, unknown>, trainingRecordType)).toThrow(expect.objectContaining({ code: 'ERR_REQUEST_INVALID' }));
  });
});

describe.each(CATALOGUE.map((d) => [d.type, d] as const))('%s as an SD-JWT VC', (_, definition) => {
  it('issues with the type disclosable claims hidden, verifies, and maps back to the same subject', async () => {
    const issuer = await makeParty('EdDSA', `did:example:${definition.slug}`);
    const holder = await makeParty('ES256');
    const credential = credentialOf(definition, issuer.did);
    expect(validateCredential(credential, definition)).toMatchObject({ valid: true });

    const sdJwt = await issueSdJwtVc({ claims: toSdJwtVcClaims(credential, definition), disclosable: definition.disclosable, cnf: { jwk: holder.publicJwk }, signer: issuer.signer, ...nodeSdJwtCrypto });
    const signed = JSON.stringify(decodePart(sdJwt.split('.')[1]!));
    for (const path of definition.disclosable) {
      const [head, ...rest] = path.split('.');
      const value = rest.reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], (credential['credentialSubject'] as Record<string, unknown>)[head!]);
      if (value !== undefined) expect(signed).not.toContain(`"${rest.at(-1) ?? head}":`);
    }

    const presentation = await presentSdJwt({ sdJwt, disclose: () => true, ...nodeSdJwtCrypto });
    const result = await verifySdJwtVc({ compact: presentation, resolver: resolverFor([issuer]), expectedVct: definition.vct, now: NOW, ...nodeSdJwtCrypto });
    expect(failedCodes(result)).toEqual([]);
    expect(result.types).toEqual([definition.type]);

    const view = fromSdJwtVcClaims(result.claims!);
    expect(view).toMatchObject({
      type: ['VerifiableCredential', definition.type],
      issuer: issuer.did,
      validFrom: '2026-09-14T09:00:00Z',
      validUntil: '2029-09-14T23:59:59Z',
      credentialSchema: { id: definition.schemaId, type: 'JsonSchema' },
      vct: definition.vct,
      cnf: { jwk: holder.publicJwk },
    });
    expect(view.credentialSubject).toEqual(credential['credentialSubject']);
    expect(view['@context']).toEqual(credential['@context']);
    // With every claim disclosed, the view is a valid credential of the type again.
    const { vct: _vct, cnf: _cnf, ...asCredential } = view;
    expect(validateCredential(asCredential, definition)).toMatchObject({ valid: true });
  });
});

describe('fromSdJwtVcClaims', () => {
  it('leaves out what was not disclosed and what it cannot map, and takes iat when there is no nbf', () => {
    const view = fromSdJwtVcClaims({ vct: 'urn:example:unknown', iat: 1790000000, sub: 'did:example:h', name: 'x', status: { status_list: { idx: 1, uri: 'https://s' } } });
    expect(view).toEqual({
      type: ['VerifiableCredential'],
      validFrom: new Date(1790000000 * 1000).toISOString().replace('.000Z', 'Z'),
      credentialSubject: { id: 'did:example:h', name: 'x' },
      vct: 'urn:example:unknown',
      status: { status_list: { idx: 1, uri: 'https://s' } },
    });
  });
});
