import { useMemo } from 'react';
import { useLocalGeometry } from '../state/geometry';
import { useEditorStore } from '../state/editorStore';
import { flagKey, useFlags } from '../state/flags';
import { usePlanStore } from '../state/planStore';
import { orderTimesFor } from '../state/orderStatus';
import { Ground } from './Ground';
import { Buildings, NoFlyZones } from './Airspace';
import { type MarkerPhases, type MarkerPoint, MarkerInstances } from './Markers';
import { Pads } from './Pads';
import { CameraRig } from './CameraRig';
import { EditPlane } from './EditPlane';
import { SelectionOverlay } from './SelectionOverlay';
import { DraftOverlay } from './DraftOverlay';
import { MeasureOverlay } from './MeasureOverlay';
import { HoverLabel } from './HoverLabel';
import { PublishSceneHandle } from './PublishSceneHandle';
import { TileLayer } from './TileLayer';
import { WaterLayer } from './WaterLayer';
import { ContextLayer } from './ContextLayer';
import { PhysicsLayer } from './physics/PhysicsLayer';
import { PlaybackLayer } from './playback/PlaybackLayer';
import { LayerEvents, LayerGroup } from './layers';
import { MapLabels } from './MapLabels';

/** Everything inside <Canvas>: the mission drawn from state, the editing overlays, and the camera. */
export function MissionScene() {
  const geo = useLocalGeometry();
  const flags = useFlags();
  const selection = useEditorStore((s) => s.selection);
  const depotPoints = useMemo<MarkerPoint[]>(
    () => geo.depots.map((d) => ({ id: d.depot.id, at: d.at, flagged: flags.has(flagKey({ kind: 'depot', id: d.depot.id })) })),
    [geo, flags],
  );
  const orderPoints = useMemo<MarkerPoint[]>(
    () => geo.orders.map((o) => ({ id: o.order.id, at: o.at, flagged: flags.has(flagKey({ kind: 'order', id: o.order.id })) })),
    [geo, flags],
  );
  // A live-dispatched day on replay: orders appear when placed, coloured by where they stand.
  const trace = usePlanStore((s) => s.trace);
  const plan = usePlanStore((s) => s.plan);
  const orderPhases = useMemo<MarkerPhases | null>(() => {
    const times = trace ? orderTimesFor(trace, plan) : null;
    return times ? { times, slot: Int32Array.from(orderPoints, (p) => times.index.get(p.id) ?? -1) } : null;
  }, [trace, plan, orderPoints]);
  return (
    <>
      <color attach="background" args={['#cfe3f3']} />
      <hemisphereLight args={['#ffffff', '#9aa58f', 1.6]} />
      <directionalLight position={[5000, 12000, 3000]} intensity={1.4} />
      <Ground bounds={geo.bounds} />
      <LayerGroup layer="water">
        <WaterLayer />
        <ContextLayer />
      </LayerGroup>
      <TileLayer bounds={geo.bounds} />
      <EditPlane />
      <LayerGroup layer="zones">
        <NoFlyZones zones={geo.zones} />
      </LayerGroup>
      <LayerGroup layer="buildings">
        <Buildings buildings={geo.buildings} />
      </LayerGroup>
      <LayerGroup layer="depots">
        <Pads />
        <MarkerInstances kind="depot" points={depotPoints} hiddenId={selection?.kind === 'depot' ? selection.id : undefined} />
      </LayerGroup>
      <LayerGroup layer="drops">
        <MarkerInstances kind="order" points={orderPoints} hiddenId={selection?.kind === 'order' ? selection.id : undefined} phases={orderPhases} />
      </LayerGroup>
      <PhysicsLayer />
      <PlaybackLayer />
      <SelectionOverlay geo={geo} flags={flags} />
      <DraftOverlay />
      <MeasureOverlay />
      <HoverLabel geo={geo} flags={flags} />
      <MapLabels geo={geo} />
      <LayerEvents />
      <CameraRig bounds={geo.bounds} />
      <PublishSceneHandle />
    </>
  );
}
