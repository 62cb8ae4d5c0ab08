/** A fetch that answers from a table of `METHOD url` routes, and records every request. */
export interface FakeFetch {
  fetch: typeof globalThis.fetch;
  requests: { method: string; url: string; body?: string }[];
}

export type FakeRoute = (body: string | undefined) => { status?: number; body?: unknown; text?: string };

export function fakeFetch(routes: Record<string, FakeRoute>): FakeFetch {
  const requests: FakeFetch['requests'] = [];
  const fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = String(input);
    const method = init?.method ?? 'GET';
    const body = typeof init?.body === 'string' ? init.body : undefined;
    requests.push({ method, url, ...(body === undefined ? {} : { body }) });
    const route = routes[`${method} ${url}`];
    if (!route) return new Response(JSON.stringify({ error: 'not_found' }), { status: 404 });
    const answer = route(body);
    const text = answer.text ?? (answer.body === undefined ? '' : JSON.stringify(answer.body));
    return new Response(text === '' ? null : text, { status: answer.status ?? 200 });
  };
  return { fetch: fetch as typeof globalThis.fetch, requests };
}
