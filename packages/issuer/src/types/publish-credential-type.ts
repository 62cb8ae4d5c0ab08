import { PassportError } from '@staff-passport/core';
import { createCredentialValidator } from '@staff-passport/schemas';
import { appendAuditEvent } from '../audit/append-audit-event.js';
import type { IssuerContext } from '../issuer-context.js';
import { findCredentialTypes, insertCredentialType } from '../store/credential-type-store.js';
import { parseCredentialTypeInput, toTypeDefinition, type RegisteredType } from './registered-type.js';

/**
 * Publishes a version of a credential type beyond the catalogue (a platform administrator's act):
 * its JSON Schema (2020-12) must compile, its slug and type name stay paired across versions, and
 * a version once published never changes (publishing it again is a conflict). Served from then on
 * at its id (`{publicUrl}/types/{slug}/{version}`), offered in the OpenID4VCI metadata and the HR
 * console, and issuable by every organisation; audited as `credential-type.publish`.
 *
 * @example
 * const published = await publishCredentialType(ctx, { type: 'FitTestRecord', version: '1.0.0', title: 'Mask fit test', description: '...', schema }, admin.keyId);
 * @throws PassportError `ERR_TYPE_INVALID` (naming the field), `ERR_TYPE_CONFLICT` (a version
 *   published before, a catalogue name, or a slug or type name paired with another).
 */
export async function publishCredentialType(ctx: IssuerContext, body: unknown, actor: string): Promise<RegisteredType> {
  const parsed = parseCredentialTypeInput(body, ctx.publicUrl);
  const at = ctx.now().toISOString();
  const registered: RegisteredType = { ...parsed, publishedAt: at, publishedBy: actor };
  try {
    createCredentialValidator([toTypeDefinition(registered)]);
  } catch (err: unknown) {
    throw new PassportError('ERR_TYPE_INVALID', `the schema does not compile as JSON Schema 2020-12: ${err instanceof Error ? err.message : 'invalid'}`, { field: 'schema', cause: err });
  }
  const { id: _id, type, slug, version, publishedAt: _at, publishedBy: _by, ...definition } = registered;
  await ctx.db.transaction(async (tx) => {
    const pairedSlug = (await findCredentialTypes(tx, { type })).find((r) => r.slug !== slug);
    if (pairedSlug) throw new PassportError('ERR_TYPE_CONFLICT', `${type} is published under the slug ${pairedSlug.slug}`, { field: 'slug' });
    const pairedType = (await findCredentialTypes(tx, { slug })).find((r) => r.type !== type);
    if (pairedType) throw new PassportError('ERR_TYPE_CONFLICT', `the slug ${slug} belongs to ${pairedType.type}`, { field: 'type' });
    const inserted = await insertCredentialType(tx, { slug, version, type, definition: JSON.stringify({ id: registered.id, ...definition }), published_at: at, published_by: actor });
    if (!inserted) throw new PassportError('ERR_TYPE_CONFLICT', `${type} ${version} is published already: a published version never changes, publish a new version`, { field: 'version' });
    await appendAuditEvent(tx, { orgId: null, actor, action: 'credential-type.publish', subject: registered.id, detail: { type, version }, at: ctx.now() });
  });
  return registered;
}
