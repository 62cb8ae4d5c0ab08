/**
 * `@staff-passport/web-kit/browser` (the page kit's markup) is what the web wallet's screens use: nothing it
 * reaches may import a Node module, and only browser-safe packages.
 */
import { describe, expect, it } from '@jest/globals';
import { moduleGraph, stripComments } from '../../../test/helpers/module-graph.js';

const BROWSER_SAFE_PACKAGES = new Set<string>([]);

describe('the web-kit browser entry', () => {
  const graph = moduleGraph(new URL('../src/browser.ts', import.meta.url));

  it.each([...graph.keys()].map((p) => [p.split('/src/')[1]!, p]))('%s imports nothing of Node', (_, path) => {
    const { source, bare } = graph.get(path)!;
    expect(bare.filter((s) => !BROWSER_SAFE_PACKAGES.has(s))).toEqual([]);
    expect(stripComments(source)).not.toMatch(/\bBuffer\b|\bprocess\.|\brequire\(/);
  });
});
