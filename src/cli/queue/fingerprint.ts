/**
 * Which Skyhaul a process is: the package version plus a hash of the code that computes results
 * (src/core, the pool task runner, this wire format). A coordinator and a worker with different
 * fingerprints could produce a report that depends on which machine ran which run, so a worker refuses
 * jobs whose fingerprint is not its own.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** Folders whose code decides a run's result or how it travels. */
const HASHED = ['src/core', 'src/cli/pool', 'src/cli/queue'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? sourceFiles(p) : /\.(ts|tsx|mjs|js|json)$/.test(name) ? [p] : [];
  });
}

export interface SkyhaulBuild {
  version: string;
  /** 12 hex digits of sha256 over the hashed folders (paths and contents, sorted). */
  fingerprint: string;
}

let cached: SkyhaulBuild | undefined;

export function skyhaulBuild(): SkyhaulBuild {
  if (cached) return cached;
  const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  const hash = createHash('sha256');
  const files = HASHED.flatMap((d) => sourceFiles(join(ROOT, d)))
    .map((f) => relative(ROOT, f).split('\\').join('/'))
    .sort();
  for (const f of files) hash.update(`${f}\0`).update(readFileSync(join(ROOT, f))).update('\0');
  // SKYHAUL_FINGERPRINT stands in for another build (the test of the refusal uses it).
  cached = { version, fingerprint: process.env.SKYHAUL_FINGERPRINT || hash.digest('hex').slice(0, 12) };
  return cached;
}

export const describeBuild = (b: SkyhaulBuild) => `Skyhaul ${b.version} (code ${b.fingerprint})`;
