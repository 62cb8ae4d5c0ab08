import type { ErrorCode } from '@staff-passport/core';

/**
 * The CLI's own codes. They describe a command line or a file named on it, never an HTTP request,
 * so they live here rather than in core's code-to-status table.
 */
export type CliErrorCode =
  | 'ERR_COMMAND_UNKNOWN'
  | 'ERR_OPTION_UNKNOWN'
  | 'ERR_OPTION_MISSING'
  | 'ERR_OPTION_VALUE'
  | 'ERR_ARGUMENT_MISSING'
  | 'ERR_ARGUMENT_UNEXPECTED'
  | 'ERR_FILE_NOT_FOUND'
  | 'ERR_FILE_UNREADABLE'
  | 'ERR_FILE_INVALID'
  | 'ERR_FILE_EXISTS'
  | 'ERR_ENTRY_NOT_FOUND';

/**
 * A mistake the person at the terminal can fix: printed as one line `CODE: message` (a usage
 * error adds the command's usage), never with a stack, and ending the command with `exitCode`.
 *
 * @example
 * throw new CliError('ERR_FILE_NOT_FOUND', 'cannot read vc.json: no such file', EXIT.noInput);
 */
export class CliError extends Error {
  readonly code: CliErrorCode | ErrorCode;
  readonly exitCode: number;

  constructor(code: CliErrorCode | ErrorCode, message: string, exitCode: number, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.exitCode = exitCode;
  }
}
