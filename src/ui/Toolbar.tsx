import { useRef } from 'react';
import { TOOLS, useEditorStore } from '../state/editorStore';
import { useMissionStore, useUndoRedo } from '../state/missionStore';
import { newMission, redoEdit, resetToDefault, undoEdit } from '../state/editorActions';
import { downloadMission, openFile } from './files';

/** Tools, undo/redo and the file menu, above the map. */
export function Toolbar() {
  const tool = useEditorStore((s) => s.tool);
  const setTool = useEditorStore((s) => s.setTool);
  const { canUndo, canRedo } = useUndoRedo();
  const fileInput = useRef<HTMLInputElement>(null);
  return (
    <div className="panel toolbar" role="toolbar" aria-label="Editor tools">
      <div className="group">
        {TOOLS.map((t) => (
          <button
            key={t.tool}
            type="button"
            aria-pressed={tool === t.tool}
            onClick={() => setTool(t.tool)}
            title={`${t.hint} (${t.key})`}
            data-testid={`tool-${t.tool}`}
          >
            {t.label} <kbd>{t.key}</kbd>
          </button>
        ))}
      </div>
      <div className="group">
        <button type="button" onClick={undoEdit} disabled={!canUndo} title="Undo (Ctrl+Z)" data-testid="undo">
          Undo
        </button>
        <button type="button" onClick={redoEdit} disabled={!canRedo} title="Redo (Ctrl+Shift+Z or Ctrl+Y)" data-testid="redo">
          Redo
        </button>
      </div>
      <div className="group">
        <button type="button" onClick={newMission} title="Start an empty mission on the same map (undoable)">
          New
        </button>
        <button type="button" onClick={() => fileInput.current?.click()} title="Open a mission JSON or a GeoJSON file">
          Open…
        </button>
        <button type="button" onClick={() => downloadMission(useMissionStore.getState().mission)} title="Download the mission as JSON">
          Save…
        </button>
        <button
          type="button"
          onClick={() => window.confirm('Replace the current mission with the bundled default? (Undo brings it back.)') && resetToDefault()}
          title="Reset to the bundled default mission"
        >
          Reset
        </button>
        <input
          ref={fileInput}
          type="file"
          accept=".json,.geojson,application/json,application/geo+json"
          hidden
          data-testid="open-file"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void openFile(file);
          }}
        />
      </div>
    </div>
  );
}
