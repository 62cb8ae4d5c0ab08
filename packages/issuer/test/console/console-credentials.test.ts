/**
 * HR console: finding issued credentials by person and type, and revoking, suspending and
 * reinstating them (issue 8), at the HTTP level; and the paging and holder filters added to
 * `listIssuedCredentials` for it.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sha256Hex } from '@staff-passport/core';
import { listAuditEvents } from '../../src/audit/list-audit-events.js';
import { getIssuedCredential, listIssuedCredentials } from '../../src/credentials/list-issued-credentials.js';
import { startIssuer, type TestIssuer } from '../helpers/start-issuer.js';
import { csrfOf, errorLinks, fetchPage, issueExample, randomHolder, signInWithKey, titleOf } from './helpers/console-client.js';

let issuer: TestIssuer;
let orgId: string;
const holder = randomHolder();
const someoneElse = randomHolder();
const ids: { dbs: string; training: string; otherDbs: string; rtw: string } = { dbs: '', training: '', otherDbs: '', rtw: '' };
let issuerSession: { cookie: string; csrf: string };
let auditorSession: { cookie: string; csrf: string };

beforeAll(async () => {
  issuer = await startIssuer();
  orgId = issuer.a.org.id;
  const key = issuer.a.keys.issuer;
  ids.dbs = await issueExample(issuer.url, orgId, key, 'DbsCheck', holder);
  ids.training = await issueExample(issuer.url, orgId, key, 'TrainingRecord', holder);
  ids.otherDbs = await issueExample(issuer.url, orgId, key, 'DbsCheck', someoneElse);
  ids.rtw = await issueExample(issuer.url, orgId, key, 'RightToWork', someoneElse);
  issuerSession = await signInWithKey(issuer.url, orgId, key);
  auditorSession = await signInWithKey(issuer.url, orgId, issuer.a.keys.auditor);
});
afterAll(async () => {
  await issuer.close();
});

/** The credential ids linked from a list page, in order. */
function listedIds(text: string): string[] {
  return [...text.matchAll(/href="\/console\/credentials\/(urn:uuid:[0-9a-f-]{36})"/g)].map((m) => m[1]!);
}

describe('listIssuedCredentials (the filters and paging the console uses)', () => {
  it('finds by holder DID or its hash, and records carry the hash', async () => {
    const byDid = await listIssuedCredentials(issuer.ctx, orgId, { subject: holder });
    expect(byDid.map((r) => r.id)).toEqual([ids.training, ids.dbs]);
    expect(byDid[0]!.subjectHash).toBe(sha256Hex(holder));
    const byHash = await listIssuedCredentials(issuer.ctx, orgId, { subjectHash: sha256Hex(holder), type: 'DbsCheck' });
    expect(byHash.map((r) => r.id)).toEqual([ids.dbs]);
    await expect(listIssuedCredentials(issuer.ctx, orgId, { subjectHash: 'ABC' })).rejects.toMatchObject({ code: 'ERR_REQUEST_INVALID', field: 'subjectHash' });
  });

  it('pages back with `after` (the nearest newer records, still newest first), and refuses both cursors', async () => {
    const all = await listIssuedCredentials(issuer.ctx, orgId, {});
    expect(all.map((r) => r.id)).toEqual([ids.rtw, ids.otherDbs, ids.training, ids.dbs]);
    expect((await listIssuedCredentials(issuer.ctx, orgId, { before: ids.otherDbs, limit: 1 })).map((r) => r.id)).toEqual([ids.training]);
    expect((await listIssuedCredentials(issuer.ctx, orgId, { after: ids.dbs, limit: 2 })).map((r) => r.id)).toEqual([ids.otherDbs, ids.training]);
    expect((await listIssuedCredentials(issuer.ctx, orgId, { after: ids.rtw })).map((r) => r.id)).toEqual([]);
    await expect(listIssuedCredentials(issuer.ctx, orgId, { after: ids.dbs, before: ids.rtw })).rejects.toMatchObject({ code: 'ERR_REQUEST_INVALID' });
  });
});

