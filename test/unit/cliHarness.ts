/** Runs the CLI in-process the way the CLI tests need it: exit code plus everything written to stdout and stderr. */
import { runCli } from '../../src/cli/main';

export async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (t) => (out += t), err: (t) => (err += t), isTTY: false });
  return { code, out, err };
}
