import { runJourney } from './run-journey.js';

// Exits 0 when the new employer verified what was shared, 1 otherwise (or on any error).
try {
  const ok = await runJourney((line) => process.stdout.write(`${line}\n`));
  process.exitCode = ok ? 0 : 1;
} catch (err: unknown) {
  process.stderr.write(`The journey stopped: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
}
