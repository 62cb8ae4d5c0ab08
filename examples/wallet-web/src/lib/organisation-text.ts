// How the wallet names an organisation it could not find on its list of known organisations (the
// trust registry): by the web address its identifier (a did:web) points at, never by the identifier.

/**
 * The web address a `did:web` names (`did:web:trust.example.nhs.uk:orgs:rth` ->
 * `trust.example.nhs.uk`), or undefined for another kind of DID.
 *
 * @example
 * hostOfDid('did:web:127.0.0.1%3A4000:orgs:abc'); // '127.0.0.1:4000'
 */
export function hostOfDid(did: string): string | undefined {
  if (!did.startsWith('did:web:')) return undefined;
  const host = did.slice('did:web:'.length).split(':')[0];
  if (!host) return undefined;
  try {
    return decodeURIComponent(host);
  } catch {
    return host;
  }
}

/** Who an organisation is when the wallet could not check it: its web address, or that it is unnamed. */
export function uncheckedOrganisationText(did: string): string {
  return hostOfDid(did) ?? 'an organisation this wallet cannot name';
}

/** Why an organisation is shown by its web address or own name: said once, the same way, wherever it is. */
export const UNCHECKED_ORGANISATION_HINT = 'This wallet could not check who this organisation is: it is not on the list of organisations the wallet knows. Only go ahead if you expected this.';

/**
 * Who a log entry's other party is when it has no name: the web address its identifier names (a
 * did:web, an https client id or service), else that the wallet cannot name it.
 *
 * @example
 * counterpartyText('https://issuer.example/orgs/abc'); // 'issuer.example'
 */
export function counterpartyText(id: string): string {
  const did = /^(?:decentralized_identifier:)?(did:.*)$/.exec(id)?.[1];
  if (did) return uncheckedOrganisationText(did);
  try {
    return new URL(id).host || id;
  } catch {
    return 'an organisation this wallet cannot name';
  }
}
