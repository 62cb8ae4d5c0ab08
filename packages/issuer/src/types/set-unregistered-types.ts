import { appendAuditEvent } from '../audit/append-audit-event.js';
import type { IssuerContext } from '../issuer-context.js';
import type { Organisation } from '../organisations/organisation.js';
import { readAllowUnregistered, writeAllowUnregistered } from '../store/credential-type-store.js';

/** An organisation's choice about types beyond the catalogue and the registry. */
export interface TypeSettings {
  /**
   * Credentials of types nobody registered may be issued, checked against the VC Data Model
   * only and signed as given (for a conformance or test organisation; off by default).
   */
  allowUnregisteredTypes: boolean;
}

/**
 * An organisation's type settings (off until changed).
 *
 * @example
 * const { allowUnregisteredTypes } = await getTypeSettings(ctx, org);
 */
export async function getTypeSettings(ctx: IssuerContext, org: Pick<Organisation, 'id'>): Promise<TypeSettings> {
  return { allowUnregisteredTypes: await readAllowUnregistered(ctx.db, org.id) };
}

/**
 * Turns issuing of types not registered on or off for an organisation; audited as
 * `organisation.type-settings` in the organisation's chain.
 *
 * @example
 * await setTypeSettings(ctx, org, { allowUnregisteredTypes: true }, principal.keyId);
 */
export async function setTypeSettings(ctx: IssuerContext, org: Pick<Organisation, 'id' | 'did'>, settings: TypeSettings, actor: string): Promise<TypeSettings> {
  await ctx.db.transaction(async (tx) => {
    await writeAllowUnregistered(tx, org.id, settings.allowUnregisteredTypes, { at: ctx.now().toISOString(), by: actor });
    await appendAuditEvent(tx, { orgId: org.id, actor, action: 'organisation.type-settings', subject: org.did, detail: { allowUnregisteredTypes: settings.allowUnregisteredTypes }, at: ctx.now() });
  });
  return settings;
}
