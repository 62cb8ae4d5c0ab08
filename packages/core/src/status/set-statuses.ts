import { PassportError } from '../errors/passport-error.js';

/** What {@link setStatuses} needs of a list: {@link Bitstring} and {@link TokenStatusList} both fit. */
export interface StatusListLike<T> {
  readonly size: number;
  get(index: number): number;
  set(index: number, value: number): void;
  clone(): T;
}

/**
 * Sets one status value at many indices at once (revoking 10,000 credentials in one request, say)
 * and returns a new list: the list given is left as it was, so a failed request changes nothing.
 * Every index is checked before any is set.
 *
 * @throws PassportError `ERR_STATUS_INDEX_OUT_OF_RANGE` naming the first index outside the list;
 *   `ERR_STATUS_LIST_INVALID` for a value the list cannot hold.
 * @example
 * const next = setStatuses(list, [12, 9001, 131071], 1);
 * await store(encodeBitstringList(next));
 */
export function setStatuses<T extends StatusListLike<T>>(list: T, indices: Iterable<number>, value: number): T {
  const all = Array.isArray(indices) ? (indices as number[]) : [...indices];
  for (const index of all) {
    if (!Number.isInteger(index) || index < 0 || index >= list.size) {
      throw new PassportError('ERR_STATUS_INDEX_OUT_OF_RANGE', `index ${index} is outside the list (0 to ${list.size - 1})`);
    }
  }
  const next = list.clone();
  for (const index of all) next.set(index, value);
  return next;
}
