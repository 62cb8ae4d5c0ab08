/**
 * Signs in to the verifier desk as a browser would (the sign-in page's CSRF cookie and field, then
 * the API key posted), and returns the session cookie (`name=value`) to send with later requests.
 */
export async function signInToDesk(url: string, apiKey: string): Promise<string> {
  const page = await fetch(`${url}/desk/sign-in`, { redirect: 'manual' });
  const csrfCookie = (page.headers.get('set-cookie') ?? '').split(';')[0]!;
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!;
  const res = await fetch(`${url}/desk/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrfCookie },
    body: new URLSearchParams({ _csrf: csrf, apiKey }).toString(),
    redirect: 'manual',
  });
  if (res.status !== 303) throw new Error(`desk sign-in answered ${res.status}`);
  const session = res.headers.getSetCookie().find((c) => c.startsWith('sp_desk_session='));
  if (!session) throw new Error('desk sign-in set no session cookie');
  return session.split(';')[0]!;
}

/** What {@link signInInBrowser} drives (a playwright-core `Page`). */
interface BrowserPage {
  goto(url: string): Promise<unknown>;
  fill(selector: string, value: string): Promise<void>;
  click(selector: string): Promise<void>;
  waitForURL(url: string): Promise<void>;
}

/** Signs in to the desk in a browser, through its sign-in page, and waits for the start page. */
export async function signInInBrowser(page: BrowserPage, url: string, apiKey: string): Promise<void> {
  await page.goto(`${url}/desk/sign-in`);
  await page.fill('#apiKey', apiKey);
  await page.click('#sign-in');
  await page.waitForURL(`${url}/`);
}
