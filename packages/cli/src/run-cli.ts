import { COMMANDS } from './command-table.js';
import { CliError } from './lib/cli-error.js';
import { closestWord } from './lib/closest-word.js';
import { formatCommandHelp, formatGroupHelp, formatOverview, usageLine } from './lib/format-help.js';
import { EXIT, err, out } from './lib/output.js';
import { parseCommandLine } from './lib/parse-command-line.js';
import type { CommandSpec } from './lib/command-spec.js';

const FOOTER = `Configuration comes from the environment (staff-passport start --help lists it). Admin commands
(org, api-key, admin-key, audit) work on the issuer's database in DATA_DIR with PASSPORT_SECRET_KEY,
or with --demo on the demo's that \`pnpm start\` made.`;

const HELP_WORDS = new Set(['--help', '-h', 'help']);

interface Found {
  spec?: CommandSpec;
  /** The commands of a group (`trust`) when only the group's name was given. */
  group?: { name: string; commands: CommandSpec[] };
  rest: readonly string[];
}

/** The command the first words name, or the group they start, or neither. */
function findCommand(argv: readonly string[]): Found {
  const [first, second] = argv;
  const single = COMMANDS.find((c) => c.path.length === 1 && c.path[0] === first);
  if (single) return { spec: single, rest: argv.slice(1) };
  const inGroup = COMMANDS.filter((c) => c.path.length === 2 && c.path[0] === first);
  if (inGroup.length === 0) return { rest: argv };
  const spec = inGroup.find((c) => c.path[1] === second);
  return spec ? { spec, rest: argv.slice(2) } : { group: { name: first!, commands: inGroup }, rest: argv.slice(1) };
}

/** The names a misspelt command may have meant: `start`, `org`, `org create`... */
function commandNames(): string[] {
  return [...new Set(COMMANDS.flatMap((c) => [c.path[0]!, c.path.join(' ')]))];
}

function unknownCommand(words: string): CliError {
  if (words.startsWith('-')) return new CliError('ERR_COMMAND_UNKNOWN', `${words} is an option: the command comes first (staff-passport <command> ${words})`, EXIT.usage);
  const guess = closestWord(words, commandNames());
  return new CliError('ERR_COMMAND_UNKNOWN', `unknown command '${words}'${guess ? ` (did you mean '${guess}'?)` : ''}`, EXIT.usage);
}

/** A PassportError (or any error with a code) the user can act on: its exit code. */
function exitCodeOf(code: string): number {
  if (code === 'ERR_CONFIG_INVALID') return EXIT.config;
  if (code === 'ERR_TRUST_REGISTRY_UNAVAILABLE' || code.startsWith('ERR_DID_WEB_') || code === 'ERR_OIDC_PROVIDER_UNAVAILABLE') return EXIT.unavailable;
  return EXIT.dataErr;
}

/** Prints a failure as one line with its code; only an unexpected one (a bug) shows a stack. */
async function report(e: unknown, spec: CommandSpec | undefined): Promise<number> {
  const where = spec ? `staff-passport ${spec.path.join(' ')}` : 'staff-passport';
  if (e instanceof CliError) {
    err(`${where}: ${e.code}: ${e.message}`);
    if (e.exitCode === EXIT.usage && spec) err(`usage: ${usageLine(spec)}\n(${where} --help for more)`);
    else if (e.exitCode === EXIT.usage) err('(staff-passport --help lists the commands)');
    return e.exitCode;
  }
  // A PassportError (from core, the issuer or the verifier) is about what the user gave: a file,
  // an id, a value. Anything else is a bug. Core is loaded here, on the way out, not at start.
  const { PassportError } = await import('@staff-passport/core');
  if (e instanceof PassportError) {
    const hint = e.code === 'ERR_CONFIG_INVALID' && spec && 'demo' in spec.options ? '; add --demo to use the demo\'s data' : '';
    err(`${where}: ${e.code}: ${e.message}${hint}`);
    for (const i of e.issues) err(`  ${i.path}: ${i.message}`);
    return exitCodeOf(e.code);
  }
  err(`${where}: unexpected error (a bug; please report it): ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  return EXIT.software;
}

/**
 * Runs the `staff-passport` command with its arguments and returns the exit code: 0 done (and
 * `--help` anywhere), 1 a check failed, 64 a usage error naming the option or command, 65 bad
 * input data, 66 an input file that cannot be opened, 69 a service unreachable, 70 a bug,
 * 78 configuration.
 *
 * @example
 * process.exitCode = await runCli(process.argv.slice(2));
 */
export async function runCli(argv: readonly string[]): Promise<number> {
  if (argv.length === 0 || HELP_WORDS.has(argv[0]!)) {
    // `staff-passport help org create` is `staff-passport org create --help`.
    const topic = argv.slice(1);
    if (topic.length > 0) return runCli([...topic, '--help']);
    out(formatOverview(COMMANDS, FOOTER));
    return EXIT.ok;
  }
  const { spec, group, rest } = findCommand(argv);
  try {
    if (!spec && group) {
      const [word] = rest;
      if (word === undefined || HELP_WORDS.has(word)) {
        (word === undefined ? err : out)(formatGroupHelp(group.name, group.commands));
        return word === undefined ? EXIT.usage : EXIT.ok;
      }
      throw unknownCommand(`${group.name} ${word}`);
    }
    if (!spec) throw unknownCommand(argv[0]!);
    const parsed = parseCommandLine(spec, rest);
    if (parsed.help) {
      out(formatCommandHelp(spec));
      return EXIT.ok;
    }
    return await spec.run(parsed);
  } catch (e: unknown) {
    return await report(e, spec);
  }
}
