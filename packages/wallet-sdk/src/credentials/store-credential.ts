import { PassportError, decodeSdJwt, fromSdJwtVcClaims, isObject } from '@staff-passport/core/browser';
import { findCatalogueTypes, getCredentialTypeByVct } from '@staff-passport/schemas';
import { decodeJwt } from 'jose';
import type { KeyStore } from '../keys/key-store.js';
import { readSdJwtClaims } from '../lib/sd-jwt-claims.js';
import type { StoredCredential, WalletCredentialFormat } from '../stores/credential-store.js';
import type { WalletParts } from '../wallet-parts.js';
import { didJwkOf, hashCredentialId, sameJwk } from './lib/credential-id.js';

/** Options for {@link storeCredential}. */
export interface StoreCredentialOptions {
  /** The format, when known (an OpenID4VCI credential configuration names it); guessed otherwise. */
  format?: WalletCredentialFormat;
  /** Where it came from, when received by OpenID4VCI. */
  offer?: StoredCredential['offer'];
}

// The media types an EnvelopedVerifiableCredential's data: URL may carry (VC Data Model 2.0,
// section 4.13.1), and the wallet format each one is.
const ENVELOPED_FORMATS: Readonly<Record<string, WalletCredentialFormat>> = {
  'application/vc+jwt': 'vc+jwt',
  'application/dc+sd-jwt': 'dc+sd-jwt',
  'application/vc+sd-jwt': 'dc+sd-jwt',
  'application/jwt': 'jwt_vc_json',
};

/**
 * Reads a credential issued to this wallet and stores it: VC-JOSE (`vc+jwt`), a VC Data Model 1.1
 * JWT (`jwt_vc_json`, `vc` claim), an SD-JWT VC (`dc+sd-jwt`, with every Disclosure the issuer
 * gave) or a JSON-LD credential (`ldp_vc`); each as issued, or wrapped in an
 * `EnvelopedVerifiableCredential` (the VC API's answer), whose media type then names the format. It
 * must be bound to a key this wallet holds: the subject id (or, for SD-JWT VC, the `cnf` key)
 * names one of the key store's holders. Storing the same credential again replaces it.
 *
 * It does not verify the issuer's signature: that is the receiving protocol's business (and the
 * verifier's); here the wallet files what it was given.
 *
 * @example
 * const stored = await storeCredential(parts, issued.verifiableCredential);
 * stored.types; // ['TrainingRecord']
 * @throws PassportError `ERR_VC_MALFORMED` (or `ERR_SDJWT_MALFORMED`) when it cannot be read,
 *   `ERR_VP_HOLDER_MISMATCH` when it is bound to no key of this wallet.
 */
export async function storeCredential(
  parts: Pick<WalletParts, 'keys' | 'credentials' | 'now'>,
  credential: unknown,
  options: StoreCredentialOptions = {},
): Promise<StoredCredential> {
  const stored = await readCredential(parts, credential, options);
  await parts.credentials.put(stored);
  return stored;
}

/**
 * What {@link storeCredential} would store, without storing it: the credential read, its format
 * known or guessed, its binding to one of this wallet's keys checked. Receiving (OpenID4VCI)
 * reads every credential of a response before storing any.
 *
 * @throws PassportError as {@link storeCredential}.
 */
