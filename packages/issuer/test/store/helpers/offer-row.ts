import { randomBytes } from 'node:crypto';
import type { OfferRow } from '../../../src/store/offer-store.js';

/** An offer row of the organisation, unused and in date unless overridden; ids and code hashes fresh. */
export function offerRow(orgId: string, overrides: Partial<OfferRow> = {}): OfferRow {
  const id = `off_${randomBytes(8).toString('hex')}`;
  return {
    id,
    org_id: orgId,
    status: 'offered',
    credentials: JSON.stringify([{ type: 'TrainingRecord' }]),
    formats: JSON.stringify(['jwt_vc_json']),
    by_reference: 1,
    pending: 0,
    tx_code_hash: 'tx-hash',
    tx_code_failures: 0,
    code_hash: `code-${id}`,
    offer_json: 'sealed',
    person_ref: null,
    person_ref_key: null,
    created_by: 'key_1',
    created_at: '2026-12-01T09:00:00.000Z',
    expires_at: '2026-12-08T10:00:00.000Z',
    updated_at: '2026-12-01T09:00:00.000Z',
    ...overrides,
  };
}
