/**
 * The attacker's web server: hosts did:web documents and status lists it controls, answers slowly
 * or hugely or with redirects on purpose, and counts every request it gets (so a test proves the
 * verifier never reached it).
 */
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createNodeJwsSigner, didWebFromUrl, type JwsSigner } from '@staff-passport/core';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** A running attacker server on 127.0.0.1. */
export interface AttackerSite {
  /** `http://127.0.0.1:<port>` */
  url: string;
  port: number;
  /** Every path requested, in order. */
  requests: string[];
  /** Serves JSON (or text) at a path. */
  serve(path: string, body: unknown, contentType?: string): void;
  /** A handler of its own at a path (slow, huge, redirect...). */
  route(path: string, handler: Handler): void;
  close(): Promise<void>;
}

/** Starts the attacker's server on 127.0.0.1, port 0. */
export async function startAttackerSite(): Promise<AttackerSite> {
  const routes = new Map<string, Handler>();
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(req.url ?? '');
    const handler = routes.get((req.url ?? '').split('?')[0]!);
    if (handler) return handler(req, res);
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    serve(path, body, contentType = 'application/json') {
      routes.set(path, (_req, res) => {
        res.writeHead(200, { 'content-type': contentType }).end(typeof body === 'string' ? body : JSON.stringify(body));
      });
    },
    route(path, handler) {
      routes.set(path, handler);
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** An issuer the attacker runs: its own key and did:web, on the attacker's server. */
export interface AttackerIssuer {
  did: string;
  kid: string;
  privateKey: KeyObject;
  publicJwk: { kty: string; crv: string; x: string };
  signer: JwsSigner;
}

/**
 * Publishes an attacker did:web at `/<name>/did.json` on the site, claiming to be the
 * organisation with the ODS code given (`alsoKnownAs`, as our issuers publish it).
 */
export function createAttackerIssuer(site: AttackerSite, name: string, claimedOdsCode: string): AttackerIssuer {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const jwk = publicKey.export({ format: 'jwk' }) as { kty: string; crv: string; x: string };
  const publicJwk = { kty: jwk.kty, crv: jwk.crv, x: jwk.x };
  const did = didWebFromUrl(site.url, [name]);
  const kid = `${did}#key-1`;
  site.serve(`/${name}/did.json`, {
    '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/suites/jws-2020/v1'],
    id: did,
    alsoKnownAs: [`https://directory.spineservices.nhs.uk/ORD/2-0-0/organisations/${claimedOdsCode}`],
    verificationMethod: [{ id: kid, type: 'JsonWebKey2020', controller: did, publicKeyJwk: publicJwk }],
    assertionMethod: [kid],
    authentication: [kid],
  });
  return { did, kid, privateKey, publicJwk, signer: createNodeJwsSigner({ privateKey, kid }) };
}
