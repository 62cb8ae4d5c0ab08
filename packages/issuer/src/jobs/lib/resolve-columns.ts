import { PassportError } from '@staff-passport/core';
import { normaliseHeader, type ExportColumn } from './esr-reference.js';

/** Where each column of an export is in a file, and its header as the file writes it. */
export interface ResolvedColumns<F extends string> {
  /** The field's index in a record, or undefined when the file has no such column. */
  index: Readonly<Record<F, number | undefined>>;
  /** The header as written in the file (for row errors), or the column's name when absent. */
  header: Readonly<Record<F, string>>;
  /** How many columns the header has. */
  width: number;
}

/**
 * Finds the columns of an export in a header row, case-insensitively and ignoring spacing and
 * punctuation; when several headers mean one column, the one named by the earlier alias wins.
 *
 * @throws PassportError `ERR_BULK_FILE_INVALID` naming the first required column missing (and listing all).
 */
export function resolveColumns<F extends string>(headerFields: readonly string[], spec: Readonly<Record<F, ExportColumn>>): ResolvedColumns<F> {
  const positions = new Map<string, number>();
  headerFields.forEach((h, i) => {
    const key = normaliseHeader(h);
    if (key !== '' && !positions.has(key)) positions.set(key, i);
  });
  const index = {} as Record<F, number | undefined>;
  const header = {} as Record<F, string>;
  const missing: string[] = [];
  for (const field of Object.keys(spec) as F[]) {
    const column = spec[field];
    const at = column.aliases.map((a) => positions.get(normaliseHeader(a))).find((i) => i !== undefined);
    index[field] = at;
    header[field] = at === undefined ? column.name : headerFields[at]!.trim();
    if (at === undefined && column.required) missing.push(column.name);
  }
  if (missing.length > 0) {
    throw new PassportError('ERR_BULK_FILE_INVALID', `the header has no ${missing.join(', ')} column${missing.length > 1 ? 's' : ''}`, { field: missing[0]! });
  }
  return { index, header, width: headerFields.length };
}
