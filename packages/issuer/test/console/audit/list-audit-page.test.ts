/**
 * HR console: the audit log page (issue 8): for auditors and organisation administrators only,
 * newest first, paged, filtered by action, and the hash chain's check in words, which tells when
 * an entry was changed behind the service's back.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { listAuditEvents } from '../../../src/audit/list-audit-events.js';
import { listAuditPage } from '../../../src/console/audit/list-audit-page.js';
import { startIssuer, type TestIssuer } from '../../helpers/start-issuer.js';
import { errorLinks, fetchPage, issueExample, randomHolder, signInWithKey, titleOf } from '../helpers/console-client.js';

let issuer: TestIssuer;
let orgId: string;
let issued: string[];

/** The sequence numbers of the rows shown, read from their targets (credential links) in page order. */
function listedCredentials(text: string): string[] {
  return [...text.matchAll(/<a href="\/console\/credentials\/(urn:uuid:[0-9a-f-]{36})"/g)].map((m) => m[1]!);
}

beforeAll(async () => {
  issuer = await startIssuer();
  orgId = issuer.a.org.id;
  issued = [];
  for (let i = 0; i < 30; i++) issued.push(await issueExample(issuer.url, orgId, issuer.a.keys.issuer, 'TrainingRecord', randomHolder()));
});
afterAll(async () => {
  await issuer.close();
});

describe('listAuditPage', () => {
  it('reads newest first, pages both ways and filters by action', async () => {
    const all = await listAuditEvents(issuer.ctx.db, orgId, { limit: 1000 });
    const newest = [...all].reverse();
    expect((await listAuditPage(issuer.ctx.db, orgId, { limit: 5 })).map((e) => e.seq)).toEqual(newest.slice(0, 5).map((e) => e.seq));
    const older = await listAuditPage(issuer.ctx.db, orgId, { limit: 5, before: newest[4]!.seq });
    expect(older.map((e) => e.seq)).toEqual(newest.slice(5, 10).map((e) => e.seq));
    const back = await listAuditPage(issuer.ctx.db, orgId, { limit: 5, after: newest[5]!.seq });
    expect(back.map((e) => e.seq)).toEqual(newest.slice(0, 5).map((e) => e.seq));
    const issues = await listAuditPage(issuer.ctx.db, orgId, { limit: 100, action: 'credential.issue' });
    expect(issues).toHaveLength(30);
    await expect(listAuditPage(issuer.ctx.db, orgId, { limit: 5, before: -1 })).rejects.toMatchObject({ code: 'ERR_REQUEST_INVALID', field: 'before' });
    await expect(listAuditPage(issuer.ctx.db, orgId, { limit: 5, before: 3, after: 1 })).rejects.toMatchObject({ code: 'ERR_REQUEST_INVALID' });
  });
});

describe('the audit log page', () => {
  it('an issuer without the auditor or administrator role gets a 403 page that says so', async () => {
    const { cookie } = await signInWithKey(issuer.url, orgId, issuer.a.keys.issuer);
    const page = await fetchPage(`${issuer.url}/console/audit`, { cookie });
    expect(page.status).toBe(403);
    expect(page.type).toContain('text/html');
    expect(page.text).toContain('You do not have permission to read the audit log');
    expect(page.text).toContain('with the role issuer');
  });

  it('lists entries newest first, 25 a page, with who, what and the target, and says the chain is intact', async () => {
    const { cookie } = await signInWithKey(issuer.url, orgId, issuer.a.keys.auditor);
    const page = await fetchPage(`${issuer.url}/console/audit?action=credential.issue`, { cookie });
    expect(page.status).toBe(200);
    expect(titleOf(page.text)).toBe('Audit log - Staff Passport HR console');
    expect(page.text).toContain('The audit log is intact');
    expect(listedCredentials(page.text)).toEqual([...issued].reverse().slice(0, 25));
    expect(page.text).toContain('Credential issued');
    expect(page.text).toContain('Training record');
    // Who is signed in, in the header's account area: an API key, without its id (issue 21: no key ids where a person reads).
    expect(page.text).toMatch(/<li class="nhsuk-header__account-item">.*API key, [^<]+<\/li>/);
    expect(page.text).not.toMatch(/Signed in to .* as API key key_/);

    const nextHref = /href="([^"]+)" rel="next"/.exec(page.text)![1]!.replaceAll('&amp;', '&');
    expect(nextHref).toMatch(/^\/console\/audit\?action=credential\.issue&before=\d+$/);
    const older = await fetchPage(`${issuer.url}${nextHref}`, { cookie });
    expect(listedCredentials(older.text)).toEqual([...issued].reverse().slice(25));
    expect(older.text).not.toContain('rel="next"');
    const prevHref = /href="([^"]+)" rel="prev"/.exec(older.text)![1]!.replaceAll('&amp;', '&');
    expect(listedCredentials((await fetchPage(`${issuer.url}${prevHref}`, { cookie })).text)).toEqual([...issued].reverse().slice(0, 25));

    // Unfiltered, the newest entry is this auditor's own sign-in.
    const all = await fetchPage(`${issuer.url}/console/audit`, { cookie });
    const rows = all.text.slice(all.text.indexOf('<table'));
    expect(rows.indexOf('Signed in to the console')).toBeGreaterThan(0);
    expect(rows.indexOf('Signed in to the console')).toBeLessThan(rows.indexOf('Credential issued'));
  });

  it('an unknown action filter is a 400 page with the error on the filter', async () => {
    const { cookie } = await signInWithKey(issuer.url, orgId, issuer.a.keys['org-admin']);
    const page = await fetchPage(`${issuer.url}/console/audit?action=drop-tables`, { cookie });
    expect(page.status).toBe(400);
    expect(errorLinks(page.text)).toEqual(['action']);
  });

  it('an entry changed behind the service is reported on the page', async () => {
    const tampered = await startIssuer();
    try {
      await issueExample(tampered.url, tampered.a.org.id, tampered.a.keys.issuer, 'DbsCheck', randomHolder());
      const { cookie } = await signInWithKey(tampered.url, tampered.a.org.id, tampered.a.keys.auditor);
      expect((await fetchPage(`${tampered.url}/console/audit`, { cookie })).text).toContain('The audit log is intact');
      await tampered.ctx.db.query(`UPDATE sp_audit_log SET actor = 'someone-else' WHERE chain = ? AND action = 'credential.issue'`, [tampered.a.org.id]);
      // The check is kept for a minute while the chain has no new entry: move the clock on.
      tampered.setNow(new Date(Date.now() + 120_000));
      const page = await fetchPage(`${tampered.url}/console/audit`, { cookie });
      expect(page.status).toBe(200);
      expect(page.text).toContain('The audit log has been changed');
      expect(page.text).toMatch(/Entry \d+ was changed after it was written/);
    } finally {
      await tampered.close();
    }
  });
});
