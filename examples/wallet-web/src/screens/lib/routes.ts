/** The route of a credential's details (its id may hold any character). */
export function credentialHref(id: string): string {
  return `#/credentials/${encodeURIComponent(id)}`;
}
