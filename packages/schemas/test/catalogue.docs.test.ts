/** docs/credentials.md is generated from the catalogue, and the committed file is up to date. */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CATALOGUE, getCredentialType } from '@staff-passport/schemas';
import { renderCredentialsDoc } from '../scripts/render-credentials-doc.js';

const DOC = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'docs', 'credentials.md');

describe('docs/credentials.md', () => {
  it('is what the generator makes of the catalogue (regenerate: node --conditions=@staff-passport/source --import tsx packages/schemas/scripts/generate-credentials-doc.ts)', () => {
    expect(readFileSync(DOC, 'utf8')).toBe(renderCredentialsDoc());
  });

  it('shows every type and version kept, every label, the disclosable claims, the rules and the versioning policy', () => {
    const doc = renderCredentialsDoc();
    for (const d of CATALOGUE) {
      expect(doc).toContain(`## ${d.type}\n`);
      expect(doc).toContain(d.schemaId);
      // Claims, labels and rules are shown for the version issued now; older ones by their schema.
      if (getCredentialType(d.type) !== d) continue;
      for (const label of Object.values(d.labels)) expect(doc).toContain(label);
      for (const r of d.rules ?? []) expect(doc).toContain(r.rule);
    }
    expect(doc).toContain('## Versioning');
    expect(doc).toContain('| Disclosable by default |');
  });
});
