/**
 * The built app in headless Chromium for the browser benchmarks (editor-drag, playback-fps): builds
 * dist/ when it is missing, serves it with `vite preview` on a free port and opens it with the e2e
 * browser helper, then waits until the 3D scene has drawn. Not a suite itself (no .bench.ts ending).
 */
import { existsSync } from 'node:fs';
import { build, preview } from 'vite';
import type { Page } from 'playwright-core';
import { openBrowser, waitForScene } from '../test/e2e/browser';

export interface AppSession {
  page: Page;
  /** Closes the browser and the preview server. */
  close(): Promise<void>;
}

/** Open the app at `/` plus `query` (e.g. "?mission=tutorial") in a 1280x800 page. */
export async function openAppForBench(query = ''): Promise<AppSession> {
  if (!existsSync('dist/index.html')) await build({ logLevel: 'warn' });
  const server = await preview({ preview: { host: '127.0.0.1', port: 0 }, logLevel: 'warn' });
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') {
    await server.close();
    throw new Error('preview server has no port');
  }
  const browser = await openBrowser({ width: 1280, height: 800 });
  const close = async () => {
    await browser.close();
    await server.close();
  };
  try {
    await browser.page.goto(`http://127.0.0.1:${address.port}/${query}`);
    await waitForScene(browser.page);
  } catch (e) {
    await close();
    throw e;
  }
  return { page: browser.page, close };
}

/** Frame intervals (ms) from requestAnimationFrame in the page while `during` runs. */
export async function sampleFrames(page: Page, during: () => Promise<void>): Promise<number[]> {
  // A string, not a function: tsx would wrap inner functions in a helper the page does not have.
  await page.evaluate(`(() => {
    window.__frameSamples = [];
    window.__sampling = true;
    let last = performance.now();
    const tick = (now) => {
      window.__frameSamples.push(now - last);
      last = now;
      if (window.__sampling) requestAnimationFrame(tick);
    };
    requestAnimationFrame((now) => { last = now; requestAnimationFrame(tick); });
  })()`);
  await during();
  return page.evaluate(() => {
    const w = window as unknown as { __frameSamples: number[]; __sampling: boolean };
    w.__sampling = false;
    return w.__frameSamples;
  });
}
