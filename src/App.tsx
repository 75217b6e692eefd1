import { Canvas } from '@react-three/fiber';
import { MissionScene } from './scene/MissionScene';
import { ScaleBar } from './ui/ScaleBar';
import { ViewControls } from './ui/ViewControls';
import { Toolbar } from './ui/Toolbar';
import { ToolHint } from './ui/ToolHint';
import { ImportDialog, LoadErrors } from './ui/FileDialogs';
import { Sidebar } from './ui/Sidebar';
import { useShortcuts } from './ui/useShortcuts';
import { openFile } from './ui/files';
import { TileAttribution } from './ui/MapSettings';
import { PhysicsTab } from './ui/physics/PhysicsTab';
import { Timeline } from './ui/playback/Timeline';
import { DroneCard } from './ui/playback/DroneCard';
import { PLAYBACK_TABS } from './ui/playback/tabs';
import { DISPATCH_TAB } from './ui/dispatch/tabs';
import { WHATIF_TAB } from './ui/whatif/tabs';
import { WhatIfReportPanel } from './ui/whatif/WhatIfReportPanel';

/**
 * The one place where the 3D scene and the DOM panels meet. Layout: the map with its overlays,
 * a bottom dock (kept for the playback timeline) and a tabbed sidebar (editor tabs now; physics
 * and plan panels join through Sidebar's `extraTabs`).
 */
export function App() {
  useShortcuts();
  return (
    <div
      className="app"
      onDragOver={(e) => {
        if (e.dataTransfer.types.includes('Files')) e.preventDefault();
      }}
      onDrop={(e) => {
        const file = e.dataTransfer.files[0];
        if (!file) return;
        e.preventDefault();
        void openFile(file);
      }}
    >
      <div className="main">
        <div className="viewport">
          <Canvas
            camera={{ fov: 45, near: 5, far: 400_000, position: [0, 20_000, 20_000] }}
            gl={{ logarithmicDepthBuffer: true, preserveDrawingBuffer: true, antialias: true }}
            data-testid="scene"
          >
            <MissionScene />
          </Canvas>
          <Toolbar />
          <ToolHint />
          <ScaleBar />
          <ViewControls />
          <TileAttribution />
          <LoadErrors />
          <ImportDialog />
          <DroneCard />
          <WhatIfReportPanel />
        </div>
        <div className="bottom-dock" data-slot="timeline">
          <Timeline />
        </div>
      </div>
      <Sidebar extraTabs={[{ id: 'physics', label: 'Physics', render: () => <PhysicsTab /> }, ...PLAYBACK_TABS, DISPATCH_TAB, WHATIF_TAB]} />
    </div>
  );
}
