import { useMemo } from 'react';
import { Line } from '@react-three/drei';
import { Shape } from 'three';
import type { XY } from '../core/geo/frame';
import type { DroneModel } from '../core/mission';
import { type ReservePolicy, type WindInput, reachRing } from '../core/energy';
import { toScene } from './coords';

export interface ReachRingProps {
  depotXY: XY;
  model: DroneModel;
  payloadKg: number;
  wind: WindInput;
  airDensityKgM3: number;
  reserve: ReservePolicy;
  /** Distance to the depot's alternate landing site, m (when the reserve policy requires one). */
  alternateDistanceM?: number;
  color?: string;
}

/** Drawn a little above the ground so the line is not hidden by the ground plane or the grid. */
const LIFT_M = 3;

/**
 * How far a depot's drones can deliver and come back (parcel out, empty back, landing with the
 * reserve) for the current wind: a line on the ground over a faint fill. The shape comes from
 * src/core/energy (reachRing); this component only draws it.
 */
export function ReachRing({ depotXY, model, payloadKg, wind, airDensityKgM3, reserve, alternateDistanceM, color = '#2e7d32' }: ReachRingProps) {
  const ring = useMemo(
    () => reachRing(model, depotXY, { payloadKg, wind, airDensityKgM3, reserve, alternateDistanceM }),
    [model, depotXY, payloadKg, wind, airDensityKgM3, reserve, alternateDistanceM],
  );
  const linePoints = useMemo(() => ring.points.map((p) => toScene(p, LIFT_M)), [ring]);
  const fill = useMemo(() => {
    if (!ring.ok || ring.points.length < 4) return undefined;
    // Shape in (east, north); rotated -90 degrees about x it lies on the ground as toScene maps it.
    const shape = new Shape();
    ring.points.forEach((p, i) => (i === 0 ? shape.moveTo(p.x, p.y) : shape.lineTo(p.x, p.y)));
    return shape;
  }, [ring]);

  if (!ring.ok || linePoints.length < 2) return null;
  return (
    <group name="reach-ring" userData={{ radiiM: ring.radiiM }}>
      <Line points={linePoints} color={color} lineWidth={2.5} />
      {fill && (
        <mesh rotation-x={-Math.PI / 2} position={[0, LIFT_M - 1, 0]} renderOrder={1}>
          <shapeGeometry args={[fill]} />
          <meshBasicMaterial color={color} transparent opacity={0.08} depthWrite={false} />
        </mesh>
      )}
    </group>
  );
}
