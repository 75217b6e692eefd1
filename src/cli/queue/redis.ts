/** Redis URLs and connections for the distributed study executor. */
import type { RedisOptions as BullRedisOptions } from 'bullmq';
import { Redis } from 'ioredis';
import { RedisUnreachableError, redactUrl } from './url';

/**
 * Connect once without retrying, so an unreachable server is one clear error naming the URL instead of
 * ioredis retrying forever in the background.
 */
export async function probeRedis(url: string, timeoutMs = 5000): Promise<void> {
  const probe = new Redis(url, { lazyConnect: true, connectTimeout: timeoutMs, maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => null });
  let cause = '';
  probe.on('error', (e: Error) => (cause ||= e.message)); // the socket's reason (ECONNREFUSED, ENOTFOUND); connect() only says "closed"
  try {
    await probe.connect();
    await probe.ping();
  } catch (e) {
    throw new RedisUnreachableError(`cannot reach Redis at ${redactUrl(url)}: ${cause || (e instanceof Error ? e.message : String(e))}`);
  } finally {
    probe.disconnect();
  }
}

/** Options for BullMQ's own connections (it needs maxRetriesPerRequest: null on blocking ones). */
export function bullConnection(url: string): BullRedisOptions {
  return { url, maxRetriesPerRequest: null };
}

/** A plain client for the blob store; reconnects like BullMQ's. */
export function commandClient(url: string): Redis {
  const client = new Redis(url, { maxRetriesPerRequest: 3 });
  client.on('error', () => {}); // a lost connection surfaces as failed commands or the study's timeout
  return client;
}
