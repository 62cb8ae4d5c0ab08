import type { StatusSlot } from '../store/status-list-store.js';

/** The URL of a status list's view: a W3C list per purpose, or the IETF Token Status List. */
export function statusListUrl(publicUrl: string, orgId: string, listId: string, view: 'revocation' | 'suspension' | 'token'): string {
  return `${publicUrl}/orgs/${orgId}/status/${listId}/${view}`;
}

/**
 * The `credentialStatus` of a VC Data Model 2.0 credential: a revocation and a suspension
 * `BitstringStatusListEntry` at the same index of the list's two bitstrings (Bitstring Status List, section 2.1).
 */
export function statusEntriesFor(publicUrl: string, orgId: string, slot: StatusSlot): Record<string, unknown>[] {
  return (['revocation', 'suspension'] as const).map((purpose) => {
    const list = statusListUrl(publicUrl, orgId, slot.listId, purpose);
    return {
      id: `${list}#${slot.index}`,
      type: 'BitstringStatusListEntry',
      statusPurpose: purpose,
      statusListIndex: String(slot.index),
      statusListCredential: list,
    };
  });
}

/** The SD-JWT VC `status` claim: the same index in the IETF Token Status List view (Token Status List, section 6.1). */
export function tokenStatusClaimFor(publicUrl: string, orgId: string, slot: StatusSlot): Record<string, unknown> {
  return { status_list: { idx: slot.index, uri: statusListUrl(publicUrl, orgId, slot.listId, 'token') } };
}
