import { initialItemCount, type ClaimField, type ClaimGroup, type ClaimInput, type ClaimList } from './claim-fields.js';
import { parseFormDate, parseFormDateTime } from './parse-form-date.js';

/** A form body as express's urlencoded parser gives it: a string per field, an array when repeated. */
export type FormBody = Readonly<Record<string, unknown>>;

/** What a submitted claim form holds. */
export interface ReadClaims {
  /** The claims, typed as the schema wants them where the text can be read (otherwise as typed, for the schema to report). */
  subject: Record<string, unknown>;
  /** What was typed, by input id as the form is laid out again (blank list items dropped). */
  values: Map<string, string | string[]>;
  /** How many items each list shows when the form is shown again: those filled and a blank one (one more after "Add another"). */
  counts: Map<string, number>;
  /** Date inputs (day, month, year) typed wrong, by input id: the box at fault and whether it was left blank. */
  dateProblems: Map<string, DateProblem>;
}

/** Which box of a date input is wrong, and whether it was left blank. */
export interface DateProblem {
  part: DatePart;
  missing: boolean;
}

/** The three boxes of the NHS.UK date input; each is named `{id}-{part}`. A date and time has a fourth, the time. */
export const DATE_PARTS = ['day', 'month', 'year'] as const;
export const DATE_TIME_PARTS = [...DATE_PARTS, 'time'] as const;
export type DatePart = (typeof DATE_TIME_PARTS)[number];

/** The day, month and year typed in a date input, as a date, or the box at fault. */
function readDateParts(day: string, month: string, year: string): { iso: string } | DateProblem {
  if (day === '') return { part: 'day', missing: true };
  if (month === '') return { part: 'month', missing: true };
  if (year === '') return { part: 'year', missing: true };
  if (!/^\d{1,2}$/.test(day) || Number(day) < 1 || Number(day) > 31) return { part: 'day', missing: false };
  if (!/^\d{1,2}$/.test(month) || Number(month) < 1 || Number(month) > 12) return { part: 'month', missing: false };
  if (!/^\d{4}$/.test(year)) return { part: 'year', missing: false };
  const iso = parseFormDate(`${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`);
  return iso ? { iso } : { part: 'day', missing: false };
}

/** The name of the submit button that asks for another item of a list (its value is the list's id). */
export const ADD_ITEM_FIELD = '_add';

/** The name of the hidden field that says how many items of a list the form showed. */
export function itemCountName(list: Pick<ClaimList, 'id'>): string {
  return `_count-${list.id}`;
}

function textOf(body: FormBody, name: string): string {
  const value = body[name];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first.trim() : '';
}

function textsOf(body: FormBody, name: string): string[] {
  const value = body[name];
  const all = Array.isArray(value) ? value : [value];
  return all.filter((v): v is string => typeof v === 'string' && v !== '');
}

const NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)$/;

class ClaimReader {
  readonly values = new Map<string, string | string[]>();
  readonly counts = new Map<string, number>();
  readonly dateProblems = new Map<string, DateProblem>();

  constructor(private readonly body: FormBody) {}

  // `src` names the inputs as submitted; `dst` as the form is shown again (list items renumbered
  // once blank ones are dropped, so error paths and inputs agree). Same shape, different ids.
  group(src: ClaimGroup, dst: ClaimGroup): { value: Record<string, unknown>; blank: boolean } {
    const value: Record<string, unknown> = {};
    let blank = true;
    src.children.forEach((child, i) => {
      const read = this.field(child, dst.children[i]!);
      if (read.value !== undefined) value[child.path.at(-1)!] = read.value;
      if (!read.blank) blank = false;
    });
    for (const fixed of src.fixed) value[fixed.name] = fixed.value;
    return { value, blank };
  }

  // `blank`: nothing was typed in the field (a required group sent empty, so its fields' own errors show, is still blank).
  field(src: ClaimField, dst: ClaimField): { value: unknown; blank: boolean } {
    if (src.kind === 'group') {
      const read = this.group(src, dst as ClaimGroup);
      // An optional object left blank is left out; a required one is sent, so its fields' own errors show.
      return { value: read.blank && !src.required ? undefined : read.value, blank: read.blank };
    }
    const value = src.kind === 'list' ? this.list(src, dst as ClaimList) : this.input(src, dst as ClaimInput);
    return { value, blank: value === undefined || (Array.isArray(value) && value.length === 0) };
  }

