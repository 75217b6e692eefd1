/**
 * Debian's Chromium driven by playwright-core: never a browser download. Each launch gets a fresh
 * profile; the flags keep it off the (closed) network and on software WebGL.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

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

export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  /** Console errors and page errors seen so far. */
  errors: string[];
  close(): Promise<void>;
}

export async function openBrowser(viewport = { width: 1280, height: 800 }): Promise<BrowserSession> {
  const profile = mkdtempSync(join(tmpdir(), 'skyhaul-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ARGS,
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
