/**
 * The streaming CSV reader against RFC 4180 section 2 (quoted fields, doubled quotes, CRLF, line
 * breaks inside quotes), fed whole and one character at a time (a record split across chunks).
 */
import { describe, expect, it } from '@jest/globals';
import { readCsvRecords, type CsvRecord } from '../../../src/jobs/lib/read-csv-records.js';
import { readJsonLines, type JsonLine } from '../../../src/jobs/lib/read-json-lines.js';

async function* chunksOf(text: string, size: number): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

async function read(text: string, size = text.length || 1, maxRecordChars?: number): Promise<CsvRecord[]> {
  const out: CsvRecord[] = [];
  for await (const r of readCsvRecords(chunksOf(text, size), maxRecordChars === undefined ? {} : { maxRecordChars })) out.push(r);
  return out;
}

async function lines(text: string, size = text.length || 1, maxLineChars?: number): Promise<JsonLine[]> {
  const out: JsonLine[] = [];
  for await (const l of readJsonLines(chunksOf(text, size), maxLineChars === undefined ? {} : { maxLineChars })) out.push(l);
  return out;
}

describe('readCsvRecords (RFC 4180)', () => {
  const sample = '\uFEFFname,note\r\n"Smith, Jo","said ""hi"""\r\n"multi\r\nline",x\nplain,"",\n';

  it.each([1, 2, 3, 7, 1000])('reads quoted fields, doubled quotes, CRLF and LF, line breaks in quotes and a BOM (chunks of %i)', async (size) => {
    const records = await read(sample, size);
    expect(records.map((r) => r.fields)).toEqual([
      ['name', 'note'],
      ['Smith, Jo', 'said "hi"'],
      ['multi\r\nline', 'x'],
      ['plain', '', ''],
    ]);
    // Rows as a spreadsheet numbers them: a record with a line break inside is still one row.
    expect(records.map((r) => r.row)).toEqual([1, 2, 3, 4]);
    expect(records.every((r) => r.error === undefined)).toBe(true);
  });

  it('counts blank lines as rows but does not yield them; the last record needs no line break', async () => {
    const records = await read('a,b\n\n1,2\r\n\r\n3,4');
    expect(records.map((r) => [r.row, r.fields])).toEqual([
      [1, ['a', 'b']],
      [3, ['1', '2']],
      [5, ['3', '4']],
    ]);
  });

  it('reports bad quoting on its row and reads on from the next line', async () => {
    const records = await read('a,b\nab"c,1\n"ab"c,2\nok,3\n"never closed,4\nx,5\n');
    expect(records.map((r) => [r.row, r.error?.code ?? 'ok'])).toEqual([
      [1, 'ok'],
      [2, 'csv_quote'],
      [3, 'csv_quote'],
      [4, 'ok'],
      [5, 'csv_quote'],
    ]);
    expect(records[3]!.fields).toEqual(['ok', '3']);
  });

  it('refuses a record longer than the limit without holding it', async () => {
    const records = await read(`a,b\n"${'x'.repeat(500)}",1\nc,d\n`, 16, 100);
    expect(records.map((r) => r.error?.code ?? 'ok')).toEqual(['ok', 'record_too_long', 'ok']);
    expect(records[2]!.fields).toEqual(['c', 'd']);
  });

  it('reads nothing from an empty file', async () => {
    expect(await read('')).toEqual([]);
    expect(await read('\r\n\n')).toEqual([]);
  });
});

describe('readJsonLines', () => {
  it.each([1, 5, 1000])('parses each line, counts blank lines, reports bad JSON on its line (chunks of %i)', async (size) => {
    const result = await lines('\uFEFF{"a":1}\r\n\n[2]\nnot json\n"x"', size);
    expect(result.map((l) => [l.row, l.error?.code ?? l.value])).toEqual([
      [1, { a: 1 }],
      [3, [2]],
      [4, 'json_malformed'],
      [5, 'x'],
    ]);
  });

  it('refuses a line longer than the limit and reads on', async () => {
    const result = await lines(`{"a":"${'x'.repeat(300)}"}\n{"b":2}\n`, 7, 100);
    expect(result.map((l) => l.error?.code ?? 'ok')).toEqual(['line_too_long', 'ok']);
  });
});
