/** docs/reliance.md is generated from the reliance reference data and the shipped profiles, and the committed file is up to date. */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MOVE_KINDS, RELIANCE_BASES, RELIANCE_BASIS_IDS, REPORT_OUTCOMES } from '@staff-passport/schemas';
import { listProfiles } from '../../src/profiles/index.js';
import { renderRelianceDoc } from '../../scripts/render-reliance-doc.js';

const DOC = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', 'docs', 'reliance.md');

describe('docs/reliance.md', () => {
  it('is what the generator makes of the data (regenerate: node --conditions=@staff-passport/source --import tsx packages/verifier/scripts/generate-reliance-doc.ts)', () => {
    expect(readFileSync(DOC, 'utf8')).toBe(renderRelianceDoc());
  });

  it('says what each outcome means, every kind of move, every rule with its section, and every shipped profile', () => {
    const doc = renderRelianceDoc();
    for (const o of Object.values(REPORT_OUTCOMES)) expect(doc).toContain(o.description);
    for (const m of Object.values(MOVE_KINDS)) expect(doc).toContain(m.title);
    for (const id of RELIANCE_BASIS_IDS) {
      expect(doc).toContain(`### ${id}\n`);
      expect(doc).toContain(`${RELIANCE_BASES[id].rule}, section "${RELIANCE_BASES[id].section}"`);
    }
    for (const p of listProfiles()) expect(doc).toContain(`(\`${p.id}\` ${p.version})`);
    // The corrected law, in words: a new employer repeats right to work; a TUPE transferee relies on it.
    expect(doc).toMatch(/\| Right to work \| Repeat \(\[rtw-own-check\]\(#rtw-own-check\)\) \|[^\n]*\| Rely \(\[rtw-tupe\]\(#rtw-tupe\)\) \|/);
  });
});
