import { randomBytes, randomUUID } from 'node:crypto';
import { PassportError } from '@staff-passport/core';
import { createVerifierStores } from '../store/verifier-stores.js';
import type { VerifierContext } from '../verifier-context.js';
import { organisationFromRow, type VerifierOrganisation } from './verifier-organisation.js';

/** ODS codes: trusts are 3 characters starting R (RTH); practices and others are 5 or 6 (A81001). */
const ODS_CODE = /^[A-Z0-9]{3,6}$/;

/** How long results may be kept: a day at least, at most a year. */
export const RETENTION_DAYS = { min: 1, max: 365, default: 30 } as const;

/**
 * Checks a retention period in days.
 *
 * @throws PassportError `ERR_REQUEST_INVALID` (field `retentionDays`).
 */
export function checkRetentionDays(days: unknown): number {
  if (typeof days !== 'number' || !Number.isInteger(days) || days < RETENTION_DAYS.min || days > RETENTION_DAYS.max) {
    throw new PassportError('ERR_REQUEST_INVALID', `retentionDays must be a whole number of days from ${RETENTION_DAYS.min} to ${RETENTION_DAYS.max}`, { field: 'retentionDays' });
  }
  return days;
}

/**
 * Adds a receiving employer: its own did:web (`did:web:<host>:orgs:<id>`, the ODS code in
 * `alsoKnownAs`), its signing key made when it first signs, results kept `retentionDays` (default 30).
 *
 * @example
 * const org = await createVerifierOrganisation(ctx, { name: 'Riverside Hospitals NHS Trust', odsCode: 'RYJ' }, 'platform:pkey_1');
 * @throws PassportError `ERR_REQUEST_INVALID` (name, odsCode, retentionDays), `ERR_ORG_CONFLICT` (the ODS code has an organisation).
 */
export async function createVerifierOrganisation(
  ctx: VerifierContext,
  input: { name: string; odsCode: string; retentionDays?: number },
  actor: string,
): Promise<VerifierOrganisation> {
  const name = typeof input.name === 'string' ? input.name.trim() : '';
  if (!name || name.length > 200) throw new PassportError('ERR_REQUEST_INVALID', 'name must be 1 to 200 characters', { field: 'name' });
  if (typeof input.odsCode !== 'string' || !ODS_CODE.test(input.odsCode)) {
    throw new PassportError('ERR_REQUEST_INVALID', 'odsCode must be an ODS code such as RTH or A81001', { field: 'odsCode' });
  }
  const retentionDays = input.retentionDays === undefined ? RETENTION_DAYS.default : checkRetentionDays(input.retentionDays);
  const id = `org_${randomBytes(8).toString('hex')}`;
  const row = { id, name, ods_code: input.odsCode, retention_days: retentionDays, created_at: ctx.now().toISOString() };
  await ctx.db.transaction(async (tx) => {
    const stores = createVerifierStores(tx, id);
    if (await stores.organisations.findByOdsCode(input.odsCode)) throw new PassportError('ERR_ORG_CONFLICT', `an organisation with ODS code ${input.odsCode} exists`, { field: 'odsCode' });
    await stores.organisations.insert(row);
    await stores.audit.append({ id: randomUUID(), orgId: id, at: row.created_at, actor, action: 'organisation.create', subject: id, detail: { name, odsCode: input.odsCode, retentionDays } });
  });
  return organisationFromRow(row, ctx.publicUrl);
}
