/**
 * Seeds of a study, derived from the base seed and what is being run: never from which worker ran
 * it or in which order, so a study gives the same numbers on 1 worker or 16.
 *
 * The weather of run k is the same in every scenario (common random numbers): a difference between
 * two scenarios then comes from the scenarios, not from one of them drawing a windier day.
 */

/** 32-bit FNV-1a over the parts joined by '/', then a final avalanche (murmur3 fmix32). */
export function deriveSeed(base: number, ...parts: (string | number)[]): number {
  const text = [String(base >>> 0), ...parts.map(String)].join('/');
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  // Positive 31-bit integer: valid as the plan's integer seed and as a simulator seed.
  return (h >>> 1) || 1;
}

/** Seed of the simulated weather of run `runIndex` (0-based). */
export function weatherSeed(baseSeed: number, runIndex: number): number {
  return deriveSeed(baseSeed, 'weather', runIndex);
}

/** Seed of the planner's search (the same for every scenario and fleet size of a study). */
export function planSeed(baseSeed: number): number {
  return deriveSeed(baseSeed, 'plan');
}
