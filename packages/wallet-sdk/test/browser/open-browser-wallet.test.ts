/**
 * The wallet in a real Chromium (see harness.ts): IndexedDB keys, credentials and log, an SD-JWT
 * presentation and a VP JWT signed in the browser and verified in Node, an export made in the
 * browser imported in Node, and core's status check run in the browser (DecompressionStream). Fails,
 * never skips, when Chromium is missing.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { generateKeyPairSync } from 'node:crypto';
import {
  Bitstring,
  TOKEN_STATUS,
  TokenStatusList,
  buildStatusListCredential,
  createNodeJwsSigner,
  credentialStatusEntry,
  encodeBitstringList,
  issueSdJwtVc,
  signStatusListToken,
  signVcJose,
  tokenStatusClaim,
  verifySdJwtVc,
} from '@staff-passport/core';
import { trainingRecordType } from '@staff-passport/schemas';
import { compactVerify, decodeJwt, importJWK, type JWK } from 'jose';
import type { Browser } from 'playwright-core';
import { MemoryCredentialStore, MemoryKeyStore, MemorySharingLog, Wallet, type HolderKey, type SharingLogEntry, type StoredCredential } from '../../src/index.js';
import { launchBrowser, openWalletPage, type PageApi, type WalletPage } from './harness.js';

let browser: Browser;
let wp: WalletPage;
beforeAll(async () => {
  browser = await launchBrowser();
  wp = await openWalletPage(browser);
});
afterAll(async () => {
  await wp?.close();
  await browser?.close();
});

async function verifyJws(jws: string, key: HolderKey): Promise<Record<string, unknown>> {
  const { payload } = await compactVerify(jws, await importJWK(key.publicJwk, key.alg));
  return JSON.parse(new TextDecoder().decode(payload)) as Record<string, unknown>;
}

describe('IndexedDbKeyStore in Chromium', () => {
  let created: { key: HolderKey; jws: string }[];

  it('creates Ed25519 and P-256 keys (did:key, did:jwk) whose signatures verify in Node', async () => {
    created = await wp.page.evaluate(async () => {
      const sp = (globalThis as unknown as { sp: PageApi }).sp;
      const { wallet, close } = await sp.openBrowserWallet({ dbName: 'keys' });
      const out: { key: HolderKey; jws: string }[] = [];
      for (const [alg, method] of [['EdDSA', 'did:key'], ['ES256', 'did:key'], ['ES256', 'did:jwk']] as const) {
        const key = await wallet.createKey({ alg, method });
        out.push({ key, jws: await sp.signJwt(await wallet.parts.keys.signerFor(key.did), { typ: 'JWT' }, { hello: key.did }) });
      }
      close();
      return out;
    });
    expect(created.map((c) => [c.key.alg, c.key.did.slice(0, 11)])).toEqual([['EdDSA', 'did:key:z6M'], ['ES256', 'did:key:zDn'], ['ES256', 'did:jwk:eyJ']]);
    for (const { key, jws } of created) expect(await verifyJws(jws, key)).toEqual({ hello: key.did });
  });

  it('keeps the private keys non-extractable: script cannot read them out, and an export withholds them', async () => {
    const seen = await wp.page.evaluate(async () => {
      const sp = (globalThis as unknown as { sp: PageApi }).sp;
      const db = await sp.openWalletDatabase('keys');
      const records = await new Promise<{ privateKey: CryptoKey }[]>((resolve, reject) => {
        const request = db.transaction('holderKeys').objectStore('holderKeys').getAll();
        request.onsuccess = () => resolve(request.result as { privateKey: CryptoKey }[]);
        request.onerror = () => reject(request.error);
      });
      const exports = await Promise.all(records.map((r) => globalThis.crypto.subtle.exportKey('jwk', r.privateKey).then(() => 'exported', (e: unknown) => (e as Error).name)));
      db.close();
      const { wallet, close } = await sp.openBrowserWallet({ dbName: 'keys' });
      const file = await wallet.exportWallet({ passphrase: 'a long enough passphrase', iterations: 100_000 });
      close();
      return { extractable: records.map((r) => r.privateKey.extractable), exports, withheld: file.keysWithheld };
    });
    expect(seen.extractable).toEqual([false, false, false]);
    expect(seen.exports).toEqual(['InvalidAccessError', 'InvalidAccessError', 'InvalidAccessError']);
    expect([...seen.withheld].sort()).toEqual(created.map((c) => c.key.did).sort());
  });

  it('keeps the keys across a page reload, still signing', async () => {
    await wp.reload();
    const after = await wp.page.evaluate(async () => {
      const sp = (globalThis as unknown as { sp: PageApi }).sp;
      const { wallet, close } = await sp.openBrowserWallet({ dbName: 'keys' });
      const keys = await wallet.listKeys();
      const jws = await sp.signJwt(await wallet.parts.keys.signerFor(keys[1]!.did), { typ: 'JWT' }, { after: 'reload' });
      close();
      return { dids: keys.map((k) => k.did), jws };
    });
    expect([...after.dids].sort()).toEqual(created.map((c) => c.key.did).sort());
    expect(await verifyJws(after.jws, created.find((c) => c.key.did === after.dids[1])!.key)).toEqual({ after: 'reload' });
  });
});

describe('IndexedDB credential store and sharing log in Chromium', () => {
  const credential = (id: string, over: Partial<StoredCredential> = {}): StoredCredential => ({
    id, format: 'vc+jwt', raw: `jwt-${id}`, types: ['TrainingRecord'], issuer: 'did:web:issuer.example', holder: 'did:key:z6Mkholder', claims: { n: id }, storedAt: `2026-01-0${id.length}T00:00:00.000Z`, ...over,
  });
  const entry = (id: string, action: SharingLogEntry['action']): SharingLogEntry => ({
    id, action, at: '2026-01-01T00:00:00.000Z', counterparty: { id: `verifier-${action}` }, credentialTypes: [], credentialIds: [], claimsDisclosed: [],
  });

  it('persists across a reload, filters, deletes and clears', async () => {
    await wp.page.evaluate(async ({ items, log }) => {
      const sp = (globalThis as unknown as { sp: PageApi }).sp;
      const { wallet, close } = await sp.openBrowserWallet({ dbName: 'data' });
      for (const c of items) await wallet.parts.credentials.put(c);
      for (const e of log) await wallet.parts.log.append(e);
      await wallet.parts.log.append(log[0]!);
      close();
    }, { items: [credential('a'), credential('bb', { format: 'dc+sd-jwt', types: ['DbsCheck'] }), credential('ccc', { holder: 'did:jwk:other' })], log: [entry('1', 'shared'), entry('2', 'refused')] });
    await wp.reload();
    const seen = await wp.page.evaluate(async () => {
      const sp = (globalThis as unknown as { sp: PageApi }).sp;
      const { wallet, close } = await sp.openBrowserWallet({ dbName: 'data' });
      const ids = async (filter?: Parameters<typeof wallet.listCredentials>[0]): Promise<string[]> => (await wallet.listCredentials(filter)).map((c) => c.id);
      const result = {
        all: await ids(),
        dbs: await ids({ type: 'DbsCheck' }),
        sdJwt: await ids({ format: 'dc+sd-jwt' }),
        other: await ids({ holder: 'did:jwk:other' }),
        got: await wallet.getCredential('a'),
        log: (await wallet.listSharingLog()).map((e) => e.id),
        refused: (await wallet.listSharingLog({ action: 'refused' })).map((e) => e.id),
        deleted: [await wallet.deleteCredential('bb'), await wallet.deleteCredential('bb'), await wallet.deleteSharingLogEntry('1'), await wallet.deleteSharingLogEntry('1')],
        afterDelete: [await ids(), (await wallet.listSharingLog()).map((e) => e.id)],
      };
      await wallet.parts.credentials.clear();
      await wallet.clearSharingLog();
      const cleared = [await ids(), await wallet.listSharingLog()];
      close();
      return { ...result, cleared };
    });
    expect(seen).toEqual({
      all: ['a', 'bb', 'ccc'],
      dbs: ['bb'],
      sdJwt: ['bb'],
      other: ['ccc'],
      got: credential('a'),
      log: ['1', '2'],
      refused: ['2'],
      deleted: [true, false, true, false],
      afterDelete: [['a', 'ccc'], ['2']],
      cleared: [[], []],
    });
  });
});

describe('presentations signed in Chromium', () => {
  const issuerPair = generateKeyPairSync('ed25519');
  const issuerJwk = issuerPair.publicKey.export({ format: 'jwk' }) as JWK;
  const issuer = 'did:example:issuer';
  const issuerSigner = createNodeJwsSigner({ privateKey: issuerPair.privateKey, kid: `${issuer}#key-1` });
  let holder: HolderKey;

  beforeAll(async () => {
    holder = await wp.page.evaluate(async () => {
      const sp = (globalThis as unknown as { sp: PageApi }).sp;
      const { wallet, close } = await sp.openBrowserWallet({ dbName: 'present' });
      const key = await wallet.createKey({ alg: 'ES256' });
      close();
      return key;
    });
  });

  it('stores an SD-JWT VC and presents chosen disclosures with a KB-JWT that Node verifies (RFC 9901, sections 4.3 and 7.2)', async () => {
    const sdJwt = await issueSdJwtVc({
      claims: { given_name: 'Alex', family_name: 'Morgan', training: { subject: 'fire-safety', completedOn: '2026-01-10' } },
      disclosable: ['given_name', 'family_name', 'training.completedOn'],
      vct: trainingRecordType.vct,
      iss: issuer,
      cnf: { jwk: holder.publicJwk },
      signer: issuerSigner,
    });
    const aud = 'decentralized_identifier:did:web:verifier.example';
    const nonce = 'n-0S6_WzA2Mj';
    const { stored, presentation } = await wp.page.evaluate(
      async ({ sdJwt, aud, nonce }) => {
        const sp = (globalThis as unknown as { sp: PageApi }).sp;
        const { wallet, close } = await sp.openBrowserWallet({ dbName: 'present' });
        const stored = await wallet.storeCredential(sdJwt);
        const presentation = await sp.presentSdJwt({
          sdJwt: stored.raw as string,
          disclose: ['given_name', 'training.completedOn'],
          kb: { aud, nonce, signer: await wallet.parts.keys.signerFor(stored.holder) },
          hasher: sp.webCryptoSha256,
        });
        close();
        return { stored, presentation };
      },
      { sdJwt, aud, nonce },
    );
    expect(stored).toMatchObject({ format: 'dc+sd-jwt', holder: holder.did, types: ['TrainingRecord'], claims: { given_name: 'Alex', family_name: 'Morgan' } });
    const result = await verifySdJwtVc({ compact: presentation, resolveIssuerKey: () => Promise.resolve(issuerJwk), kb: { required: true, aud, nonce } });
    expect(result.checks.filter((c) => c.outcome === 'failed')).toEqual([]);
    expect(result.verified).toBe(true);
    expect(result.claims).toMatchObject({ given_name: 'Alex', training: { subject: 'fire-safety', completedOn: '2026-01-10' } });
    expect(result.claims).not.toHaveProperty('family_name');
  });

  it('signs a VP JWT of a VC-JOSE credential, bound to the nonce and audience (VC-JOSE-COSE, section 3.2)', async () => {
    const holderDid = await wp.page.evaluate(async () => {
      const sp = (globalThis as unknown as { sp: PageApi }).sp;
      const { wallet, close } = await sp.openBrowserWallet({ dbName: 'present' });
      const did = await wallet.createHolder();
      close();
      return did;
    });
    const vcJwt = await signVcJose({
      credential: { '@context': ['https://www.w3.org/ns/credentials/v2'], id: 'urn:uuid:vp-test', type: ['VerifiableCredential', 'TrainingRecord'], issuer, validFrom: '2026-01-01T00:00:00Z', credentialSubject: { id: holderDid, training: { subject: 'fire-safety' } } },
      signer: issuerSigner,
    });
    const { vp, key } = await wp.page.evaluate(
      async ({ vcJwt }) => {
        const sp = (globalThis as unknown as { sp: PageApi }).sp;
        const { wallet, close } = await sp.openBrowserWallet({ dbName: 'present' });
        const stored = await wallet.storeCredential(vcJwt);
        const vp = await wallet.createPresentation({ credentialIds: [stored.id], challenge: 'challenge-1', domain: 'https://verifier.example' });
        const key = await wallet.parts.keys.getKey(stored.holder);
        close();
        return { vp, key: key! };
      },
      { vcJwt },
    );
    const jwt = vp.id.slice('data:application/vp+jwt,'.length);
    const payload = await verifyJws(jwt, key);
    expect(payload).toMatchObject({ holder: holderDid, iss: holderDid, aud: 'https://verifier.example', nonce: 'challenge-1', verifiableCredential: [{ id: `data:application/vc+jwt,${vcJwt}` }] });
    expect(decodeJwt(jwt)['exp']).toBeGreaterThan(decodeJwt(jwt)['iat']!);
  });
});

describe('export in Chromium, import in Node', () => {
  it('carries credentials and the log; the non-extractable keys are listed as withheld', async () => {
    const passphrase = 'browser to node passphrase';
    const { file, dids } = await wp.page.evaluate(async (passphrase) => {
      const sp = (globalThis as unknown as { sp: PageApi }).sp;
      const { wallet, close } = await sp.openBrowserWallet({ dbName: 'present' });
      await wallet.parts.log.append({ id: 'log-1', action: 'shared', at: '2026-01-01T00:00:00.000Z', counterparty: { id: 'v' }, credentialTypes: ['TrainingRecord'], credentialIds: [], claimsDisclosed: ['given_name'] });
      const file = await wallet.exportWallet({ passphrase });
      const dids = await wallet.listHolders();
      close();
      return { file, dids };
    }, passphrase);
    const wallet = new Wallet({ keys: new MemoryKeyStore(), credentials: new MemoryCredentialStore(), log: new MemorySharingLog() });
    const result = await wallet.importWallet(JSON.parse(JSON.stringify(file)), { passphrase });
    expect(result).toMatchObject({ keys: 0, credentials: 2, log: 1 });
    expect([...result.keysWithheld].sort()).toEqual([...dids].sort());
    expect((await wallet.listCredentials()).map((c) => c.format).sort()).toEqual(['dc+sd-jwt', 'vc+jwt']);
    await expect(wallet.importWallet(file, { passphrase: 'the wrong passphrase' })).rejects.toMatchObject({ code: 'ERR_WALLET_PASSPHRASE_INVALID' });
  });
});

describe("core's status check in Chromium (the wallet's checkCredentialStatus)", () => {
  it('reads a Bitstring Status List (GZIP) and a Token Status List (ZLIB) signed by a did:jwk issuer', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const { kty, crv, x } = publicKey.export({ format: 'jwk' });
    const did = `did:jwk:${Buffer.from(JSON.stringify({ kty, crv, x })).toString('base64url')}`;
    const signer = createNodeJwsSigner({ privateKey, kid: `${did}#0` });
    const listUrl = 'https://issuer.example/status/1';
    const tokenUrl = 'https://issuer.example/status/2';
    const bits = new Bitstring();
    bits.set(5, 1);
    const tokens = new TokenStatusList({ bits: 2, size: 1024 });
    tokens.set(3, TOKEN_STATUS.SUSPENDED);
    const issued = new Date('2026-01-01T00:00:00Z');
    const bodies: Record<string, string> = {
      [listUrl]: await signVcJose({ credential: buildStatusListCredential({ id: listUrl, issuer: did, statusPurpose: 'revocation', encodedList: encodeBitstringList(bits), validFrom: issued }), signer }),
      [tokenUrl]: await signStatusListToken({ uri: tokenUrl, list: tokens, signer, issuedAt: issued, issuer: did }),
    };
    const base = { raw: 'unused', types: [], issuer: did, holder: 'did:key:z6Mkholder', claims: {}, storedAt: '2026-01-02T00:00:00.000Z' };
    const credentials: StoredCredential[] = [
      { ...base, id: 'w3c', format: 'vc+jwt', status: [5, 6].map((index) => credentialStatusEntry({ listUrl, index, purpose: 'revocation' })) },
      { ...base, id: 'sd', format: 'dc+sd-jwt', status: tokenStatusClaim({ uri: tokenUrl, idx: 3 }) },
      { ...base, id: 'sd-valid', format: 'dc+sd-jwt', status: tokenStatusClaim({ uri: tokenUrl, idx: 4 }) },
    ];
    const checked = await wp.page.evaluate(
      async ({ bodies, credentials }) => {
        const sp = (globalThis as unknown as { sp: PageApi }).sp;
        const fetch = (async (input: RequestInfo | URL) => {
          const body = bodies[String(input)];
          return new Response(body ?? 'not found', { status: body === undefined ? 404 : 200 });
        }) as typeof globalThis.fetch;
        const out = [];
        for (const c of credentials) out.push(await sp.checkCredentialStatus(c, { fetch, now: () => new Date('2026-06-01T00:00:00Z') }));
        return out;
      },
      { bodies, credentials },
    );
    expect(checked.map((c) => [c.status, c.entries.map((e) => e.code ?? e.status)])).toEqual([
      ['revoked', ['ERR_STATUS_REVOKED', 'valid']],
      ['suspended', ['ERR_STATUS_SUSPENDED']],
      ['valid', ['valid']],
    ]);
  });
});
