/**
 * A local HTTP server for tests and browser benches that serve generated files (tiles, archives,
 * styles) to the app: plain Node, so benches outside vitest can use it too.
 */
import { type RequestListener, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A test HTTP server on a free local port: another origin than the app's, as a real tile host is. */
export async function serveLocally(handler: RequestListener): Promise<{ host: string; close(): Promise<void> }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    host: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
