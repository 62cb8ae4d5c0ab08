import { ESR_CSV_MAPPING } from './esr-csv-mapping.js';
import { ESR_E_RECRUITMENT_MAPPING } from './esr-e-recruitment-mapping.js';
import type { ExportMapping } from './export-mapping.js';
import { JSON_MAPPING } from './json-mapping.js';

/** The named exports for workforce systems, the first the default. */
export const EXPORT_MAPPINGS: readonly ExportMapping[] = [ESR_CSV_MAPPING, JSON_MAPPING, ESR_E_RECRUITMENT_MAPPING];

/** The mapping named `id`, or undefined. */
export function findExportMapping(id: string): ExportMapping | undefined {
  return EXPORT_MAPPINGS.find((m) => m.id === id);
}
