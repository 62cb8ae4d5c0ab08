/**
 * The web wallet runs the SD-JWT code in Chromium: every module browser.ts reaches must do without
 * Node (no `node:` imports; in the SD-JWT folder no Buffer or process either), and the only
 * packages it may import are browser-safe ones. default-crypto.ts is the one node:crypto file.
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { moduleGraph, stripComments } from '../../../../test/helpers/module-graph.js';

const SD_JWT_DIR = new URL('../../src/sd-jwt/', import.meta.url);
const BROWSER_SAFE_PACKAGES = new Set(['jose', 'did-resolver', '@staff-passport/schemas']);

describe('the browser entry of the SD-JWT code', () => {
  const graph = moduleGraph(new URL('browser.ts', SD_JWT_DIR));

  it('reaches every SD-JWT module but default-crypto.ts', () => {
    const sdJwtDir = fileURLToPath(SD_JWT_DIR);
    const reached = [...graph.keys()].filter((p) => p.startsWith(sdJwtDir)).map((p) => p.slice(sdJwtDir.length));
    expect(reached).toContain('present-sd-jwt.ts');
    expect(reached).toContain('verify-sd-jwt-vc.ts');
    expect(reached).not.toContain('default-crypto.ts');
  });

  it.each([...graph.keys()].map((p) => [p.split('/src/')[1]!, p]))('%s imports nothing of Node', (_, path) => {
    const { source, bare } = graph.get(path)!;
    expect(bare.filter((s) => !BROWSER_SAFE_PACKAGES.has(s))).toEqual([]);
    if (path.startsWith(fileURLToPath(SD_JWT_DIR))) {
      const code = stripComments(source);
      expect(code).not.toMatch(/\bBuffer\b|\bprocess\.|\brequire\(/);
    }
  });

  it('lists the same exports as index.ts, less default-crypto.ts', () => {
    const lines = (file: string): string[] =>
      readFileSync(new URL(file, SD_JWT_DIR), 'utf8')
        .split('\n')
        .filter((l) => !l.startsWith('//'));
    expect(lines('browser.ts')).toEqual(lines('index.ts').filter((l) => !l.includes('default-crypto')));
  });
});
