import { useEditorStore } from '../state/editorStore';
import { toolDef } from '../state/tools';
import { useMissionStore } from '../state/missionStore';

/** What the active tool does, the building height for the next footprint, and the last refusal. */
export function ToolHint() {
  const tool = useEditorStore((s) => s.tool);
  const draft = useEditorStore((s) => s.draft);
  const notice = useEditorStore((s) => s.notice);
  const heightM = useEditorStore((s) => s.buildingHeightM);
  const setHeight = useEditorStore((s) => s.setBuildingHeightM);
  const setNotice = useEditorStore((s) => s.setNotice);
  const autosaveError = useMissionStore((s) => s.autosaveError);
  const info = toolDef(tool);
  return (
    <div className="status">
      <div className="panel hint" data-testid="tool-hint">
        {info.hint}
        {(tool === 'zone' || tool === 'building') && draft.length > 0 && <> — {draft.length} corner(s)</>}
        {tool === 'building' && (
          <label>
            {' '}
            height{' '}
            <input
              type="number"
              min={1}
              max={1000}
              value={heightM}
              onChange={(e) => Number(e.target.value) > 0 && setHeight(Number(e.target.value))}
              data-testid="building-height"
            />{' '}
            m
          </label>
        )}
      </div>
      {notice && (
        <div className={`panel notice ${notice.tone}`} role="status" data-testid="notice">
          <span>{notice.text}</span>
          <button type="button" onClick={() => setNotice(null)} aria-label="Dismiss">
            ×
          </button>
        </div>
      )}
      {autosaveError && (
        <div className="panel notice refused" data-testid="autosave-error">
          {autosaveError}
        </div>
      )}
    </div>
  );
}
