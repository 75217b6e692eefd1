/**
 * New and Reset ask first: a dialog that names what the current mission holds (and so what would go),
 * says how to get it back (undo; a copy kept in this browser), and offers to save it before. Opening a
 * file does not ask: choosing the file is the decision, and it keeps the same copy.
 */
import { useEffect, useRef } from 'react';
import { create } from 'zustand';
import { type Mission, missionFingerprint } from '../core/mission';
import { loadReplacedCopy } from '../state/autosave';
import { newMission, resetToDefault, restoreReplacedMission } from '../state/editorActions';
import { useMissionStore } from '../state/missionStore';
import { usePlanStore } from '../state/planStore';
import { downloadMission } from './files';

export type ReplaceKind = 'new' | 'reset';

export const useReplaceAsk = create<{ ask: ReplaceKind | null }>()(() => ({ ask: null }));

/** Open the dialog (the toolbar's New and Reset). */
export function askReplace(kind: ReplaceKind): void {
  useReplaceAsk.setState({ ask: kind });
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

/** What the mission holds, for "this replaces ...": `20 depots, 150 drop points, 5 no-fly zones and 29 buildings`. */
export function missionContents(m: Mission): string {
  const drones = m.depots.reduce((n, d) => n + d.fleet.reduce((k, f) => k + f.count, 0), 0);
  const parts = [
    plural(m.depots.length, 'depot'),
    drones > 0 ? plural(drones, 'drone') : '',
    plural(m.orders.length, 'drop point'),
    m.noFlyZones.length > 0 ? plural(m.noFlyZones.length, 'no-fly zone') : '',
    m.buildings.length > 0 ? plural(m.buildings.length, 'building') : '',
  ].filter(Boolean);
  return parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : parts[0];
}

export function ReplaceDialog() {
  const ask = useReplaceAsk((s) => s.ask);
  if (!ask) return null;
  return <ReplaceDialogBody kind={ask} />;
}

function ReplaceDialogBody({ kind }: { kind: ReplaceKind }) {
  const mission = useMissionStore((s) => s.mission);
  const hasPlan = usePlanStore((s) => s.plan !== null && s.planMission === mission);
  const confirm = useRef<HTMLButtonElement>(null);
  const copy = loadReplacedCopy();
  const close = () => useReplaceAsk.setState({ ask: null });
  useEffect(() => {
    confirm.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        close();
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);
  const title = kind === 'new' ? 'Start a new, empty mission?' : 'Reset to the bundled default mission?';
  const action = kind === 'new' ? 'Start a new mission' : 'Reset';
  return (
    <div className="dialog-backdrop" data-testid="replace-backdrop" onPointerDown={(e) => e.target === e.currentTarget && close()}>
      <div className="dialog panel replace-dialog" role="alertdialog" aria-modal="true" aria-labelledby="replace-title" data-testid="replace-dialog">
        <h2 id="replace-title">{title}</h2>
        <p data-testid="replace-what">
          This replaces <strong>{mission.name}</strong>: {missionContents(mission)}
          {hasPlan ? ', and its plan' : ''}.
          {kind === 'new' && ' The new mission keeps the map, the clock and the drone models.'}
        </p>
        <p className="note">
          Undo (Ctrl+Z) brings it back, and a copy stays in this browser until the next replacement. To keep it for good, save it first.
        </p>
        <div className="row">
          <button
            ref={confirm}
            type="button"
            className="primary"
            data-testid="replace-confirm"
            onClick={() => {
              close();
              if (kind === 'new') newMission();
              else resetToDefault();
            }}
          >
            {action}
          </button>
          <button type="button" onClick={() => downloadMission(mission)} data-testid="replace-save">
            Save it first…
          </button>
          <button type="button" onClick={close} data-testid="replace-cancel">
            Cancel
          </button>
        </div>
        {copy && missionFingerprint(copy.mission) !== missionFingerprint(mission) && (
          <p className="note">
            Replaced earlier: <strong>{copy.mission.name}</strong> ({missionContents(copy.mission)}, {new Date(copy.replacedAt).toLocaleString('en')}).{' '}
            <button
              type="button"
              className="link"
              data-testid="replace-restore"
              onClick={() => {
                close();
                restoreReplacedMission();
              }}
            >
              Bring it back
            </button>
          </p>
        )}
      </div>
    </div>
  );
}
