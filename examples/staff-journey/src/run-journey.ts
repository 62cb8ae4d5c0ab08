import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  addTrustRegistryEntry,
  createJwkSigner,
  createLogger,
  createTrustRegistryDraft,
  generateRegistryKey,
  renewTrustRegistry,
  signTrustRegistry,
  type TrustRegistry,
} from '@staff-passport/core';
import { listen } from '@staff-passport/web-kit';
import { createApiKey, createIssuerApp, createIssuerContext, createOrganisation } from '@staff-passport/issuer';
import { getCredentialType } from '@staff-passport/schemas';
import { addProfile, createVerifierApiKey, createVerifierApp, createVerifierContext, deriveRegisteredAsks } from '@staff-passport/verifier';
import { createTrustRegistryLookup, openNodeWallet, type ShareChoice, type Wallet } from '@staff-passport/wallet-sdk';
import { signInAtProvider } from './sign-in-at-provider.js';
import { startOpenIdProvider, type OpenIdProvider } from './start-openid-provider.js';

/**
 * The new employer's check for the post: who the person is, right to work and a basic DBS check.
 * What it may rely on depends on the kind of move: the national defaults (reference data) apply.
 */
const PROFILE = {
  id: 'example-ward-clerk',
  version: '1.1.0',
  title: 'Ward clerk (example)',
  purpose: 'Pre-employment checks for your post as a ward clerk: your identity, your right to work and your DBS check.',
  statusUnknown: 'needs-action',
  requirements: [
    {
      id: 'identity',
      title: 'Identity checked to GPG 45 medium confidence or higher',
      required: true,
      accepts: [
        {
          type: 'IdentityVerification',
          claims: ['identity.confidenceLevel', 'identity.reverifyBy', 'identity.verifiedAt', 'person.givenName', 'person.familyName', 'person.birthDate', 'person.portrait'],
        },
      ],
      rule: { kind: 'identity', minimumLevel: 'medium' },
    },
    {
      id: 'right_to_work',
      title: 'Right to work on the start date',
      required: true,
      accepts: [
        {
          type: 'RightToWork',
          claims: ['rightToWork.listType', 'rightToWork.documentExpiresOn', 'rightToWork.permissionExpiresOn', 'rightToWork.followUpDueOn', 'rightToWork.method', 'rightToWork.documentKind'],
        },
      ],
      rule: { kind: 'right_to_work' },
    },
    {
      id: 'dbs',
      title: 'Basic DBS check',
      required: true,
      accepts: [{ type: 'DbsCheck', claims: ['dbs.level', 'dbs.certificateNumber', 'dbs.issuedOn', 'dbs.decision'] }],
      rule: { kind: 'dbs', minimumLevel: 'basic' },
    },
  ],
};

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

async function call(url: string, options: { body?: unknown; apiKey?: string; method?: 'PUT'; contentType?: string } = {}): Promise<Answer> {
  const headers: Record<string, string> = { ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}) };
  if (options.body !== undefined) headers['content-type'] = options.contentType ?? 'application/json';
  const body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  const res = await fetch(url, { method: options.method ?? (options.body === undefined ? 'GET' : 'POST'), headers, ...(options.body === undefined ? {} : { body }) });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

