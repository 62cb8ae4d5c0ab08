import { findUnregisteredAsks, type UnregisteredAsk } from '@staff-passport/core/browser';
import type { WalletOrganisation } from '../../wallet-parts.js';
import type { CredentialQueryPreview, VerifierRegistration } from '../share-preview.js';
import { subjectClaimOf, type RequestedAsk } from './list-requested-asks.js';

const ANY_PURPOSE = 'any purpose';

/** What one query asks beyond the organisation's registered asks for the purpose (everything, when it has none). */
function unregisteredOf(organisation: WalletOrganisation | undefined, purpose: string | undefined, ask: RequestedAsk): UnregisteredAsk[] {
  const label = purpose ?? ANY_PURPOSE;
  const asks = ask.types.map((type) => ({ type, claims: ask.claims }));
  if (!organisation?.asks) return asks.map((a) => ({ purpose: label, type: a.type }));
  const applying = purpose === undefined ? organisation.asks : organisation.asks.filter((a) => a.purposes.includes(purpose));
  return findUnregisteredAsks(applying, asks, label);
}

/**
 * Checks a request against the verifier's trust registry entry: `registered` when everything it
 * asks is registered for its purpose (`client_metadata.purpose_code`; any registered purpose when
 * it names none), `beyond_registration` when the entry registers less, `not_registered` when the
 * verifier has no entry to ask. Each query (and each of its candidates' claims) is marked, so the
 * screen can warn before sharing what is not registered.
 */
export function checkRegistration(
  organisation: WalletOrganisation | undefined,
  purpose: string | undefined,
  asks: readonly RequestedAsk[],
  queries: readonly CredentialQueryPreview[],
): { registration: VerifierRegistration; queries: CredentialQueryPreview[] } {
  const byQuery = new Map(asks.map((ask) => [ask.queryId, unregisteredOf(organisation, purpose, ask)]));
  const notRegistered = [...byQuery.values()].flat();
  const status = !organisation?.asks ? 'not_registered' : notRegistered.length === 0 ? 'registered' : 'beyond_registration';
  const marked = queries.map((q): CredentialQueryPreview => {
    const missing = byQuery.get(q.queryId) ?? [];
    // A type not registered (or a purpose): every claim of it is unregistered; else the claims named.
    const whole = missing.some((m) => m.claim === undefined) || missing.some((m) => m.claim === '*');
    const claims = new Set(missing.map((m) => m.claim).filter((c) => c !== undefined));
    const claimRegistered = (path: string): boolean => {
      const claim = subjectClaimOf(path.split('.'));
      return claim === undefined || (!whole && ![...claims].some((c) => claim === c || claim.startsWith(`${c}.`)));
    };
    return {
      ...q,
      registered: missing.length === 0,
      ...(missing.length > 0 ? { notRegistered: missing } : {}),
      candidates: q.candidates.map((c) => ({ ...c, claims: c.claims.map((claim) => ({ ...claim, registered: claimRegistered(claim.path) })) })),
    };
  });
  return { registration: { status, ...(purpose === undefined ? {} : { purpose }), ...(organisation?.asks ? { purposes: [...new Set(organisation.asks.flatMap((a) => a.purposes))] } : {}), notRegistered }, queries: marked };
}
