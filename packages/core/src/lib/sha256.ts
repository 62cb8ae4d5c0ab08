import { createHash } from 'node:crypto';

/** SHA-256 of a string, hex. Used for credential hashes and hashed API keys. */
export function sha256Hex(input: string): string {
  return createHash('sha256').update(input).digest('hex');
}
