import { CATALOGUE, type CredentialTypeDefinition } from '@staff-passport/schemas';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * One example document of test/examples/<slug>/<name>-(ok|fail).json, run against the newest
 * version of the type, or of test/examples/<slug>@<version>/..., run against that older version
 * (kept in the catalogue so its credentials keep verifying).
 */
export interface ExampleFile {
  slug: string;
  /** The schema version an example of an older version names; undefined for the newest. */
  version?: string;
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
        .map((f): ExampleFile => {
          const outcome = f.endsWith('-ok.json') ? 'ok' : f.endsWith('-fail.json') ? 'fail' : undefined;
          if (!outcome) throw new Error(`${dir.name}/${f}: example names end in -ok.json or -fail.json`);
          const body = JSON.parse(readFileSync(join(EXAMPLES_DIR, dir.name, f), 'utf8')) as Omit<ExampleFile, 'slug' | 'name' | 'outcome'>;
          const [slug, version] = dir.name.split('@') as [string, string | undefined];
          const name = f.replace(/\.json$/, '');
          return { slug, ...(version ? { version } : {}), name, outcome, description: body.description, credential: body.credential, expected: body.expected ?? [] };
        }),
    );
}

/** The catalogue entry an example runs against: its version's, or the newest of its type. */
export function definitionOf(example: Pick<ExampleFile, 'slug' | 'version'>): CredentialTypeDefinition | undefined {
  return CATALOGUE.find((d) => d.slug === example.slug && (example.version === undefined || d.version === example.version));
}

/** An example's name with its version, as tests are titled: `identity-verification@1.0.0/idsp-medium-ok`. */
export function exampleTitle(example: Pick<ExampleFile, 'slug' | 'version' | 'name'>): string {
  return `${example.slug}${example.version ? `@${example.version}` : ''}/${example.name}`;
}

/** A catalogue example with a concrete holder in place of `{holderDid}`. */
export function withHolder(example: Readonly<Record<string, unknown>>, holder = EXAMPLE_HOLDER): Record<string, unknown> {
  return JSON.parse(JSON.stringify(example).replaceAll('{holderDid}', holder)) as Record<string, unknown>;
}
