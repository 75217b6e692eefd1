import type { CliIO } from './command';

/**
 * A progress bar on stderr: redrawn in place on a terminal, a line every 10 % otherwise (CI logs).
 */
export function createProgressBar(io: CliIO, label: string, width = 30) {
  let lastDecile = -1;
  return {
    update(fraction: number, detail = '') {
      const f = Math.min(1, Math.max(0, fraction));
      const filled = Math.round(f * width);
      const line = `${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(f * 100).toFixed(0).padStart(3)}% ${detail}`;
      if (io.isTTY) io.err(`\r${line}`);
      else {
        const decile = Math.floor(f * 10);
        if (decile !== lastDecile) {
          lastDecile = decile;
          io.err(`${line}\n`);
        }
      }
    },
    done(detail = '') {
      this.update(1, detail);
      if (io.isTTY) io.err('\n');
    },
  };
}
