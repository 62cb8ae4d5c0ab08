import { PassportError } from '../errors/passport-error.js';

/**
 * The URL of a did:web DID document (did:web method specification, "Read (Resolve)"):
 * `did:web:example.com:orgs:rth` is `https://example.com/orgs/rth/did.json`, and a DID with no
 * path is `https://example.com/.well-known/did.json`. A port is written `%3A` in the DID.
 *
 * @example
 * didWebToUrl('did:web:127.0.0.1%3A4100:orgs:abc', 'http:') // 'http://127.0.0.1:4100/orgs/abc/did.json'
 * @throws PassportError `ERR_DID_INVALID`
 */
export function didWebToUrl(did: string, protocol: 'https:' | 'http:' = 'https:'): string {
  const match = /^did:web:([^:#?/]+)((?::[^:#?/]+)*)$/.exec(did);
  if (!match) throw new PassportError('ERR_DID_INVALID', `${did} is not a did:web DID`);
  const host = decodeURIComponent(match[1]!);
  if (!/^[A-Za-z0-9.-]+(:\d{1,5})?$/.test(host) && !/^\[[0-9a-fA-F:]+\](:\d{1,5})?$/.test(host)) {
    throw new PassportError('ERR_DID_INVALID', `${did} has an invalid host`);
  }
  const segments = match[2] ? match[2].slice(1).split(':').map(decodeURIComponent) : [];
  if (segments.some((s) => s === '' || s === '.' || s === '..' || s.includes('/'))) {
    throw new PassportError('ERR_DID_INVALID', `${did} has an invalid path`);
  }
  const path = segments.length > 0 ? `/${segments.map(encodeURIComponent).join('/')}/did.json` : '/.well-known/did.json';
  return `${protocol}//${host}${path}`;
}

/**
 * The did:web DID an http(s) URL names, with further path segments (the inverse of
 * {@link didWebToUrl}; did:web spec, "Create"): the host, `%3A` before a port, then the URL's path
 * segments and `segments`, each percent-encoded once, joined by `:`. A credential issuer identifier
 * `https://issuer.example/orgs/rx1` is `did:web:issuer.example:orgs:rx1`. Runs in browsers.
 *
 * @example
 * didWebFromUrl('http://127.0.0.1:4100', ['orgs', 'abc']) // 'did:web:127.0.0.1%3A4100:orgs:abc'
 * didWebFromUrl('https://issuer.example/orgs/rx1') // 'did:web:issuer.example:orgs:rx1'
 * @throws PassportError `ERR_DID_INVALID` when `baseUrl` is not an http(s) URL.
 */
export function didWebFromUrl(baseUrl: string, segments: readonly string[] = []): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch (cause: unknown) {
    throw new PassportError('ERR_DID_INVALID', `${baseUrl} is not a URL`, { cause });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new PassportError('ERR_DID_INVALID', `${baseUrl} is not an http(s) URL`);
  const host = url.port ? `${url.hostname}%3A${url.port}` : url.hostname;
  // The URL's own segments arrive percent-encoded: decoded first, so each is encoded exactly once.
  const basePath = url.pathname
    .split('/')
    .filter(Boolean)
    .map((s) => decodeSegment(s, baseUrl));
  return ['did:web', host, ...[...basePath, ...segments].map(encodeURIComponent)].join(':');
}

function decodeSegment(segment: string, baseUrl: string): string {
  try {
    return decodeURIComponent(segment);
  } catch (cause: unknown) {
    throw new PassportError('ERR_DID_INVALID', `${baseUrl} has a path segment that is not percent-encoded UTF-8`, { cause });
  }
}
