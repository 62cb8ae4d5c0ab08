/** Parsed command line: positional words and `--name value` / `--flag` options. */
export interface ParsedArgs {
  positionals: string[];
  options: Record<string, string | true>;
}

/** A small, strict argument parser (no dependency for a handful of options). */
export function parseArgs(argv: readonly string[]): ParsedArgs {
  const positionals: string[] = [];
  const options: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg.startsWith('--')) {
      const [name, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
      const next = argv[i + 1];
      if (inline !== undefined) options[name] = inline;
      else if (next !== undefined && !next.startsWith('--')) {
        options[name] = next;
        i++;
      } else options[name] = true;
    } else positionals.push(arg);
  }
  return { positionals, options };
}
