import { useMissionStore } from '../state/missionStore';
import { sameRef, useEditorStore } from '../state/editorStore';
import { ITEM_KIND_ORDER, type ItemRef, kindInfo, kindLabel } from '../state/itemKinds';
import { itemsOf } from '../state/missionEdits';
import { flagKey, useFlags } from '../state/flags';
import { flyToRef } from './flyTo';

/** The thing last picked in this list, until the sidebar asks (a pick here is no reason to leave the list). */
let listPick: ItemRef | null = null;

/** Whether `selection` was picked from this list (and forget the pick). */
export function takeListPick(selection: ItemRef): boolean {
  const fromList = sameRef(listPick, selection);
  listPick = null;
  return fromList;
}

/** Every thing in the mission by kind; a click selects it and flies to it. Flagged ones are marked. */
export function ThingList() {
  const mission = useMissionStore((s) => s.mission);
  const selection = useEditorStore((s) => s.selection);
  const select = useEditorStore((s) => s.select);
  const flags = useFlags();
  const groups = ITEM_KIND_ORDER.map((kind) => ({
    kind,
    items: itemsOf(mission, kind).map((it) => ({ id: it.id, label: kindInfo(kind).listText(it) })),
  }));
  return (
    <section className="panel things" data-testid="thing-list">
      {groups.map((g) => (
        <details key={g.kind} open={g.kind !== 'order'}>
          <summary>
            {kindLabel(g.kind)}s ({g.items.length})
          </summary>
          <ul>
            {g.items.map((it) => {
              const ref = { kind: g.kind, id: it.id };
              const reasons = flags.get(flagKey(ref));
              const selected = selection?.kind === g.kind && selection.id === it.id;
              return (
                <li key={it.id}>
                  <button
                    type="button"
                    className={`thing${selected ? ' selected' : ''}${reasons ? ' flagged' : ''}`}
                    title={reasons?.join('\n')}
                    onClick={() => {
                      listPick = ref;
                      select(ref);
                      flyToRef(ref);
                    }}
                  >
                    <code>{it.id}</code> {it.label}
                    {reasons && <span className="reason"> ⚠ {reasons[0]}</span>}
                  </button>
                </li>
              );
            })}
          </ul>
        </details>
      ))}
    </section>
  );
}
