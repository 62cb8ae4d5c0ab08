// Passphrase encryption for wallet exports, with WebCrypto only so a file exported in a browser
// imports in Node and back: PBKDF2-SHA256 (OWASP's 2023 figure of 600,000 iterations) derives an
// AES-256-GCM key; the header is the AES-GCM additional data, so its parameters cannot be edited.
import { PassportError } from '@staff-passport/core/browser';
import { base64url } from 'jose';

/** The default PBKDF2 iteration count. */
export const DEFAULT_PBKDF2_ITERATIONS = 600_000;
// Bounds on what a file may ask for: below, too weak to accept; above, a file could stall the wallet.
const MIN_ITERATIONS = 100_000;
const MAX_ITERATIONS = 10_000_000;

/** The unencrypted header of an export file. */
export interface CipherHeader {
  kdf: { name: 'PBKDF2'; hash: 'SHA-256'; iterations: number; salt: string };
  cipher: { name: 'AES-GCM'; iv: string };
}

const encoder = new TextEncoder();

async function deriveKey(passphrase: string, kdf: CipherHeader['kdf']): Promise<CryptoKey> {
  const material = await globalThis.crypto.subtle.importKey('raw', encoder.encode(passphrase.normalize('NFC')), 'PBKDF2', false, ['deriveKey']);
  return globalThis.crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', iterations: kdf.iterations, salt: base64url.decode(kdf.salt) as Uint8Array<ArrayBuffer> },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

function additionalData(format: string, version: number, header: CipherHeader): Uint8Array<ArrayBuffer> {
  return encoder.encode(JSON.stringify([format, version, header.kdf.name, header.kdf.hash, header.kdf.iterations, header.kdf.salt, header.cipher.name, header.cipher.iv]));
}

/** Encrypts `plaintext` under a key derived from the passphrase; returns the header and base64url ciphertext. */
export async function encryptWithPassphrase(
  plaintext: string,
  passphrase: string,
  bind: { format: string; version: number },
  iterations = DEFAULT_PBKDF2_ITERATIONS,
): Promise<CipherHeader & { ciphertext: string }> {
  const random = (n: number): string => base64url.encode(globalThis.crypto.getRandomValues(new Uint8Array(n)));
  const header: CipherHeader = { kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations, salt: random(16) }, cipher: { name: 'AES-GCM', iv: random(12) } };
  const key = await deriveKey(passphrase, header.kdf);
  const sealed = await globalThis.crypto.subtle.encrypt(
    { name: 'AES-GCM', iv: base64url.decode(header.cipher.iv) as Uint8Array<ArrayBuffer>, additionalData: additionalData(bind.format, bind.version, header) },
    key,
    encoder.encode(plaintext),
  );
  return { ...header, ciphertext: base64url.encode(new Uint8Array(sealed)) };
}

/**
 * Decrypts what {@link encryptWithPassphrase} made.
 *
 * @throws PassportError `ERR_WALLET_EXPORT_INVALID` for a malformed header, `ERR_WALLET_PASSPHRASE_INVALID`
 *   when the passphrase is wrong (or the file was altered: AES-GCM cannot tell the two apart).
 */
export async function decryptWithPassphrase(file: Record<string, unknown>, passphrase: string, bind: { format: string; version: number }): Promise<string> {
  const header = readHeader(file);
  let iv: Uint8Array;
  let sealed: Uint8Array;
  try {
    iv = base64url.decode(header.cipher.iv);
    sealed = base64url.decode(file['ciphertext'] as string);
    base64url.decode(header.kdf.salt);
  } catch (cause: unknown) {
    throw new PassportError('ERR_WALLET_EXPORT_INVALID', 'the export file is not base64url where it should be', { cause });
  }
  const key = await deriveKey(passphrase, header.kdf);
  try {
    const plain = await globalThis.crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: iv as Uint8Array<ArrayBuffer>, additionalData: additionalData(bind.format, bind.version, header) },
      key,
      sealed as Uint8Array<ArrayBuffer>,
    );
    return new TextDecoder().decode(plain);
  } catch (cause: unknown) {
    throw new PassportError('ERR_WALLET_PASSPHRASE_INVALID', 'the passphrase does not open this export (or the file was altered)', { field: 'passphrase', cause });
  }
}

function readHeader(file: Record<string, unknown>): CipherHeader {
  const kdf = file['kdf'] as Record<string, unknown> | undefined;
  const cipher = file['cipher'] as Record<string, unknown> | undefined;
  const iterations = kdf?.['iterations'];
  if (
    kdf?.['name'] !== 'PBKDF2' ||
    kdf['hash'] !== 'SHA-256' ||
    typeof iterations !== 'number' ||
    !Number.isInteger(iterations) ||
    iterations < MIN_ITERATIONS ||
    iterations > MAX_ITERATIONS ||
    typeof kdf['salt'] !== 'string' ||
    cipher?.['name'] !== 'AES-GCM' ||
    typeof cipher['iv'] !== 'string' ||
    typeof file['ciphertext'] !== 'string'
  ) {
    throw new PassportError('ERR_WALLET_EXPORT_INVALID', 'the export file does not say how it was encrypted (PBKDF2-SHA256, AES-GCM)', { field: 'kdf' });
  }
  return { kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations, salt: kdf['salt'] }, cipher: { name: 'AES-GCM', iv: cipher['iv'] } };
}
