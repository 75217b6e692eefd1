/** The shape every CLI command has; src/cli/commands/index.ts lists them. */
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  /** Whether stderr is a terminal (progress bars redraw in place only then). */
  isTTY: boolean;
}

export interface Command {
  name: string;
  /** One line for `skyhaul help`. */
  summary: string;
  /** Usage line(s) shown by `skyhaul help <name>` and on a usage error. */
  usage: string;
  /** Returns the process exit code: 0 ok, 1 the input has problems, 2 usage error. */
  run(args: string[], io: CliIO): Promise<number>;
}

/** Thrown by argument parsing; main prints it with the command's usage and exits 2. */
export class UsageError extends Error {}