describe('the issued credentials page', () => {
  it('lists everything newest first, with type names, dates and status tags in words', async () => {
    const page = await fetchPage(`${issuer.url}/console/credentials`, { cookie: issuerSession.cookie });
    expect(page.status).toBe(200);
    expect(titleOf(page.text)).toBe('Issued credentials - Staff Passport HR console');
    expect(listedIds(page.text)).toEqual([ids.rtw, ids.otherDbs, ids.training, ids.dbs]);
    expect(page.text).toContain('<strong class="nhsuk-tag nhsuk-tag--green">Active</strong>');
    expect(page.text).toContain('aria-current="page"');
  });

  it('finds a person by the DID of their wallet, and narrows by type and status', async () => {
    const byPerson = await fetchPage(`${issuer.url}/console/credentials?holder=${encodeURIComponent(holder)}`, { cookie: issuerSession.cookie });
    expect(listedIds(byPerson.text)).toEqual([ids.training, ids.dbs]);
    const byPersonAndType = await fetchPage(`${issuer.url}/console/credentials?holder=${encodeURIComponent(holder)}&type=DbsCheck`, { cookie: issuerSession.cookie });
    expect(listedIds(byPersonAndType.text)).toEqual([ids.dbs]);
    const byType = await fetchPage(`${issuer.url}/console/credentials?type=DbsCheck&status=active`, { cookie: issuerSession.cookie });
    expect(listedIds(byType.text)).toEqual([ids.otherDbs, ids.dbs]);
    const byRef = await fetchPage(`${issuer.url}/console/credentials?holderRef=${sha256Hex(someoneElse)}`, { cookie: issuerSession.cookie });
    expect(listedIds(byRef.text)).toEqual([ids.rtw, ids.otherDbs]);
    expect(byRef.text).toContain('Showing the credentials of holder');
    const none = await fetchPage(`${issuer.url}/console/credentials?holder=${encodeURIComponent(randomHolder())}`, { cookie: issuerSession.cookie });
    expect(none.status).toBe(200);
    expect(none.text).toContain('No credentials match your search.');
  });

  it('a credential ID in the search box goes to that credential', async () => {
    const page = await fetchPage(`${issuer.url}/console/credentials?holder=${encodeURIComponent(ids.rtw.toUpperCase())}`, { cookie: issuerSession.cookie });
    expect(page.status).toBe(303);
    expect(page.location).toBe(`/console/credentials/${ids.rtw}`);
  });

  it('pages of 20 with "Previous" and "Next" links that keep the filters', async () => {
    const many = await startIssuer();
    try {
      const made: string[] = [];
      for (let i = 0; i < 23; i++) made.push(await issueExample(many.url, many.a.org.id, many.a.keys.issuer, 'DbsCheck', randomHolder()));
      const newestFirst = [...made].reverse();
      const { cookie } = await signInWithKey(many.url, many.a.org.id, many.a.keys.auditor);
      const first = await fetchPage(`${many.url}/console/credentials?type=DbsCheck`, { cookie });
      expect(listedIds(first.text)).toEqual(newestFirst.slice(0, 20));
      expect(first.text).not.toContain('rel="prev"');
      const nextHref = /href="([^"]+)" rel="next"/.exec(first.text)![1]!.replaceAll('&amp;', '&');
      expect(nextHref).toBe(`/console/credentials?type=DbsCheck&before=${encodeURIComponent(newestFirst[19]!)}`);
      const second = await fetchPage(`${many.url}${nextHref}`, { cookie });
      expect(listedIds(second.text)).toEqual(newestFirst.slice(20));
      expect(second.text).not.toContain('rel="next"');
      const prevHref = /href="([^"]+)" rel="prev"/.exec(second.text)![1]!.replaceAll('&amp;', '&');
      const back = await fetchPage(`${many.url}${prevHref}`, { cookie });
      expect(listedIds(back.text)).toEqual(newestFirst.slice(0, 20));
      expect(back.text).not.toContain('rel="prev"');
      expect(back.text).toContain('rel="next"');
    } finally {
      await many.close();
    }
  });

  it('a search that cannot be right is a 400 page with the errors the NHS way', async () => {
    const page = await fetchPage(`${issuer.url}/console/credentials?holder=Jane%20Smith&type=Nothing&status=lost`, { cookie: issuerSession.cookie });
    expect(page.status).toBe(400);
    expect(titleOf(page.text)).toBe('Error: Issued credentials - Staff Passport HR console');
    expect(errorLinks(page.text)).toEqual(['holder', 'type', 'status']);
  });
});

