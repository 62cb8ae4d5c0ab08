import type { ExportMapping } from './export-mapping.js';

/** The verified attributes as JSON, as they are (the verifier's first JSON export). */
export const JSON_MAPPING: ExportMapping = {
  id: 'json',
  title: 'JSON',
  description: 'The verified attributes as one JSON object: every field with the index of the credential it came from.',
  format: 'json',
  dateFormat: 'iso',
};
