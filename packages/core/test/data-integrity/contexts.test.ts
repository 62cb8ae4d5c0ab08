/**
 * The bundled JSON-LD contexts are the published documents byte for byte (digests recorded in
 * src/data-integrity/contexts/README.md, from the npm tarballs named there), and the strict
 * loader serves exactly them and refuses everything else.
 */
import { describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { STAFF_PASSPORT_CONTEXT_V1, buildStaffPassportContext } from '@staff-passport/schemas';
import { BITSTRING_STATUS_LIST_V1_CONTEXT } from '../../src/data-integrity/contexts/bitstring-status-list-v1.js';
import { CREDENTIALS_V1_CONTEXT } from '../../src/data-integrity/contexts/credentials-v1.js';
import { CREDENTIALS_V2_CONTEXT } from '../../src/data-integrity/contexts/credentials-v2.js';
import { DATA_INTEGRITY_V2_CONTEXT } from '../../src/data-integrity/contexts/data-integrity-v2.js';
import { DID_V1_CONTEXT } from '../../src/data-integrity/contexts/did-v1.js';
import { JWS_2020_V1_CONTEXT } from '../../src/data-integrity/contexts/jws-2020-v1.js';
import { MULTIKEY_V1_CONTEXT } from '../../src/data-integrity/contexts/multikey-v1.js';
import { ED25519_2020_V1_CONTEXT } from '../../src/data-integrity/contexts/ed25519-2020-v1.js';
import { BUNDLED_CONTEXT_URLS, BUNDLED_DOCUMENT_LOADER, CREDENTIALS_EXAMPLES_V2_CONTEXT, CREDENTIALS_EXAMPLES_V2_URL, createDocumentLoader } from '../../src/data-integrity/index.js';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

const PUBLISHED: [string, string, string][] = [
  ['https://www.w3.org/ns/credentials/v2', CREDENTIALS_V2_CONTEXT, '8a9f494a89ecc51db093e90e84713e07e84d6d9204364a9b3c7868b21751236f'],
  ['https://www.w3.org/2018/credentials/v1', CREDENTIALS_V1_CONTEXT, '00d7dd6d3ad8b920e3e550dd3a3d9090bffcac84cdbf943da6924b3e0a5c8bb8'],
  ['https://w3id.org/security/data-integrity/v2', DATA_INTEGRITY_V2_CONTEXT, '0f77743daf5b4e8fc067fc5ba5b21044283053aa717fc6b0219843bed3b00363'],
  ['https://w3id.org/security/multikey/v1', MULTIKEY_V1_CONTEXT, 'c5f3806f8286920573221938917988a18a4cc5a09e968d29649613c7a1c2b1f6'],
  ['https://w3id.org/security/suites/ed25519-2020/v1', ED25519_2020_V1_CONTEXT, 'b9e1ab971fd8bf2c7553e0c4a9438e0b9450afde1ea1ca5b2492368b9f549588'],
  ['https://www.w3.org/ns/did/v1', DID_V1_CONTEXT, '62c1054bf404d6dd3a4b26b64f830fd72095f6a26edc4469908c94351352ce5f'],
  ['https://w3id.org/security/suites/jws-2020/v1', JWS_2020_V1_CONTEXT, 'd648e05ddc6577827ca2bfd5e931f53e9ebc6e52a57a8da81df4ec8c46ffcd1e'],
  ['https://www.w3.org/ns/credentials/status/v1', BITSTRING_STATUS_LIST_V1_CONTEXT, 'fda5add353231e6a6884a46b12e6c75464281900cb348284d9c360f62381d9f7'],
];

describe('bundled contexts', () => {
  it.each(PUBLISHED)('%s is the published document, byte for byte', async (url, text, digest) => {
    expect(sha256(text)).toBe(digest);
    const readme = readFileSync(new URL('../../src/data-integrity/contexts/README.md', import.meta.url), 'utf8');
    expect(readme).toContain(digest);
    const loaded = await BUNDLED_DOCUMENT_LOADER(url);
    expect(loaded).toMatchObject({ documentUrl: url, contextUrl: null });
    expect(loaded.document).toEqual(JSON.parse(text));
  });

  it('the Bitstring Status List context is the one kept with the spec vectors', () => {
    const shared = readFileSync(new URL('../../../../test/vectors/bitstring-status-list/context-v1.jsonld', import.meta.url), 'utf8');
    expect(BITSTRING_STATUS_LIST_V1_CONTEXT).toBe(shared);
  });

  it('serves the staff-passport context generated from the catalogue', async () => {
    expect((await BUNDLED_DOCUMENT_LOADER(STAFF_PASSPORT_CONTEXT_V1)).document).toEqual(buildStaffPassportContext());
    expect([...BUNDLED_CONTEXT_URLS].sort()).toEqual([...PUBLISHED.map(([url]) => url), STAFF_PASSPORT_CONTEXT_V1].sort());
  });

  it('refuses any other URL with ERR_CONTEXT_NOT_BUNDLED, and serves extra contexts only where given', async () => {
    await expect(BUNDLED_DOCUMENT_LOADER('https://www.w3.org/ns/credentials/examples/v2')).rejects.toMatchObject({ code: 'ERR_CONTEXT_NOT_BUNDLED' });
    await expect(BUNDLED_DOCUMENT_LOADER('https://www.w3.org/ns/credentials/v2/')).rejects.toMatchObject({ code: 'ERR_CONTEXT_NOT_BUNDLED' });
    const extra = { '@context': { '@vocab': 'https://partner.example/vocab#' } };
    const loader = createDocumentLoader({ extraContexts: { 'https://partner.example/ctx': extra } });
    expect((await loader('https://partner.example/ctx')).document).toEqual(extra);
    await expect(BUNDLED_DOCUMENT_LOADER('https://partner.example/ctx')).rejects.toMatchObject({ code: 'ERR_CONTEXT_NOT_BUNDLED' });
  });

  it('hands out documents nobody can change', async () => {
    const { document } = await BUNDLED_DOCUMENT_LOADER('https://www.w3.org/ns/credentials/v2');
    expect(Object.isFrozen(document)).toBe(true);
    expect(() => {
      (document as Record<string, unknown>)['@context'] = {};
    }).toThrow(TypeError);
  });
});

describe('the VC Data Model examples context (kept beside the loader, passed in by services that accept it)', () => {
  it('is the published document byte for byte (w3c/vc-data-model @ 647f43b), served only where given as an extra context', async () => {
    const digest = '57393fbc69d6efb9b9b5dc9cb6b9880b0944360abfe2eaf459c9e58cf2279d7c';
    expect(sha256(CREDENTIALS_EXAMPLES_V2_CONTEXT)).toBe(digest);
    expect(readFileSync(new URL('../../src/data-integrity/contexts/README.md', import.meta.url), 'utf8')).toContain(digest);
    const loader = createDocumentLoader({ extraContexts: { [CREDENTIALS_EXAMPLES_V2_URL]: JSON.parse(CREDENTIALS_EXAMPLES_V2_CONTEXT) as object } });
    expect((await loader(CREDENTIALS_EXAMPLES_V2_URL)).document).toEqual({ '@context': { '@vocab': 'https://www.w3.org/ns/credentials/examples#' } });
  });
});
