/** Takes the README screenshot: builds must exist (npm run build). Usage: npx tsx scripts/screenshot.ts [out.png] */
import { preview } from 'vite';
import { openBrowser, waitForScene } from '../test/e2e/browser';

const out = process.argv[2] ?? 'docs/screenshot.png';
const server = await preview({ preview: { host: '127.0.0.1', port: 0 }, logLevel: 'warn' });
const address = server.httpServer.address();
if (!address || typeof address === 'string') throw new Error('no port');
const s = await openBrowser({ width: 1400, height: 860 });
await s.page.goto(`http://127.0.0.1:${address.port}/${process.argv[3] ?? ''}`);
await waitForScene(s.page, 10);
await s.page.waitForTimeout(1500);
await s.page.screenshot({ path: out });
await s.close();
await server.close();
console.log(`wrote ${out}`);
