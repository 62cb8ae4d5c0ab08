import type { IssuerContext } from '../../issuer-context.js';
import { issueCredential } from '../../issuing/issue-credential.js';
import type { Organisation } from '../../organisations/organisation.js';
import { createOfferDeliveryStore } from '../../store/offer-delivery-store.js';
import { createOfferStore } from '../../store/offer-store.js';
import type { CredentialConfiguration } from '../oid4vci-settings.js';
import { offerActor, randomSecret, type OfferRecord } from './offer-store.js';

/** A holder key a credential is bound to (from a verified proof). */
export interface HolderKey {
  holderDid: string;
  holderJwk: Record<string, unknown>;
}

/** A credential response (OpenID4VCI 1.0, section 8.3). */
export interface CredentialResponseBody {
  credentials: { credential: string | Record<string, unknown> }[];
  notification_id: string;
}

/**
 * Issues one credential of an offered type per holder key, through the issuer's ordinary issuing
 * (records, status lists, audit, group commit), then marks the type delivered with a notification
 * id and moves the offer to `issued` once every type is. The request key (offer, configuration,
 * proof index) makes a retried issue a duplicate rather than a second credential.
 */
export async function deliverCredentials(
  ctx: IssuerContext,
  org: Organisation,
  offer: OfferRecord,
  configuration: CredentialConfiguration,
  subject: Record<string, unknown>,
  holders: readonly HolderKey[],
): Promise<CredentialResponseBody> {
  const issued = [];
  for (const [i, holder] of holders.entries()) {
    issued.push(
      await issueCredential(
        ctx,
        org,
        {
          credential: { type: ['VerifiableCredential', configuration.definition.type], credentialSubject: { ...subject, id: holder.holderDid } },
          options: { format: configuration.format, alg: 'EdDSA', holderJwk: holder.holderJwk },
        },
        { keyId: offerActor(offer.id) },
        { requestKey: `${offer.id}:${configuration.id}:${i}` },
      ),
    );
  }
  const notificationId = randomSecret(16);
  const now = ctx.now().toISOString();
  await createOfferDeliveryStore(ctx.db).markDelivered(offer.id, configuration.definition.type, {
    configurationId: configuration.id,
    notificationId,
    credentialIds: JSON.stringify(issued.map((c) => c.id)),
    at: now,
  });
  await createOfferStore(ctx.db).markIssuedWhenDelivered(offer.id, offer.credentials.length, now);
  return {
    // ldp_vc is a JSON object; the JWT formats are strings (Appendix A).
    credentials: issued.map((c) => ({ credential: configuration.format === 'ldp_vc' ? c.verifiableCredential : c.encoded })),
    notification_id: notificationId,
  };
}
