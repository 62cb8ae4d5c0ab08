import { DBS_UPDATE_SERVICE, type UpdateServiceStatusResult } from '../reference/dbs.js';

// DbsCheck 1.0.0 recorded a status check as new information or not (frozen, still verified).
const STATUS_1_0_0: Readonly<Record<string, boolean>> = { no_new_information: false, new_information: true };

/**
 * Whether a DBS Update Service status check found new information, for a `dbs.updateService.lastStatus`
 * of any DbsCheck version: `no_longer_current` (2.0.0) or `new_information` (1.0.0) did; `current_and_clear`,
 * `current` or `no_new_information` did not; anything else (absent, unknown) is undefined.
 *
 * @example
 * updateServiceFoundNewInformation('current_and_clear') // false
 * updateServiceFoundNewInformation('no_longer_current') // true
 */
export function updateServiceFoundNewInformation(lastStatus: unknown): boolean | undefined {
  if (typeof lastStatus !== 'string') return undefined;
  if (Object.hasOwn(DBS_UPDATE_SERVICE.statusResults, lastStatus)) return DBS_UPDATE_SERVICE.statusResults[lastStatus as UpdateServiceStatusResult].newInformation;
  return Object.hasOwn(STATUS_1_0_0, lastStatus) ? STATUS_1_0_0[lastStatus] : undefined;
}
