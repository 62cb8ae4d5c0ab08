import { join } from 'node:path';
import { createApiKey, createOrganisation, ensureSetup, getOrganisation, type IssuerContext } from '@staff-passport/issuer';
import { trainingRecordType } from '@staff-passport/schemas';
import type { VerifierContext } from '@staff-passport/verifier';
import { openNodeWallet } from '@staff-passport/wallet-sdk';
import { adviseMovedDemo } from './advise-moved-demo.js';
import { readDemoFacts, writeDemoFacts, type DemoFacts } from './demo-facts.js';
import { ensureVerifierDemo } from './ensure-verifier-demo.js';

/** The fictional demo employer. RZZ is not an ODS code of a real trust. */
export const DEMO_ORG = { name: 'Demo Valley NHS Trust (fictional)', odsCode: 'RZZ' };

/**
 * Makes sure the demo organisation, its HR API key, a demo holder and the verifier's demo
 * organisation (with its keys) exist, and that `data/demo.json` says so. A second start reuses them
 * (the organisations are looked up, not made again). Several instances started together on one
 * database (PostgreSQL) make one demo organisation of each: the first makes them, and every
 * instance, whatever its data folder, gets the same facts from the database.
 */
export async function ensureDemo(
  ctx: IssuerContext,
  options: { dataDir: string; secretKey: string; verifier: VerifierContext },
): Promise<{ facts: DemoFacts; created: boolean; warning?: string }> {
  const existing = readDemoFacts(options.dataDir);
  if (existing) {
    const org = await getOrganisation(ctx, existing.issuer.orgId).catch(() => undefined);
    if (org) {
      const facts = { ...existing, issuer: { ...existing.issuer, url: ctx.publicUrl }, verifier: await ensureVerifierDemo(options.verifier, existing.verifier) };
      writeDemoFacts(options.dataDir, facts);
      // did:web names the host and port: a demo made on another port cannot be resolved on this one.
      const warning = adviseMovedDemo(org.did, ctx.publicUrl, options.dataDir);
      return { facts, created: false, ...(warning ? { warning } : {}) };
    }
  }
  const { value, created } = await ensureSetup(ctx, 'demo', async () => {
    const org = await createOrganisation(ctx, DEMO_ORG, 'demo-setup');
    const { apiKey } = await createApiKey(ctx, { orgId: org.id, role: 'issuer', label: 'demo HR feed' }, 'demo-setup');
    // A demo member of staff with a wallet of their own, so the example credential has a real holder.
    const { wallet, close } = await openNodeWallet({ file: join(options.dataDir, 'demo-wallet.sqlite'), secretKey: options.secretKey });
    const holder = (await wallet.listHolders())[0] ?? (await wallet.createHolder());
    await close();
    const exampleCredential = JSON.parse(JSON.stringify(trainingRecordType.example).replaceAll('{holderDid}', holder)) as Record<string, unknown>;
    const subject = exampleCredential['credentialSubject'] as { attributeMetadata: { provider: string } };
    subject.attributeMetadata.provider = org.name;
    const made: DemoFacts = {
      issuer: { url: ctx.publicUrl, orgId: org.id, did: org.did, apiKey },
      verifier: await ensureVerifierDemo(options.verifier, undefined),
      exampleCredential,
    };
    return JSON.stringify(made);
  });
  const stored = JSON.parse(value) as DemoFacts;
  // The verifier organisation made with the facts is reused while the verifier still has it.
  const facts: DemoFacts = { ...stored, issuer: { ...stored.issuer, url: ctx.publicUrl }, verifier: await ensureVerifierDemo(options.verifier, stored.verifier) };
  writeDemoFacts(options.dataDir, facts);
  const org = await getOrganisation(ctx, facts.issuer.orgId);
  const warning = created ? undefined : adviseMovedDemo(org.did, ctx.publicUrl, options.dataDir);
  return { facts, created, ...(warning ? { warning } : {}) };
}
