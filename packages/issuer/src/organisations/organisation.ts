import type { OrganisationRow } from '../store/organisation-store.js';

/** An employer the issuer serves. */
export interface Organisation {
  id: string;
  name: string;
  /** NHS Organisation Data Service code, for example RTH (a trust) or A81001 (a GP practice). */
  odsCode: string;
  /** The organisation's did:web, hosted by this issuer. */
  did: string;
  createdAt: string;
}

/** Maps a database row to an {@link Organisation}. */
export function organisationFromRow(row: OrganisationRow): Organisation {
  return { id: row.id, name: row.name, odsCode: row.ods_code, did: row.did, createdAt: row.created_at };
}

export type { OrganisationRow };
