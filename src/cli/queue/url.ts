/** The light part of the queue code (no Redis client loaded): names, URLs and their checks. */

export const DEFAULT_QUEUE = 'skyhaul';
/** A worker reports on a long run this often (worker.ts), so a silent study means nobody is working. */
export const HEARTBEAT_S = 20;

/** The URL as it may be printed: a password never reaches a log. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString().replace(/\/$/, '');
  } catch {
    return url;
  }
}

/** A usage problem with --redis, or undefined when the URL is one ioredis understands. */
export function redisUrlProblem(url: string): string | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return `--redis: "${url}" is not a URL (expected redis://host:6379)`;
  }
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:') return `--redis: "${redactUrl(url)}" must start with redis:// or rediss://`;
  return undefined;
}

export class RedisUnreachableError extends Error {}
