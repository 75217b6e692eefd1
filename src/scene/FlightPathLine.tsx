import { useMemo, useState } from 'react';
import { Html, Line } from '@react-three/drei';
import type { ThreeEvent } from '@react-three/fiber';
import type { FlightLeg, Point3 } from '../core/paths';
import { useGroundHeight } from '../state/groundHeight';
import { toScene } from './coords';

export interface FlightPathLineProps {
  /** A leg from planLeg: drawn with its altitude profile, and its hover label shows length, time, energy. */
  leg?: FlightLeg;
  /** Or any 3D waypoints in local metres (used when `leg` is absent). */
  waypoints?: readonly Point3[];
  color?: string;
  /** Pixels. */
  lineWidth?: number;
  /** Thin vertical lines from the path's corners down to the ground (the terrain under them), showing the altitude profile. */
  curtain?: boolean;
  /** Hover label text; default: length, time and energy of the leg. */
  label?: string;
  name?: string;
  onHoverChange?: (hovered: boolean) => void;
}

type Vec3 = [number, number, number];

/** Width of the invisible line that catches the pointer, pixels. */
const HIT_WIDTH_PX = 14;

/**
 * One flight leg as a 3D line at altitude (scene axes: x east, y up, z south). Hovering the line
 * shows a small DOM label where the pointer entered it. State changes only on enter/leave.
 */
export function FlightPathLine({
  leg,
  waypoints,
  color = '#1565c0',
  lineWidth = 3,
  curtain = true,
  label,
  name = 'flight-path',
  onHoverChange,
}: FlightPathLineProps) {
  const points3 = useMemo<readonly Point3[]>(() => leg?.waypoints ?? waypoints ?? [], [leg, waypoints]);
  const linePoints = useMemo(() => dedupe(points3).map((p) => toScene(p, p.altM)), [points3]);
  const ground = useGroundHeight();
  const curtainPoints = useMemo(() => {
    if (!curtain) return [];
    // One vertical segment per corner that is above the ground (altitudes are above the datum).
    const out: Vec3[] = [];
    for (const p of dedupe(points3)) {
      const g = ground(p.x, p.y);
      if (p.altM - g <= 0.5) continue;
      out.push(toScene(p, g), toScene(p, p.altM));
    }
    return out;
  }, [points3, curtain, ground]);
  const text = useMemo(() => label ?? (leg ? describeLeg(leg) : describePoints(points3)), [label, leg, points3]);
  const [hoverAt, setHoverAt] = useState<Vec3 | null>(null);

  if (linePoints.length < 2) return null;
  const over = (e: ThreeEvent<PointerEvent>) => {
    e.stopPropagation();
    setHoverAt([e.point.x, e.point.y, e.point.z]);
    onHoverChange?.(true);
  };
  const out = () => {
    setHoverAt(null);
    onHoverChange?.(false);
  };
  return (
    <group name={name} userData={{ lengthM: leg?.lengthM, durationS: leg?.durationS, energyWh: leg?.energyWh }}>
      <Line points={linePoints} color={color} lineWidth={hoverAt ? lineWidth * 1.8 : lineWidth} />
      {/* An invisible, wider copy takes the pointer: a 3 px line is hard to hit. */}
      <Line
        points={linePoints}
        color={color}
        lineWidth={HIT_WIDTH_PX}
        transparent
        opacity={0}
        depthWrite={false}
        onPointerOver={over}
        onPointerOut={out}
      />
      {curtainPoints.length > 0 && (
        <Line points={curtainPoints} segments color={color} lineWidth={1} transparent opacity={0.5} dashed dashSize={4} gapSize={3} />
      )}
      {hoverAt && (
        <Html position={hoverAt} zIndexRange={[30, 20]} style={{ pointerEvents: 'none' }}>
          <div className="hover-label flight-path-label" data-testid="flight-path-label">
            <small>flight leg</small>
            <span>{text}</span>
          </div>
        </Html>
      )}
    </group>
  );
}

/** "3.26 km · 5 min 46 s · 88.0 Wh" */
export function describeLeg(leg: Pick<FlightLeg, 'lengthM' | 'durationS' | 'energyWh'>): string {
  return `${formatLength(leg.lengthM)} · ${formatDuration(leg.durationS)} · ${leg.energyWh.toFixed(1)} Wh`;
}

function describePoints(points: readonly Point3[]): string {
  let len = 0;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1];
    const b = points[i];
    len += Math.hypot(b.x - a.x, b.y - a.y, b.altM - a.altM);
  }
  return formatLength(len);
}

function formatLength(m: number): string {
  return m >= 1000 ? `${(m / 1000).toFixed(2)} km` : `${m.toFixed(0)} m`;
}

function formatDuration(s: number): string {
  const total = Math.round(s);
  const min = Math.floor(total / 60);
  return min > 0 ? `${min} min ${total % 60} s` : `${total} s`;
}

/** Drop repeated positions (a hover or drop adds a waypoint in place), which would make zero-length line pieces. */
function dedupe(points: readonly Point3[]): Point3[] {
  return points.filter((p, i) => {
    const q = points[i - 1];
    return !q || Math.abs(p.x - q.x) > 1e-6 || Math.abs(p.y - q.y) > 1e-6 || Math.abs(p.altM - q.altM) > 1e-6;
  });
}
