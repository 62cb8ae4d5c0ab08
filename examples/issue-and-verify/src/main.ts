import { runExample } from './run-example.js';

const ok = await runExample((line) => process.stdout.write(`${line}\n`));
process.exitCode = ok ? 0 : 1;
