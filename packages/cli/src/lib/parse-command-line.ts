import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliError } from './cli-error.js';
import { closestWord } from './closest-word.js';
import { EXIT } from './output.js';
import type { CommandInput, CommandSpec } from './command-spec.js';

/** What the words after a command asked for: to run it, or its help. */
export type ParsedCommandLine = { help: true } | ({ help: false } & CommandInput);

/** Node's parseArgs errors (not tested with instanceof: they may come from another realm). */
interface ParseError {
  code: string;
  message: string;
}

function optionName(e: ParseError): string | undefined {
  return /option '(-{1,2}[^' <]+)/i.exec(e.message)?.[1];
}

function unknownOption(spec: CommandSpec, e: ParseError): CliError {
  const name = optionName(e) ?? '';
  const guess = name.startsWith('--') ? closestWord(name.slice(2), [...Object.keys(spec.options), 'help']) : undefined;
  return new CliError('ERR_OPTION_UNKNOWN', `unknown option ${name || e.message.split('.')[0]}${guess ? ` (did you mean --${guess}?)` : ''}`, EXIT.usage);
}

function badValue(spec: CommandSpec, e: ParseError): CliError {
  const name = optionName(e);
  const option = name?.startsWith('--') ? spec.options[name.slice(2)] : undefined;
  if (name && option?.type === 'boolean') return new CliError('ERR_OPTION_VALUE', `${name} is a flag and takes no value`, EXIT.usage);
  if (name && option) {
    const dash = /ambiguous/.test(e.message) ? `; for one starting with a dash write ${name}=-${option.value ?? 'VALUE'}` : '';
    return new CliError('ERR_OPTION_VALUE', `${name} needs a value (${option.value ?? 'VALUE'})${dash}`, EXIT.usage);
  }
  return new CliError('ERR_OPTION_VALUE', e.message.split('\n')[0]!, EXIT.usage);
}

/**
 * Reads the words after a command's name with `node:util` `parseArgs` in strict mode: an unknown
 * or misspelt option, an option without its value, a missing required option or argument, a value
 * outside the allowed ones and an extra argument are each a `CliError` naming it (exit 64).
 *
 * @throws CliError `ERR_OPTION_UNKNOWN`, `ERR_OPTION_VALUE`, `ERR_OPTION_MISSING`,
 *   `ERR_ARGUMENT_MISSING`, `ERR_ARGUMENT_UNEXPECTED`.
 */
export function parseCommandLine(spec: CommandSpec, argv: readonly string[]): ParsedCommandLine {
  const options: NonNullable<ParseArgsConfig['options']> = { help: { type: 'boolean', short: 'h' } };
  for (const [name, option] of Object.entries(spec.options)) options[name] = { type: option.type };
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options, strict: true, allowPositionals: true });
  } catch (e: unknown) {
    const error = { code: String((e as { code?: unknown } | null)?.code), message: String((e as { message?: unknown } | null)?.message) };
    if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw unknownOption(spec, error);
    if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') throw badValue(spec, error);
    throw e;
  }
  if (parsed.values['help'] === true) return { help: true };

  const args = parsed.positionals;
  const expected = spec.args ?? [];
  const missingArgs = expected.filter((a, i) => a.required && args[i] === undefined).map((a) => a.name);
  if (missingArgs.length > 0) throw new CliError('ERR_ARGUMENT_MISSING', `missing ${missingArgs.join(', ')}`, EXIT.usage);
  if (args.length > expected.length) throw new CliError('ERR_ARGUMENT_UNEXPECTED', `unexpected argument '${args[expected.length]!}'`, EXIT.usage);

  const values: CommandInput['options'] = {};
  for (const [name, value] of Object.entries(parsed.values)) {
    if (typeof value === 'string' || value === true) values[name] = value;
  }
  const missing = Object.entries(spec.options)
    .filter(([name, o]) => o.required && (values[name] === undefined || values[name] === ''))
    .map(([name]) => `--${name}`);
  if (missing.length > 0) throw new CliError('ERR_OPTION_MISSING', `missing ${missing.join(', ')}`, EXIT.usage);
  for (const [name, o] of Object.entries(spec.options)) {
    const value = values[name];
    if (o.choices && typeof value === 'string' && !o.choices.includes(value)) {
      throw new CliError('ERR_OPTION_VALUE', `--${name} must be one of ${o.choices.join(', ')}, not '${value}'`, EXIT.usage);
    }
  }
  return { help: false, args, options: values };
}
