/**
 * What a run looks like on the queue. A job carries the run's small fields (seeds, run index, budget)
 * and content hashes of its mission and plan, which are stored once in Redis however many runs use
 * them. Values travel as v8 structured-clone bytes, the same encoding the local pool's worker threads
 * use, so a plan or run result arrives exactly as it left (NaN, -0, undefined fields and all) and a
 * report cannot differ from the local pool's.
 */
import { createHash } from 'node:crypto';
import { deserialize, serialize } from 'node:v8';
import type { Redis } from 'ioredis';
import type { DispatchRequest, PlanRequest, SimRequest } from '../../core/whatif/study';

export type RunTask = { kind: 'plan'; req: PlanRequest } | { kind: 'simulate'; req: SimRequest } | { kind: 'dispatch'; req: DispatchRequest };

export interface RunJobData {
  /** The coordinator's build (fingerprint.ts); a worker of another build refuses the job. */
  build: string;
  version: string;
  kind: RunTask['kind'];
  /** Content hashes of the large fields (mission, plan). */
  blobs: Record<string, string>;
  /** The other fields, v8-serialized, base64. */
  rest: string;
}

const BLOB_TTL_S = 7 * 24 * 3600;
const BLOB_FIELDS = ['mission', 'plan'] as const;

export const encodeValue = (v: unknown) => serialize(v).toString('base64');
export const decodeValue = <T>(s: string) => deserialize(Buffer.from(s, 'base64')) as T;

/** Content-addressed values in Redis: written once per coordinator, read once per worker. */
export class BlobStore {
  // Promises, so that the K runs of a scenario, submitted at once, store its mission once.
  private readonly written = new WeakMap<object, Promise<string>>();
  private readonly cache = new Map<string, Promise<unknown>>();

  constructor(
    private readonly redis: Redis,
    private readonly cacheSize = 16,
  ) {}

  private key = (hash: string) => `skyhaul:blob:${hash}`;

  put(value: object): Promise<string> {
    let hash = this.written.get(value); // the same mission object for every run: stored once
    if (!hash) {
      const bytes = serialize(value);
      const h = createHash('sha256').update(bytes).digest('hex').slice(0, 32);
      hash = this.redis.set(this.key(h), bytes, 'EX', BLOB_TTL_S).then(() => h);
      hash.catch(() => this.written.delete(value));
      this.written.set(value, hash);
    }
    return hash;
  }

  get<T>(hash: string): Promise<T> {
    let value = this.cache.get(hash);
    if (!value) {
      value = this.redis.getBuffer(this.key(hash)).then((bytes) => {
        if (!bytes) throw new Error(`the run's input ${hash} is not in Redis (expired or flushed); run the study again`);
        return deserialize(bytes);
      });
      value.catch(() => this.cache.delete(hash));
      this.cache.set(hash, value);
      if (this.cache.size > this.cacheSize) this.cache.delete(this.cache.keys().next().value as string);
    }
    return value as Promise<T>;
  }
}

export async function encodeTask(task: RunTask, store: BlobStore, build: { version: string; fingerprint: string }): Promise<RunJobData> {
  const rest: Record<string, unknown> = { ...task.req };
  const blobs: Record<string, string> = {};
  for (const f of BLOB_FIELDS) {
    if (rest[f] === undefined) continue;
    blobs[f] = await store.put(rest[f] as object);
    delete rest[f];
  }
  return { build: build.fingerprint, version: build.version, kind: task.kind, blobs, rest: encodeValue(rest) };
}

export async function decodeTask(data: RunJobData, store: BlobStore): Promise<RunTask> {
  const req = decodeValue<Record<string, unknown>>(data.rest);
  for (const [f, hash] of Object.entries(data.blobs)) req[f] = await store.get(hash);
  return { kind: data.kind, req } as unknown as RunTask;
}
