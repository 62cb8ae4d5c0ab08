import { readFileSync } from 'node:fs';
import { CliError } from './cli-error.js';
import { EXIT } from './output.js';

/**
 * Reads a file named on the command line as text.
 *
 * @throws CliError `ERR_FILE_NOT_FOUND` (exit 66) when there is no such file,
 *   `ERR_FILE_UNREADABLE` (exit 66) when it is a folder or cannot be read.
 */
export function readInputFile(file: string, what = 'file'): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (cause: unknown) {
    const code = (cause as NodeJS.ErrnoException | null)?.code;
    if (code === 'ENOENT') throw new CliError('ERR_FILE_NOT_FOUND', `no such ${what}: ${file}`, EXIT.noInput, { cause });
    const reason = code === 'EISDIR' ? 'it is a folder' : code === 'EACCES' ? 'permission denied' : (code ?? 'unreadable');
    throw new CliError('ERR_FILE_UNREADABLE', `cannot read ${what} ${file}: ${reason}`, EXIT.noInput, { cause });
  }
}
