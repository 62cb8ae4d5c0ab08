/**
 * Writes docs/credentials.md from the catalogue.
 * Run: node --conditions=@staff-passport/source --import tsx packages/schemas/scripts/generate-credentials-doc.ts
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderCredentialsDoc } from './render-credentials-doc.js';

/** Where the generated doc lives, from this script's own place in the repository. */
export const CREDENTIALS_DOC = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'docs', 'credentials.md');

writeFileSync(CREDENTIALS_DOC, renderCredentialsDoc());
process.stdout.write(`written ${CREDENTIALS_DOC}\n`);
