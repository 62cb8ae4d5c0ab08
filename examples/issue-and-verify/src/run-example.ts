import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@staff-passport/core';
import { listen } from '@staff-passport/web-kit';
import { createApiKey, createIssuerApp, createIssuerContext, createOrganisation } from '@staff-passport/issuer';
import { trainingRecordType } from '@staff-passport/schemas';
import { createVerifierApp, createVerifierContext } from '@staff-passport/verifier';
import { openNodeWallet } from '@staff-passport/wallet-sdk';

async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/**
 * Runs the journey and reports each step through `say`; resolves to whether the verifier said
 * `verified: true`. Everything is real: HTTP servers on 127.0.0.1, SQLite files, Ed25519 keys.
 */
export async function runExample(say: (line: string) => void): Promise<boolean> {
  const dir = mkdtempSync(join(tmpdir(), 'sp-example-'));
  const logger = createLogger({ level: 'silent' });
  const secretKey = randomBytes(32).toString('hex');
  const issuerServer = await listen('127.0.0.1', 0);
  const verifierServer = await listen('127.0.0.1', 0);
  const issuer = await createIssuerContext({ databaseFile: join(dir, 'issuer.sqlite'), secretKey, publicUrl: issuerServer.url, logger });
  const { wallet, close: closeWallet } = await openNodeWallet({ file: join(dir, 'wallet.sqlite'), secretKey: randomBytes(32).toString('hex') });
  const closers: (() => Promise<void>)[] = [];
  try {
    issuerServer.attach(createIssuerApp(issuer));
    // did:web on 127.0.0.1 over http is allowed here only because this is a local example.
    const verifier = await createVerifierContext({ logger, databaseFile: join(dir, 'verifier.sqlite'), publicUrl: verifierServer.url, allowPrivateNetwork: true });
    closers.push(() => verifier.close());
    verifierServer.attach(createVerifierApp(verifier));
    say(`issuer   ${issuerServer.url}`);
    say(`verifier ${verifierServer.url}`);

    const org = await createOrganisation(issuer, { name: 'Example Valley NHS Trust (fictional)', odsCode: 'RZX' }, 'example');
    const { apiKey } = await createApiKey(issuer, { orgId: org.id, role: 'issuer' }, 'example');
    say(`1. organisation ${org.name}: ${org.did}`);

    const holder = await wallet.createHolder();
    say(`2. member of staff's wallet holder: ${holder}`);

    const credential = JSON.parse(JSON.stringify(trainingRecordType.example).replaceAll('{holderDid}', holder)) as Record<string, unknown>;
    const issued = await post(`${issuerServer.url}/orgs/${org.id}/credentials/issue`, { credential }, { authorization: `Bearer ${apiKey}` });
    if (issued.status !== 201) throw new Error(`issuing failed: ${JSON.stringify(issued.body)}`);
    const stored = await wallet.storeCredential(issued.body['verifiableCredential']);
    say(`3. HR issued a ${stored.types.join(', ')} (valid until ${stored.validUntil ?? 'no end'}); the wallet stored it`);

    // The verifier gives the nonce (VC API POST /challenges): it works once.
    const asked = await post(`${verifierServer.url}/challenges`, {});
    const challenge = asked.body['challenge'] as string;
    const domain = asked.body['domain'] as string;
    const vp = await wallet.createPresentation({ credentialIds: [stored.id], challenge, domain });
    say(`4. the new employer asked (nonce ${challenge}); the wallet presented it`);

    const verified = await post(`${verifierServer.url}/presentations/verify`, { verifiablePresentation: vp, options: { challenge, domain } });
    const checks = (verified.body['checks'] as { check: string; outcome: string }[]).map((c) => `${c.check} ${c.outcome}`).join(', ');
    say(`5. verifier: verified ${String(verified.body['verified'])} (${checks})`);
    return verified.body['verified'] === true;
  } finally {
    await closeWallet();
    await Promise.all([issuerServer.close(), verifierServer.close()]);
    await issuer.close();
    for (const close of closers) await close();
    rmSync(dir, { recursive: true, force: true });
  }
}
