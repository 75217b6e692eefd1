/**
 * Test-hook entries of the dispatcher's desk (spread into window.__skyhaul by src/testHook.ts): the
 * layer switches, what the scene drew (objects by name, zone looks, labels, drones on screen).
 */
import * as THREE from 'three';
import type { SimTrace } from '../core/sim/trace';
import { type LayerId, useLayersStore } from '../state/layersStore';
import { usePlanStore } from '../state/planStore';
import { usePlaybackStore, playbackClock } from '../state/playbackStore';
import { zonesDrawn } from '../scene/Airspace';
import { describeSceneObject } from '../scene/layers';
import { labelsDrawn } from '../scene/MapLabels';
import { playbackScene } from '../scene/playback/handle';
import { DRONE_PX, GROUND_DRONE_PX, HALO_PX } from '../scene/playback/Drones';
import { projectToClient } from '../scene/sceneHandle';

const m = new THREE.Matrix4();
const p = new THREE.Vector3();

export function layersTestHook(): Record<string, unknown> {
  return {
    /** The layer switches and whether the layers panel is open. */
    layers: () => {
      const s = useLayersStore.getState();
      return { visible: { ...s.visible }, panelOpen: s.panelOpen };
    },
    setLayer: (id: LayerId, on: boolean) => useLayersStore.getState().setVisible(id, on),
    /** A scene object by name: found, drawn (it and every parent visible), instance count (instanced meshes). */
    sceneObject: (name: string) => describeSceneObject(name),
    /** How a no-fly zone was drawn last: look, fill opacity, playback time; null when not drawn. */
    zoneShown: (zoneId: string) => {
      const z = zonesDrawn.get(zoneId);
      return z ? { ...z } : null;
    },
    /** The map's labels as placed last: text, kind, shown, canvas pixel position. */
    mapLabels: () => ({ on: labelsDrawn.on, items: labelsDrawn.items.map((i) => ({ ...i })) }),
    /**
     * Where the scene drew a drone this frame, in client pixels (read from its instance matrix and
     * projected through the live camera), the time it was drawn for, and the sizes on screen.
     */
    droneOnScreen: (droneId: string) => {
      const mesh = playbackScene.drones;
      const d = playbackScene.index?.byId.get(droneId);
      if (!mesh || !d) return null;
      mesh.getMatrixAt(d.index, m);
      p.setFromMatrixPosition(m);
      const at = projectToClient({ x: p.x, y: -p.z }, p.y);
      return at ? { x: at.x, y: at.y, altM: p.y, drawnAtS: playbackScene.drawnAtS, tS: playbackClock.tS, haloPx: HALO_PX, dronePx: DRONE_PX, groundPx: GROUND_DRONE_PX } : null;
    },
    /**
     * Plan the open mission (time limit in seconds) and simulate the plan, as the Plan tab's buttons do
     * (and the `?replay=` URL switch): resolves when the replay is loaded, with what came out.
     */
    planAndSimulate: async (timeLimitS = 2) => {
      const plans = usePlanStore.getState();
      plans.setPlanOptions({ timeLimitS });
      await usePlanStore.getState().runPlan();
      if (usePlanStore.getState().plan) await usePlanStore.getState().runSimulate();
      const s = usePlanStore.getState();
      return { planned: s.plan !== null, drones: s.trace?.drones.length ?? 0, endS: s.trace?.endS ?? 0, failure: s.failure };
    },
    /** Replace the replay's trace (keeping the plan): a trace read with `trace()` and changed, e.g. events added. */
    loadTrace: (trace: SimTrace) => usePlanStore.getState().setResults({ trace }),
    /** Make the camera follow a drone without selecting it (null: stop following). */
    followDrone: (droneId: string | null) => usePlaybackStore.getState().follow(droneId),
  };
}
