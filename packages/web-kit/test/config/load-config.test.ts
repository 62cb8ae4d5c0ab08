import { afterAll, describe, expect, it } from '@jest/globals';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassportError } from '@staff-passport/core';
import { loadConfig } from '../../src/index.js';

function failure(env: NodeJS.ProcessEnv, demo = false): { code: string; field?: string } {
  try {
    loadConfig(env, { demo });
  } catch (err: unknown) {
    if (err instanceof PassportError) return { code: err.code, ...(err.field ? { field: err.field } : {}) };
    throw err;
  }
  return { code: 'none' };
}

describe('loadConfig', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sp-config-'));
  const secret = 'a'.repeat(64);

  it('reads the defaults', () => {
    const config = loadConfig({ DATA_DIR: dir, PASSPORT_SECRET_KEY: secret });
    expect(config).toMatchObject({ issuerPort: 4100, verifierPort: 4200, host: '127.0.0.1', demo: false, allowPrivateNetwork: false });
    expect(config.issuerPublicUrl).toBe('http://127.0.0.1:4100');
  });

  it('VC_API_CALLER_CHALLENGES: off by default, on in demo mode (the W3C suites give their own challenges), and settable either way', () => {
    expect(loadConfig({ DATA_DIR: dir, PASSPORT_SECRET_KEY: secret }).vcApiCallerChallenges).toBe(false);
    expect(loadConfig({ DATA_DIR: dir, PASSPORT_SECRET_KEY: secret }, { demo: true }).vcApiCallerChallenges).toBe(true);
    expect(loadConfig({ DATA_DIR: dir, PASSPORT_SECRET_KEY: secret, VC_API_CALLER_CHALLENGES: 'true' }).vcApiCallerChallenges).toBe(true);
    expect(loadConfig({ DATA_DIR: dir, PASSPORT_SECRET_KEY: secret, VC_API_CALLER_CHALLENGES: 'false' }, { demo: true }).vcApiCallerChallenges).toBe(false);
    expect(failure({ DATA_DIR: dir, PASSPORT_SECRET_KEY: secret, VC_API_CALLER_CHALLENGES: 'yes' })).toEqual({ code: 'ERR_CONFIG_INVALID', field: 'VC_API_CALLER_CHALLENGES' });
  });

  it('SMTP_URL and MAIL_FROM (issue 19): no mail without SMTP_URL; the sender defaults to the issuer host; a bad one names its variable', () => {
    const base = { DATA_DIR: dir, PASSPORT_SECRET_KEY: secret, ISSUER_PUBLIC_URL: 'https://passport.rth.example.nhs.uk' };
    expect(loadConfig(base).mail).toBeUndefined();
    expect(loadConfig({ ...base, SMTP_URL: 'smtp://127.0.0.1:2525' }).mail).toEqual({ smtpUrl: 'smtp://127.0.0.1:2525', from: 'staff-passport@passport.rth.example.nhs.uk' });
    expect(loadConfig({ ...base, SMTP_URL: 'smtp://relay:s3cret@mail.rth.example.nhs.uk', MAIL_FROM: ' passport@rth.example.nhs.uk ' }).mail).toEqual({
      smtpUrl: 'smtp://relay:s3cret@mail.rth.example.nhs.uk',
      from: 'passport@rth.example.nhs.uk',
    });
    for (const SMTP_URL of ['mail.rth.example.nhs.uk:25', 'https://mail.example', 'smtp://', 'smtp://host:25/path', 'smtp://host:0']) {
      expect(failure({ ...base, SMTP_URL })).toEqual({ code: 'ERR_CONFIG_INVALID', field: 'SMTP_URL' });
    }
    for (const MAIL_FROM of ['Passport <passport@rth.example.nhs.uk>', 'passport', 'a@b.example, c@d.example']) {
      expect(failure({ ...base, SMTP_URL: 'smtp://127.0.0.1:2525', MAIL_FROM })).toEqual({ code: 'ERR_CONFIG_INVALID', field: 'MAIL_FROM' });
    }
    expect(failure({ ...base, MAIL_FROM: 'passport@rth.example.nhs.uk' })).toEqual({ code: 'ERR_CONFIG_INVALID', field: 'SMTP_URL' });
    // The message says what is wrong without echoing a password.
    const message = ((): string => {
      try {
        loadConfig({ ...base, SMTP_URL: 'smtps://relay:s3cret@mail.example' });
        return 'loaded';
      } catch (err: unknown) {
        return (err as Error).message;
      }
    })();
    expect(message).toContain('SMTP_URL must be smtp://host:port');
    expect(message).not.toContain('s3cret');
  });

  it('names a bad port', () => {
    expect(failure({ DATA_DIR: dir, PASSPORT_SECRET_KEY: secret, ISSUER_PORT: 'eighty' })).toEqual({ code: 'ERR_CONFIG_INVALID', field: 'ISSUER_PORT' });
    expect(failure({ DATA_DIR: dir, PASSPORT_SECRET_KEY: secret, VERIFIER_PORT: '70000' })).toEqual({ code: 'ERR_CONFIG_INVALID', field: 'VERIFIER_PORT' });
  });

  it('requires the key-encryption secret outside demo mode', () => {
    expect(failure({ DATA_DIR: dir })).toEqual({ code: 'ERR_CONFIG_INVALID', field: 'PASSPORT_SECRET_KEY' });
    expect(failure({ DATA_DIR: dir, PASSPORT_SECRET_KEY: 'short' })).toEqual({ code: 'ERR_CONFIG_INVALID', field: 'PASSPORT_SECRET_KEY' });
  });

  it('generates and keeps a demo secret beside the data, and allows local did:web in demo mode', () => {
    const first = loadConfig({ DATA_DIR: dir }, { demo: true });
    const second = loadConfig({ DATA_DIR: dir }, { demo: true });
    expect(first.secretKey).toMatch(/^[0-9a-f]{64}$/);
    expect(second.secretKey).toBe(first.secretKey);
    expect(first.allowPrivateNetwork).toBe(true);
  });

  it('names an unwritable data folder', () => {
    if (process.getuid?.() === 0) {
      // root writes anywhere: use a path under a file, which no one can create.
      expect(failure({ DATA_DIR: join(dir, 'demo-secret.key', 'sub'), PASSPORT_SECRET_KEY: secret })).toEqual({ code: 'ERR_CONFIG_INVALID', field: 'DATA_DIR' });
    } else {
      const locked = join(dir, 'locked');
      loadConfig({ DATA_DIR: locked, PASSPORT_SECRET_KEY: secret });
      chmodSync(locked, 0o500);
      expect(failure({ DATA_DIR: locked, PASSPORT_SECRET_KEY: secret })).toEqual({ code: 'ERR_CONFIG_INVALID', field: 'DATA_DIR' });
    }
  });

  it('names a bad URL and log level', () => {
    expect(failure({ DATA_DIR: dir, PASSPORT_SECRET_KEY: secret, ISSUER_PUBLIC_URL: 'ftp://x' })).toEqual({ code: 'ERR_CONFIG_INVALID', field: 'ISSUER_PUBLIC_URL' });
    expect(failure({ DATA_DIR: dir, PASSPORT_SECRET_KEY: secret, LOG_LEVEL: 'loud' })).toEqual({ code: 'ERR_CONFIG_INVALID', field: 'LOG_LEVEL' });
  });


  // LOG_FORMAT chooses the logger's output (core's createLogger, test/log/format-log-line.test.ts).
  it('reads LOG_FORMAT (json by default); another value is a configuration error', () => {
    const env = { DATA_DIR: 'data', PASSPORT_SECRET_KEY: 'a'.repeat(64) };
    expect(loadConfig(env).logFormat).toBe('json');
    expect(loadConfig({ ...env, LOG_FORMAT: 'pretty' }).logFormat).toBe('pretty');
    expect(() => loadConfig({ ...env, LOG_FORMAT: 'fancy' })).toThrow(PassportError);
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));
});

