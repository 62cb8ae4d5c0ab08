import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One example document of test/examples/<slug>/<name>-(ok|fail).json. */
export interface ExampleFile {
  slug: string;
  name: string;
  outcome: 'ok' | 'fail';
  description: string;
  credential: Record<string, unknown>;
  expected: { path: string; code: string }[];
}

export const EXAMPLES_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'examples');

/** The holder DID the example files use. */
export const EXAMPLE_HOLDER = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK';

/** Every example file, read as data; the outcome comes from the name. */
export function loadExamples(): ExampleFile[] {
  return readdirSync(EXAMPLES_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((dir) =>
      readdirSync(join(EXAMPLES_DIR, dir.name))
        .filter((f) => f.endsWith('.json'))
        .sort()
        .map((f) => {
          const outcome = f.endsWith('-ok.json') ? 'ok' : f.endsWith('-fail.json') ? 'fail' : undefined;
          if (!outcome) throw new Error(`${dir.name}/${f}: example names end in -ok.json or -fail.json`);
          const body = JSON.parse(readFileSync(join(EXAMPLES_DIR, dir.name, f), 'utf8')) as Omit<ExampleFile, 'slug' | 'name' | 'outcome'>;
          return { slug: dir.name, name: f.replace(/\.json$/, ''), outcome, description: body.description, credential: body.credential, expected: body.expected ?? [] };
        }),
    );
}

/** A catalogue example with a concrete holder in place of `{holderDid}`. */
export function withHolder(example: Readonly<Record<string, unknown>>, holder = EXAMPLE_HOLDER): Record<string, unknown> {
  return JSON.parse(JSON.stringify(example).replaceAll('{holderDid}', holder)) as Record<string, unknown>;
}
