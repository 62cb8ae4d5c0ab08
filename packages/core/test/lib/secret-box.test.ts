import { describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { createSecretBox } from '../../src/lib/secret-box.js';

const secret = randomBytes(32).toString('hex');

describe('createSecretBox', () => {
  it('seals and opens, bound to its purpose and additional data', () => {
    const box = createSecretBox(secret, 'test purpose');
    const sealed = box.seal('pre-authorised code 123', 'off_1');
    expect(sealed).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain('pre-authorised');
    expect(box.open(sealed, 'off_1').toString('utf8')).toBe('pre-authorised code 123');
  });

  it.each([
    ['another row', (s: string) => createSecretBox(secret, 'test purpose').open(s, 'off_2')],
    ['another purpose', (s: string) => createSecretBox(secret, 'other purpose').open(s, 'off_1')],
    ['another secret', (s: string) => createSecretBox(randomBytes(32).toString('hex'), 'test purpose').open(s, 'off_1')],
    ['an altered value', (s: string) => createSecretBox(secret, 'test purpose').open(s.replace(/\.([\w-])/, (_m, c: string) => `.${c === 'A' ? 'B' : 'A'}`), 'off_1')],
    ['not a sealed value', () => createSecretBox(secret, 'test purpose').open('plain text', 'off_1')],
  ])('refuses to open with %s: ERR_CONFIG_INVALID', (_, open) => {
    const sealed = createSecretBox(secret, 'test purpose').seal('x', 'off_1');
    expect(() => open(sealed)).toThrow(expect.objectContaining({ code: 'ERR_CONFIG_INVALID' }));
  });

  it('refuses a secret that is not 64 hex characters', () => {
    expect(() => createSecretBox('abc', 'p')).toThrow(expect.objectContaining({ code: 'ERR_CONFIG_INVALID', field: 'secretKey' }));
  });
});
