import js from '@eslint/js';
import tseslint from 'typescript-eslint';

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
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
