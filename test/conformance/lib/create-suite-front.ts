import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import { connect, createServer as createNetServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The started services, as `demo.json` describes them. */
export interface ServiceFacts {
  issuer: { url: string; orgId: string; did: string; apiKey: string };
  verifier: { url: string };
}

/** The running front: its https base URL, and how to stop it. */
export interface SuiteFront {
  url: string;
  close(): Promise<void>;
}

/** The issuing endpoints the front offers, each a format our issuer signs in (`options.format`). */
export const FRONT_ISSUERS = { jwt: 'vc+jwt', ldp: 'ldp_vc' } as const;

/**
 * A throwaway certificate for 127.0.0.1 (with the address as subjectAltName, so Node accepts it
 * where it is trusted through NODE_EXTRA_CA_CERTS): the suites' clients accept any certificate;
 * our services, which resolve the issuer's did:web and fetch its status lists through the front,
 * are given this one to trust.
 */
export function selfSignedCertificate(): { key: Buffer; cert: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), 'suite-front-'));
  try {
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')],
      { stdio: 'ignore' },
    );
    return { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Where a suite's request goes: `/issuers/{jwt|ldp}/credentials/issue` to the conformance organisation's
 * issue route with its API key and the format of that endpoint (unless the suite set one);
 * `/verifier/...` to the verifier as it is; `/orgs/...` and `/.well-known/...` (DID documents,
 * status lists, metadata: the issuer's public URL is the front's) to the issuer as they are.
 * Anything else is a 404.
 */
function routeOf(facts: ServiceFacts, path: string, body: Buffer): { url: string; headers: Record<string, string>; body: Buffer } | undefined {
  const issue = /^\/issuers\/(jwt|ldp)\/credentials\/issue$/.exec(path);
  if (issue) {
    const format = FRONT_ISSUERS[issue[1] as keyof typeof FRONT_ISSUERS];
    let json: unknown;
    try {
      json = JSON.parse(body.toString('utf8'));
    } catch {
      return { url: `${facts.issuer.url}/orgs/${facts.issuer.orgId}/credentials/issue`, headers: { authorization: `Bearer ${facts.issuer.apiKey}` }, body };
    }
    if (json && typeof json === 'object' && !Array.isArray(json)) {
      const request = json as Record<string, unknown>;
      const options = request['options'] && typeof request['options'] === 'object' ? (request['options'] as Record<string, unknown>) : {};
      request['options'] = { format, ...options };
    }
    return { url: `${facts.issuer.url}/orgs/${facts.issuer.orgId}/credentials/issue`, headers: { authorization: `Bearer ${facts.issuer.apiKey}` }, body: Buffer.from(JSON.stringify(json)) };
  }
  if (path.startsWith('/verifier/')) return { url: `${facts.verifier.url}${path.slice('/verifier'.length)}`, headers: {}, body };
  if (path.startsWith('/orgs/') || path.startsWith('/.well-known/')) return { url: `${facts.issuer.url}${path}`, headers: {}, body };
  return undefined;
}

async function forward(facts: ServiceFacts, req: IncomingMessage, res: ServerResponse, logFile?: string): Promise<void> {
  // GET and HEAD carry no body, and say what they accept (status lists are negotiated).
  const path = new URL(req.url ?? '/', 'https://front.invalid').pathname;
  const body = await readBody(req);
  const route = routeOf(facts, path, body);
  if (!route) {
    res.writeHead(404, { 'content-type': 'application/problem+json' }).end(JSON.stringify({ title: 'not a path of the suite front', status: 404 }));
    return;
  }
  const answer = await fetch(route.url, {
    method: req.method ?? 'GET',
    headers: { 'content-type': req.headers['content-type'] ?? 'application/json', accept: req.headers['accept'] ?? '*/*', ...route.headers },
    ...(req.method === 'GET' || req.method === 'HEAD' ? {} : { body: new Uint8Array(route.body) }),
  });
  const reply = Buffer.from(await answer.arrayBuffer());
  // Every exchange, for reading why a test failed (the suites' reports keep only the status).
  if (logFile) appendFileSync(logFile, `${JSON.stringify({ path, status: answer.status, request: body.toString('utf8').slice(0, 4000), response: reply.toString('utf8').slice(0, 4000) })}\n`);
  res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/octet-stream' });
  res.end(reply);
}

/**
 * Starts the TLS front on 127.0.0.1 (a free port) in front of the services; each exchange is
 * appended to the file `logFile` names at the time, if any. `facts` may be a function: the front
 * can then start first, so that its URL can be the issuer's public URL.
 *
 * @example
 * const front = await createSuiteFront(facts, { logFile: () => 'exchanges.jsonl' }); // front.url + '/issuers/jwt/credentials/issue'
 */
export async function createSuiteFront(
  facts: ServiceFacts | (() => ServiceFacts),
  options: { logFile?: () => string | undefined; certificate?: { key: Buffer; cert: Buffer } } = {},
): Promise<SuiteFront> {
  const factsNow = typeof facts === 'function' ? facts : () => facts;
  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    forward(factsNow(), req, res, options.logFile?.()).catch((e: unknown) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/problem+json' });
      res.end(JSON.stringify({ title: 'the suite front could not reach the service', detail: e instanceof Error ? e.message : String(e), status: 502 }));
    });
  };
  const tls = createServer(options.certificate ?? selfSignedCertificate(), handle);
  const plain = createHttpServer(handle);
  const inner = await Promise.all([tls, plain].map(async (server) => {
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    return (server.address() as AddressInfo).port;
  }));
  // One public port, both protocols: the suites speak https, while our verifier resolves a did:web
  // on loopback over http in demo mode (DID_WEB_ALLOW_PRIVATE). A TLS handshake starts with 0x16;
  // each connection is relayed, bytes unchanged, to the https or the http server.
  const server = createNetServer((socket) => {
    socket.once('data', (first: Buffer) => {
      const upstream = connect(first[0] === 0x16 ? inner[0]! : inner[1]!, '127.0.0.1', () => {
        upstream.write(first);
        socket.pipe(upstream).pipe(socket);
      });
      upstream.on('error', () => socket.destroy());
      socket.on('error', () => upstream.destroy());
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}`,
    close: async () => {
      tls.close();
      plain.close();
      await new Promise<void>((ok) => server.close(() => ok()));
    },
  };
}
