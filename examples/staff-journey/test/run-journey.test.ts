import { expect, it } from '@jest/globals';
import { runJourney } from '../src/run-journey.js';

it('walks one member of staff through receiving, rejecting, collecting a bulk-issued credential by signing in, sharing and the sharing log; the new employer is ready once its own checks are done, a TUPE transfer ready to start', async () => {
  const lines: string[] = [];
  expect(await runJourney((line) => lines.push(line))).toBe(true);
  const text = lines.join('\n');
  expect(text).toMatch(/typed the code from HR and the wallet checked and stored 1 credential/);
  expect(text).toContain('rejected, nothing stored');
  // Before sharing, every claim that will leave the device, by credential; personal data marked.
  expect(text).toContain('person.portrait (personal data)');
  expect(text).toMatch(/leaving out the optional |always shared with this credential/);
  // The new employer: ready once these checks are done, naming its own right to work check.
  expect(text).toMatch(/asks \(new employer\)[\s\S]*ready once these checks are done \(ready_once_checks_done\), every check passed: true/);
  expect(text).toContain('to do: Do your own right to work check before the start');
  // The same move as a TUPE transfer: ready to start.
  expect(text).toMatch(/asks \(tupe transfer\)[\s\S]*ready to start \(ready_to_start\), every check passed: true/);
  // Issue 19: a bulk job's row names Sam by employee number; Sam signs in at the trust's own OpenID
  // provider and the wallet collects it (OpenID4VCI 1.0 authorization code flow); HR sees it accepted.
  expect(text).toMatch(/bulk job from ESR holds a training record for employee \d+/);
  expect(text).toMatch(/signed in with the trust's login, and the wallet collected 1 credential: Fire safety, level 1 \(bound to Sam's key\)/);
  expect(text).toMatch(/HR sees the job's row 1 as accepted/);
  // The last lines: the sharing log (received three times, rejected, received by signing in, shared twice), then the outcome.
  const log = lines.slice(lines.findIndex((l) => l.endsWith("Sam's sharing log:")) + 1, -1).map((l) => l.trim().split(' ')[1]);
  expect(log).toEqual(['received', 'received', 'received', 'rejected', 'received', 'shared', 'shared']);
  expect(lines.find((l) => l.includes('shared with Riverside'))).toMatch(/IdentityVerification \(\d+ claims\), RightToWork \(\d+ claims\), DbsCheck \(\d+ claims\)/);
  expect(lines.at(-1)).toMatch(/^Journey complete: as a new employer Riverside is ready once it has done its own checks/);
});
