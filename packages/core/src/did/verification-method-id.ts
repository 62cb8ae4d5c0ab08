/**
 * The id of the verification method for a DID's key, as each method's DID document names it:
 * did:key `#<multibase key>` (the method-specific id), did:jwk `#0`, and our did:web documents
 * `#<Veramo key id>` (see the issuer's build-did-document).
 *
 * @example
 * verificationMethodIdFor('did:key:z6MkhaX...', 'ab12...') // 'did:key:z6MkhaX...#z6MkhaX...'
 */
export function verificationMethodIdFor(did: string, veramoKid: string): string {
  if (did.startsWith('did:key:')) return `${did}#${did.slice('did:key:'.length)}`;
  if (did.startsWith('did:jwk:')) return `${did}#0`;
  return `${did}#${veramoKid}`;
}
