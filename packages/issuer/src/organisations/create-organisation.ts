import { randomBytes } from 'node:crypto';
import { PassportError, didWebFromUrl } from '@staff-passport/core';
import { appendAuditEvent } from '../audit/append-audit-event.js';
import type { IssuerContext } from '../issuer-context.js';
import { createOrganisationStore } from '../store/organisation-store.js';
import { createOrgKeyPair, recordOrgKeys } from './org-keys.js';
import type { Organisation } from './organisation.js';

/** ODS codes: trusts are 3 characters starting R (RTH); practices and others are 5 or 6 (A81001). */
const ODS_CODE = /^[A-Z0-9]{3,6}$/;

/**
 * Creates an organisation with its did:web (under the issuer's URL, `.../orgs/{id}`) and its
 * Ed25519 and P-256 signing keys, their private halves sealed with the configured secret.
 *
 * @example
 * const org = await createOrganisation(ctx, { name: 'Demo Valley NHS Trust', odsCode: 'RZZ' }, 'platform-admin');
 * @throws PassportError `ERR_REQUEST_INVALID` (field `name` or `odsCode`), `ERR_ORG_CONFLICT` when the ODS code is taken.
 */
export async function createOrganisation(ctx: IssuerContext, input: { name: string; odsCode: string }, actor: string): Promise<Organisation> {
  const name = input.name?.trim();
  if (!name || name.length > 200) throw new PassportError('ERR_REQUEST_INVALID', 'name must be 1 to 200 characters', { field: 'name' });
  if (!ODS_CODE.test(input.odsCode ?? '')) {
    throw new PassportError('ERR_REQUEST_INVALID', 'odsCode must be an ODS code such as RTH or A81001', { field: 'odsCode' });
  }
  if (await createOrganisationStore(ctx.db).findByOdsCode(input.odsCode)) throw new PassportError('ERR_ORG_CONFLICT', `an organisation with ODS code ${input.odsCode} exists`, { field: 'odsCode' });

  const id = `org_${randomBytes(8).toString('hex')}`;
  const did = didWebFromUrl(ctx.publicUrl, ['orgs', id]);
  const createdAt = ctx.now().toISOString();
  // The organisation and its keys are written in one transaction: one never exists without the other.
  const keys = createOrgKeyPair(ctx, { id, did }, ctx.now());
  await ctx.db.transaction(async (tx) => {
    await createOrganisationStore(tx).insert({ id, name, ods_code: input.odsCode, did, created_at: createdAt });
    await recordOrgKeys(tx, keys);
    await appendAuditEvent(tx, { orgId: id, actor, action: 'organisation.create', subject: did, detail: { name, odsCode: input.odsCode }, at: ctx.now() });
  });
  return { id, name, odsCode: input.odsCode, did, createdAt };
}