export async function readCredential(
  parts: Pick<WalletParts, 'keys' | 'now'>,
  credential: unknown,
  options: StoreCredentialOptions = {},
): Promise<StoredCredential> {
  const { content, mediaType } = unwrapEnvelope(credential);
  const format = options.format ?? guessFormat(content, mediaType);
  const read = format === 'dc+sd-jwt' ? await readSdJwt(content, parts.keys) : format === 'ldp_vc' ? readLdp(content) : readJwt(content, format);
  const holders = new Set((await parts.keys.listKeys()).map((k) => k.did));
  if (read.holder === undefined || !holders.has(read.holder)) {
    throw new PassportError('ERR_VP_HOLDER_MISMATCH', 'the credential is not bound to a key of this wallet', { field: format === 'dc+sd-jwt' ? 'cnf' : 'credentialSubject.id' });
  }
  return {
    id: read.id ?? (await hashCredentialId(read.raw)),
    format,
    raw: read.raw,
    types: read.types,
    ...(read.vct === undefined ? {} : { vct: read.vct }),
    issuer: read.issuer ?? '',
    holder: read.holder,
    claims: read.claims,
    ...(read.validFrom === undefined ? {} : { validFrom: read.validFrom }),
    ...(read.validUntil === undefined ? {} : { validUntil: read.validUntil }),
    ...(read.status === undefined ? {} : { status: read.status }),
    ...(options.offer ? { offer: options.offer } : {}),
    storedAt: parts.now().toISOString(),
  };
}

interface ReadCredential {
  raw: string | Record<string, unknown>;
  id?: string;
  types: string[];
  vct?: string;
  issuer?: string;
  holder?: string;
  claims: Record<string, unknown>;
  validFrom?: string;
  validUntil?: string;
  status?: unknown;
}

function malformed(message: string): PassportError {
  return new PassportError('ERR_VC_MALFORMED', message, { field: 'credential' });
}

/** The credential inside an `EnvelopedVerifiableCredential` or a `data:` URL, with its media type; else the value itself. */
function unwrapEnvelope(credential: unknown): { content: unknown; mediaType?: string } {
  const url = typeof credential === 'string' ? credential : isObject(credential) && credential['type'] === 'EnvelopedVerifiableCredential' ? credential['id'] : undefined;
  if (typeof url !== 'string' || !url.startsWith('data:')) {
    if (isObject(credential) && credential['type'] === 'EnvelopedVerifiableCredential') throw malformed('the enveloped credential has no data: URL');
    return { content: credential };
  }
  const comma = url.indexOf(',');
  if (comma < 0) throw malformed('the data: URL has no data');
  return { content: url.slice(comma + 1), mediaType: url.slice(5, comma).split(';')[0]!.toLowerCase() };
}

function guessFormat(content: unknown, mediaType: string | undefined): WalletCredentialFormat {
  if (mediaType !== undefined) {
    const format = ENVELOPED_FORMATS[mediaType];
    if (!format) throw malformed(`credentials of media type ${mediaType} are not held by this wallet`);
    return format;
  }
  if (typeof content === 'string') {
    if (content.includes('~')) return 'dc+sd-jwt';
    return isObject(payloadOf(content)['vc']) ? 'jwt_vc_json' : 'vc+jwt';
  }
  if (isObject(content)) return 'ldp_vc';
  throw malformed('a credential is a JWT, an SD-JWT or a JSON object');
}

function payloadOf(jwt: string): Record<string, unknown> {
  try {
    return decodeJwt(jwt);
  } catch (cause: unknown) {
    throw new PassportError('ERR_VC_MALFORMED', 'the credential is not a JWT', { field: 'credential', cause });
  }
}

function idOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  return isObject(value) && typeof value['id'] === 'string' ? value['id'] : undefined;
}

function subjectOf(vc: Record<string, unknown>): Record<string, unknown> {
  const subject = Array.isArray(vc['credentialSubject']) ? vc['credentialSubject'][0] : vc['credentialSubject'];
  if (!isObject(subject)) throw malformed('the credential has no credentialSubject');
  return subject;
}

