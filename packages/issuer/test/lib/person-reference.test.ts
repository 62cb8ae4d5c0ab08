/**
 * The person reference HR may give an offer (issue 8: find issued credentials by person): what is
 * accepted, and how it is folded for a case- and accent-insensitive search.
 */
import { describe, expect, it } from '@jest/globals';
import { PERSON_REFERENCE_MAX, foldPersonReference, parsePersonReference } from '../../src/lib/person-reference.js';

describe('parsePersonReference', () => {
  it('trims, keeps names in any script (joiners included), and leaves a missing one missing', () => {
    expect(parsePersonReference('  Amara Okafor, ESR 12345678 ')).toBe('Amara Okafor, ESR 12345678');
    expect(parsePersonReference('Zoë Ólafsdóttir')).toBe('Zoë Ólafsdóttir');
    expect(parsePersonReference('می\u200Cخواهم')).toBe('می\u200Cخواهم');
    expect(parsePersonReference(undefined)).toBeUndefined();
    expect(parsePersonReference('x'.repeat(PERSON_REFERENCE_MAX))).toHaveLength(PERSON_REFERENCE_MAX);
    // Counted in characters, not UTF-16 units.
    expect(parsePersonReference('😀'.repeat(PERSON_REFERENCE_MAX))).toBeDefined();
  });

  it.each([
    ['a number', 12345678],
    ['null', null],
    ['blank', '   '],
    ['too long', 'x'.repeat(PERSON_REFERENCE_MAX + 1)],
    ['a tab', 'Amara\tOkafor'],
    ['a line break', 'Amara\nOkafor'],
    ['a NUL', 'Amara\u0000'],
    ['a line separator', 'Amara\u2028Okafor'],
    ['a right-to-left override', 'Amara \u202EOkafor'],
    ['a directional isolate', '\u2066Amara\u2069'],
    ['a lone surrogate', 'Amara \uD800'],
  ])('refuses %s: ERR_REQUEST_INVALID on the field', (_what, value) => {
    expect(() => parsePersonReference(value)).toThrow(expect.objectContaining({ code: 'ERR_REQUEST_INVALID', field: 'personReference' }));
    expect(() => parsePersonReference(value, 'who')).toThrow(expect.objectContaining({ field: 'who' }));
  });
});

describe('foldPersonReference', () => {
  it('ignores case, accents, compatibility forms and repeated spaces', () => {
    expect(foldPersonReference('Zoë  ÓLAFSDÓTTIR')).toBe('zoe olafsdottir');
    expect(foldPersonReference(' ＥＳＲ １２３ ')).toBe('esr 123');
    expect(foldPersonReference('İlkay')).toBe('ilkay');
    expect(foldPersonReference('Amara Okafor, ESR 12345678')).toContain(foldPersonReference('OKAFOR'));
  });
});
