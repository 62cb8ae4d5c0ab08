import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** A module reached from a browser entry: its source and the bare specifiers it imports. */
export interface GraphModule {
  source: string;
  bare: string[];
}

/**
 * Every module reached from an entry by static relative imports (`.js` specifiers resolved to the
 * `.ts` sources), keyed by path. Browser-safety tests walk it to prove no Node module is reached.
 */
export function moduleGraph(entry: URL): Map<string, GraphModule> {
  const graph = new Map<string, GraphModule>();
  const visit = (url: URL): void => {
    const path = fileURLToPath(url);
    if (graph.has(path)) return;
    const source = readFileSync(path, 'utf8');
    const specifiers = [...source.matchAll(/(?:import|export)\s[^;]*?from\s+'([^']+)'|import\(\s*'([^']+)'\s*\)/g)].map((m) => (m[1] ?? m[2])!);
    const bare = specifiers.filter((s) => !s.startsWith('.'));
    graph.set(path, { source, bare });
    for (const s of specifiers.filter((x) => x.startsWith('.'))) visit(new URL(s.replace(/\.js$/, '.ts'), url));
  };
  visit(entry);
  return graph;
}

/** Source without comments, so a comment mentioning Buffer does not fail a safety check. */
export function stripComments(source: string): string {
  return source.replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '');
}
