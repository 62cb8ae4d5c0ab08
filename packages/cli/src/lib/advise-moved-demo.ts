import { relative } from 'node:path';

/** The issuer URL a did:web under `.../orgs/{id}` was made for (`did:web:127.0.0.1%3A4100:orgs:org_1`). */
function homeOf(did: string, protocol: string): URL | undefined {
  const parts = did.split(':');
  const orgs = parts.lastIndexOf('orgs');
  if (parts[0] !== 'did' || parts[1] !== 'web' || orgs < 3) return undefined;
  const path = parts.slice(3, orgs).map(decodeURIComponent).join('/');
  try {
    return new URL(`${protocol}//${decodeURIComponent(parts[2]!)}/${path}`);
  } catch {
    return undefined;
  }
}

function origin(url: URL): string {
  return url.href.replace(/\/$/, '');
}

/**
 * What to do when the demo organisation's did:web names another issuer URL than the one the
 * service now runs at (a start on other ports): nothing it issues would verify, since a verifier
 * resolves the DID at the old address (ERR_DID_UNRESOLVABLE). Says which start command brings it
 * back, and which begins a new demo beside the old one; undefined when the DID is at home.
 *
 * @example
 * adviseMovedDemo('did:web:127.0.0.1%3A4100:orgs:org_1', 'http://127.0.0.1:4101', '/srv/data')
 */
export function adviseMovedDemo(did: string, issuerUrl: string, dataDir: string, cwd = process.cwd()): string | undefined {
  const current = new URL(issuerUrl);
  const home = homeOf(did, current.protocol);
  if (!home || origin(home) === origin(current)) return undefined;
  const sameHost = home.hostname === current.hostname && home.pathname === current.pathname && home.protocol === current.protocol;
  const back = sameHost ? `ISSUER_PORT=${home.port || (home.protocol === 'https:' ? '443' : '80')} pnpm start` : `ISSUER_PUBLIC_URL=${origin(home)} pnpm start`;
  const folder = relative(cwd, dataDir) || '.';
  const fresh = `DATA_DIR=${folder.startsWith('..') || folder.startsWith('/') ? dataDir : `./${folder}`}-${current.port || current.hostname}`;
  return [
    `The demo organisation in ${dataDir} was made for the issuer at ${origin(home)}: its DID`,
    `  ${did}`,
    `  names that address, so what it issues will NOT verify while the issuer runs at ${origin(current)}`,
    '  (verifiers answer ERR_DID_UNRESOLVABLE). Do one of these:',
    `  - start at the demo's address again:   ${back}`,
    `  - keep this address with a new demo in another folder (the old one is kept):`,
    `                                         ${fresh} <the same settings> pnpm start`,
  ].join('\n');
}
