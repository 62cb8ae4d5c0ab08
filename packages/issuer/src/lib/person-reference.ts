import { PassportError } from '@staff-passport/core';

/** The longest person reference, in characters (code points). */
export const PERSON_REFERENCE_MAX = 200;

// Control characters, line and paragraph separators, lone surrogates, and the bidirectional
// embedding, override and isolate marks (which can make a label read differently from what it
// holds). Joiners (U+200C, U+200D) stay: some scripts need them in names.
const NOT_ALLOWED = /[\p{Cc}\p{Cs}\p{Zl}\p{Zp}\u202A-\u202E\u2066-\u2069]/u;

function lengthOf(text: string): number {
  return [...text].length;
}

/**
 * Checks a person reference (HR's own label for whom an offer is for, such as
 * "Amara Okafor, ESR 12345678"): text, trimmed, 1 to 200 characters, no control characters.
 * `undefined` stays `undefined` (the reference is optional).
 *
 * @example
 * parsePersonReference('  Amara Okafor, ESR 12345678 '); // 'Amara Okafor, ESR 12345678'
 * @throws PassportError `ERR_REQUEST_INVALID` (field `personReference`, or the `field` given).
 */
export function parsePersonReference(value: unknown, field = 'personReference'): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new PassportError('ERR_REQUEST_INVALID', `${field} must be text, such as a name or staff number`, { field });
  const text = value.trim();
  if (text === '') throw new PassportError('ERR_REQUEST_INVALID', `${field} must not be empty: leave it out instead`, { field });
  if (lengthOf(text) > PERSON_REFERENCE_MAX) throw new PassportError('ERR_REQUEST_INVALID', `${field} must be ${PERSON_REFERENCE_MAX} characters or fewer`, { field });
  if (NOT_ALLOWED.test(text)) throw new PassportError('ERR_REQUEST_INVALID', `${field} must not contain control characters, line breaks or direction marks`, { field });
  return text;
}

/**
 * A person reference (or a search for one) folded for matching: compatibility-normalised,
 * accents dropped, lower case, runs of spaces made one. SQLite's `lower()` folds ASCII only, so
 * the folded text is stored beside the reference and searched with `instr`.
 *
 * @example
 * foldPersonReference('Zoë  ÓLAFSDÓTTIR'); // 'zoe olafsdottir'
 */
export function foldPersonReference(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\s+/gu, ' ')
    .trim();
}
