import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// State lives in stores (STYLE.md 12): in the issuer and the verifier, SQL is written only in the
// store modules under `src/store/`, each holding all of its table group's queries. Elsewhere no
// SQL text, no query builder (`kysely` imports, `.kysely`), no `db.query`/`db.run`: call a store.
// (An eslint rule rather than a dependency-cruiser one: the cruiser leaves node_modules out.)
const SQL_TEXT = String.raw`^\s*(SELECT|INSERT (OR \w+ )?INTO|UPDATE \w+ SET|DELETE FROM|CREATE (TABLE|INDEX|UNIQUE INDEX)|ALTER TABLE|DROP (TABLE|INDEX)|PRAGMA|WITH \w+ AS)\b`;
const NO_SQL = 'SQL belongs in a store module (src/store/): add or use a store method (STYLE.md 12)';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'data/**', 'coverage/**', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // The services log through pino; the CLI writes through its output functions.
      'no-console': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': ['error', { 'ts-ignore': true, 'ts-nocheck': true }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // SQL lives in store modules (src/store/, *-store.ts) over core's database layer
    // (docs/architecture.md): the query builder and TypeORM are imported nowhere else.
    files: ['packages/*/src/**/*.ts'],
    ignores: ['packages/core/src/db/**', 'packages/core/src/agent/**', 'packages/*/src/store/**', 'packages/*/src/**/*-store.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'kysely', message: 'queries belong in a store module (src/store/ or *-store.ts)' },
            { name: 'typeorm', message: 'use the Database of @staff-passport/core; TypeORM is for Veramo only' },
          ],
        },
      ],
    },
  },
  {
    files: ['packages/issuer/src/**/*.ts', 'packages/verifier/src/**/*.ts'],
    ignores: ['packages/*/src/store/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: `Literal[value=/${SQL_TEXT}/]`, message: NO_SQL },
        { selector: `TemplateElement[value.raw=/${SQL_TEXT}/]`, message: NO_SQL },
        { selector: "MemberExpression[property.name='kysely']", message: NO_SQL },
        { selector: "CallExpression[callee.property.name=/^(query|run)$/][callee.object.name=/^(db|tx)$/]", message: NO_SQL },
        { selector: "CallExpression[callee.property.name=/^(query|run)$/][callee.object.property.name=/^(db|tx)$/]", message: NO_SQL },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
