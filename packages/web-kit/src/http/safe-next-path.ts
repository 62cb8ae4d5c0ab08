const MAX_NEXT = 2000;

/**
 * Where to go after signing in, when it is a path on this site (`/console/...`, `/desk/...`): anything else
 * (another site, `//host`, `/\host`, a scheme, control characters) is refused, so the sign-in page
 * cannot be used to send someone elsewhere (an open redirect).
 *
 * @example
 * safeNextPath('/console/audit?before=10'); // '/console/audit?before=10'
 * safeNextPath('//evil.example'); // undefined
 */
export function safeNextPath(value: string | undefined): string | undefined {
  if (!value || value.length > MAX_NEXT || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return undefined;
  // Printable ASCII only: no backslashes (browsers read them as slashes), spaces or controls.
  if (!/^[\x21-\x5b\x5d-\x7e]+$/.test(value)) return undefined;
  // The URL parser has the last word: the path must stay on this origin.
  const base = 'https://console.invalid';
  try {
    return new URL(value, base).origin === base ? value : undefined;
  } catch {
    return undefined;
  }
}
