/** One line of a JSON lines file (line 1 is the first), parsed. */
export interface JsonLine {
  row: number;
  value?: unknown;
  error?: { code: 'json_malformed' | 'line_too_long'; message: string };
}

/** Options for {@link readJsonLines}. */
export interface ReadJsonLinesOptions {
  /** The most characters one line may hold (default 1 MiB, as the issue API's body limit). */
  maxLineChars?: number;
}

/**
 * Reads JSON lines (one JSON value per line, LF or CRLF) from text chunks as they arrive, holding
 * one line at a time; blank lines are counted but not yielded. A line that is not JSON, or is too
 * long, is yielded with an error and reading goes on.
 *
 * @example
 * for await (const line of readJsonLines(createReadStream(file, { encoding: 'utf8' }))) lines.push(line);
 */
export async function* readJsonLines(chunks: AsyncIterable<string | Buffer>, options: ReadJsonLinesOptions = {}): AsyncGenerator<JsonLine> {
  const maxChars = options.maxLineChars ?? 1024 * 1024;
  let row = 1;
  let pending = '';
  let tooLong = false;
  let first = true;

  const finish = (text: string): JsonLine | undefined => {
    const line = text.endsWith('\r') ? text.slice(0, -1) : text;
    const current = row;
    row += 1;
    if (tooLong || line.length > maxChars) {
      tooLong = false;
      return { row: current, error: { code: 'line_too_long', message: `the line is longer than ${maxChars} characters` } };
    }
    if (line.trim() === '') return undefined;
    try {
      return { row: current, value: JSON.parse(line) as unknown };
    } catch {
      return { row: current, error: { code: 'json_malformed', message: 'the line is not valid JSON' } };
    }
  };

  for await (const chunk of chunks) {
    let text = typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    if (first) {
      first = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    let start = 0;
    for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
      const line = finish(tooLong ? '' : pending + text.slice(start, end));
      pending = '';
      start = end + 1;
      if (line) yield line;
    }
    if (!tooLong) {
      pending += text.slice(start);
      if (pending.length > maxChars) {
        tooLong = true;
        pending = '';
      }
    }
  }
  if (pending !== '' || tooLong) {
    const line = finish(pending);
    if (line) yield line;
  }
}
