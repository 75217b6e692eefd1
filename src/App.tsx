import { Canvas } from '@react-three/fiber';
import { MissionScene } from './scene/MissionScene';
import { MissionSummary } from './ui/MissionSummary';
import { ScaleBar } from './ui/ScaleBar';
import { ViewControls } from './ui/ViewControls';

/** The one place where the 3D scene and the DOM panels meet. */
export function App() {
  return (
    <div className="app">
      <div className="viewport">
        <Canvas
          camera={{ fov: 45, near: 5, far: 400_000, position: [0, 20_000, 20_000] }}
          gl={{ logarithmicDepthBuffer: true, preserveDrawingBuffer: true, antialias: true }}
          data-testid="scene"
        >
          <MissionScene />
        </Canvas>
        <ScaleBar />
        <ViewControls />
      </div>
      <aside className="sidebar">
        <MissionSummary />
      </aside>
    </div>
  );
}
