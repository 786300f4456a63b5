/** A small argument parser: positionals, `--flag`, `--opt value` and `--opt=value`. */

export interface ParsedArgs {
  positionals: string[];
  options: Record<string, string>;
  flags: Set<string>;
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export function parseArgs(argv: string[], valueOptions: string[], flagOptions: string[]): ParsedArgs {
  const positionals: string[] = [];
  const options: Record<string, string> = {};
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--') || (a.startsWith('-') && a.length === 2 && a !== '-')) {
      const eq = a.indexOf('=');
      const name = (eq >= 0 ? a.slice(0, eq) : a).replace(/^--?/, '');
      const canonical = name === 'h' ? 'help' : name === 'o' ? 'out' : name;
      if (valueOptions.includes(canonical)) {
        const v = eq >= 0 ? a.slice(eq + 1) : argv[++i];
        if (v === undefined || v === '') throw new UsageError(`选项 --${canonical} 需要一个值（option --${canonical} needs a value）。`);
        options[canonical] = v;
      } else if (flagOptions.includes(canonical)) {
        flags.add(canonical);
      } else {
        throw new UsageError(`不认识的选项 ${a}（unknown option）。`);
      }
      continue;
    }
    positionals.push(a);
  }
  return { positionals, options, flags };
}
