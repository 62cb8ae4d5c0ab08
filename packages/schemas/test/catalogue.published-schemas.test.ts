/**
 * A published schema version never changes (docs/credentials.md, "Versioning"): the hash of every
 * schema the catalogue serves is recorded in published-schemas.json. A change to a schema needs a
 * new version (and a new line here); a new version adds its line.
 */
import { describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CATALOGUE } from '@staff-passport/schemas';

const recorded = JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'published-schemas.json'), 'utf8')) as Record<string, string>;
const hashOf = (schema: unknown) => createHash('sha256').update(JSON.stringify(schema)).digest('hex');

describe('published schemas', () => {
  it.each(CATALOGUE.map((d) => [d.schemaId, d] as const))('%s is unchanged since it was published', (id, d) => {
    expect({ id, sha256: hashOf(d.schema) }).toEqual({ id, sha256: recorded[id] });
  });

  it('records no schema the catalogue no longer serves', () => {
    expect(Object.keys(recorded).sort()).toEqual(CATALOGUE.map((d) => d.schemaId).sort());
  });
});
