/**
 * A round-robin HTTP proxy on 127.0.0.1 (port 0), as a load balancer in front of several
 * instances of a service: each request goes to the next backend in turn, whole (method, path,
 * headers, body), and the answer comes back as the backend sent it. It keeps a log of which
 * backend served which request, so a test can say that a flow's steps landed on different
 * instances.
 */
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the proxy passed on. */
export interface ProxiedRequest {
  method: string;
  path: string;
  /** The index in `backends` of the instance that served it. */
  backend: number;
  status: number;
}

/** A running proxy. */
export interface RoundRobinProxy {
  /** `http://127.0.0.1:<port>`: the public URL of the service behind it. */
  url: string;
  /** The instances' base URLs, served in turn; set once they run (they need `url` to start). */
  backends: string[];
  log: ProxiedRequest[];
  /** The backend the next request goes to. */
  next(): number;
  close(): Promise<void>;
}

/**
 * Starts the proxy with no backends yet (a request before they are set is answered 503).
 *
 * @example
 * const proxy = await startRoundRobinProxy();
 * proxy.backends.push(urlOfA, urlOfB);
 */
export async function startRoundRobinProxy(): Promise<RoundRobinProxy> {
  let turn = 0;
  const proxy: RoundRobinProxy = {
    url: '',
    backends: [],
    log: [],
    next: () => (proxy.backends.length === 0 ? -1 : turn % proxy.backends.length),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  const pass = (req: IncomingMessage, res: ServerResponse): void => {
    const backend = proxy.next();
    if (backend < 0) {
      res.writeHead(503).end();
      return;
    }
    turn += 1;
    const target = new URL(req.url ?? '/', proxy.backends[backend]);
    const entry: ProxiedRequest = { method: req.method ?? 'GET', path: target.pathname, backend, status: 0 };
    proxy.log.push(entry);
    // The Host header stays the public one, as behind a load balancer.
    const upstream = request(target, { method: req.method, headers: req.headers }, (answer) => {
      entry.status = answer.statusCode ?? 0;
      res.writeHead(entry.status, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => {
      entry.status = 502;
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  };
  const server = createServer(pass);
  // Idle connections stay open longer than clients keep them (undici: 4 s), so a client never
  // sends a request on a connection the proxy is closing ("other side closed" under load).
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return proxy;
}

/**
 * Sends harmless requests (`GET /healthz`) until the next one goes to `backend`, so a step lands
 * where a test says.
 *
 * @example
 * await turnTo(proxy, 1);
 */
export async function turnTo(proxy: RoundRobinProxy, backend: number): Promise<void> {
  for (let i = 0; i < proxy.backends.length && proxy.next() !== backend; i += 1) await (await fetch(`${proxy.url}/healthz`)).arrayBuffer();
  if (proxy.next() !== backend) throw new Error(`the proxy does not turn to backend ${backend}`);
}

/** The instance that served the last request to `path` (by method). */
export function servedBy(proxy: RoundRobinProxy, method: string, path: string): number {
  const entry = proxy.log.filter((e) => e.method === method && e.path === path).at(-1);
  if (!entry) throw new Error(`no ${method} ${path} went through the proxy`);
  return entry.backend;
}
