/**
 * `staff-passport trust`, run in-process: init a registry, add and remove entries, make the
 * operator's key, sign editions and show (verify) them; bad input ends with the sysexits code
 * (64 usage, 65 bad data, 78 configuration) and a message naming the field.
 */
import { afterAll, afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'sp-trust-cli-'));
const file = (name: string): string => join(dir, name);
let stdout = '';
let stderr = '';

beforeEach(() => {
  stdout = '';
  stderr = '';
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
});

afterEach(() => {
  jest.restoreAllMocks();
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(...argv: string[]): Promise<number> {
  stdout = '';
  stderr = '';
  return runCli(['trust', ...argv]);
}

function readJson(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(file(name), 'utf8')) as Record<string, unknown>;
}

const RTH = 'did:web:rth.example.nhs.uk';
const GP = 'did:web:a81001.example.nhs.uk';

describe('staff-passport trust', () => {
  it('round-trips init, add, remove, keygen, sign and show', async () => {
    expect(await run('init', '--name', 'Test registry', '--out', file('registry.json'), '--id', 'https://trust.example.nhs.uk/registry.jwt')).toBe(0);
    expect(readJson('registry.json')).toEqual({
      type: 'StaffPassportTrustRegistry',
      id: 'https://trust.example.nhs.uk/registry.jwt',
      name: 'Test registry',
      version: 0,
      operator: { name: 'Test registry' },
      entries: [],
    });
    expect(await run('init', '--name', 'Again', '--out', file('registry.json'))).toBe(1);
    expect(readJson('registry.json')['name']).toBe('Test registry');

    const rthArgs = ['--did', RTH, '--ods', 'RTH', '--name', 'Oxford University Hospitals', '--types', 'TrainingRecord,EmploymentAssignment', '--from', '2024-01-01'];
    expect(await run('add', file('registry.json'), ...rthArgs)).toBe(0);
    expect(await run('add', file('registry.json'), '--did', GP, '--ods', 'A81001', '--name', 'Example GP Practice', '--types', '*')).toBe(0);
    expect((readJson('registry.json')['entries'] as unknown[])[0]).toEqual({
      did: RTH,
      odsCode: 'RTH',
      name: 'Oxford University Hospitals',
      credentialTypes: ['TrainingRecord', 'EmploymentAssignment'],
      validFrom: '2024-01-01T00:00:00Z',
    });
    expect(await run('remove', file('registry.json'), '--did', GP)).toBe(0);
    expect(readJson('registry.json')['entries']).toHaveLength(1);

    expect(await run('keygen', '--out', file('operator.key.json'))).toBe(0);
    const publicJwk = JSON.parse(stdout) as Record<string, unknown>;
    expect(publicJwk).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA' });
    expect(publicJwk).not.toHaveProperty('d');
    expect(readJson('operator.key.json')).toHaveProperty('d');
    expect(statSync(file('operator.key.json')).mode & 0o777).toBe(0o600);
    writeFileSync(file('operator.pub.json'), JSON.stringify(publicJwk));

    expect(await run('sign', file('registry.json'), '--key', file('operator.key.json'), '--out', file('registry.jwt'), '--valid-days', '10')).toBe(0);
    expect(readJson('registry.json')['version']).toBe(1);
    const { issuedAt, validUntil } = readJson('registry.json') as { issuedAt: string; validUntil: string };
    expect(Date.parse(validUntil) - Date.parse(issuedAt)).toBe(10 * 24 * 60 * 60 * 1000);

    expect(await run('show', file('registry.jwt'), '--trusted-key', file('operator.pub.json'))).toBe(0);
    expect(stdout).toContain('ok   trustRegistry.signature');
    expect(stdout).toContain(`verified (kid ${String(publicJwk['kid'])})`);
    const shown = JSON.parse(stdout.slice(stdout.indexOf('{'))) as Record<string, unknown>;
    expect(shown).toMatchObject({ version: 1, entries: [{ did: RTH, odsCode: 'RTH' }] });

    // Each edition is numbered after the last.
    expect(await run('sign', file('registry.json'), '--key', file('operator.key.json'), '--out', file('registry.jwt'))).toBe(0);
    expect(await run('show', file('registry.jwt'), '--trusted-key', file('operator.pub.json'))).toBe(0);
    expect(JSON.parse(stdout.slice(stdout.indexOf('{')))).toMatchObject({ version: 2 });
  });

  it('ES256 keys, a JWK Set of trusted keys, and a key written to a file', async () => {
    expect(await run('init', '--name', 'ES registry', '--out', file('es.json'))).toBe(0);
    expect(await run('keygen', '--out', file('es.key.json'), '--alg', 'ES256', '--public-out', file('es.pub.json'))).toBe(0);
    expect(await run('sign', file('es.json'), '--key', file('es.key.json'), '--out', file('es.jwt'))).toBe(0);
    writeFileSync(file('jwks.json'), JSON.stringify({ keys: [readJson('es.pub.json')] }));
    expect(await run('show', file('es.jwt'), '--trusted-key', file('jwks.json'))).toBe(0);
  });

  it('a registry signed by another key is NOT verified (exit 1)', async () => {
    expect(await run('keygen', '--out', file('other.key.json'), '--public-out', file('other.pub.json'))).toBe(0);
    expect(await run('show', file('registry.jwt'), '--trusted-key', file('other.pub.json'))).toBe(1);
    expect(stdout).toContain('FAIL trustRegistry.signature ERR_TRUST_REGISTRY_SIGNATURE_INVALID');
    expect(stdout).toContain('NOT verified');
  });

  it('bad data names the field and exits 65', async () => {
    expect(await run('add', file('registry.json'), '--did', GP, '--ods', 'A81001', '--name', 'GP', '--types', 'TrainingRecord,Passport')).toBe(65);
    expect(stderr).toContain('ERR_TRUST_REGISTRY_INVALID');
    expect(stderr).toContain('entries.1.credentialTypes.1');
    expect(await run('add', file('registry.json'), '--did', 'not-a-did', '--ods', 'A81001', '--name', 'GP', '--types', '*')).toBe(65);
    expect(stderr).toContain('entries.1.did');
    expect(await run('add', file('registry.json'), '--did', GP, '--ods', 'A81001', '--name', 'GP', '--types', '*', '--from', 'soon')).toBe(65);
    expect(stderr).toContain('entries.1.validFrom');
    expect(await run('remove', file('registry.json'), '--did', 'did:web:nobody.example')).toBe(65);
    writeFileSync(file('broken.json'), '{"type": "StaffPassportTrustRegistry"');
    expect(await run('add', file('broken.json'), '--did', GP, '--ods', 'A81001', '--name', 'GP', '--types', '*')).toBe(65);
    // A file that cannot be opened is 66 (EX_NOINPUT) since issue 21; one that is not valid, 65.
    expect(await run('show', file('missing.jwt'), '--trusted-key', file('operator.pub.json'))).toBe(66);
  });

  it('missing arguments exit 64 with the usage', async () => {
    expect(await run('add', file('registry.json'), '--ods', 'RTH', '--name', 'X', '--types', '*')).toBe(64);
    expect(stderr).toContain('usage: staff-passport trust add FILE --did DID');
    expect(await run('init', '--name', 'X')).toBe(64);
    expect(await run('sign', file('registry.json'), '--key', file('operator.key.json'), '--out', file('x.jwt'), '--valid-days', '-3')).toBe(64);
    expect(await run('keygen', '--out', file('k.json'), '--alg', 'HS256')).toBe(64);
    expect(await run('frobnicate')).toBe(64);
    expect(await run('help')).toBe(0);
    expect(stdout).toContain('staff-passport trust <command>');
  });

  it('bad keys are configuration errors (78), and an existing key is never overwritten', async () => {
    expect(await run('keygen', '--out', file('operator.key.json'))).toBe(1);
    expect(await run('show', file('registry.jwt'), '--trusted-key', file('operator.key.json'))).toBe(78);
    expect(stderr).toContain('never a private key');
    expect(await run('sign', file('registry.json'), '--key', file('operator.pub.json'), '--out', file('x.jwt'))).toBe(78);
    expect(stderr).toContain('ERR_CONFIG_INVALID');
    expect(await run('sign', file('registry.json'), '--key', file('nope.json'), '--out', file('x.jwt'))).toBe(78);
  });
});
