/**
 * A window into the app for end-to-end tests (and curious users in the console):
 * `window.__skyhaul.mission()` and friends. Stores stay the single source of truth; the few
 * actions here (flyTo, select) are the same ones the UI calls.
 */
import { useMissionStore, undoCounts } from './state/missionStore';
import { useEditorStore } from './state/editorStore';
import { useViewStore } from './state/viewStore';
import { AUTOSAVE_KEY } from './state/autosave';
import { viewMetrics } from './scene/viewMetrics';
import { groundAtClient, projectToClient } from './scene/sceneHandle';
import type { LngLat } from './core/geo/frame';
import { playbackTestHook } from './ui/playback/testHookEntries';
import { describeReachRing } from './scene/physics/reachProbe';
import { whatifTestHook } from './ui/whatif/testHookEntries';
import { dispatchTestHook } from './ui/dispatch/testHookEntries';
import { describePadsInScene } from './scene/padsProbe';
import { describeMarkers } from './scene/markersProbe';
import { currentGroundHeight } from './state/groundHeight';
import { layersTestHook } from './ui/layersTestHook';
import { deskTestHook } from './ui/trip/testHookEntries';
import { basemapTestHook } from './ui/map/basemapTestHook';
import { describeTileVertices } from './scene/TileLayer';
import { layerScene } from './scene/layers';
import { plannerThreadStatus, setPlannerThreads } from './workers/clients';

declare global {
  interface Window {
    __skyhaul?: Record<string, unknown>;
  }
}

export function installTestHook(): void {
  window.__skyhaul = {
    ...(window.__skyhaul ?? {}),
    mission: () => useMissionStore.getState().mission,
    checks: () => useMissionStore.getState().checks,
    frames: () => viewMetrics.frames,
    /** Client pixel position of a [lng, lat] on the ground (or at altitudeM) through the live camera. */
    project: (lngLat: LngLat, altitudeM = 0) => projectToClient(useMissionStore.getState().frame.toLocal(lngLat), altitudeM),
    /** Client pixel position of a local point (metres east, north). */
    projectLocal: (x: number, y: number, altitudeM = 0) => projectToClient({ x, y }, altitudeM),
    /** [lng, lat] of the ground under a client pixel, or null above the horizon. */
    groundAt: (clientX: number, clientY: number) => {
      const p = groundAtClient(clientX, clientY);
      return p ? useMissionStore.getState().frame.toLngLat(p) : null;
    },
    toLocal: (lngLat: LngLat) => useMissionStore.getState().frame.toLocal(lngLat),
    toLngLat: (x: number, y: number) => useMissionStore.getState().frame.toLngLat({ x, y }),
    /** Centre the camera on [lng, lat] at a distance (metres), keeping the view direction. */
    flyTo: (lngLat: LngLat, distanceM?: number) => useViewStore.getState().flyTo(useMissionStore.getState().frame.toLocal(lngLat), distanceM),
    cameraMode: () => useViewStore.getState().cameraMode,
    editor: () => {
      const s = useEditorStore.getState();
      return { tool: s.tool, selection: s.selection, hover: s.hover, draft: s.draft, notice: s.notice, loadErrors: s.loadErrors };
    },
    undoState: () => undoCounts(),
    autosaved: () => localStorage.getItem(AUTOSAVE_KEY),
    ...playbackTestHook(),
    ...whatifTestHook(),
    ...dispatchTestHook(),
    ...layersTestHook(),
    ...deskTestHook(),
    ...basemapTestHook(),
    /** The planner's leg-cost workers for the next plans: a count (0: none) and how jobs go out; undefined resets. */
    setPlannerThreads: (legCostWorkers?: number, legCostHandout?: 'shared' | 'messages') => setPlannerThreads({ legCostWorkers, legCostHandout }),
    /** The plan worker's leg-cost workers: {spawned, running, handout, jobs, jobsHere} of the last run, or null. */
    plannerThreads: () => plannerThreadStatus(),
    /** A sample of the basemap tiles' vertices as drawn: local x, y and drawn height (on the terrain when there is one). */
    tileVertices: (limit?: number) => describeTileVertices(layerScene.scene, limit),
    /** Depot or drop-point markers as drawn: id, local x/y, the height their foot stands at (m above the datum), hidden. */
    markers: (kind: 'depot' | 'order') => describeMarkers(kind),
    /** Ground height above the mission datum at a local point (0 without terrain): what the layers stand things on. */
    groundHeight: (x: number, y: number) => currentGroundHeight()(x, y),
    /** The selected depot's reach ring as mounted in the scene (depot, model, parcel, radii, line vertices), or null. */
    reachRing: () => describeReachRing(),
    /**
     * The depot pads as drawn in the scene: instance count, centres as [lng, lat], height above the
     * ground and whether a ray can hit them (it must not), or null when the pads mesh is not mounted.
     */
    pads: () => {
      const drawn = describePadsInScene();
      if (!drawn) return null;
      const frame = useMissionStore.getState().frame;
      return { count: drawn.count, centres: drawn.centres.map((c) => frame.toLngLat(c)), liftM: drawn.liftM, pickable: drawn.pickable };
    },
  };
}
