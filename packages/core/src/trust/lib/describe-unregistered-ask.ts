import type { UnregisteredAsk } from '../trust-registry-model.js';

/** A purpose, type or claim not registered, in words: `claim dbs.certificateNumber of DbsCheck for new_employer`. */
export function describeUnregisteredAsk(item: UnregisteredAsk): string {
  if (item.claim !== undefined) return `claim ${item.claim} of ${item.type!} for ${item.purpose}`;
  if (item.type !== undefined) return `${item.type} for ${item.purpose}`;
  return `the purpose ${item.purpose}`;
}
