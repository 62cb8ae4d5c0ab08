import type { ErrorCode } from './error-codes.js';

/** One problem with a named field of a request or document. */
export interface FieldIssue {
  /** Dotted path, for example `credential.credentialSubject.training.level`. */
  path: string;
  code: string;
  message: string;
}

/** Options for {@link PassportError}. */
export interface PassportErrorOptions {
  /** The field the error is about (dotted path), when there is one. */
  field?: string;
  /** Every problem found, when there are several. */
  issues?: FieldIssue[];
  cause?: unknown;
}

/**
 * The base of every error the staff passport throws, with a stable `code`.
 *
 * @example
 * throw new PassportError('ERR_ORG_NOT_FOUND', 'No organisation with that id', { field: 'orgId' });
 */
export class PassportError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;
  readonly issues: FieldIssue[];

  constructor(code: ErrorCode, message: string, options: PassportErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.field = options.field;
    this.issues = options.issues ?? [];
  }
}
