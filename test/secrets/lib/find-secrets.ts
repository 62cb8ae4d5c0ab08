/** A named byte string to look for. */
export interface Secret {
  name: string;
  needle: Buffer;
}

/**
 * The forms a secret may take on disk or in a log: raw bytes (for binary secrets), hex in either
 * case, base64url and base64 (binary), or the text itself (text secrets: API keys, tokens).
 */
export function secretForms(name: string, value: string | Buffer): Secret[] {
  if (typeof value === 'string') {
    const forms = [{ name, needle: Buffer.from(value, 'utf8') }];
    if (/^[0-9a-f]+$/i.test(value)) forms.push({ name: `${name} (upper hex)`, needle: Buffer.from(value.toUpperCase()) }, { name: `${name} (lower hex)`, needle: Buffer.from(value.toLowerCase()) });
    return forms;
  }
  return [
    { name: `${name} (raw)`, needle: value },
    { name: `${name} (hex)`, needle: Buffer.from(value.toString('hex')) },
    { name: `${name} (HEX)`, needle: Buffer.from(value.toString('hex').toUpperCase()) },
    { name: `${name} (base64url)`, needle: Buffer.from(value.toString('base64url')) },
    { name: `${name} (base64)`, needle: Buffer.from(value.toString('base64').replace(/=+$/, '')) },
  ];
}

/** Which secrets occur in which files: `[]` when none does. */
export function findSecrets(files: readonly { name: string; bytes: Buffer }[], secrets: readonly Secret[]): string[] {
  const found: string[] = [];
  for (const file of files) for (const secret of secrets) if (file.bytes.includes(secret.needle)) found.push(`${secret.name} in ${file.name}`);
  return found;
}
