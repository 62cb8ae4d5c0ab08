// Jest runs our TypeScript as native ESM (node --experimental-vm-modules), transformed by swc.
// The custom export condition points sibling packages at their src/*.ts, so no build is needed.
export default {
  testEnvironment: 'node',
  testEnvironmentOptions: {
    customExportConditions: ['@staff-passport/source', 'node', 'node-addons'],
  },
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: { parser: { syntax: 'typescript' }, target: 'es2022', experimental: { keepImportAttributes: true } },
        module: { type: 'es6' },
      },
    ],
  },
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testMatch: [
    '<rootDir>/packages/*/test/**/*.test.ts',
    '<rootDir>/test/**/*.test.ts',
    '<rootDir>/examples/*/test/**/*.test.ts',
  ],
  // Real servers, real SQLite files and real key generation: generous on a slow, busy machine.
  testTimeout: 120000,
  // One PostgreSQL cluster for the whole run, started by the first suite that needs it.
  globalSetup: '<rootDir>/test/helpers/jest-global-setup.cjs',
  globalTeardown: '<rootDir>/test/helpers/jest-global-teardown.cjs',
  maxWorkers: 2,
  // Jest's ESM module registries are not freed between test files: a worker's heap grows to its
  // limit over a run and then spends its time collecting garbage. A worker past this is replaced.
  workerIdleMemoryLimit: '1GB',
};
