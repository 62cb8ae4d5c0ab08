// Tests mirror sources (STYLE.md, after panva/jose), checked by `pnpm lint`. The rule, as
// CONTRIBUTING.md states it:
// 1. Every source folder `<pkg>/src/<folder>` has a test folder `<pkg>/test/<folder>` holding at
//    least one `*.test.ts`. A `lib/` folder holds the internals of the folder above it and is
//    tested through that folder's operations, so `test/<folder>` covers `src/<folder>/lib` too
//    (a `lib/` with logic worth testing alone gets `test/<folder>/lib/<file>.test.ts`).
// 2. Every test file `<pkg>/test/<dir>/<name>.test.ts` names what it tests: `src/<dir>/<name>.ts`
//    or the folder `src/<dir>/<name>/`. An aspect may follow a dot: `verify-sd-jwt-vc.negative
//    .test.ts` tests `verify-sd-jwt-vc.ts`. Tests of a journey across several modules are named for
//    the journey and live under `test/journeys/`.
// Known gaps are listed below; the list only shrinks: an entry that no longer names a gap fails the
// check too, so that it is deleted in the commit that closes the gap.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Source folders with no mirrored test folder yet (`<pkg>/src/<folder>`). */
const FOLDERS_WITHOUT_TESTS: readonly string[] = [
  // Tested by console/console-credentials.test.ts, to move to test/console/credentials/.
  'packages/issuer/src/console/credentials',
  // Web-kit's header helper and webhook routes, tested through the issuer's and verifier's routes.
  'packages/web-kit/src/auth',
  'packages/web-kit/src/webhooks',
  // The verifier's steps are being reshaped with their unit tests (issue 22, items 1, 2 and 5).
  'packages/verifier/src/audit',
  'packages/verifier/src/auth',
  'packages/verifier/src/http/routes',
  'packages/verifier/src/nonces',
  'packages/verifier/src/organisations',
  'packages/verifier/src/report/mappings',
];

/** Test files whose name matches no source file or folder yet (`<pkg>/test/<path>`). */
const TESTS_WITHOUT_SOURCE: readonly string[] = [
  // Journeys in Chromium, to move under test/journeys/.
  'examples/wallet-web/test/wallet-web-layout.test.ts',
  'examples/wallet-web/test/wallet-web-registration.test.ts',
  'examples/wallet-web/test/wallet-web-scan.test.ts',
  'examples/wallet-web/test/wallet-web.test.ts',
  'packages/issuer/test/console/bulk/bulk-browser.test.ts',
  'packages/issuer/test/console/console-browser.test.ts',
  'packages/issuer/test/console/console-newcomer-browser.test.ts',
  'packages/issuer/test/console/issue/issue-browser.test.ts',
  'packages/issuer/test/console/person-reference-browser.test.ts',
  // Browser entries (src/browser.ts) and the parts of core that move to a package of their own.
  'packages/core/test/browser-entry.test.ts',
  'packages/core/test/db/database-contract.test.ts',
  'packages/wallet-sdk/test/browser-entry.test.ts',
  // Console pages and OpenID4VCI exchanges over HTTP: to rename after the page or operation, or
  // to move under test/journeys/.
  'packages/issuer/test/console/console-credentials.test.ts',
  'packages/issuer/test/console/console-oidc.test.ts',
  'packages/issuer/test/console/console-person-reference.test.ts',
  'packages/issuer/test/oid4vci/oid4vci-flow.test.ts',
  'packages/issuer/test/oid4vci/person-reference.test.ts',
  'packages/wallet-sdk/test/offers/receive-credentials.test.ts',
  // The verifier (see above).
  'packages/verifier/test/desk/desk-browser.test.ts',
  'packages/verifier/test/desk/desk-oidc-browser.test.ts',
  'packages/verifier/test/desk/desk-routes.test.ts',
  'packages/verifier/test/docs/reliance-doc.test.ts',
  'packages/verifier/test/http/route-roles.test.ts',
  'packages/verifier/test/http/tenant-isolation.test.ts',
  'packages/verifier/test/oid4vp/oid4vp-routes.test.ts',
  'packages/verifier/test/report/reliance-cases.test.ts',
  'packages/verifier/test/store/organisation-stores.test.ts',
];

const JOURNEYS = 'journeys';
const ROOT = join(fileURLToPath(import.meta.url), '..', '..');

function listDirectories(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name !== 'node_modules')
    .map((entry) => join(dir, entry.name));
}

