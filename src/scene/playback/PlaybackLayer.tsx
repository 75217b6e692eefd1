import { useEffect, useMemo, useRef } from 'react';
import { addEffect, useFrame, useThree } from '@react-three/fiber';
import * as THREE from 'three';
import { useMissionStore } from '../../state/missionStore';
import { usePlanStore } from '../../state/planStore';
import { playbackClock, tickPlayback, usePlaybackStore } from '../../state/playbackStore';
import { findDeviations } from '../../state/planVsReality';
import { type ReplayIndex, localPositionAt, replayIndexFor } from '../../state/replayIndex';
import { useViewStore } from '../../state/viewStore';
import { LayerGroup } from '../layers';
import { Drones } from './Drones';
import { PlanRoutes, PlanVsReality } from './Routes';
import { Trails } from './Trails';

/** Camera distance when starting to follow a drone from farther away, metres. */
const FOLLOW_DISTANCE_M = 1500;

/**
 * Everything the replay draws in the scene: the plan's routes, and once there is a trace, the fleet,
 * its trails and the plan-versus-reality tracks. The playback clock advances in R3F's global
 * before-frame effect, so every useFrame of a frame sees the same time.
 */
export function PlaybackLayer() {
  const plan = usePlanStore((s) => s.plan);
  const trace = usePlanStore((s) => s.trace);
  const frame = useMissionStore((s) => s.frame);
  const selected = usePlaybackStore((s) => s.selectedDroneIds[0]);
  const index = useMemo(() => (trace ? replayIndexFor(trace, frame) : null), [trace, frame]);
  const deviations = useMemo(() => (trace ? findDeviations(plan, trace) : []), [plan, trace]);

  useEffect(() => addEffect((nowMs) => tickPlayback(nowMs)), []);

  return (
    <group name="playback">
      <LayerGroup layer="routes">
        {plan && <PlanRoutes plan={plan} frame={frame} selectedDroneId={selected} dimmed={index !== null} />}
        {index && <PlanVsReality plan={plan} index={index} deviations={deviations} />}
      </LayerGroup>
      {index && (
        <>
          <LayerGroup layer="drones">
            <Trails index={index} />
            <Drones index={index} />
          </LayerGroup>
          <FollowCamera index={index} />
        </>
      )}
    </group>
  );
}

const followPos = new Float64Array(3);
const delta = new THREE.Vector3();

/** Keeps the followed drone at the orbit target: camera and target move together, so orbit and zoom still work. */
function FollowCamera({ index }: { index: ReplayIndex }) {
  const followed = usePlaybackStore((s) => s.followedDroneId);
  const controls = useThree((s) => s.controls) as unknown as { target: THREE.Vector3; update(): void } | null;
  const camera = useThree((s) => s.camera);
  const started = useRef<string | null>(null);

  useEffect(() => {
    if (!followed || started.current === followed) {
      started.current = followed;
      return;
    }
    started.current = followed;
    const d = index.byId.get(followed);
    if (!d || !controls) return;
    localPositionAt(d, playbackClock.tS, followPos);
    const distance = Math.min(FOLLOW_DISTANCE_M, camera.position.distanceTo(controls.target));
    useViewStore.getState().flyTo({ x: followPos[0], y: followPos[1] }, distance);
  }, [followed, index, controls, camera]);

  useFrame(() => {
    if (!followed || !controls) return;
    const d = index.byId.get(followed);
    if (!d) return;
    localPositionAt(d, playbackClock.tS, followPos);
    delta.set(followPos[0], followPos[2], -followPos[1]).sub(controls.target);
    if (delta.lengthSq() < 1e-6) return;
    controls.target.add(delta);
    camera.position.add(delta);
  });
  return null;
}