describe('a credential page and its status', () => {
  it('shows the record with its status, and the actions its status allows', async () => {
    const page = await fetchPage(`${issuer.url}/console/credentials/${ids.dbs}`, { cookie: issuerSession.cookie });
    expect(page.status).toBe(200);
    expect(page.text).toContain(ids.dbs);
    expect(page.text).toContain('id="credential-status"><strong class="nhsuk-tag nhsuk-tag--green">Active</strong>');
    expect(page.text).toContain('value="suspend"');
    expect(page.text).toContain('value="revoke"');
    expect(page.text).not.toContain('value="reinstate"');
    expect(page.text).toContain('>Change status</button>');
  });

  it('an auditor reads it but gets no form, and a post from one is a 403 page', async () => {
    const page = await fetchPage(`${issuer.url}/console/credentials/${ids.dbs}`, { cookie: auditorSession.cookie });
    expect(page.status).toBe(200);
    expect(page.text).not.toContain('>Change status</button>');
    const post = await fetchPage(`${issuer.url}/console/credentials/${ids.dbs}/status`, {
      cookie: auditorSession.cookie,
      form: { _csrf: auditorSession.csrf, action: 'revoke', reason: 'issued_in_error' },
    });
    expect(post.status).toBe(403);
    expect(post.text).toContain('You do not have permission to change a credential');
    expect((await getIssuedCredential(issuer.ctx, orgId, ids.dbs)).status).toBe('active');
  });

  it('another organisation cannot see it', async () => {
    const other = await signInWithKey(issuer.url, issuer.b.org.id, issuer.b.keys['org-admin']);
    const page = await fetchPage(`${issuer.url}/console/credentials/${ids.dbs}`, { cookie: other.cookie });
    expect(page.status).toBe(404);
    const list = await fetchPage(`${issuer.url}/console/credentials`, { cookie: other.cookie });
    expect(listedIds(list.text)).toEqual([]);
  });

  it('refuses a change without the form token (403) and changes nothing', async () => {
    const page = await fetchPage(`${issuer.url}/console/credentials/${ids.dbs}/status`, { cookie: issuerSession.cookie, form: { action: 'revoke', reason: 'issued_in_error' } });
    expect(page.status).toBe(403);
    expect((await getIssuedCredential(issuer.ctx, orgId, ids.dbs)).status).toBe('active');
  });

  it('an incomplete form comes back with 400 and its errors; "Other" needs a note', async () => {
    const empty = await fetchPage(`${issuer.url}/console/credentials/${ids.dbs}/status`, { cookie: issuerSession.cookie, form: { _csrf: issuerSession.csrf } });
    expect(empty.status).toBe(400);
    expect(errorLinks(empty.text)).toEqual(['action', 'reason']);
    const other = await fetchPage(`${issuer.url}/console/credentials/${ids.dbs}/status`, {
      cookie: issuerSession.cookie,
      form: { _csrf: issuerSession.csrf, action: 'suspend', reason: 'other' },
    });
    expect(errorLinks(other.text)).toEqual(['note']);
    // What was chosen is kept.
    expect(other.text).toMatch(/value="suspend" checked/);
    const reinstateActive = await fetchPage(`${issuer.url}/console/credentials/${ids.dbs}/status`, {
      cookie: issuerSession.cookie,
      form: { _csrf: issuerSession.csrf, action: 'reinstate', reason: 'investigation_closed' },
    });
    expect(reinstateActive.status).toBe(400);
    expect(errorLinks(reinstateActive.text)).toEqual(['action']);
    const longNote = await fetchPage(`${issuer.url}/console/credentials/${ids.dbs}/status`, {
      cookie: issuerSession.cookie,
      form: { _csrf: issuerSession.csrf, action: 'suspend', reason: 'under_investigation', note: 'x'.repeat(501) },
    });
    expect(errorLinks(longNote.text)).toEqual(['note']);
    expect((await getIssuedCredential(issuer.ctx, orgId, ids.dbs)).status).toBe('active');
  });

  it('suspend, reinstate, revoke: each a success banner, the new status, and an audit event with the reason and note', async () => {
    const change = async (action: string, reason: string, note?: string): Promise<string> => {
      const post = await fetchPage(`${issuer.url}/console/credentials/${ids.training}/status`, {
        cookie: issuerSession.cookie,
        form: { _csrf: issuerSession.csrf, action, reason, ...(note ? { note } : {}) },
      });
      expect(post.status).toBe(303);
      expect(post.location).toBe(`/console/credentials/${ids.training}?changed=${action}`);
      return (await fetchPage(`${issuer.url}${post.location!}`, { cookie: issuerSession.cookie })).text;
    };
    const suspended = await change('suspend', 'under_investigation', 'Fitness to practise referral');
    expect(suspended).toContain('Credential suspended');
    expect(suspended).toContain('id="credential-status"><strong class="nhsuk-tag nhsuk-tag--yellow">Suspended</strong>');
    expect(suspended).toContain('value="reinstate"');
    const reinstated = await change('reinstate', 'investigation_closed');
    expect(reinstated).toContain('Credential reinstated');
    const revoked = await change('revoke', 'employment_ended');
    expect(revoked).toContain('Credential revoked');
    expect(revoked).toContain('id="credential-status"><strong class="nhsuk-tag nhsuk-tag--red">Revoked</strong>');
    expect(revoked).toContain('A revocation cannot be undone');
    expect(revoked).not.toContain('>Change status</button>');

    const events = (await listAuditEvents(issuer.ctx.db, orgId, { limit: 1000 })).filter((e) => e.subject === ids.training && e.action !== 'credential.issue');
    expect(events.map((e) => [e.action, e.detail['reason'], e.detail['note']])).toEqual([
      ['credential.suspend', 'under_investigation', 'Fitness to practise referral'],
      ['credential.reinstate', 'investigation_closed', undefined],
      ['credential.revoke', 'employment_ended', undefined],
    ]);
    expect(events.every((e) => e.actor.startsWith('key_'))).toBe(true);

    // A made-up "changed" link claims nothing the credential is not.
    const stale = await fetchPage(`${issuer.url}/console/credentials/${ids.training}?changed=reinstate`, { cookie: issuerSession.cookie });
    expect(stale.text).not.toContain('Credential reinstated');
    // A post against a revoked credential is refused, pointing at its status.
    const again = await fetchPage(`${issuer.url}/console/credentials/${ids.training}/status`, {
      cookie: issuerSession.cookie,
      form: { _csrf: csrfOf(revoked), action: 'reinstate', reason: 'other', note: 'try' },
    });
    expect(again.status).toBe(400);
    expect(errorLinks(again.text)).toEqual(['credential-status']);
  });
});