function walk(dir: string, visit: (dir: string, files: string[]) => void): void {
  const entries = readdirSync(dir, { withFileTypes: true });
  visit(dir, entries.filter((entry) => entry.isFile()).map((entry) => entry.name));
  for (const entry of entries) {
    if (entry.isDirectory() && entry.name !== 'node_modules') walk(join(dir, entry.name), visit);
  }
}

function isSource(name: string): boolean {
  return /\.tsx?$/.test(name) && !name.endsWith('.d.ts');
}

function holdsTest(dir: string): boolean {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return false;
  let found = false;
  walk(dir, (_dir, files) => {
    if (files.some((name) => name.endsWith('.test.ts'))) found = true;
  });
  return found;
}

/** A folder is tested by the test folder at its mirrored path, or by one test file named for it. */
function isTested(mirrored: string): boolean {
  if (holdsTest(mirrored)) return true;
  const parent = join(mirrored, '..');
  const name = relative(parent, mirrored);
  return existsSync(parent) && readdirSync(parent).some((file) => file === `${name}.test.ts` || (file.startsWith(`${name}.`) && file.endsWith('.test.ts')));
}

/** Packages and examples that have a `src` folder, as paths from the repository root. */
function listPackages(): string[] {
  return ['packages', 'examples']
    .flatMap((group) => listDirectories(join(ROOT, group)))
    .filter((dir) => existsSync(join(dir, 'src')));
}

function findFoldersWithoutTests(pkg: string): string[] {
  const gaps: string[] = [];
  walk(join(pkg, 'src'), (dir, files) => {
    if (!files.some(isSource)) return;
    const folder = relative(join(pkg, 'src'), dir).split(sep);
    // A lib/ folder is covered by the tests of the folder above it.
    const libAt = folder.indexOf('lib');
    const mirrored = libAt >= 0 ? folder.slice(0, libAt) : folder;
    if (!isTested(join(pkg, 'test', ...mirrored))) gaps.push(relative(ROOT, dir));
  });
  return gaps;
}

function findTestsWithoutSource(pkg: string): string[] {
  const orphans: string[] = [];
  const testRoot = join(pkg, 'test');
  if (!existsSync(testRoot)) return orphans;
  walk(testRoot, (dir, files) => {
    const folder = relative(testRoot, dir).split(sep).filter(Boolean);
    if (folder.includes(JOURNEYS)) return;
    for (const file of files.filter((name) => name.endsWith('.test.ts'))) {
      const name = file.slice(0, -'.test.ts'.length).split('.')[0];
      const source = join(pkg, 'src', ...folder, name);
      const named = existsSync(`${source}.ts`) || existsSync(`${source}.tsx`) || (existsSync(source) && statSync(source).isDirectory());
      if (!named) orphans.push(relative(ROOT, join(dir, file)));
    }
  });
  return orphans;
}

function compare(found: string[], allowed: readonly string[]): { fresh: string[]; stale: string[] } {
  return {
    fresh: found.filter((path) => !allowed.includes(path)),
    stale: allowed.filter((path) => !found.includes(path)),
  };
}

function report(): number {
  const packages = listPackages();
  const foldersFound = packages.flatMap(findFoldersWithoutTests).map(toPosix);
  const testsFound = packages.flatMap(findTestsWithoutSource).map(toPosix);
  if (process.argv.includes('--list')) {
    // Every gap as it stands, one a line: to reconcile the lists above after a merge, not to grow them.
    for (const path of [...foldersFound, ...testsFound].sort()) process.stdout.write(`${path}\n`);
    return 0;
  }
  const folders = compare(foldersFound, FOLDERS_WITHOUT_TESTS);
  const tests = compare(testsFound, TESTS_WITHOUT_SOURCE);
  const lines = [
    ...folders.fresh.map((path) => `${path}: no test at ${path.replace('/src', '/test')}/ (tests mirror sources, CONTRIBUTING.md)`),
    ...tests.fresh.map((path) => `${path}: names no source file or folder; rename it after what it tests, or move a journey test under test/${JOURNEYS}/`),
    ...[...folders.stale, ...tests.stale].map((path) => `${path}: no longer a gap: delete it from the list in scripts/check-test-mirror.ts`),
  ];
  for (const line of lines) process.stderr.write(`check-test-mirror: ${line}\n`);
  return lines.length === 0 ? 0 : 1;
}

function toPosix(path: string): string {
  return path.split(sep).join('/');
}

process.exitCode = report();
