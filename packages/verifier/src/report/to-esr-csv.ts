import { applyExportMapping } from './apply-export-mapping.js';
import type { ExportedAttributes } from './export-verified-attributes.js';
import { ESR_CSV_MAPPING } from './mappings/esr-csv-mapping.js';

/** The columns of {@link toEsrCsv}, in order, each with what it holds (the `esr-csv` mapping's fields). */
export const ESR_CSV_COLUMNS: readonly { readonly name: string; readonly description: string }[] = (ESR_CSV_MAPPING.fields ?? []).map(({ name, description }) => ({ name, description }));

/** Options of {@link toEsrCsv}. */
export interface ToEsrCsvOptions {
  /** `iso` (default): YYYY-MM-DD; `esr`: dd-Mon-yyyy. */
  dateFormat?: 'iso' | 'esr';
}

/**
 * Writes exported attributes as CSV for a workforce system import, with the `esr-csv` mapping: a
 * header row of ESR-style column names ({@link ESR_CSV_COLUMNS}), then one row per person; CRLF
 * line ends and quoting per RFC 4180, cells made safe from formula injection. An empty cell: not
 * disclosed or not presented.
 *
 * @example
 * writeFileSync('new-starters.csv', toEsrCsv([exported1, exported2], { dateFormat: 'esr' }));
 */
export function toEsrCsv(exported: ExportedAttributes | readonly ExportedAttributes[], options: ToEsrCsvOptions = {}): string {
  const people: readonly ExportedAttributes[] = Array.isArray(exported) ? exported : [exported as ExportedAttributes];
  return applyExportMapping(ESR_CSV_MAPPING, people, options.dateFormat ? { dateFormat: options.dateFormat } : {}).body;
}
