/** Options as a command receives them: `--name value` as a string, a flag as `true`. */
export type CommandOptions = Record<string, string | true>;

/** One option of a command, as `node:util` `parseArgs` reads it and the help shows it. */
export interface OptionSpec {
  type: 'string' | 'boolean';
  /** The value's placeholder in the usage line (`NAME`, `FILE`). */
  value?: string;
  description: string;
  required?: boolean;
  choices?: readonly string[];
}

/** A positional argument (`FILE`). */
export interface ArgumentSpec {
  name: string;
  required: boolean;
}

/** What a command's `run` is given once its command line was checked. */
export interface CommandInput {
  args: string[];
  options: CommandOptions;
}

/**
 * One command of `staff-passport`: its words, help and options, and how to run it. `run` imports
 * the command's module only when called, so that help and usage errors load nothing heavy.
 */
export interface CommandSpec {
  /** The command's words: `['org', 'create']`. */
  path: readonly string[];
  summary: string;
  /** More help, shown by `--help` below the options. */
  details?: string;
  args?: readonly ArgumentSpec[];
  options: Record<string, OptionSpec>;
  run(input: CommandInput): Promise<number>;
}
