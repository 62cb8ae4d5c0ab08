/**
 * Writes docs/reliance.md from the reliance reference data and the shipped check profiles.
 * Run: node --conditions=@staff-passport/source --import tsx packages/verifier/scripts/generate-reliance-doc.ts
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderRelianceDoc } from './render-reliance-doc.js';

/** Where the generated doc lives, from this script's own place in the repository. */
export const RELIANCE_DOC = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'docs', 'reliance.md');

writeFileSync(RELIANCE_DOC, renderRelianceDoc());
process.stdout.write(`written ${RELIANCE_DOC}\n`);
