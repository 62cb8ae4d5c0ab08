import { expect, it } from '@jest/globals';
import { runJourney } from '../src/run-journey.js';

it('walks one member of staff through receiving, rejecting, sharing and the sharing log; the employer verifies', async () => {
  const lines: string[] = [];
  expect(await runJourney((line) => lines.push(line))).toBe(true);
  const text = lines.join('\n');
  expect(text).toMatch(/typed the code from HR and the wallet checked and stored 1 credential/);
  expect(text).toContain('rejected, nothing stored');
  // An optional claim is left out when one can be; one the issuer made plain is said to be always shared.
  expect(text).toMatch(/leaving out the optional |always shared with this credential/);
  expect(text).toContain('every check passed: true');
  // The last lines: the sharing log (received three times, rejected, shared), then the outcome.
  const log = lines.slice(lines.findIndex((l) => l.endsWith("Sam's sharing log:")) + 1, -1).map((l) => l.trim().split(' ')[1]);
  expect(log).toEqual(['received', 'received', 'received', 'rejected', 'shared']);
  expect(lines.at(-1)).toBe('Journey complete: the new employer verified what Sam chose to share.');
});
