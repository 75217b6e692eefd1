/**
 * The reach ring object as it is in the live scene, for the test hook: proves the ring was really
 * mounted (not just computed) and tells what it was drawn for.
 */
import type { Object3D } from 'three';

// A test probe, like padsProbe (docs/architecture.md, "Per-frame values"): what was drawn, for the test hook.
export const reachProbe: { group?: Object3D } = {};

export interface ReachRingInfo {
  depotId: string;
  modelId: string;
  payloadKg: number;
  /** Radii per bearing as drawn, m. */
  radiiM: number[];
  /** Vertices of the drawn line (the ring is closed: first point repeated). */
  linePoints: number;
}

/** What the mounted ring shows, or null when no ring is in the scene. */
export function describeReachRing(): ReachRingInfo | null {
  const group = reachProbe.group;
  if (!group) return null;
  let inScene = false;
  for (let o: Object3D | null = group; o; o = o.parent) if ((o as { isScene?: boolean }).isScene) inScene = true;
  const ring = group.getObjectByName('reach-ring');
  if (!inScene || !ring) return null;
  let linePoints = 0;
  ring.traverse((o) => {
    const g = (o as { geometry?: { attributes?: Record<string, { count: number }> } }).geometry;
    // drei's <Line> is a Line2: one instance per segment.
    const start = g?.attributes?.instanceStart;
    if (start) linePoints = Math.max(linePoints, start.count + 1);
  });
  const info = group.userData as { depotId: string; modelId: string; payloadKg: number };
  return { ...info, radiiM: [...((ring.userData.radiiM as number[] | undefined) ?? [])], linePoints };
}
