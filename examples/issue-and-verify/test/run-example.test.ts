import { expect, it } from '@jest/globals';
import { runExample } from '../src/run-example.js';

it('the example runs the whole journey and the verifier says verified', async () => {
  const lines: string[] = [];
  expect(await runExample((line) => lines.push(line))).toBe(true);
  expect(lines.at(-1)).toContain('verified true');
});
