// Jest's global teardown: stops the run's shared PostgreSQL cluster, if a test file started one,
// with the stop command its starter recorded (sharedPostgresCluster in postgres-cluster.ts).
const { execFileSync } = require('node:child_process');
const { existsSync, readFileSync, rmSync } = require('node:fs');
const { join } = require('node:path');

module.exports = function tearDownJestRun() {
  const run = process.env.SP_TEST_PG_RUN;
  if (!run) return;
  const placeFile = join(run, 'cluster.json');
  try {
    if (!existsSync(placeFile)) return;
    const { dir, stop } = JSON.parse(readFileSync(placeFile, 'utf8'));
    try {
      execFileSync(stop[0], stop.slice(1), { stdio: 'ignore' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  } finally {
    rmSync(run, { recursive: true, force: true });
  }
};
