import { useMemo } from 'react';
import { Line } from '@react-three/drei';
import * as THREE from 'three';
import type { MetricFrame } from '../../core/geo/frame';
import type { Plan } from '../../core/planner/plan';
import type { Point3 } from '../../core/paths';
import type { Deviation } from '../../state/planVsReality';
import type { ReplayIndex } from '../../state/replayIndex';
import { FlightPathLine, describeLeg } from '../FlightPathLine';
import { droneColour } from './palette';

type Vec3 = [number, number, number];

/** Every planned leg as 3D line pieces (scene axes) with one colour per drone: one draw call for the whole plan. */
export function planRouteSegments(plan: Plan, frame: MetricFrame): { points: Vec3[]; colours: Vec3[] } {
  const points: Vec3[] = [];
  const colours: Vec3[] = [];
  const c = new THREE.Color();
  plan.drones.forEach((drone, i) => {
    c.set(droneColour(i));
    const rgb: Vec3 = [c.r, c.g, c.b];
    for (const trip of drone.trips)
      for (const leg of trip.legs) {
        let prev: Vec3 | null = null;
        for (const [lng, lat, altM] of leg.waypoints) {
          const p = frame.toLocal([lng, lat]);
          const here: Vec3 = [p.x, altM, -p.y];
          if (prev && (prev[0] !== here[0] || prev[1] !== here[1] || prev[2] !== here[2])) {
            points.push(prev, here);
            colours.push(rgb, rgb);
          }
          prev = here;
        }
      }
  });
  return { points, colours };
}

/** Opacity and width of the planned routes: full while planning, dimmed under the drones on a replay. */
export const ROUTE_LOOK = { planned: { opacity: 0.75, lineWidth: 1.6 }, replay: { opacity: 0.28, lineWidth: 1.3 } } as const;

/**
 * The plan as routes coloured by drone, at their altitude; the selected drone's legs on top with hover
 * labels. `dimmed` (a replay is loaded): the routes fade so the drones read over them.
 */
export function PlanRoutes({ plan, frame, selectedDroneId, dimmed = false }: { plan: Plan; frame: MetricFrame; selectedDroneId?: string; dimmed?: boolean }) {
  const { points, colours } = useMemo(() => planRouteSegments(plan, frame), [plan, frame]);
  const selected = useMemo(() => {
    const i = plan.drones.findIndex((d) => d.droneId === selectedDroneId);
    if (i < 0) return [];
    return plan.drones[i].trips.flatMap((trip) =>
      trip.legs.map((leg, k) => ({
        key: `${trip.tripId}-${k}`,
        colour: droneColour(i),
        waypoints: leg.waypoints.map(([lng, lat, altM]): Point3 => ({ ...frame.toLocal([lng, lat]), altM })),
        label: `${trip.tripId} ${leg.from.id} → ${leg.to.id}: ${describeLeg({ lengthM: leg.lengthM, durationS: leg.doneS - leg.departS, energyWh: leg.energyWh })}`,
      })),
    );
  }, [plan, frame, selectedDroneId]);
  return (
    <group name="plan-routes">
      {points.length > 0 && (
        <Line
          points={points}
          vertexColors={colours}
          segments
          lineWidth={dimmed ? ROUTE_LOOK.replay.lineWidth : ROUTE_LOOK.planned.lineWidth}
          transparent
          opacity={dimmed ? ROUTE_LOOK.replay.opacity : ROUTE_LOOK.planned.opacity}
          depthWrite={false}
          raycast={() => null}
          name="plan-route-lines"
        />
      )}
      {selected.map((l) => (
        <FlightPathLine key={l.key} waypoints={l.waypoints} color={l.colour} lineWidth={3.5} label={l.label} name="selected-leg" />
      ))}
    </group>
  );
}

/**
 * Plan versus reality: for each trip that deviated, the planned route (dashed, dark) and the flown
 * track from the trace (solid, magenta) are both drawn.
 */
export function PlanVsReality({ plan, index, deviations }: { plan: Plan | null; index: ReplayIndex; deviations: Deviation[] }) {
  const lines = useMemo(() => {
    const out: { key: string; flown: Vec3[]; planned: Vec3[] }[] = [];
    for (const dev of deviations) {
      const d = index.byId.get(dev.droneId);
      if (!d) continue;
      const flown: Vec3[] = [];
      const tS = d.track.tS;
      for (let i = 0; i < tS.length; i++) {
        if (tS[i] < dev.departS - 1e-6 || tS[i] > dev.endS + 1e-6) continue;
        flown.push([d.x[i], d.track.altM[i], -d.y[i]]);
      }
      const trip = plan?.drones.find((p) => p.droneId === dev.droneId)?.trips.find((t) => t.tripId === dev.tripId);
      const planned: Vec3[] = [];
      for (const leg of trip?.legs ?? [])
        for (const [lng, lat, altM] of leg.waypoints) {
          const p = index.frame.toLocal([lng, lat]);
          planned.push([p.x, altM, -p.y]);
        }
      out.push({ key: `${dev.droneId}-${dev.tripId}`, flown, planned });
    }
    return out;
  }, [plan, index, deviations]);
  return (
    <group name="plan-vs-reality">
      {lines.map((l) => (
        <group key={l.key}>
          {l.planned.length > 1 && (
            <Line points={l.planned} color="#1d2733" lineWidth={2} dashed dashSize={40} gapSize={25} raycast={() => null} />
          )}
          {l.flown.length > 1 && <Line points={l.flown} color="#c026d3" lineWidth={3} raycast={() => null} />}
        </group>
      ))}
    </group>
  );
}
