/** The CLI's output: what a person reads goes to stdout, problems to stderr. */
export function out(text = ''): void {
  process.stdout.write(`${text}\n`);
}

export function err(text: string): void {
  process.stderr.write(`${text}\n`);
}

/**
 * Exit codes (sysexits.h): 64 usage (an unknown, misspelt or missing option), 65 bad input data,
 * 66 an input file that cannot be opened, 69 a service unavailable, 70 internal, 78 configuration.
 */
export const EXIT = { ok: 0, failed: 1, usage: 64, dataErr: 65, noInput: 66, unavailable: 69, software: 70, config: 78 } as const;
