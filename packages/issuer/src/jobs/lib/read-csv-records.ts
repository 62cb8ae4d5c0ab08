/** One record of a CSV file, numbered as a spreadsheet numbers its rows (the header is row 1). */
export interface CsvRecord {
  row: number;
  fields: string[];
  /** Set when the record could not be read as RFC 4180 CSV; `fields` then holds what was read. */
  error?: { code: 'csv_quote' | 'record_too_long'; message: string };
}

/** Options for {@link readCsvRecords}. */
export interface ReadCsvOptions {
  /** The most characters one record may hold (default 1 MiB): a longer one is an error, and memory stays bounded. */
  maxRecordChars?: number;
}

const State = {
  FieldStart: 0,
  Unquoted: 1,
  Quoted: 2,
  QuoteInQuoted: 3,
  /** After an error: everything up to the next line break belongs to the broken record. */
  Skip: 4,
} as const;
type State = (typeof State)[keyof typeof State];

const UNQUOTED_SPECIAL = /[,"\r\n]/g;

/**
 * Reads CSV records from text chunks as they arrive, never holding more than one record: RFC 4180
 * (fields separated by commas, optionally enclosed in double quotes; a quote inside a quoted field
 * written twice; quoted fields may hold commas and line breaks; records end with CRLF or LF), a
 * leading byte order mark dropped. Blank lines are counted as rows but not yielded, so row numbers
 * match what a spreadsheet shows. A record broken by bad quoting is yielded with an error and
 * reading goes on at the next line.
 *
 * @example
 * for await (const record of readCsvRecords(createReadStream(file, { encoding: 'utf8' }))) rows.push(record);
 */
export async function* readCsvRecords(chunks: AsyncIterable<string | Buffer>, options: ReadCsvOptions = {}): AsyncGenerator<CsvRecord> {
  const maxChars = options.maxRecordChars ?? 1024 * 1024;
  let state = State.FieldStart as State;
  let fields: string[] = [];
  let field = '';
  let recordChars = 0;
  let row = 1;
  let first = true;
  // A CR ended the last record: an LF straight after it belongs to the same line break.
  let afterCr = false;
  let error: CsvRecord['error'];

  const endRecord = (): CsvRecord | undefined => {
    fields.push(field);
    const record: CsvRecord = { row, fields, ...(error ? { error } : {}) };
    row += 1;
    fields = [];
    field = '';
    recordChars = 0;
    error = undefined;
    state = State.FieldStart;
    const blank = !record.error && record.fields.length === 1 && record.fields[0] === '';
    return blank ? undefined : record;
  };
  const fail = (code: 'csv_quote' | 'record_too_long', message: string): void => {
    error ??= { code, message };
    state = State.Skip;
  };

  for await (const chunk of chunks) {
    let text = typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    if (first) {
      first = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    let i = 0;
    const n = text.length;
    while (i < n) {
      if (afterCr) {
        afterCr = false;
        if (text.charCodeAt(i) === 10) {
          i += 1;
          continue;
        }
      }
      const c = text[i]!;
      switch (state) {
        case State.FieldStart:
          if (c === '"') {
            state = State.Quoted;
            i += 1;
          } else if (c === ',') {
            fields.push(field);
            field = '';
            i += 1;
          } else if (c === '\r' || c === '\n') {
            afterCr = c === '\r';
            i += 1;
            const record = endRecord();
            if (record) yield record;
          } else state = State.Unquoted;
          break;
        case State.Unquoted: {
          UNQUOTED_SPECIAL.lastIndex = i;
          const match = UNQUOTED_SPECIAL.exec(text);
          const end = match ? match.index : n;
          field += text.slice(i, end);
          recordChars += end - i;
          i = end;
          if (!match) break;
          if (match[0] === '"') {
            fail('csv_quote', 'a double quote inside a field that does not start with one (enclose the field in quotes and write the quote twice)');
          } else if (match[0] === ',') {
            fields.push(field);
            field = '';
            state = State.FieldStart;
            i += 1;
          } else {
            afterCr = match[0] === '\r';
            i += 1;
            const record = endRecord();
            if (record) yield record;
          }
          break;
        }
        case State.Quoted: {
          const quote = text.indexOf('"', i);
          const end = quote === -1 ? n : quote;
          field += text.slice(i, end);
          recordChars += end - i;
          i = end;
          if (quote !== -1) {
            state = State.QuoteInQuoted;
            i += 1;
          }
          break;
        }
        case State.QuoteInQuoted:
          if (c === '"') {
            field += '"';
            state = State.Quoted;
            i += 1;
          } else if (c === ',') {
            fields.push(field);
            field = '';
            state = State.FieldStart;
            i += 1;
          } else if (c === '\r' || c === '\n') {
            afterCr = c === '\r';
            i += 1;
            const record = endRecord();
            if (record) yield record;
          } else {
            fail('csv_quote', 'text after the closing quote of a field (a quote inside a quoted field must be written twice)');
          }
          break;
        case State.Skip: {
          let end = i;
          while (end < n && text[end] !== '\n' && text[end] !== '\r') end += 1;
          i = end;
          if (end < n) {
            afterCr = text[end] === '\r';
            i += 1;
            const record = endRecord();
            if (record) yield record;
          }
          break;
        }
      }
      if (recordChars > maxChars && state !== State.Skip) {
        field = '';
        fail('record_too_long', `the record is longer than ${maxChars} characters`);
      }
    }
  }
  if (state === State.Quoted) {
    error ??= { code: 'csv_quote', message: 'a quoted field is not closed before the end of the file' };
  }
  if (state !== State.FieldStart || fields.length > 0 || field !== '' || error) {
    const record = endRecord();
    if (record) yield record;
  }
}
