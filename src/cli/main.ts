/** `skyhaul <command> [args]`: the headless side of Skyhaul over the same core as the app. */
import { type CliIO, UsageError } from './command';
import { COMMANDS } from './commands';
import { terminalSafe } from './terminalText';

export async function runCli(argv: string[], rawIo: CliIO): Promise<number> {
  // Every line printed may carry names from user files: control characters are shown, never obeyed.
  const io: CliIO = {
    out: (t) => rawIo.out(terminalSafe(t)),
    err: (t) => rawIo.err(terminalSafe(t, true)),
    isTTY: rawIo.isTTY,
  };
  const [name, ...args] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    const which = COMMANDS.find((c) => c.name === args[0]);
    if (which) {
      io.out(`${which.summary}\n\nusage: ${which.usage}\n`);
      return 0;
    }
    io.out('usage: skyhaul <command> [options]\n\ncommands:\n');
    for (const c of COMMANDS) io.out(`  ${c.name.padEnd(10)} ${c.summary}\n`);
    io.out('\nskyhaul help <command> shows its options.\n');
    return name ? 0 : 2;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err(`unknown command "${name}"; commands: ${COMMANDS.map((c) => c.name).join(', ')}\n`);
    return 2;
  }
  try {
    return await command.run(args, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`${e.message}\nusage: ${command.usage}\n`);
      return 2;
    }
    throw e;
  }
}

const isEntry = process.argv[1] && /(^|[\\/])main\.ts$/.test(process.argv[1]);
if (isEntry || process.env.SKYHAUL_CLI === '1') {
  // A closed pipe (`skyhaul ... | head`) is the reader saying "enough", not an error.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(0);
      throw e;
    });
  }
  const io: CliIO = {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    isTTY: Boolean(process.stderr.isTTY),
  };
  runCli(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(terminalSafe(`internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`));
      process.exitCode = 3;
    },
  );
}
