/**
 * Every file the CLI writes goes through here: the text is written to a temporary file in the target's
 * folder, flushed to disk, then renamed over the target. A kill, a full disk or any other failure leaves
 * either the old file whole or the new one whole, never a truncated or empty one.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { CliIO } from './command';

let counter = 0;

/** Write `data` to `path` atomically (same folder, so the rename never crosses file systems). Throws on failure. */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now().toString(36)}.${counter++}.tmp`);
  let fd: number | undefined;
  try {
    // 'wx': never follow or reuse something already at the temporary name.
    fd = openSync(tmp, 'wx', 0o666);
    writeFileSync(fd, data);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, path);
  } catch (e) {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        // already failing: the first error is the one to report
      }
    }
    rmSync(tmp, { force: true });
    throw e;
  }
}

/**
 * Write each file atomically (creating its folder), in order; on the first failure print
 * "<path>: cannot write (<reason>)" on stderr and return false. Files written before stay whole.
 */
export function writeOutputFiles(io: CliIO, files: readonly { path: string; data: string | Uint8Array }[]): boolean {
  for (const f of files) {
    try {
      mkdirSync(dirname(f.path), { recursive: true });
      writeFileAtomic(f.path, f.data);
    } catch (e) {
      io.err(`${f.path}: cannot write (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})\n`);
      return false;
    }
  }
  return true;
}