  list(src: ClaimList, dst: ClaimList): unknown[] | undefined {
    const shown = Number(textOf(this.body, itemCountName(src)));
    const count = Number.isInteger(shown) && shown > 0 ? Math.min(shown, src.maxItems) : initialItemCount(src);
    const items: unknown[] = [];
    for (let i = 0; i < count; i++) {
      const read = this.group(src.item(i), dst.item(items.length));
      if (!read.blank) items.push(read.value);
    }
    // Shown again: those filled and a blank one; one more than shown when "Add another" was pressed.
    const added = textOf(this.body, ADD_ITEM_FIELD) === src.id;
    this.counts.set(dst.id, Math.min(src.maxItems, added ? Math.max(count, items.length) + 1 : Math.max(initialItemCount(src), items.length + 1)));
    if (items.length === 0) return src.required ? [] : undefined;
    return items;
  }

  input(src: ClaimInput, dst: ClaimInput): unknown {
    if (src.kind === 'choices') {
      const chosen = textsOf(this.body, src.id);
      if (chosen.length > 0) this.values.set(dst.id, chosen);
      if (chosen.length === 0) return undefined;
      return chosen.map((v) => src.choices.find((c) => String(c.value) === v)?.value ?? v);
    }
    if (src.kind === 'date' || src.kind === 'date-time') {
      const names = src.kind === 'date' ? DATE_PARTS : DATE_TIME_PARTS;
      const parts = names.map((part) => textOf(this.body, `${src.id}-${part}`));
      // A single box (an older form, or a script posting the date whole) is still read.
      if (parts.every((p) => p === '')) return this.single(src, dst);
      names.forEach((part, i) => this.values.set(`${dst.id}-${part}`, parts[i]!));
      const [day, month, year, time = ''] = parts as [string, string, string, string?];
      const read = readDateParts(day, month, year);
      if ('iso' in read) {
        if (src.kind === 'date') return read.iso;
        // The time is optional (midnight), typed on the UK clock.
        const instant = parseFormDateTime(`${day} ${month} ${year}${time === '' ? '' : ` ${time}`}`);
        if (instant !== undefined) return instant;
        this.dateProblems.set(dst.id, { part: 'time', missing: false });
      } else {
        this.dateProblems.set(dst.id, read);
      }
      // As typed: the schema's own format check reports it on the field.
      return parts.join(' ').trim();
    }
    return this.single(src, dst);
  }

  single(src: ClaimInput, dst: ClaimInput): unknown {
    const raw = textOf(this.body, src.id);
    if (raw === '') return undefined;
    this.values.set(dst.id, raw);
    switch (src.kind) {
      case 'text':
        return raw;
      case 'number':
        return NUMBER.test(raw) ? Number(raw) : raw;
      case 'date':
        return parseFormDate(raw) ?? raw;
      case 'date-time':
        return parseFormDateTime(raw) ?? raw;
      case 'choice':
        return src.choices.find((c) => String(c.value) === raw)?.value ?? raw;
      case 'boolean':
        return raw === 'true' ? true : raw === 'false' ? false : raw;
      case 'lines': {
        const lines = raw
          .split(/\r?\n/)
          .map((l) => l.trim())
          .filter(Boolean);
        return lines.length === 0 ? undefined : lines;
      }
      default:
        // Checkboxes are read by `input`.
        return undefined;
    }
  }
}

/**
 * Reads a submitted claim form into a `credentialSubject`: empty inputs and blank optional groups
 * and list items are left out; numbers, dates ("27 3 2026"), date-times (UK time), choices and
 * Yes/No become the schema's types. Text that cannot be read is kept as typed, so the schema's
 * validation (the issuing path's, not a second one) reports it on its field.
 *
 * @example
 * const { subject } = readClaimFields(buildClaimFields(dbsCheckType), req.body);
 */
export function readClaimFields(form: ClaimGroup, body: FormBody): ReadClaims {
  const reader = new ClaimReader(body);
  const { value } = reader.group(form, form);
  return { subject: value, values: reader.values, counts: reader.counts, dateProblems: reader.dateProblems };
}
