import type { ClaimField, ClaimGroup } from '../../../src/console/issue/lib/claim-fields.js';
import { itemCountName } from '../../../src/console/issue/lib/read-claim-fields.js';

function fill(field: ClaimField, value: unknown, out: URLSearchParams): void {
  if (value === undefined) return;
  if (field.kind === 'group') {
    const object = value as Record<string, unknown>;
    for (const child of field.children) fill(child, object[child.path.at(-1)!], out);
    return;
  }
  if (field.kind === 'list') {
    const items = value as unknown[];
    out.set(itemCountName(field), String(items.length));
    items.forEach((item, i) => fill(field.item(i), item, out));
    return;
  }
  if (field.kind === 'choices') {
    for (const v of value as unknown[]) out.append(field.id, String(v));
    return;
  }
  // A date goes into the NHS.UK date input's day, month and year boxes, as a person types it.
  const date = field.kind === 'date' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(value)) : null;
  if (date) {
    out.set(`${field.id}-day`, String(Number(date[3])));
    out.set(`${field.id}-month`, String(Number(date[2])));
    out.set(`${field.id}-year`, date[1]!);
    return;
  }
  if (field.kind === 'lines') {
    out.set(field.id, (value as unknown[]).join('\n'));
    return;
  }
  out.set(field.id, String(value));
}

/**
 * The form body a person would submit to put `subject` into a generated claim form (dates in the
 * day, month and year boxes), for round-trip tests of the form.
 */
export function claimFormBody(form: ClaimGroup, subject: Record<string, unknown>, extra: Record<string, string> = {}): URLSearchParams {
  const out = new URLSearchParams(extra);
  fill(form, subject, out);
  return out;
}
