/** Drives the HR console over HTTP as a browser without JavaScript would: forms, cookies, redirects by hand. */
import { randomBytes } from 'node:crypto';
import { getCredentialType } from '@staff-passport/schemas';
import { call } from '../../helpers/start-issuer.js';

/** A page as the console answered it. */
export interface PageAnswer {
  status: number;
  type: string;
  location: string | null;
  setCookies: string[];
  text: string;
}

/** GETs or POSTs (form-encoded) a console page, without following redirects. */
export async function fetchPage(url: string, options: { cookie?: string; form?: Record<string, string> | URLSearchParams | string } = {}): Promise<PageAnswer> {
  const body = options.form === undefined ? undefined : typeof options.form === 'string' ? options.form : new URLSearchParams(options.form).toString();
  const res = await fetch(url, {
    method: body === undefined ? 'GET' : 'POST',
    redirect: 'manual',
    headers: {
      ...(options.cookie ? { cookie: options.cookie } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/x-www-form-urlencoded' }),
    },
    ...(body === undefined ? {} : { body }),
  });
  return { status: res.status, type: res.headers.get('content-type') ?? '', location: res.headers.get('location'), setCookies: res.headers.getSetCookie(), text: await res.text() };
}

/** The `name=value` of a Set-Cookie line for the cookie named, or undefined. */
export function cookieFrom(answer: PageAnswer, name: string): string | undefined {
  const line = answer.setCookies.find((c) => c.startsWith(`${name}=`));
  return line?.split(';')[0];
}

/** The CSRF token of the first console form on a page. */
export function csrfOf(text: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(text);
  if (!match) throw new Error('no _csrf field on the page');
  return match[1]!;
}

/** The hrefs of the error summary's links (the field ids it points at). */
export function errorLinks(text: string): string[] {
  const summary = /<div class="nhsuk-error-summary"[\s\S]*?<\/ul>/.exec(text)?.[0] ?? '';
  return [...summary.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]!);
}

/** The document title of a page. */
export function titleOf(text: string): string {
  return /<title>([^<]*)<\/title>/.exec(text)?.[1] ?? '';
}

/** Signs in with an API key through the form and returns the session cookie (`sp_console=...`) and the CSRF token. */
export async function signInWithKey(baseUrl: string, orgId: string, apiKey: string): Promise<{ cookie: string; csrf: string }> {
  const answer = await fetchPage(`${baseUrl}/console/sign-in`, { form: { orgId, apiKey } });
  const cookie = cookieFrom(answer, 'sp_console');
  if (answer.status !== 303 || !cookie) throw new Error(`sign-in failed: ${answer.status} ${answer.text.slice(0, 200)}`);
  const home = await fetchPage(`${baseUrl}/console/home`, { cookie });
  return { cookie, csrf: csrfOf(home.text) };
}

/** A fresh did:key-shaped holder DID (the issuer only hashes it; it is never resolved when issuing vc+jwt). */
export function randomHolder(): string {
  return `did:key:z6Mk${randomBytes(20).toString('hex')}`;
}

/** Issues a catalogue type's example credential to a holder through the API; returns the credential's id. */
export async function issueExample(baseUrl: string, orgId: string, apiKey: string, type: string, holder: string): Promise<string> {
  const definition = getCredentialType(type);
  if (!definition) throw new Error(`no catalogue type ${type}`);
  const credential = JSON.parse(JSON.stringify(definition.example).replaceAll('{holderDid}', holder)) as Record<string, unknown>;
  const res = await call(`${baseUrl}/orgs/${orgId}/credentials/issue`, { key: apiKey, body: { credential } });
  if (res.status !== 201) throw new Error(`issue failed: ${res.status} ${res.text}`);
  const location = res.headers.get('location') ?? '';
  return decodeURIComponent(location.slice(location.lastIndexOf('/') + 1));
}
