/** Dates as HR types them in the console's forms, read into the ISO forms the schemas take (RFC 3339). */
import { describe, expect, it } from '@jest/globals';
import { parseFormDate, parseFormDateTime } from '../../../../src/console/issue/lib/parse-form-date.js';

describe('parseFormDate', () => {
  it.each([
    ['27 3 2026', '2026-03-27'],
    ['27/03/2026', '2026-03-27'],
    ['7-3-2026', '2026-03-07'],
    ['27 March 2026', '2026-03-27'],
    ['27 Sep 2026', '2026-09-27'],
    ['2026-03-27', '2026-03-27'],
    [' 29 2 2028 ', '2028-02-29'],
  ])('%s is %s', (text, iso) => {
    expect(parseFormDate(text)).toBe(iso);
  });

  it.each(['31 2 2026', '29 2 2026', '0 1 2026', '1 13 2026', '27 Marchy 2026', '27 3 26', 'tomorrow', '', '2026-02-30'])('%s is not a date', (text) => {
    expect(parseFormDate(text)).toBeUndefined();
  });
});

describe('parseFormDateTime', () => {
  it('reads UK time: GMT in winter, BST in summer', () => {
    expect(parseFormDateTime('27 3 2026 14:30')).toBe('2026-03-27T14:30:00Z');
    expect(parseFormDateTime('1 7 2026 09:00')).toBe('2026-07-01T08:00:00Z');
    expect(parseFormDateTime('1 7 2026 9.00pm')).toBe('2026-07-01T20:00:00Z');
    expect(parseFormDateTime('1 7 2026 12am')).toBe('2026-06-30T23:00:00Z');
    expect(parseFormDateTime('1 7 2026')).toBe('2026-06-30T23:00:00Z');
    expect(parseFormDateTime('1 7 2026, 10:15')).toBe('2026-07-01T09:15:00Z');
  });

  it('around the clock changes (29 March and 25 October 2026)', () => {
    expect(parseFormDateTime('29 3 2026 00:30')).toBe('2026-03-29T00:30:00Z');
    expect(parseFormDateTime('29 3 2026 03:00')).toBe('2026-03-29T02:00:00Z');
    expect(parseFormDateTime('25 10 2026 03:00')).toBe('2026-10-25T03:00:00Z');
  });

  it('takes an RFC 3339 date-time as it is', () => {
    expect(parseFormDateTime('2026-09-16T10:30:00Z')).toBe('2026-09-16T10:30:00Z');
    expect(parseFormDateTime('2026-09-16T10:30:00.250+01:00')).toBe('2026-09-16T09:30:00Z');
  });

  it.each(['27 3 2026 25:00', '27 3 2026 13pm', '27 3 2026 10:60', '31 2 2026 10:00', 'now', '2026-09-16T10:30'])('%s is not a date and time', (text) => {
    expect(parseFormDateTime(text)).toBeUndefined();
  });
});
