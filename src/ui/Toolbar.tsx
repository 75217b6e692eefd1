import { type ReactNode, type RefObject, useLayoutEffect, useRef } from 'react';
import { useEditorStore } from '../state/editorStore';
import { TOOLS } from '../state/tools';
import { useHistoryNames, useMissionStore } from '../state/missionStore';
import { HistoryMenu } from './HistoryMenu';
import { redoEdit, undoEdit } from '../state/editorActions';
import { downloadMission, openFile } from './files';
import { Icon } from './icons';
import { askReplace } from './ReplaceDialog';

/**
 * Tools, undo/redo and the file menu across the top of the map, then `children` (the view controls) at
 * the right end: small panels that wrap onto another row rather than cover or hide each other. A
 * narrow map drops the key hints, then the labels (icons stay; the name is in the tooltip and the
 * accessible name). The toolbar's own box takes no clicks: the map beside and between its panels
 * stays clickable. Its height is published on the map as `--toolbar-bottom` for panels hanging below.
 */
export function Toolbar({ children }: { children?: ReactNode }) {
  const tool = useEditorStore((s) => s.tool);
  const setTool = useEditorStore((s) => s.setTool);
  const history = useHistoryNames();
  const canUndo = history.undo.length > 0;
  const canRedo = history.redoName !== undefined;
  const fileInput = useRef<HTMLInputElement>(null);
  const box = useRef<HTMLDivElement>(null);
  usePublishBottom(box);
  return (
    <div ref={box} className="toolbar" role="toolbar" aria-label="Map tools" data-testid="toolbar">
      <div className="panel group" role="group" aria-label="Tools">
        {TOOLS.map((t) => (
          <button
            key={t.id}
            type="button"
            aria-pressed={tool === t.id}
            aria-label={t.label}
            onClick={() => setTool(t.id)}
            title={`${t.label}: ${t.hint} (${t.key})`}
            data-testid={`tool-${t.id}`}
          >
            <Icon name={t.id} fallback={t.label} />
            <span className="label">{t.label}</span> <kbd>{t.key}</kbd>
          </button>
        ))}
      </div>
      <div className="panel group" role="group" aria-label="Undo and redo">
        <button type="button" onClick={undoEdit} disabled={!canUndo} title={history.undo.length ? `Undo ${history.undo[0].name} (Ctrl+Z)` : 'Undo (Ctrl+Z)'} aria-label="Undo" data-testid="undo">
          <Icon name="undo" />
          <span className="label">Undo</span>
        </button>
        <button type="button" onClick={redoEdit} disabled={!canRedo} title={history.redoName ? `Redo ${history.redoName} (Ctrl+Shift+Z or Ctrl+Y)` : 'Redo (Ctrl+Shift+Z or Ctrl+Y)'} aria-label="Redo" data-testid="redo">
          <Icon name="redo" />
          <span className="label">Redo</span>
        </button>
        <HistoryMenu />
      </div>
      <div className="panel group" role="group" aria-label="Mission file">
        <button type="button" onClick={() => askReplace('new')} title="New: start an empty mission on the same map (asks first; undoable)" aria-label="New" data-testid="file-new">
          <Icon name="new" />
          <span className="label">New</span>
        </button>
        <button
          type="button"
          onClick={() => fileInput.current?.click()}
          title="Open a mission JSON, a GeoJSON file, an OpenStreetMap extract (.osm, Overpass JSON) or a GeoTIFF elevation model (.tif)"
          aria-label="Open…"
          data-testid="file-open"
        >
          <Icon name="open" />
          <span className="label">Open…</span>
        </button>
        <button
          type="button"
          onClick={() => downloadMission(useMissionStore.getState().mission)}
          title="Save: download the mission as JSON"
          aria-label="Save…"
          data-testid="file-save"
        >
          <Icon name="save" />
          <span className="label">Save…</span>
        </button>
        <button type="button" onClick={() => askReplace('reset')} title="Reset to the bundled default mission (asks first; undoable)" aria-label="Reset" data-testid="file-reset">
          <Icon name="reset" />
          <span className="label">Reset</span>
        </button>
        <input
          ref={fileInput}
          type="file"
          accept=".json,.geojson,.osm,.tif,.tiff,application/json,application/geo+json,image/tiff"
          hidden
          data-testid="open-file"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void openFile(file);
          }}
        />
      </div>
      {children}
    </div>
  );
}

/** Keep `--toolbar-bottom` (px from the top of the map) on the toolbar's parent as the toolbar wraps. */
function usePublishBottom(box: RefObject<HTMLDivElement | null>): void {
  useLayoutEffect(() => {
    const el = box.current;
    const map = el?.parentElement;
    if (!el || !map) return;
    const publish = () => map.style.setProperty('--toolbar-bottom', `${Math.ceil(el.getBoundingClientRect().bottom - map.getBoundingClientRect().top)}px`);
    publish();
    const observer = new ResizeObserver(publish);
    observer.observe(el);
    observer.observe(map);
    return () => observer.disconnect();
  }, [box]);
}
