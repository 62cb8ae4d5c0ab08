/**
 * How the wallet writes claim values for people: a photo (the identity credential's portrait, a
 * data URL of up to 50 KB) is described, never printed as its base64 text.
 */
import { describe, expect, it } from '@jest/globals';
import { describeImage, formatValue } from '../../src/lib/format-value.js';

const jpeg = (bytes: number): string => `data:image/jpeg;base64,${Buffer.alloc(bytes, 0xff).toString('base64')}`;

describe('formatValue', () => {
  it('describes a portrait by its kind and size', () => {
    expect(formatValue(jpeg(12 * 1024))).toBe('A photo (JPEG, 12 KB)');
    expect(describeImage(jpeg(300))).toBe('A photo (JPEG, 1 KB)');
    expect(formatValue(`data:image/png;base64,${Buffer.alloc(2048).toString('base64')}`)).toBe('A photo (PNG, 2 KB)');
  });

  it('keeps other text and writes dates out', () => {
    expect(formatValue('data:text/plain,hello')).toBe('data:text/plain,hello');
    expect(formatValue('2027-03-03')).toBe('3 March 2027');
  });
});
