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
  maxWorkers: 2,
};
