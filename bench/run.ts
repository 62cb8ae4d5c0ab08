/**
 * `pnpm bench [--quick]`: measures each path and, in the same run, the raw node:crypto rate it is
 * compared with; prints a table and writes bench/results/latest.json. `--quick` is a short smoke
 * run that checks the harness works (no figure from it means anything).
 */
import { generateKeyPairSync, randomBytes, sign, verify } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDidResolver, createLogger, listen, verifyVcJose } from '@staff-passport/core';
import { createApiKey, createIssuerApp, createIssuerContext, createOrganisation, getOrganisation, issueCredential } from '@staff-passport/issuer';
import { trainingRecordType, validateCredential } from '@staff-passport/schemas';
import { benchAgentSign } from './agent-sign.js';
import { compare, measure, type PathResult } from './measure.js';

const quick = process.argv.includes('--quick');
const duration = quick ? 300 : 5000;
const out = (line: string): void => void process.stdout.write(`${line}\n`);

const dir = mkdtempSync(join(tmpdir(), 'sp-bench-'));
const logger = createLogger({ level: 'silent' });
const server = await listen('127.0.0.1', 0);
const ctx = await createIssuerContext({ databaseFile: join(dir, 'issuer.sqlite'), secretKey: randomBytes(32).toString('hex'), publicUrl: server.url, logger });
server.attach(createIssuerApp(ctx));
const created = await createOrganisation(ctx, { name: 'Bench NHS Trust', odsCode: 'RZW' }, 'bench');
const org = await getOrganisation(ctx, created.id);
const key = await createApiKey(ctx, { orgId: org.id, role: 'issuer' }, 'bench');
const principal = { keyId: key.id, orgId: org.id, role: key.role };
const holder = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK';
const credential = JSON.parse(JSON.stringify(trainingRecordType.example).replaceAll('{holderDid}', holder)) as Record<string, unknown>;

const results: PathResult[] = [];
try {
  // Raw node:crypto Ed25519, same payload size as a credential, measured in this run.
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const message = randomBytes(1200);
  const signature = sign(null, message, privateKey);
  const rawSign = await measure('raw-ed25519-sign', duration, () => sign(null, message, privateKey));
  const rawVerify = await measure('raw-ed25519-verify', duration, () => verify(null, message, publicKey, signature));
  // Signing with Veramo-held keys: kms-local's path, keyManagerSign, our agent signer, VC-JOSE.
  results.push(...(await benchAgentSign(duration, rawSign)));

  const validationDoc = { ...credential, issuer: org.did, validFrom: '2026-09-14T00:00:00Z' };
  const validate = await measure('validate-training-record', duration, () => validateCredential(validationDoc, trainingRecordType));

  const issue = await measure('issue-jose', duration, () => issueCredential(ctx, org, { credential }, principal));
  compare(issue, rawSign);

  const { encoded: jwt } = await issueCredential(ctx, org, { credential }, principal);
  const resolver = createDidResolver({ web: { allowPrivateNetwork: true, allowHttp: true } });
  const verifyPath = await measure('verify-jose', duration, async () => {
    const r = await verifyVcJose({ jwt, resolver });
    if (!r.verified) throw new Error(`bench credential did not verify: ${JSON.stringify(r.checks)}`);
  });
  compare(verifyPath, rawVerify);

  results.push(issue, verifyPath, validate, rawSign, rawVerify);
} finally {
  await server.close();
  await ctx.close();
  rmSync(dir, { recursive: true, force: true });
}

out(`${'path'.padEnd(26)}${'ops/s'.padStart(10)}${'p50 ms'.padStart(10)}${'p99 ms'.padStart(10)}${'rss MB'.padStart(8)}  vs`);
for (const r of results) {
  const vs = r.vs.map((v) => `${v.ratio}x ${v.name} (${v.opsPerSec}/s)`).join('; ');
  out(`${r.path.padEnd(26)}${String(r.opsPerSec).padStart(10)}${String(r.p50Ms).padStart(10)}${String(r.p99Ms).padStart(10)}${String(r.rssMb).padStart(8)}  ${vs}`);
}
const file = join(dirname(fileURLToPath(import.meta.url)), 'results', quick ? 'quick.json' : 'latest.json');
mkdirSync(dirname(file), { recursive: true });
writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
out(`\nwritten ${file}${quick ? ' (quick run: a smoke test of the harness, not figures)' : ''}`);
