import { useMemo, useRef } from 'react';
import { useFrame } from '@react-three/fiber';
import * as THREE from 'three';
import { playbackClock } from '../../state/playbackStore';
import { type ReplayIndex, localPositionAt } from '../../state/replayIndex';
import { playbackScene } from './handle';

/** Trail length in mission time and its number of pieces. */
const TRAIL_S = 120;
const PIECES = 8;

const a = new Float64Array(3);
const b = new Float64Array(3);

/**
 * Short trails behind every drone: where it was over the last TRAIL_S of mission time, one line
 * segments buffer for the whole fleet rewritten in place each frame. A drone on the ground has a
 * zero-length (invisible) trail once it has stood still for TRAIL_S.
 */
export function Trails({ index }: { index: ReplayIndex }) {
  const n = index.drones.length;
  const ref = useRef<THREE.LineSegments>(null);
  const geometry = useMemo(() => {
    const g = new THREE.BufferGeometry();
    const positions = new THREE.BufferAttribute(new Float32Array(n * PIECES * 2 * 3), 3);
    positions.setUsage(THREE.DynamicDrawUsage);
    g.setAttribute('position', positions);
    return g;
  }, [n]);
  const material = useMemo(() => new THREE.LineBasicMaterial({ color: '#4a5968' }), []);

  useFrame(() => {
    const startedMs = performance.now();
    const attr = geometry.getAttribute('position') as THREE.BufferAttribute;
    const arr = attr.array as Float32Array;
    const t = playbackClock.tS;
    const step = TRAIL_S / PIECES;
    let o = 0;
    for (let i = 0; i < n; i++) {
      const d = index.drones[i];
      localPositionAt(d, t, a);
      for (let k = 1; k <= PIECES; k++) {
        localPositionAt(d, t - k * step, b);
        arr[o++] = a[0];
        arr[o++] = a[2];
        arr[o++] = -a[1];
        arr[o++] = b[0];
        arr[o++] = b[2];
        arr[o++] = -b[1];
        a[0] = b[0];
        a[1] = b[1];
        a[2] = b[2];
      }
    }
    attr.needsUpdate = true;
    playbackScene.updateMs += performance.now() - startedMs;
  });

  return <lineSegments ref={ref} geometry={geometry} material={material} frustumCulled={false} raycast={() => null} name="drone-trails" />;
}
