import { useMemo } from 'react';
import { useLocalGeometry } from '../state/geometry';
import { Ground } from './Ground';
import { Buildings, NoFlyZones } from './Airspace';
import { MarkerInstances } from './Markers';
import { CameraRig } from './CameraRig';

/** Everything inside <Canvas>: the mission drawn from state, and the camera. */
export function MissionScene() {
  const geo = useLocalGeometry();
  const depotPoints = useMemo(() => geo.depots.map((d) => d.at), [geo]);
  const orderPoints = useMemo(() => geo.orders.map((o) => o.at), [geo]);
  return (
    <>
      <color attach="background" args={['#cfe3f3']} />
      <hemisphereLight args={['#ffffff', '#9aa58f', 1.6]} />
      <directionalLight position={[5000, 12000, 3000]} intensity={1.4} />
      <Ground bounds={geo.bounds} />
      <NoFlyZones zones={geo.zones} />
      <Buildings buildings={geo.buildings} />
      <MarkerInstances name="depots" points={depotPoints} geometry="depot" color="#1f5fbf" scaleM={260} liftM={156} />
      <MarkerInstances name="orders" points={orderPoints} geometry="order" color="#e07a1f" scaleM={130} liftM={104} />
      <CameraRig bounds={geo.bounds} />
    </>
  );
}
