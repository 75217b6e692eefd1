import { kindLabel } from '../state/itemKinds';
import type { z } from 'zod';
import { type Mission, buildingSchema, depotSchema, noFlyZoneSchema, orderSchema } from '../core/mission';
import { useMissionStore } from '../state/missionStore';
import { useEditorStore } from '../state/editorStore';
import { commit, deleteThing } from '../state/editorActions';
import { type ItemKind, type ItemRef, findItem, getIn, indexOfItem, replaceItem, setIn } from '../state/missionEdits';
import { useViewStore } from '../state/viewStore';
import { Field } from './fields';
import { type FieldDef, MISSION_FIELDS, fieldsFor } from './inspectorFields';
import { flyToRef } from './flyTo';

/** The loader's per-item schemas: a field is checked by exactly the rules a file would be. */
const ITEM_SCHEMA: Record<ItemKind, z.ZodType> = {
  depot: depotSchema,
  order: orderSchema,
  zone: noFlyZoneSchema,
  building: buildingSchema,
};

interface IssueLike {
  code: string;
  path: PropertyKey[];
  message: string;
  errors?: IssueLike[][];
}

/**
 * The issues plus those inside each failed union branch, with full paths: a union (a depot's
 * `pads`: a count or explicit positions) reports "Invalid input" at its own path when every branch
 * fails, and the reason for the field being edited (`pads.count` "must be a whole number") is in a branch.
 */
function withUnionBranches(issues: readonly IssueLike[]): IssueLike[] {
  return issues.flatMap((i) =>
    i.code === 'invalid_union' && i.errors
      ? [i, ...withUnionBranches(i.errors.flat().map((b) => ({ ...b, path: [...i.path, ...b.path] })))]
      : [i],
  );
}

const startsWith = (path: readonly PropertyKey[], prefix: readonly PropertyKey[]) => prefix.every((k, i) => path[i] === k);

/**
 * Check a candidate item with its schema (the field's own rule), then the whole document with the
 * loader's rules (cross-field: unique ids, self-crossing rings, area...). Returns the reason or null.
 */
function tryItemEdit(ref: ItemRef, candidate: unknown, field: FieldDef): string | null {
  const checked = ITEM_SCHEMA[ref.kind].safeParse(candidate);
  if (!checked.success) {
    const issues = withUnionBranches(checked.error.issues);
    const issue = issues.find((i) => startsWith(i.path, field.path)) ?? checked.error.issues[0];
    return issue.code === 'unrecognized_keys' ? 'unknown field' : issue.message;
  }
  const mission = useMissionStore.getState().mission;
  const index = indexOfItem(mission, ref);
  const next = replaceItem(mission, ref, candidate as never);
  const result = commit(`${kindLabel(ref.kind)} edit`, next, { coalesceKey: `${ref.kind}[${index}].${field.path.join('.')}` });
  if (!result.ok) return result.errors.map((e) => e.message).join('; ');
  const newId = (candidate as { id: string }).id;
  if (newId !== ref.id) useEditorStore.getState().select({ kind: ref.kind, id: newId });
  return null;
}

export function Inspector() {
  const selection = useEditorStore((s) => s.selection);
  const mission = useMissionStore((s) => s.mission);
  const item = selection ? findItem(mission, selection) : undefined;
  if (!selection || !item) return <MissionInspector mission={mission} />;
  return <ItemInspector key={`${selection.kind}:${selection.id}`} refItem={selection} item={item} mission={mission} />;
}

function ItemInspector({ refItem, item, mission }: { refItem: ItemRef; item: object; mission: Mission }) {
  const fields = fieldsFor(refItem.kind, item, mission);
  const select = useEditorStore((s) => s.select);
  const toggle = (key: 'open' | 'active', on: boolean) => {
    const value = on ? { earliest: 0, latest: mission.horizonS } : undefined;
    tryItemEdit(refItem, setIn(item, [key], value), { label: key, type: 'text', path: [key] });
  };
  return (
    <section className="panel inspector" data-testid="inspector">
      <header>
        <h2>
          {kindLabel(refItem.kind)} <code>{refItem.id}</code>
        </h2>
        <div className="row">
          <button type="button" onClick={() => flyToRef(refItem)} title="Fly to the selection (G)">
            Fly to
          </button>
          <button type="button" onClick={() => deleteThing(refItem)} title="Delete (Del)">
            Delete
          </button>
          <button type="button" onClick={() => select(null)} title="Deselect (Esc)">
            Close
          </button>
        </div>
      </header>
      {fields.map((f) => (
        <Field
          key={f.path.join('.')}
          label={f.label}
          type={f.type}
          options={f.options}
          unit={f.unit}
          value={f.get ? f.get(item) : getIn(item, f.path)}
          readOnly={f.readOnly}
          placeholder={f.placeholder}
          testId={`field-${f.path.join('.')}`}
          onChange={(value) => tryItemEdit(refItem, f.set ? f.set(item, value) : setIn(item, f.path, value), f)}
        />
      ))}
      {refItem.kind === 'depot' && (
        <div className="row">
          <button
            type="button"
            onClick={() =>
              mission.droneModels[0] &&
              tryItemEdit(refItem, setIn(item, ['fleet', (item as { fleet: unknown[] }).fleet.length], { modelId: mission.droneModels[0].id, count: 1 }), {
                label: 'fleet',
                type: 'text',
                path: ['fleet'],
              })
            }
          >
            Add drones
          </button>
          <label className="check">
            <input type="checkbox" checked={'open' in item && !!item.open} onChange={(e) => toggle('open', e.target.checked)} /> Opening hours
          </label>
        </div>
      )}
      {refItem.kind === 'zone' && (
        <label className="check">
          <input type="checkbox" checked={'active' in item && !!item.active} onChange={(e) => toggle('active', e.target.checked)} /> Only active
          in a time window
        </label>
      )}
    </section>
  );
}

function MissionInspector({ mission }: { mission: Mission }) {
  const fly = useViewStore((s) => s.requestFit);
  return (
    <section className="panel inspector" data-testid="inspector">
      <header>
        <h2>Mission</h2>
        <div className="row">
          <button type="button" onClick={fly}>
            Fit mission
          </button>
        </div>
      </header>
      <p className="hint">Nothing selected: click a marker, zone or building on the map (tool Select, V).</p>
      {MISSION_FIELDS.map((f) => (
        <Field
          key={f.path.join('.')}
          label={f.label}
          type={f.type}
          unit={f.unit}
          value={getIn(mission, f.path)}
          testId={`mission-${f.path.join('.')}`}
          onChange={(value) => {
            const result = commit('Mission edit', setIn(mission, f.path, value), { coalesceKey: `mission.${f.path.join('.')}` });
            return result.ok ? null : result.errors.map((e) => `${e.path}: ${e.message}`).join('; ');
          }}
        />
      ))}
    </section>
  );
}
