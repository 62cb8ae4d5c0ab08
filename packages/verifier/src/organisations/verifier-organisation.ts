import { didWebFromUrl } from '@staff-passport/core';
import type { VerifierOrgRow } from '../store/organisation-store.js';
import { DEFAULT_ORG_ID } from '../store/verifier-schema.js';

/** A receiving employer the verifier serves: its requests are signed as its own did:web. */
export interface VerifierOrganisation {
  id: string;
  name: string;
  /** NHS Organisation Data Service code (in the DID document's `alsoKnownAs`); null for the default organisation until set. */
  odsCode: string | null;
  /** `did:web:<verifier host>:orgs:<id>`; the default organisation keeps the verifier's root did:web. */
  did: string;
  /** How long check results are kept, days. */
  retentionDays: number;
  createdAt: string;
}

/** The ODS organisation record URL, named in the DID document's `alsoKnownAs`. */
export function odsRecordUri(odsCode: string): string {
  return `https://directory.spineservices.nhs.uk/ORD/2-0-0/organisations/${odsCode}`;
}

/**
 * The did:web of an organisation of the verifier at `publicUrl`: the default organisation (the
 * data from before organisations) keeps the root one, so requests signed before stay verifiable.
 *
 * @example
 * organisationDid('https://verify.example.nhs.uk', 'org_0123456789abcdef'); // 'did:web:verify.example.nhs.uk:orgs:org_0123456789abcdef'
 */
export function organisationDid(publicUrl: string, orgId: string): string {
  const origin = new URL(publicUrl).origin;
  return orgId === DEFAULT_ORG_ID ? didWebFromUrl(origin, []) : didWebFromUrl(origin, ['orgs', orgId]);
}

/** Maps a stored organisation to a {@link VerifierOrganisation} of the verifier at `publicUrl`. */
export function organisationFromRow(row: VerifierOrgRow, publicUrl: string): VerifierOrganisation {
  return { id: row.id, name: row.name, odsCode: row.ods_code, did: organisationDid(publicUrl, row.id), retentionDays: Number(row.retention_days), createdAt: row.created_at };
}
