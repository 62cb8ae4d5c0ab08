/**
 * The `staff-passport` command line, spawned as a person runs it: every command and `--help` on
 * each (exit 0), unknown, misspelt and missing options named (64), input errors as one line with a
 * code (65, 66), never a stack trace for a user's mistake, and `--demo` documented on the admin
 * commands. It is installed as compiled JavaScript (the root `prepare` script builds it).
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { COMMANDS } from '../src/command-table.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const dataDir = mkdtempSync(join(tmpdir(), 'sp-cli-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Runs the CLI from its sources, in a clean environment with a fresh DATA_DIR. */
function cli(...argv: string[]): { status: number | null; stdout: string; stderr: string } {
  const env: Record<string, string> = { PATH: process.env['PATH'] ?? '', DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
  const result = spawnSync(process.execPath, ['--conditions=@staff-passport/source', '--import', 'tsx', join(root, 'packages/cli/src/bin.ts'), ...argv], {
    cwd: root,
    env,
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const STACK = /\n\s+at .+[:(]/;

describe('staff-passport help', () => {
  it.each(['--help', '-h', 'help', '(nothing)'])('`staff-passport %s` lists every command and exits 0', (word) => {
    const { status, stdout } = cli(...(word === '(nothing)' ? [] : [word]));
    expect(status).toBe(0);
    for (const c of COMMANDS) expect(stdout).toContain(c.path.join(' '));
  });

  it.each(COMMANDS.map((c) => [c.path.join(' ')]))('`staff-passport %s --help` shows its usage and options and exits 0', (words) => {
    const spec = COMMANDS.find((c) => c.path.join(' ') === words)!;
    const { status, stdout, stderr } = cli(...spec.path, '--help');
    expect([status, stderr]).toEqual([0, '']);
    expect(stdout).toMatch(new RegExp(`^usage: staff-passport ${words} `));
    for (const name of Object.keys(spec.options)) expect(stdout).toContain(`--${name}`);
  });

  it('documents --demo on every admin command', () => {
    for (const words of [['org', 'create'], ['org', 'list'], ['api-key', 'create'], ['admin-key', 'create'], ['audit', 'verify']]) {
      const { status, stdout } = cli('help', ...words);
      expect(status).toBe(0);
      expect(stdout).toMatch(/--demo +use the demo's secret key/);
      expect(stdout).toContain('PASSPORT_SECRET_KEY');
    }
  });

  it('a group alone lists its commands: with --help exit 0, without exit 64', () => {
    const asked = cli('trust', '--help');
    expect(asked.status).toBe(0);
    expect(asked.stdout).toContain('staff-passport trust <command>');
    const bare = cli('org');
    expect(bare.status).toBe(64);
    expect(bare.stderr).toContain('org <command>');
  });
});

describe('usage errors name the option or command and exit 64', () => {
  it.each([
    [['verify', 'vc.json', '--alow-private'], 'ERR_OPTION_UNKNOWN', 'unknown option --alow-private (did you mean --allow-private?)'],
    [['org', 'create', '--name', 'X'], 'ERR_OPTION_MISSING', 'missing --ods'],
    [['org', 'create'], 'ERR_OPTION_MISSING', 'missing --name, --ods'],
    [['api-key', 'create', '--org', 'org_1', '--role', 'boss'], 'ERR_OPTION_VALUE', '--role must be one of org-admin, issuer, auditor'],
    [['start', '--wallet-dir'], 'ERR_OPTION_VALUE', '--wallet-dir needs a value (DIR)'],
    [['start', '--demo=yes'], 'ERR_OPTION_VALUE', '--demo is a flag and takes no value'],
    [['verify'], 'ERR_ARGUMENT_MISSING', 'missing FILE'],
    [['verify', 'a.json', 'b.json'], 'ERR_ARGUMENT_UNEXPECTED', "unexpected argument 'b.json'"],
    [['org', 'crete'], 'ERR_COMMAND_UNKNOWN', "unknown command 'org crete' (did you mean 'org create'?)"],
    [['verfy', 'vc.json'], 'ERR_COMMAND_UNKNOWN', "unknown command 'verfy' (did you mean 'verify'?)"],
    [['--demo', 'org', 'list'], 'ERR_COMMAND_UNKNOWN', '--demo is an option: the command comes first'],
  ])('%j: %s', (argv, code, message) => {
    const { status, stdout, stderr } = cli(...argv);
    expect(status).toBe(64);
    expect(stdout).toBe('');
    expect(stderr.split('\n')[0]).toMatch(new RegExp(`^staff-passport( [a-z-]+)*: ${code}: `));
    expect(stderr).toContain(message);
    expect(stderr).not.toMatch(STACK);
  });

  it('a usage error shows the usage line of the command', () => {
    const { stderr } = cli('org', 'create', '--name', 'X');
    expect(stderr).toContain('usage: staff-passport org create --name NAME --ods CODE [--demo]');
  });
});

describe('input errors are one line with a code, never a stack', () => {
  function oneLine(stderr: string): string {
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(stderr).not.toMatch(STACK);
    return lines[0]!;
  }

  it('a file that is not there exits 66; a folder exits 66', () => {
    const missing = cli('verify', 'no-such-file.json');
    expect(missing.status).toBe(66);
    expect(oneLine(missing.stderr)).toBe('staff-passport verify: ERR_FILE_NOT_FOUND: no such file: no-such-file.json');
    const folder = cli('verify', dataDir);
    expect(folder.status).toBe(66);
    expect(oneLine(folder.stderr)).toMatch(/^staff-passport verify: ERR_FILE_UNREADABLE: /);
  });

  it('a file that holds no credential exits 65', () => {
    writeFileSync(join(dataDir, 'broken.json'), '{"verifiableCredential": ');
    const broken = cli('verify', join(dataDir, 'broken.json'));
    expect(broken.status).toBe(65);
    expect(oneLine(broken.stderr)).toMatch(/^staff-passport verify: ERR_FILE_INVALID: \S+broken.json is not valid JSON/);
    writeFileSync(join(dataDir, 'other.json'), '{"verifiableCredential": {"id": "urn:uuid:1"}}');
    const other = cli('verify', join(dataDir, 'other.json'));
    expect(other.status).toBe(65);
    expect(oneLine(other.stderr)).toMatch(/^staff-passport verify: ERR_FILE_INVALID: \S+other.json holds no VC-JOSE credential/);
  });

  it('an API key for no organisation exits 65 with ERR_ORG_NOT_FOUND (not a foreign key failure)', () => {
    const { status, stderr } = cli('api-key', 'create', '--org', 'nosuch', '--demo');
    expect(status).toBe(65);
    expect(oneLine(stderr)).toMatch(/^staff-passport api-key create: ERR_ORG_NOT_FOUND: /);
    expect(stderr).not.toContain('SQLITE');
  });

  it('an admin command without PASSPORT_SECRET_KEY or --demo is a configuration error (78) that points at --demo', () => {
    const { status, stderr } = cli('org', 'list');
    expect(status).toBe(78);
    expect(oneLine(stderr)).toMatch(/^staff-passport org list: ERR_CONFIG_INVALID: PASSPORT_SECRET_KEY is required.*; add --demo to use the demo's data$/);
  });

  it('an invalid value for the organisation exits 65 naming it', () => {
    const { status, stderr } = cli('org', 'create', '--name', 'X', '--ods', 'not an ods code', '--demo');
    expect(status).toBe(65);
    expect(oneLine(stderr)).toMatch(/^staff-passport org create: ERR_REQUEST_INVALID: odsCode /);
  });
});

describe('installed as compiled JavaScript', () => {
  it('the bin is dist/bin.js, and installing builds every package with tsc -b', () => {
    const cliPackage = JSON.parse(readFileSync(join(root, 'packages/cli/package.json'), 'utf8')) as { bin: Record<string, string> };
    expect(cliPackage.bin['staff-passport']).toBe('./dist/bin.js');
    const rootPackage = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    // A failed build is reported and does not fail the install: pnpm start needs no dist.
    expect(rootPackage.scripts['prepare']).toMatch(/^tsc -b tsconfig\.build\.json \|\| echo /);
    expect(rootPackage.scripts['staff-passport']).toBe('node packages/cli/dist/bin.js');
    const build = readFileSync(join(root, 'tsconfig.build.json'), 'utf8');
    for (const name of ['schemas', 'core', 'issuer', 'verifier', 'wallet-sdk', 'cli']) expect(build).toContain(`packages/${name}/tsconfig.build.json`);
  });
});
