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
import { LayersPanel } from './ui/LayersPanel';
import { TripPanel } from './ui/trip/TripPanel';
import { MapReadouts } from './ui/map/MapReadouts';
import { ReplaceDialog } from './ui/ReplaceDialog';
import { FileDropHint } from './ui/FileDropHint';

/**
 * The one place where the 3D scene and the DOM panels meet. Layout: the map with its overlays,
 * a bottom dock (kept for the playback timeline) and a tabbed sidebar (editor tabs now; physics
 * and plan panels join through Sidebar's `extraTabs`).
 *
 * The map's everyday overlays flow in two rows over the canvas instead of sitting in fixed corners:
 * the toolbar on top (with the view controls at its right end) and `map-bottom` (scale, hint, readouts,
 * attribution). They wrap rather than cover each other at any window size, and the rows themselves
 * take no clicks (only their panels do), so the map beside a panel stays clickable. Panels that hang
 * below the toolbar (the drone card) read its height from the `--toolbar-bottom` variable.
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
          <LayersPanel />
          <Toolbar>
            <ViewControls />
          </Toolbar>
          <DroneCard />
          <div className="map-bottom">
            <ScaleBar />
            <div className="map-bottom-right">
              <MapReadouts />
              <TileAttribution />
            </div>
            <ToolHint />
          </div>
          <LoadErrors />
          <ImportDialog />
          <WhatIfReportPanel />
          <TripPanel />
          <ReplaceDialog />
          <FileDropHint />
        </div>
        <div className="bottom-dock" data-slot="timeline">
          <Timeline />
        </div>
      </div>
      <Sidebar extraTabs={[{ id: 'physics', label: 'Physics', render: () => <PhysicsTab /> }, ...PLAYBACK_TABS, DISPATCH_TAB, WHATIF_TAB]} />
    </div>
  );
}
