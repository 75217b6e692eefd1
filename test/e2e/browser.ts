/**
 * Chromium driven by playwright-core: never a browser download at test time. The system Chromium is
 * used when there is one (Debian's `/usr/bin/chromium`, or `CHROMIUM_PATH`); otherwise the Chromium
 * shipped inside the `@sparticuz/chromium` npm package, unpacked to the temp folder on first use.
 * `SKYHAUL_BROWSER=npm` forces the packaged one, `SKYHAUL_BROWSER=system` forbids it. Each launch gets a
 * fresh profile; the flags keep it off the (closed) network and on software WebGL (SwiftShader).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--enable-unsafe-swiftshader',
  '--use-angle=swiftshader',
];

/** Extra flags the packaged (headless-shell) Chromium needs: ANGLE on SwiftShader, no zygote. */
const NPM_ARGS = ['--lang=en-US', '--use-gl=angle', '--ignore-gpu-blocklist', '--no-zygote', '--disable-dev-shm-usage'];

export interface ResolvedBrowser {
  executablePath: string;
  source: 'system' | 'npm';
  args: string[];
  env?: Record<string, string>;
}

let resolved: Promise<ResolvedBrowser> | undefined;

/** Which Chromium the tests launch: the system one first, else the npm-packaged one. */
export function resolveBrowser(): Promise<ResolvedBrowser> {
  resolved ??= resolveOnce();
  return resolved;
}

async function resolveOnce(): Promise<ResolvedBrowser> {
  const mode = process.env.SKYHAUL_BROWSER ?? 'auto';
  if (mode !== 'auto' && mode !== 'system' && mode !== 'npm') {
    throw new Error(`SKYHAUL_BROWSER must be auto, system or npm (got "${mode}")`);
  }
  if (mode !== 'npm') {
    if (existsSync(CHROMIUM_PATH)) return { executablePath: CHROMIUM_PATH, source: 'system', args: ARGS };
    if (mode === 'system' || process.env.CHROMIUM_PATH) {
      throw new Error(
        `no Chromium at ${CHROMIUM_PATH}` +
          (process.env.CHROMIUM_PATH ? ' (CHROMIUM_PATH)' : '') +
          '; unset CHROMIUM_PATH / SKYHAUL_BROWSER to use the Chromium from @sparticuz/chromium',
      );
    }
  }
  return packagedChromium();
}

async function packagedChromium(): Promise<ResolvedBrowser> {
  const { default: Sparticuz } = await import('@sparticuz/chromium');
  const executablePath = await Sparticuz.executablePath();
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
  // The binary links NSS/NSPR (Debian: libnss3). When the system lacks them, use the copies the
  // package ships for Amazon Linux 2023 (plain glibc builds), unpacked to <tmp>/al2023/lib.
  if (missingLibraries(executablePath)) {
    const libDir = unpackBundledLibraries();
    env.LD_LIBRARY_PATH = [libDir, env.LD_LIBRARY_PATH].filter(Boolean).join(':');
  }
  // Under the C/POSIX locale this build reports the language "en-US@posix", which Intl rejects.
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || 'C';
  if (/^(C|POSIX)([._@]|$)/.test(locale)) {
    env.LANG = 'en_US.UTF-8';
    delete env.LC_ALL;
    delete env.LC_MESSAGES;
  }
  // No system font configuration: use the fonts the package unpacked to the temp folder.
  if (!existsSync('/etc/fonts/fonts.conf') && !env.FONTCONFIG_PATH) env.FONTCONFIG_PATH = join(tmpdir(), 'fonts');
  return { executablePath, source: 'npm', args: [...ARGS, ...NPM_ARGS], env };
}

function missingLibraries(executable: string): boolean {
  try {
    return /not found/.test(execFileSync('ldd', [executable], { encoding: 'utf8' }));
  } catch {
    return false;
  }
}

/** Unpack bin/al2023.tar.br of @sparticuz/chromium (a brotli tar of lib/*.so) to <tmp>/al2023/lib. */
function unpackBundledLibraries(): string {
  const target = join(tmpdir(), 'al2023');
  const libDir = join(target, 'lib');
  if (existsSync(join(libDir, 'libnss3.so'))) return libDir;
  const pkgEntry = createRequire(import.meta.url).resolve('@sparticuz/chromium');
  const archive = join(dirname(pkgEntry), '..', '..', 'bin', 'al2023.tar.br');
  const tar = brotliDecompressSync(readFileSync(archive));
  for (let off = 0; off + 512 <= tar.length; ) {
    const name = tar.subarray(off, off + 100).toString('utf8').replace(/\0.*$/s, '');
    if (!name) break;
    const size = Number.parseInt(tar.subarray(off + 124, off + 136).toString('utf8').replace(/\0.*$/s, '').trim() || '0', 8);
    const type = String.fromCharCode(tar[off + 156] || 48);
    const body = tar.subarray(off + 512, off + 512 + size);
    if ((type === '0' || type === '\0') && !name.includes('..')) {
      const out = join(target, name);
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, body, { mode: 0o755 });
    }
    off += 512 + Math.ceil(size / 512) * 512;
  }
  return libDir;
}

