/**
 * parseCommandLine in process, on a command spec of its own: what it reads, and each usage error
 * by code and message, exit 64 (run-cli.test.ts runs the same errors through the real binary).
 * Command lines as named data.
 */
import { describe, expect, it } from '@jest/globals';
import type { CommandSpec } from '../../src/lib/command-spec.js';
import { closestWord } from '../../src/lib/closest-word.js';
import { parseCommandLine } from '../../src/lib/parse-command-line.js';

const SPEC: CommandSpec = {
  path: ['credential', 'issue'],
  summary: 'issue one credential',
  args: [
    { name: 'FILE', required: true },
    { name: 'OUT', required: false },
  ],
  options: {
    org: { type: 'string', value: 'ID', required: true, description: 'the organisation' },
    format: { type: 'string', value: 'FORMAT', choices: ['vc+jwt', 'dc+sd-jwt'], description: 'the format' },
    label: { type: 'string', value: 'TEXT', description: 'a label' },
    demo: { type: 'boolean', description: 'the demo' },
  },
  run: () => Promise.resolve(0),
};

describe('parseCommandLine', () => {
  const readings: [name: string, argv: string[], parsed: ReturnType<typeof parseCommandLine>][] = [
    ['required-only-ok', ['vc.json', '--org', 'org_1'], { help: false, args: ['vc.json'], options: { org: 'org_1' } }],
    ['every-option-ok', ['vc.json', 'out.json', '--org=org_1', '--format', 'dc+sd-jwt', '--demo'], { help: false, args: ['vc.json', 'out.json'], options: { org: 'org_1', format: 'dc+sd-jwt', demo: true } }],
    ['value-starting-with-a-dash-after-equals-ok', ['vc.json', '--org', 'org_1', '--label=-draft'], { help: false, args: ['vc.json'], options: { org: 'org_1', label: '-draft' } }],
    ['help-long-before-any-check', ['--help'], { help: true }],
    ['help-short-with-bad-arguments', ['-h', 'a', 'b', 'c'], { help: true }],
  ];
  it.each(readings)('%s', (_name, argv, parsed) => {
    expect(parseCommandLine(SPEC, argv)).toEqual(parsed);
  });

  const refusals: [name: string, argv: string[], code: string, message: string][] = [
    ['misspelt-option-fail', ['vc.json', '--org', 'o', '--formt', 'vc+jwt'], 'ERR_OPTION_UNKNOWN', 'unknown option --formt (did you mean --format?)'],
    ['unknown-option-no-guess-fail', ['vc.json', '--org', 'o', '--colour'], 'ERR_OPTION_UNKNOWN', 'unknown option --colour'],
    ['unknown-short-option-fail', ['vc.json', '--org', 'o', '-x'], 'ERR_OPTION_UNKNOWN', 'unknown option -x'],
    ['option-without-value-fail', ['vc.json', '--org'], 'ERR_OPTION_VALUE', '--org needs a value (ID)'],
    ['value-starting-with-a-dash-fail', ['vc.json', '--org', 'o', '--label', '-draft'], 'ERR_OPTION_VALUE', '--label needs a value (TEXT); for one starting with a dash write --label=-TEXT'],
    ['flag-with-value-fail', ['vc.json', '--org', 'o', '--demo=yes'], 'ERR_OPTION_VALUE', '--demo is a flag and takes no value'],
    ['value-outside-choices-fail', ['vc.json', '--org', 'o', '--format', 'ldp_vc'], 'ERR_OPTION_VALUE', "--format must be one of vc+jwt, dc+sd-jwt, not 'ldp_vc'"],
    ['required-option-missing-fail', ['vc.json'], 'ERR_OPTION_MISSING', 'missing --org'],
    ['required-option-empty-fail', ['vc.json', '--org='], 'ERR_OPTION_MISSING', 'missing --org'],
    ['required-argument-missing-fail', ['--org', 'o'], 'ERR_ARGUMENT_MISSING', 'missing FILE'],
    ['extra-argument-fail', ['a.json', 'b.json', 'c.json', '--org', 'o'], 'ERR_ARGUMENT_UNEXPECTED', "unexpected argument 'c.json'"],
  ];
  it.each(refusals)('%s', (_name, argv, code, message) => {
    expect(() => parseCommandLine(SPEC, argv)).toThrow(expect.objectContaining({ code, message, exitCode: 64 }));
  });
});

describe('closestWord', () => {
  const guesses: [name: string, word: string, guess: string | undefined][] = [
    ['one-slip', 'verfy', 'verify'],
    ['prefix', 'trus', 'trust'],
    ['too-far', 'xyz', undefined],
    ['short-candidate-one-edit', 'or', 'org'],
    ['short-candidate-two-edits-none', 'ox', undefined],
  ];
  it.each(guesses)('%s', (_name, word, guess) => {
    expect(closestWord(word, ['verify', 'trust', 'org', 'migrate'])).toBe(guess);
  });
});
