/** Where the CLI writes: real stdout/stderr in use, captured strings in tests. */
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  /** Working directory relative paths are resolved against. */
  cwd: string;
}

/** What is written for one call of out/err: the text as one or more whole lines. */
export const asLine = (t: string): string => (t.endsWith('\n') ? t : `${t}\n`);

export const processIO: CliIO = {
  out: (t) => process.stdout.write(asLine(t)),
  err: (t) => process.stderr.write(asLine(t)),
  cwd: process.cwd(),
};

/** Exit codes. */
export const EXIT = {
  ok: 0,
  /** `check`: at least one open error finding. */
  findings: 1,
  /** A file could not be read or written, or the command line was wrong. */
  failure: 2,
} as const;
