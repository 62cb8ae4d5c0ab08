import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { PassportError } from '@staff-passport/core';
import type { JobKind } from '../job.js';
import type { MappedRow, RowEnvironment } from './bulk-row.js';
import { ASSIGNMENT_COLUMNS, TRAINING_COMPLIANCE_COLUMNS, type ExportColumn } from './esr-reference.js';
import { assignmentColumnOf, mapAssignmentRow } from './map-assignment-row.js';
import { mapJsonLine } from './map-json-line.js';
import { mapTrainingRow, trainingColumnOf } from './map-training-row.js';
import { readCsvRecords, type CsvRecord } from './read-csv-records.js';
import { readJsonLines } from './read-json-lines.js';
import { resolveColumns, type ResolvedColumns } from './resolve-columns.js';

/** A row of a bulk file, mapped. */
export type SourceRow = MappedRow & { row: number };

/** A bulk file opened for reading, its header checked. */
export interface BulkSource {
  /** The data rows in file order (header and blank lines left out), each mapped; read once. */
  rows: AsyncGenerator<SourceRow, void>;
  /**
   * The column a credential claim came from, for problems found by schema validation: `path` as
   * `prepareCredential` names it (`credential.credentialSubject.training.level`).
   */
  columnOf(path: string): string | null;
  /** Stops reading and closes the file (also done when `rows` ends). */
  close(): Promise<void>;
}

/** Where a bulk file is read from: a file, or its bytes in chunks (the upload store). */
export type BulkInput = string | AsyncIterable<Buffer>;

/** The text of a bulk file in chunks (UTF-8, a character split between chunks kept whole), and how to stop reading. */
function openText(input: BulkInput): { chunks: AsyncIterable<string>; stop(): void } {
  if (typeof input === 'string') {
    const stream = createReadStream(input, { encoding: 'utf8', highWaterMark: 256 * 1024 });
    return { chunks: stream as AsyncIterable<string>, stop: () => stream.destroy() };
  }
  const iterator = input[Symbol.asyncIterator]();
  async function* decode(): AsyncGenerator<string> {
    const decoder = new StringDecoder('utf8');
    for (;;) {
      const next = await iterator.next();
      if (next.done) break;
      yield decoder.write(next.value);
    }
    const rest = decoder.end();
    if (rest) yield rest;
  }
  return {
    chunks: decode(),
    stop: () => {
      iterator.return?.().catch(() => undefined);
    },
  };
}

const SUBJECT_PREFIX = 'credential.credentialSubject.';

function subjectPath(path: string): string | undefined {
  return path.startsWith(SUBJECT_PREFIX) ? path.slice(SUBJECT_PREFIX.length) : undefined;
}

async function openCsv<F extends string>(
  file: BulkInput,
  spec: Readonly<Record<F, ExportColumn>>,
  map: (cell: (field: F) => string, columns: ResolvedColumns<F>) => MappedRow,
  columnOfSubject: (columns: ResolvedColumns<F>, path: string) => string | null,
): Promise<BulkSource> {
  const stream = openText(file);
  const records = readCsvRecords(stream.chunks);
  const first = await records.next();
  if (first.done) {
    stream.stop();
    throw new PassportError('ERR_BULK_FILE_INVALID', 'the file is empty', { field: 'body' });
  }
  const header: CsvRecord = first.value;
  if (header.error) {
    await records.return(undefined);
    stream.stop();
    throw new PassportError('ERR_BULK_FILE_INVALID', `the header row cannot be read: ${header.error.message}`, { field: 'header' });
  }
  let columns: ResolvedColumns<F>;
  try {
    columns = resolveColumns(header.fields, spec);
  } catch (err: unknown) {
    await records.return(undefined);
    stream.stop();
    throw err;
  }
  async function* rows(): AsyncGenerator<SourceRow, void> {
    for await (const record of records) {
      if (record.error) {
        yield { row: record.row, issues: [{ column: null, code: record.error.code, message: record.error.message }] };
        continue;
      }
      const { fields } = record;
      if (fields.length < columns.width || fields.slice(columns.width).some((f) => f.trim() !== '')) {
        yield { row: record.row, issues: [{ column: null, code: 'column_count', message: `has ${fields.length} fields; the header has ${columns.width}` }] };
        continue;
      }
      const cell = (field: F): string => {
        const at = columns.index[field];
        return at === undefined ? '' : (fields[at] ?? '').trim();
      };
      yield { row: record.row, ...map(cell, columns) };
    }
  }
  const mapped = rows();
  return {
    rows: mapped,
    columnOf: (path) => {
      const sub = subjectPath(path);
      return sub === undefined ? null : columnOfSubject(columns, sub);
    },
    close: async () => {
      await mapped.return(undefined);
      await records.return(undefined);
      stream.stop();
    },
  };
}

/**
 * Opens an uploaded bulk file of a kind (a file, or the upload store's chunks): reads and checks the header of a CSV export (its columns
 * found by name, in any order and case), and maps each row as it is read, so the file is streamed
 * and never held in memory.
 *
 * @throws PassportError `ERR_BULK_FILE_INVALID` (empty file, unreadable header, a required column missing, named in `field`).
 */
export async function openBulkSource(kind: JobKind, file: BulkInput, env: RowEnvironment): Promise<BulkSource> {
  switch (kind) {
    case 'training-compliance':
      return openCsv(file, TRAINING_COMPLIANCE_COLUMNS, (cell, columns) => mapTrainingRow(cell, columns, env), trainingColumnOf);
    case 'assignment':
      return openCsv(file, ASSIGNMENT_COLUMNS, (cell, columns) => mapAssignmentRow(cell, columns, env), assignmentColumnOf);
    case 'jsonl': {
      const stream = openText(file);
      const lines = readJsonLines(stream.chunks);
      async function* rows(): AsyncGenerator<SourceRow, void> {
        for await (const line of lines) {
          if (line.error) yield { row: line.row, issues: [{ column: null, code: line.error.code, message: line.error.message }] };
          else yield { row: line.row, ...mapJsonLine(line.value, env) };
        }
      }
      const mapped = rows();
      return {
        rows: mapped,
        columnOf: (path) => path,
        close: async () => {
          await mapped.return(undefined);
          await lines.return(undefined);
          stream.stop();
        },
      };
    }
  }
}