export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  /** Console errors and page errors seen so far. */
  errors: string[];
  close(): Promise<void>;
}

export async function openBrowser(viewport = { width: 1280, height: 800 }): Promise<BrowserSession> {
  const profile = mkdtempSync(join(tmpdir(), 'skyhaul-chromium-'));
  const browser = await resolveBrowser();
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: browser.executablePath,
    headless: true,
    args: browser.args,
    env: browser.env,
    viewport,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  return {
    context,
    page,
    errors,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Wait until the 3D canvas has rendered some frames. */
export async function waitForScene(page: Page, frames = 5): Promise<void> {
  await page.waitForFunction(
    (n) => typeof window.__skyhaul?.frames === 'function' && (window.__skyhaul.frames as () => number)() >= n,
    frames,
    { timeout: 60_000 },
  );
}

/** Distinct colours (quantised) in the WebGL canvas: a blank canvas has one or two. */
export async function canvasColourCount(page: Page): Promise<number> {
  return page.evaluate(() => {
    const gl = document.querySelector('canvas');
    if (!gl) return 0;
    const c = document.createElement('canvas');
    c.width = 256;
    c.height = 160;
    const ctx = c.getContext('2d')!;
    ctx.drawImage(gl, 0, 0, c.width, c.height);
    const data = ctx.getImageData(0, 0, c.width, c.height).data;
    const colours = new Set<number>();
    for (let i = 0; i < data.length; i += 4) colours.add(((data[i] >> 4) << 8) | ((data[i + 1] >> 4) << 4) | (data[i + 2] >> 4));
    return colours.size;
  });
}

/**
 * Count animation frames and the longest gap between two, from now until stopFrameProbe: a page
 * that keeps drawing while a worker runs never shows a long gap.
 */
export async function startFrameProbe(page: Page): Promise<void> {
  await page.evaluate(`(() => {
    const probe = { frames: 0, maxGapMs: 0, last: performance.now(), on: true };
    window.__frameProbe = probe;
    const tick = (now) => {
      probe.maxGapMs = Math.max(probe.maxGapMs, now - probe.last);
      probe.last = now;
      probe.frames++;
      if (probe.on) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })()`);
}

export async function stopFrameProbe(page: Page): Promise<{ frames: number; maxGapMs: number }> {
  return page.evaluate(
    `(() => { window.__frameProbe.on = false; return { frames: window.__frameProbe.frames, maxGapMs: window.__frameProbe.maxGapMs }; })()`,
  );
}

/** Drop a file on the app as a user drags one from the desktop: a real drop event carrying the File. */
export async function dropFile(page: Page, name: string, bytes: ArrayBuffer | Uint8Array, type: string): Promise<void> {
  const dataTransfer = await page.evaluateHandle(
    ([b64, fileName, fileType]) => {
      const bin = atob(b64);
      const data = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) data[i] = bin.charCodeAt(i);
      const dt = new DataTransfer();
      dt.items.add(new File([data], fileName, { type: fileType }));
      return dt;
    },
    [Buffer.from(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes)).toString('base64'), name, type] as const,
  );
  await page.dispatchEvent('.app', 'drop', { dataTransfer });
}

/**
 * The scene canvas's colours ([r, g, b], 0-255) at a client point and at client-pixel offsets from it
 * (default: the point alone), read from a 2D copy of the WebGL canvas.
 */
export function canvasColoursAt(page: Page, x: number, y: number, offsets: readonly (readonly [number, number])[] = [[0, 0]]): Promise<number[][]> {
  return page.evaluate(
    ([cx, cy, offs]) => {
      const gl = (document.querySelector('[data-testid="scene"] canvas') ?? document.querySelector('canvas')) as HTMLCanvasElement;
      const rect = gl.getBoundingClientRect();
      const sx = gl.width / rect.width;
      const sy = gl.height / rect.height;
      const c = document.createElement('canvas');
      c.width = gl.width;
      c.height = gl.height;
      const ctx = c.getContext('2d')!;
      ctx.drawImage(gl, 0, 0);
      return offs.map(([dx, dy]) =>
        Array.from(ctx.getImageData(Math.round((cx - rect.left + dx) * sx), Math.round((cy - rect.top + dy) * sy), 1, 1).data.slice(0, 3)),
      );
    },
    [x, y, offsets] as const,
  );
}

/** The page's test hooks (src/testHook.ts: window.__skyhaul), as the tests call them. */
export type Hook = Record<string, (...args: unknown[]) => unknown>;

/** Calls test hook `name` in the page with `args` (structured-cloned both ways) and returns its result. */
export const hook = <T,>(page: Page, name: string, ...args: unknown[]) =>
  page.evaluate(([n, a]) => ((window.__skyhaul as Hook)[n as string] as (...x: unknown[]) => unknown)(...(a as unknown[])), [name, args] as const) as Promise<T>;
