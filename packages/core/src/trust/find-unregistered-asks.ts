import type { RegisteredAsk, UnregisteredAsk, VerifierCredentialAsk } from './trust-registry-model.js';

/** Whether a registered claim path covers an asked one (itself, or a claim beneath it). */
function covers(registered: string, asked: string): boolean {
  return asked === registered || asked.startsWith(`${registered}.`);
}

/**
 * What is asked beyond some registered asks (those of the purpose that applies): each type no
 * ask registers, and each claim of a registered type that no registered claim covers (a claim
 * covers itself and the claims beneath it). No registered asks at all: the purpose itself.
 * The one comparison the verifier (before it asks) and the wallet (before it shares) both make.
 *
 * @example
 * findUnregisteredAsks(entry.asks.filter((a) => a.purposes.includes('host')), [{ type: 'DbsCheck', claims: ['dbs.level'] }], 'host')
 * // [{ purpose: 'host', type: 'DbsCheck' }] when host asks register no DbsCheck
 */
export function findUnregisteredAsks(registered: readonly RegisteredAsk[], asks: readonly VerifierCredentialAsk[], purpose: string): UnregisteredAsk[] {
  if (registered.length === 0) return [{ purpose }];
  const credentials = registered.flatMap((a) => a.credentials);
  const missing: UnregisteredAsk[] = [];
  for (const ask of asks) {
    const allowed = credentials.filter((c) => c.type === ask.type);
    if (allowed.length === 0) {
      missing.push({ purpose, type: ask.type });
      continue;
    }
    for (const claim of new Set(ask.claims)) {
      if (!allowed.some((c) => c.claims.some((r) => covers(r, claim)))) missing.push({ purpose, type: ask.type, claim });
    }
  }
  return missing;
}
