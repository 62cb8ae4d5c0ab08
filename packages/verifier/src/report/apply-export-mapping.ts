import { PassportError } from '@staff-passport/core';
import type { ExportedAttributes } from './export-verified-attributes.js';
import type { ExportField, ExportMapping } from './mappings/export-mapping.js';
import { findExportMapping } from './mappings/export-mappings.js';

type Cell = string | number | boolean | undefined;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** ESR's date style, dd-Mon-yyyy (as its compliance exports write dates). */
function esrDate(value: string): string {
  const m = /^([0-9]{4})-([0-9]{2})-([0-9]{2})/.exec(value);
  return m ? `${m[3]}-${MONTHS[Number(m[2]) - 1] ?? m[2]}-${m[1]}` : value;
}

/** One step of a path: a member, or the first list item whose member has a value (`list[key=value]`). */
function step(value: unknown, segment: string): unknown {
  if (value === null || typeof value !== 'object') return undefined;
  const find = /^(\w+)\[(\w+)=([^\]]*)\]$/.exec(segment);
  if (find) {
    const list = (value as Record<string, unknown>)[find[1]!];
    return Array.isArray(list) ? list.find((item: unknown) => item !== null && typeof item === 'object' && String((item as Record<string, unknown>)[find[2]!]) === find[3]) : undefined;
  }
  return (value as Record<string, unknown>)[segment];
}

function read(value: unknown, path: string): unknown {
  return path === '' ? value : path.split('.').reduce(step, value);
}

function cell(value: unknown): Cell {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : undefined;
}

/** A field's value for one person: read, listed, coded and dated as the mapping says. */
function valueOf(person: ExportedAttributes, f: ExportField, mapping: ExportMapping, dateFormat: 'iso' | 'esr'): Cell {
  let value: Cell;
  const each = /^(.*?)(\w+)\[\](?:\.(.*))?$/.exec(f.from);
  if (each) {
    const list = read(person, `${each[1]!}${each[2]!}`);
    if (!Array.isArray(list)) return undefined;
    value = list
      .map((item: unknown) => (f.template ? f.template.replace(/\{([\w.]+)\}/g, (_m, p: string) => String(cell(read(item, p)) ?? '')) : String(cell(read(item, each[3] ?? '')) ?? '')))
      .join(f.join ?? '; ');
  } else value = cell(read(person, f.from));
  if (value !== undefined && f.codes) value = mapping.codeLists?.[f.codes]?.[String(value)] ?? value;
  if (f.date && typeof value === 'string') value = dateFormat === 'esr' ? esrDate(value) : value.slice(0, 10);
  return value;
}

/**
 * One CSV field: formula-injection safe (a cell starting with `=`, `+`, `-`, `@`, a tab or a
 * carriage return is prefixed with `'`, so a spreadsheet shows it as text, per OWASP's CSV
 * injection advice), then quoted per RFC 4180 section 2 when it holds a quote, a comma or a line
 * break (quotes doubled).
 */
function csvField(value: Cell): string {
  if (value === undefined) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** What {@link applyExportMapping} answers: the body and its media type. */
export interface MappedExport {
  mapping: ExportMapping;
  contentType: 'text/csv' | 'application/json';
  /** The file name's extension. */
  extension: 'csv' | 'json';
  body: string;
}

/** Options of {@link applyExportMapping}. */
export interface ApplyExportMappingOptions {
  /** Overrides the mapping's date format. */
  dateFormat?: 'iso' | 'esr';
}

/**
 * Writes verified attributes in the shape a named mapping gives: CSV (a header row of the field
 * names, one row per person, CRLF line ends and quoting per RFC 4180, cells safe from formula
 * injection; an empty cell: not disclosed or not presented), or JSON (one object per person, or
 * the attributes as they are for a mapping without fields).
 *
 * @example
 * const { body, contentType } = applyExportMapping('esr-e-recruitment', [result.attributes]);
 * @throws PassportError `ERR_REQUEST_INVALID` (field `mapping`) for a mapping that does not exist.
 */
export function applyExportMapping(mappingOrId: ExportMapping | string, people: readonly ExportedAttributes[], options: ApplyExportMappingOptions = {}): MappedExport {
  const mapping = typeof mappingOrId === 'string' ? findExportMapping(mappingOrId) : mappingOrId;
  if (!mapping) throw new PassportError('ERR_REQUEST_INVALID', `no export mapping ${String(mappingOrId)}`, { field: 'mapping' });
  const dateFormat = options.dateFormat ?? mapping.dateFormat;
  const fields = mapping.fields;
  if (mapping.format === 'json') {
    const objects = fields ? people.map((p) => Object.fromEntries(fields.map((f) => [f.name, valueOf(p, f, mapping, dateFormat) ?? null]))) : people;
    return { mapping, contentType: 'application/json', extension: 'json', body: JSON.stringify(objects.length === 1 ? objects[0] : objects) };
  }
  const columns = fields ?? [];
  const header = columns.map((f) => csvField(f.name)).join(',');
  const rows = people.map((p) => columns.map((f) => csvField(valueOf(p, f, mapping, dateFormat))).join(','));
  return { mapping, contentType: 'text/csv', extension: 'csv', body: `${[header, ...rows].join('\r\n')}\r\n` };
}
