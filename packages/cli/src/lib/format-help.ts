import type { CommandSpec, OptionSpec } from './command-spec.js';

function optionWords(name: string, option: OptionSpec): string {
  return option.type === 'boolean' ? `--${name}` : `--${name} ${option.value ?? 'VALUE'}`;
}

/** `staff-passport org create --name NAME --ods CODE [--demo]`: required options first. */
export function usageLine(spec: CommandSpec): string {
  const args = (spec.args ?? []).map((a) => (a.required ? a.name : `[${a.name}]`));
  const options = Object.entries(spec.options);
  const required = options.filter(([, o]) => o.required).map(([n, o]) => optionWords(n, o));
  const optional = options.filter(([, o]) => !o.required).map(([n, o]) => `[${optionWords(n, o)}]`);
  return ['staff-passport', ...spec.path, ...args, ...required, ...optional].join(' ');
}

/** What `staff-passport <command> --help` prints. */
export function formatCommandHelp(spec: CommandSpec): string {
  const lines = [`usage: ${usageLine(spec)}`, '', `  ${spec.summary}`];
  const options = Object.entries(spec.options);
  if (options.length > 0) {
    lines.push('', 'Options:');
    const width = Math.max(...options.map(([n, o]) => optionWords(n, o).length), 10);
    for (const [name, option] of options) {
      const extra = [option.required ? '(required)' : '', option.choices ? `(one of ${option.choices.join(', ')})` : ''].filter(Boolean).join(' ');
      lines.push(`  ${optionWords(name, option).padEnd(width)}  ${option.description}${extra ? ` ${extra}` : ''}`);
    }
  }
  lines.push(`  ${'--help, -h'.padEnd(Math.max(...options.map(([n, o]) => optionWords(n, o).length), 10))}  show this help`);
  if (spec.details) lines.push('', spec.details);
  return lines.join('\n');
}

function commandList(commands: readonly CommandSpec[], skip: number): string[] {
  const names = commands.map((c) => [...c.path.slice(skip), ...(c.args ?? []).map((a) => (a.required ? a.name : `[${a.name}]`))].join(' '));
  const width = Math.max(...names.map((n) => n.length));
  return commands.map((c, i) => `  ${names[i]!.padEnd(width)}  ${c.summary}`);
}

/** What `staff-passport trust --help` prints: the commands of one group. */
export function formatGroupHelp(group: string, commands: readonly CommandSpec[]): string {
  return [`staff-passport ${group} <command>`, '', ...commandList(commands, 1), '', `Each takes --help: staff-passport ${group} <command> --help.`].join('\n');
}

/** What `staff-passport --help` prints: every command. */
export function formatOverview(commands: readonly CommandSpec[], footer: string): string {
  return ['staff-passport <command> [options]', '', ...commandList(commands, 0), '', 'Each command takes --help (staff-passport org create --help).', '', footer].join('\n');
}