function isoOfSeconds(seconds: unknown): string | undefined {
  return typeof seconds === 'number' && Number.isFinite(seconds) ? new Date(seconds * 1000).toISOString() : undefined;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** The parts every W3C data model credential shares (VC DM 2.0, or 1.1 with its date names). */
function readW3c(vc: Record<string, unknown>): Omit<ReadCredential, 'raw'> {
  const subject = subjectOf(vc);
  const { id: holder, ...claims } = subject;
  const validFrom = str(vc['validFrom']) ?? str(vc['issuanceDate']);
  const validUntil = str(vc['validUntil']) ?? str(vc['expirationDate']);
  return {
    ...(typeof vc['id'] === 'string' ? { id: vc['id'] } : {}),
    types: findCatalogueTypes(vc['type']).map((d) => d.type),
    ...(idOf(vc['issuer']) === undefined ? {} : { issuer: idOf(vc['issuer']) }),
    ...(typeof holder === 'string' ? { holder } : {}),
    claims,
    ...(validFrom === undefined ? {} : { validFrom }),
    ...(validUntil === undefined ? {} : { validUntil }),
    ...(vc['credentialStatus'] === undefined ? {} : { status: vc['credentialStatus'] }),
  };
}

function readJwt(credential: unknown, format: 'vc+jwt' | 'jwt_vc_json'): ReadCredential {
  if (typeof credential !== 'string') throw malformed(`a ${format} credential is a compact JWT`);
  const jwt = credential;
  const payload = payloadOf(jwt);
  if (format === 'vc+jwt') return { raw: jwt, ...readW3c(payload) };
  // VC Data Model 1.1 JWT (section 6.3.1): the registered claims stand for the vc's properties.
  const vc = payload['vc'];
  if (!isObject(vc)) throw malformed('a jwt_vc_json credential carries a vc claim');
  const read = readW3c(vc);
  const holder = str(payload['sub']) ?? read.holder;
  const issuer = str(payload['iss']) ?? read.issuer;
  const validFrom = isoOfSeconds(payload['nbf']) ?? read.validFrom;
  const validUntil = isoOfSeconds(payload['exp']) ?? read.validUntil;
  const id = str(payload['jti']) ?? read.id;
  return {
    ...read,
    raw: jwt,
    ...(id === undefined ? {} : { id }),
    ...(holder === undefined ? {} : { holder }),
    ...(issuer === undefined ? {} : { issuer }),
    ...(validFrom === undefined ? {} : { validFrom }),
    ...(validUntil === undefined ? {} : { validUntil }),
  };
}

function readLdp(credential: unknown): ReadCredential {
  if (!isObject(credential)) throw malformed('an ldp_vc credential is a JSON object');
  return { raw: structuredClone(credential), ...readW3c(credential) };
}

async function readSdJwt(credential: unknown, keys: KeyStore): Promise<ReadCredential> {
  if (typeof credential !== 'string') throw malformed('a dc+sd-jwt credential is a string');
  // The KB-JWT, if one came along, is not part of what the issuer gave: keep the SD-JWT only.
  const { sdJwt } = await decodeSdJwt(credential);
  const view = fromSdJwtVcClaims((await readSdJwtClaims(sdJwt)).claims);
  const { id: _sub, ...claims } = view.credentialSubject;
  return {
    raw: sdJwt,
    ...(view.id === undefined ? {} : { id: view.id }),
    types: view.vct ? [getCredentialTypeByVct(view.vct)?.type].filter((t): t is string => t !== undefined) : [],
    ...(view.vct === undefined ? {} : { vct: view.vct }),
    ...(view.issuer === undefined ? {} : { issuer: view.issuer }),
    ...(await sdJwtHolder(view.cnf, keys)),
    claims,
    ...(view.validFrom === undefined ? {} : { validFrom: view.validFrom }),
    ...(view.validUntil === undefined ? {} : { validUntil: view.validUntil }),
    ...(view.status === undefined ? {} : { status: view.status }),
  };
}

/** The holder DID of an SD-JWT VC's `cnf` (RFC 7800): the wallet key with that JWK, else its did:jwk; or the DID of a `kid`. */
async function sdJwtHolder(cnf: Record<string, unknown> | undefined, keys: KeyStore): Promise<{ holder?: string }> {
  if (isObject(cnf?.['jwk'])) {
    const jwk = cnf['jwk'];
    const mine = (await keys.listKeys()).find((k) => sameJwk(k.publicJwk as Record<string, unknown>, jwk));
    return { holder: mine?.did ?? didJwkOf(jwk) };
  }
  if (typeof cnf?.['kid'] === 'string') return { holder: cnf['kid'].split('#')[0]! };
  return {};
}
