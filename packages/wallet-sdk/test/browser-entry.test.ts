/**
 * `@staff-passport/wallet-sdk/browser` runs in browsers: nothing it reaches may import a Node
 * module, Buffer or process, and only browser-safe packages (core's browser entry, not core).
 */
import { describe, expect, it } from '@jest/globals';
import { moduleGraph, stripComments } from '../../../test/helpers/module-graph.js';

const BROWSER_SAFE_PACKAGES = new Set(['jose', 'did-resolver', '@staff-passport/schemas', '@staff-passport/core/browser']);

describe('the wallet SDK browser entry', () => {
  const graph = moduleGraph(new URL('../src/browser.ts', import.meta.url));

  it('reaches the stores, keys, export and status code', () => {
    const files = [...graph.keys()].map((p) => p.split('/src/')[1]);
    expect(files).toEqual(expect.arrayContaining(['browser/indexed-db-key-store.ts', 'memory/memory-key-store.ts', 'export/import-wallet.ts', 'status/check-credential-status.ts']));
    expect(files.some((f) => f?.startsWith('node/'))).toBe(false);
  });

  it.each([...graph.keys()].map((p) => [p.split('/src/')[1]!, p]))('%s imports nothing of Node', (_, path) => {
    const { source, bare } = graph.get(path)!;
    expect(bare.filter((s) => !BROWSER_SAFE_PACKAGES.has(s))).toEqual([]);
    expect(stripComments(source)).not.toMatch(/\bBuffer\b|\bprocess\.|\brequire\(/);
  });
});
