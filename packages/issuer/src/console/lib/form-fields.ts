import { isObject } from '@staff-passport/core';

/**
 * One text field of a parsed form or query: the value sent once, trimmed; `''` when missing, sent
 * twice or not text (a crafted request then fails the field's own check, never the page).
 *
 * @example
 * const orgId = formText(req.body, 'orgId');
 */
export function formText(source: unknown, name: string): string {
  const value = isObject(source) ? source[name] : undefined;
  return typeof value === 'string' ? value.trim() : '';
}
