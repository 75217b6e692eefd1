import { useState } from 'react';
import { cancelDraft } from '../state/editorActions';
import { undoMany, useHistoryNames } from '../state/missionStore';
import { Icon } from './icons';

/** The most steps the list shows (the store keeps more; undo reaches them one by one). */
const LIST_LIMIT = 30;

/** The undo history by name, newest first: a pick takes back that step and every later one. */
export function HistoryMenu() {
  const { undo } = useHistoryNames();
  const [open, setOpen] = useState(false);
  return (
    <div className="history-menu">
      <button
        type="button"
        onClick={() => setOpen(!open)}
        disabled={undo.length === 0}
        aria-expanded={open}
        aria-label="History"
        title="History: the edits undo would take back, by name"
        data-testid="history"
      >
        <Icon name="history" />
        <span className="label">History</span>
      </button>
      {open && undo.length > 0 && (
        <ol className="panel history-list" data-testid="history-list">
          {undo.slice(0, LIST_LIMIT).map((s) => (
            <li key={s.undos}>
              <button
                type="button"
                title={s.undos === 1 ? 'Undo this step' : `Undo this step and the ${s.undos - 1} after it`}
                onClick={() => {
                  cancelDraft();
                  undoMany(s.undos);
                  setOpen(false);
                }}
              >
                {s.name}
              </button>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
