// Jest's global setup: a folder for the run's shared PostgreSQL cluster, named to the workers in
// SP_TEST_PG_RUN. The cluster starts only when a test file first asks for one
// (sharedPostgresCluster in postgres-cluster.ts), so runs without PostgreSQL suites pay nothing.
// CommonJS because jest loads its global hooks outside the ESM test runtime.
const { mkdtempSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

module.exports = function setUpJestRun() {
  process.env.SP_TEST_PG_RUN = mkdtempSync(join(tmpdir(), 'sp-pg-run-'));
};