function expectStatus(answer: Answer, status: number, what: string): Record<string, unknown> {
  if (answer.status !== status) throw new Error(`${what} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body;
}

/** The catalogue example's claims for a type (the holder's id is filled in by the issuer). */
function claimsOf(type: string): Record<string, unknown> {
  const { id: _id, ...claims } = getCredentialType(type)!.example['credentialSubject'] as Record<string, unknown>;
  return claims;
}

/** How the report's outcome reads. */
const OUTCOME_WORDS: Readonly<Record<string, string>> = {
  ready_to_start: 'ready to start',
  ready_once_checks_done: 'ready once these checks are done',
  needs_action: 'needs action',
};

/** What one check came to. */
interface Outcome {
  answered: boolean;
  decision: string | undefined;
  todo: string[];
  /** The sharing log recorded exactly the claims the preview showed. */
  sameAsShown: boolean;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Sam's ESR employee number: what the trust's ID tokens carry, and what the bulk row names. */
const SAM_EMPLOYEE_NUMBER = '10004321';
/** The HR console's client at the trust's provider: the issuer signs staff in through it too. */
const CONSOLE_CLIENT = 'staff-passport-console';
/** Where a wallet app would be sent back to: here the browser's part stops there. */
const WALLET_REDIRECT = 'https://wallet.example/collected';

/**
 * A bulk-issued credential collected by signing in (issue 19): the trust sets up its OpenID
 * provider and the ID token claim that names its staff, a JSON lines bulk job holds a training row
 * for Sam's employee number, and Sam's wallet collects it (`startCredentialCollection`, the sign-in
 * at the provider, `finishCredentialCollection`). Returns the next step number.
 */
async function collectBulkIssued(
  trust: { issuerUrl: string; orgId: string; issuerKey: string; adminKey: string },
  wallet: Wallet,
  holder: string,
  first: number,
  say: (line: string) => void,
  keepCloser: (close: () => Promise<void>) => void,
): Promise<number> {
  let step = first;
  const orgUrl = `${trust.issuerUrl}/orgs/${trust.orgId}`;
  const idp: OpenIdProvider = await startOpenIdProvider({
    clientId: CONSOLE_CLIENT,
    redirectUris: [`${trust.issuerUrl}/console/sign-in/callback`, `${orgUrl}/oid4vci/authorize/callback`],
    accounts: { sam: { name: 'Sam Example', employee_number: SAM_EMPLOYEE_NUMBER } },
  });
  keepCloser(idp.close);
  const oidc = { issuer: idp.issuer, audience: orgUrl, roleMapping: { 'passport-hr': 'issuer' }, clientId: CONSOLE_CLIENT };
  expectStatus(await call(`${orgUrl}/oidc`, { method: 'PUT', apiKey: trust.adminKey, body: oidc }), 200, 'setting the trust\'s OpenID provider');
  // The wallets its staff may collect with: the sign-in sends the browser back only to these.
  expectStatus(await call(`${orgUrl}/staff-collection`, { method: 'PUT', apiKey: trust.adminKey, body: { personClaim: 'employee_number', walletRedirectUris: [WALLET_REDIRECT] } }), 200, 'setting the claim that names staff and the wallets they collect with');
  say(`${step++}. The trust signs its staff in at its own OpenID provider (${idp.issuer}); their ID tokens carry the ESR employee number, and their wallet's address is registered.`);

  const row = { credential: { type: ['VerifiableCredential', 'TrainingRecord'], credentialSubject: claimsOf('TrainingRecord') }, options: { format: 'dc+sd-jwt' }, deliverTo: { personNumber: SAM_EMPLOYEE_NUMBER } };
  const job = expectStatus(await call(`${orgUrl}/jobs?kind=jsonl`, { apiKey: trust.issuerKey, body: JSON.stringify(row), contentType: 'application/x-ndjson' }), 202, 'starting the bulk job');
  const jobUrl = `${orgUrl}/jobs/${String(job['id'])}`;
  let state = '';
  for (let poll = 0; poll < 200 && state !== 'completed'; poll++) {
    state = String(expectStatus(await call(jobUrl, { apiKey: trust.issuerKey }), 200, 'following the bulk job')['state']);
    if (state !== 'completed') await new Promise((resolve) => setTimeout(resolve, 50));
  }
  if (state !== 'completed') throw new Error(`the bulk job did not complete (${state})`);
  say(`${step++}. HR's bulk job from ESR holds a training record for employee ${SAM_EMPLOYEE_NUMBER}: no wallet DID needed, nothing issued until Sam collects it.`);

  const request = await wallet.startCredentialCollection(orgUrl, { clientId: 'staff-passport-example-wallet', redirectUri: WALLET_REDIRECT });
  const back = await signInAtProvider(request.authorizationUrl, 'sam', WALLET_REDIRECT);
  const result = await wallet.finishCredentialCollection(request, back, { holder });
  if (result.outcome !== 'collected') throw new Error('nothing was waiting for Sam');
  const names = await Promise.all(result.credentials.map(async (c) => (await wallet.describeCredential(c)).title));
  say(`${step++}. Sam chose "Collect from my employer", signed in with the trust's login, and the wallet collected ${plural(result.credentials.length, 'credential')}: ${names.join(', ')} (bound to Sam's key).`);
  const deliveries = expectStatus(await call(`${jobUrl}/deliveries`, { apiKey: trust.issuerKey }), 200, 'reading the job\'s deliveries')['deliveries'] as { row: number; offerStatus: string }[];
  say(`${step++}. HR sees the job's row ${deliveries[0]?.row ?? '?'} as ${deliveries[0]?.offerStatus ?? 'unknown'}.`);
  return step;
}

/**
 * One member of staff's journey, over the standard protocols only: HR at the issuing trust offers
 * three credentials (OpenID4VCI 1.0, each with a transaction code) and a fourth the holder rejects;
 * a training record from a bulk job naming the person by employee number is collected by signing
 * in at the trust's own OpenID provider (the authorization code flow);
 * a new employer asks for what its check profile needs (OpenID4VP 1.0, DCQL), naming the kind of
 * move; the wallet shows who asks and every claim that will leave the device, leaves an optional
 * claim out, shares, and the employer's report comes back: ready once its own checks are done
 * (its own right to work check among them). The same move as a TUPE transfer is ready to start.
 * Then the holder reads the sharing log, each claim with the credential it came from. Issuer and verifier run in-process on 127.0.0.1, port 0, over
 * SQLite files in a temp dir; a signed trust registry names both organisations. Each step is
 * reported through `say`; resolves to whether both reports say what the law says.
 */
export async function runJourney(say: (line: string) => void): Promise<boolean> {
  const dir = mkdtempSync(join(tmpdir(), 'sp-journey-'));
  const logger = createLogger({ level: 'silent' });
  const secretKey = randomBytes(32).toString('hex');
  const issuerServer = await listen('127.0.0.1', 0);
  const verifierServer = await listen('127.0.0.1', 0);
  // Closed in this order at the end: the wallet, the servers, then the services' databases.
  let closeWallet: (() => Promise<void>) | undefined;
  let closeProvider: (() => Promise<void>) | undefined;
  const closers: (() => Promise<void>)[] = [];
  let registry: TrustRegistry | undefined;
  try {
    const issuer = await createIssuerContext({ databaseFile: join(dir, 'issuer.sqlite'), secretKey, publicUrl: issuerServer.url, logger });
    closers.push(() => issuer.close());
    // did:web over http on 127.0.0.1 is allowed here only because this is a local example.
    issuerServer.attach(createIssuerApp(issuer, { allowHttpLoopback: true }));
    const verifier = await createVerifierContext({
      logger,
      databaseFile: join(dir, 'verifier.sqlite'),
      publicUrl: verifierServer.url,
      allowPrivateNetwork: true,
      trustRegistry: () => registry,
    });
    closers.push(() => verifier.close());
    verifierServer.attach(createVerifierApp(verifier));
    await addProfile(verifier.stores.profiles, PROFILE, new Date());
    // The new employer's HR desk signs in with a checker's key of its organisation on the verifier.
    const checkerKey = (await createVerifierApiKey(verifier, { orgId: verifier.org.id, role: 'checker' }, 'example')).apiKey;

    const org = await createOrganisation(issuer, { name: 'Example Valley NHS Trust (fictional)', odsCode: 'RZX' }, 'example');
    const { apiKey } = await createApiKey(issuer, { orgId: org.id, role: 'issuer' }, 'example');
    const verifierDid = expectStatus(await call(`${verifierServer.url}/.well-known/did.json`), 200, 'the verifier DID document')['id'] as string;
    say(`Example Valley NHS Trust issues from ${issuerServer.url}; Riverside Hospitals (the new employer) checks at ${verifierServer.url}.`);

    // The registry operator signs who is who; the verifier trusts issuers by it, the wallet shows names from it.
    const operatorKey = await generateRegistryKey('EdDSA');
    let draft = createTrustRegistryDraft({ name: 'Example staff passport trust registry' });
    draft = addTrustRegistryEntry(draft, { did: org.did, odsCode: org.odsCode, name: org.name, credentialTypes: ['*'], validFrom: '2020-01-01T00:00:00Z' });
    // The new employer issues references, and is registered to ask for what its check profile asks.
    draft = addTrustRegistryEntry(draft, {
      did: verifierDid,
      odsCode: 'RYJ',
      name: 'Riverside Hospitals NHS Trust (fictional)',
      credentialTypes: ['EmploymentReference'],
      asks: deriveRegisteredAsks([PROFILE]),
      validFrom: '2020-01-01T00:00:00Z',
    });
    registry = renewTrustRegistry(draft);
    const signedRegistry = await signTrustRegistry({ registry, signer: await createJwkSigner(operatorKey.privateJwk) });
    say(`1. The trust registry (version ${registry.version}) is signed and names both trusts.`);

    const opened = await openNodeWallet({
      file: join(dir, 'wallet.sqlite'),
      secretKey: randomBytes(32).toString('hex'),
      allowHttpLoopback: true,
      findOrganisation: createTrustRegistryLookup({ registry: signedRegistry, keys: [operatorKey.publicJwk] }),
    });
    closeWallet = opened.close;
    const wallet = opened.wallet;
    const holder = await wallet.createHolder();
    say(`2. Sam opens a new wallet (holder ${holder.slice(0, 24)}...).`);

    // Three offers, three credentials; HR tells Sam each transaction code by another channel.
    let step = 3;
    for (const type of ['IdentityVerification', 'RightToWork', 'DbsCheck']) {
      const created = expectStatus(await call(`${issuerServer.url}/orgs/${org.id}/offers`, { apiKey, body: { credentials: [{ type, credentialSubject: claimsOf(type) }], formats: ['dc+sd-jwt'] } }), 201, 'creating an offer');
      const preview = await wallet.readCredentialOffer(created['link'] as string);
      const from = preview.organisation ? `${preview.organisation.name} (ODS ${preview.organisation.odsCode ?? '?'}, in the trust registry)` : `${preview.issuerName ?? preview.credentialIssuer} (NOT in the trust registry)`;
      const result = await wallet.acceptCredentialOffer(preview, { txCode: created['txCode'] as string, holder });
      say(`${step++}. ${from} offered "${preview.credentials.map((c) => c.name).join(', ')}"; Sam typed the code from HR and the wallet checked and stored ${plural(result.credentials.length, 'credential')}.`);
    }

    const unwanted = expectStatus(await call(`${issuerServer.url}/orgs/${org.id}/offers`, { apiKey, body: { credentials: [{ type: 'TrainingRecord', credentialSubject: claimsOf('TrainingRecord') }] } }), 201, 'creating an offer');
    const unwantedPreview = await wallet.readCredentialOffer(unwanted['link'] as string);
    await wallet.rejectCredentialOffer(unwantedPreview);
    say(`${step++}. A fourth offer ("${unwantedPreview.credentials[0]?.name ?? 'a credential'}") was not for Sam: rejected, nothing stored.`);

    // ESR's next feed: a bulk job whose training row names Sam by employee number (deliverTo), not
    // by a wallet DID HR would have to know. The row is held for Sam, who collects it by signing in
    // with the trust's own login (OpenID4VCI 1.0 authorization code flow, the trust's OpenID provider).
    step = await collectBulkIssued({ issuerUrl: issuerServer.url, orgId: org.id, issuerKey: apiKey, adminKey: (await createApiKey(issuer, { orgId: org.id, role: 'org-admin' }, 'example')).apiKey }, wallet, holder, step, say, (close) => {
      closeProvider = close;
    });

    // The new employer asks, naming the kind of move; the wallet previews who asks, why, and
    // exactly which claims leave the device, credential by credential.
    const check = async (move: string, leaveOut: boolean): Promise<Outcome> => {
      const request = expectStatus(await call(`${verifierServer.url}/oid4vp/requests`, { apiKey: checkerKey, body: { profileId: PROFILE.id, move } }), 201, 'creating the presentation request');
      const preview = await wallet.readPresentationRequest(request['link'] as string);
      const asker = preview.organisation ? `${preview.organisation.name} (in the trust registry)` : `${preview.clientName ?? preview.clientId} (NOT in the trust registry)`;
      say(`${step++}. ${asker} asks (${move.replace(/_/g, ' ')}) for ${plural(preview.queries.filter((q) => q.candidates.length > 0).length, 'credential')}${preview.purpose ? `: "${preview.purpose}"` : ''}.`);
      const choices: Record<string, ShareChoice> = {};
      let leftOut: string | undefined;
      for (const query of preview.queries) {
        const candidate = query.candidates[0];
        if (!candidate || !leaveOut || leftOut !== undefined) continue;
        const optional = candidate.claims.find((c) => !c.required && !c.alwaysShared && c.value !== undefined && candidate.selective);
        if (optional) {
          leftOut = optional.path;
          choices[query.queryId] = { credentialId: candidate.credential.id, omit: [optional.path] };
        }
      }
      // What will leave the device, shown before sharing: the same list the sharing log records.
      const shown = await wallet.previewDisclosures(preview, { choices });
      const name = (c: { path: string; personal: boolean }) => `${c.path.replace(/^credentialSubject\./, '')}${c.personal ? ' (personal data)' : ''}`;
      for (const credential of shown) {
        const asked = credential.claims.filter((c) => c.asked);
        const plain = credential.claims.filter((c) => !c.asked);
        say(`   - ${credential.credentialTypes[0] ?? 'credential'}: ${asked.map(name).join(', ')}${plain.length > 0 ? `; not asked for, always shared with this credential: ${plain.map(name).join(', ')}` : ''}`);
      }
      const shared = await wallet.sharePresentation(preview, { choices });
      say(`${step++}. Sam shared ${plural(shared.shared.length, 'credential')} (${plural(shown.reduce((n, c) => n + c.claims.length, 0), 'claim')})${leftOut ? `, leaving out the optional ${leftOut}` : ''}.`);
      const polled = expectStatus(await call(request['pollUrl'] as string, { apiKey: checkerKey }), 200, 'polling the request');
      const result = polled['result'] as { decision: string; verified: boolean; failedChecks: { check: string; code?: string }[]; todo: { title: string; details: { label: string; value: string }[] }[] } | undefined;
      const failed = result?.failedChecks.map((c) => `${c.check}${c.code ? ` (${c.code})` : ''}`).join(', ');
      say(`${step++}. The employer's report: ${String(polled['state'])}, ${OUTCOME_WORDS[result?.decision ?? ''] ?? 'no report'} (${result?.decision ?? 'none'}), every check passed: ${String(result?.verified ?? false)}${failed ? `; failed: ${failed}` : ''}.`);
      for (const item of result?.todo ?? []) {
        const route = item.details.find((d) => d.label === 'Route');
        say(`   - to do: ${item.title}${route ? ` (${route.value})` : ''}`);
      }
      const log = await wallet.listSharingLog({ action: 'shared' });
      const logged = log.at(-1)?.disclosures?.flatMap((d) => d.claims) ?? [];
      const sameAsShown = JSON.stringify(logged) === JSON.stringify(shown.flatMap((c) => c.claims.map((x) => x.path)));
      return { answered: polled['state'] === 'answered' && result?.verified === true, decision: result?.decision, todo: result?.todo.map((t) => t.title) ?? [], sameAsShown };
    };

    const newEmployer = await check('new_employer', true);
    const tupe = await check('tupe_transfer', false);

    const log = await wallet.listSharingLog();
    say(`${step++}. Sam's sharing log:`);
    for (const entry of log) {
      const who = entry.counterparty.organisation?.name ?? entry.counterparty.name ?? entry.counterparty.id;
      const what =
        entry.disclosures && entry.disclosures.length > 0
          ? entry.disclosures.map((d) => `${d.credentialTypes[0] ?? 'credential'} (${plural(d.claims.length, 'claim')})`).join(', ')
          : entry.credentialTypes.join(', ');
      say(`   - ${entry.action} ${entry.action === 'shared' ? 'with' : 'from'} ${who}: ${what}`);
    }
    const ok =
      newEmployer.answered &&
      tupe.answered &&
      newEmployer.sameAsShown &&
      tupe.sameAsShown &&
      newEmployer.decision === 'ready_once_checks_done' &&
      newEmployer.todo.includes('Do your own right to work check before the start') &&
      tupe.decision === 'ready_to_start';
    say(
      ok
        ? 'Journey complete: as a new employer Riverside is ready once it has done its own checks (its own right to work check among them); as a TUPE transfer it is ready to start.'
        : 'Journey failed: the reports are not what the law says.',
    );
    return ok;
  } finally {
    await closeWallet?.();
    await Promise.all([issuerServer.close(), verifierServer.close(), closeProvider?.()]);
    for (const close of closers) await close();
    rmSync(dir, { recursive: true, force: true });
  }
}
