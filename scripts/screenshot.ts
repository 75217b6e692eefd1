/**
 * Takes the README screenshot: builds must exist (npm run build).
 * Usage: npx tsx scripts/screenshot.ts [out.png] [url suffix] [sidebar tab id]
 * A suffix with `replay=` (see src/ui/playback/boot.ts) waits until the plan is simulated.
 */
import { preview } from 'vite';
import { openBrowser, waitForScene } from '../test/e2e/browser';

const out = process.argv[2] ?? 'docs/screenshot.png';
const suffix = process.argv[3] ?? '';
const tab = process.argv[4];
const server = await preview({ preview: { host: '127.0.0.1', port: 0 }, logLevel: 'warn' });
const address = server.httpServer.address();
if (!address || typeof address === 'string') throw new Error('no port');
const s = await openBrowser({ width: 1400, height: 860 });
await s.page.goto(`http://127.0.0.1:${address.port}/${suffix}`);
await waitForScene(s.page, 10);
if (suffix.includes('replay=')) {
  await s.page.waitForFunction(() => (window.__skyhaul!.planJob as () => { hasTrace: boolean })().hasTrace, null, { timeout: 300_000 });
}
if (tab) await s.page.getByTestId(`tab-${tab}`).click();
await s.page.waitForTimeout(1500);
await s.page.screenshot({ path: out });
await s.close();
await server.close();
console.log(`wrote ${out}`);
