/**
 * The dispatcher's desk without a browser: the sidebar's remembered layout, New's question (what the
 * mission holds) and the copy of a replaced mission, and the toolbar's markup (every tool a button with
 * a name, whatever the width hides). The layout itself is checked in Chromium (test/e2e/layout.e2e.test.ts).
 */
import { readFileSync } from 'node:fs';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Mission, parseMission } from '../../src/core/mission';
import { REPLACED_KEY, loadReplacedCopy, saveAutosave, saveReplacedCopy } from '../../src/state/autosave';
import { newMission, openFileText, restoreReplacedMission } from '../../src/state/editorActions';
import { TOOLS } from '../../src/state/tools';
import { clearHistory, undo, useMissionStore } from '../../src/state/missionStore';
import { ProblemText, VariantProblemText } from '../../src/ui/ProblemText';
import { missionContents } from '../../src/ui/ReplaceDialog';
import { SIDEBAR_MAX_PX, SIDEBAR_MIN_PX, clampSidebarWidth, readSidebarLayout } from '../../src/ui/Sidebar';
import { Toolbar } from '../../src/ui/Toolbar';

function tutorial(): Mission {
  const r = parseMission(JSON.parse(readFileSync('missions/tutorial.json', 'utf8')));
  if (!r.ok) throw new Error('tutorial');
  return r.mission;
}

/** A Storage in memory, with an optional quota (characters) to provoke a full storage. */
class MemoryStorage {
  items = new Map<string, string>();
  constructor(private quota = Number.POSITIVE_INFINITY) {}
  get length() {
    return this.items.size;
  }
  key(i: number) {
    return [...this.items.keys()][i] ?? null;
  }
  getItem(k: string) {
    return this.items.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    const used = [...this.items].reduce((n, [key, val]) => n + (key === k ? 0 : val.length), 0);
    if (used + v.length > this.quota) throw new Error('QuotaExceededError');
    this.items.set(k, v);
  }
  removeItem(k: string) {
    this.items.delete(k);
  }
  clear() {
    this.items.clear();
  }
}

const g = globalThis as { localStorage?: unknown };
let store: MemoryStorage;
beforeEach(() => {
  store = new MemoryStorage();
  g.localStorage = store;
  useMissionStore.getState().setMission(tutorial());
  clearHistory();
});
afterEach(() => {
  delete g.localStorage;
});

describe('the sidebar remembers its layout', () => {
  it('reads what it wrote, and anything else as the default', () => {
    expect(readSidebarLayout(JSON.stringify({ collapsed: true, widthPx: 420 }))).toEqual({ collapsed: true, widthPx: 420 });
    expect(readSidebarLayout(null)).toEqual({ collapsed: false, widthPx: null });
    expect(readSidebarLayout('{broken')).toEqual({ collapsed: false, widthPx: null });
    expect(readSidebarLayout(JSON.stringify({ collapsed: 'yes', widthPx: 'wide' }))).toEqual({ collapsed: false, widthPx: null });
  });

  it('keeps a width within bounds', () => {
    expect(clampSidebarWidth(10)).toBe(SIDEBAR_MIN_PX);
    expect(clampSidebarWidth(5000)).toBe(SIDEBAR_MAX_PX);
    expect(clampSidebarWidth(333.6)).toBe(334);
    expect(clampSidebarWidth(Number.NaN)).toBeNull();
  });
});

describe('New asks first, and the replaced mission is kept', () => {
  it('says what the mission holds', () => {
    const m = tutorial();
    expect(missionContents(m)).toBe('1 depot, 2 drones, 5 drop points, 1 no-fly zone and 2 buildings');
    expect([m.depots.length, m.orders.length, m.noFlyZones.length, m.buildings.length]).toEqual([1, 5, 1, 2]);
    expect(missionContents({ ...m, depots: [], orders: [], noFlyZones: [], buildings: [] })).toBe('0 depots and 0 drop points');
  });

  it('New keeps a copy of the mission it replaces; undo and "bring it back" both restore it', () => {
    const before = useMissionStore.getState().mission;
    newMission();
    expect(useMissionStore.getState().mission.orders).toHaveLength(0);
    const copy = loadReplacedCopy();
    expect(copy?.mission).toEqual(before);
    expect(Number.isNaN(Date.parse(copy!.replacedAt))).toBe(false);
    undo();
    expect(useMissionStore.getState().mission).toEqual(before);
    newMission();
    expect(restoreReplacedMission()).toBe(true);
    expect(useMissionStore.getState().mission).toEqual(before);
  });

  it('an opened mission file keeps the same copy', () => {
    const before = useMissionStore.getState().mission;
    const other = { ...before, name: 'Another mission' };
    expect(openFileText(JSON.stringify(other), 'other.json').ok).toBe(true);
    expect(loadReplacedCopy()?.mission.name).toBe(before.name);
  });

  it('nothing to bring back without a copy', () => {
    expect(restoreReplacedMission()).toBe(false);
  });

  it('when storage is full, the autosave wins over the copy', () => {
    const m = tutorial();
    const size = JSON.stringify(m).length;
    store = new MemoryStorage(size * 1.6);
    g.localStorage = store;
    expect(saveReplacedCopy(m)).toBeUndefined();
    expect(store.getItem(REPLACED_KEY)).not.toBeNull();
    expect(saveAutosave(m)).toBeUndefined();
    expect(store.getItem(REPLACED_KEY)).toBeNull();
  });
});

describe('the toolbar', () => {
  it('every tool, undo/redo and file action is a button with a name (icons stay when labels go)', () => {
    const html = renderToStaticMarkup(<Toolbar />);
    for (const t of TOOLS) {
      expect(html).toContain(`aria-label="${t.label}"`);
      expect(html).toContain(`data-testid="tool-${t.id}"`);
    }
    for (const name of ['Undo', 'Redo', 'History', 'New', 'Open…', 'Save…', 'Reset']) expect(html).toContain(`aria-label="${name}"`);
    expect((html.match(/<svg class="icon"/g) ?? []).length + (html.match(/icon-letter/g) ?? []).length).toBe(TOOLS.length + 7);
  });

  it('puts the view controls it is given at its end', () => {
    const html = renderToStaticMarkup(
      <Toolbar>
        <div className="view-controls">camera</div>
      </Toolbar>,
    );
    expect(html.indexOf('view-controls')).toBeGreaterThan(html.indexOf('data-testid="file-reset"'));
  });
});

describe('problem lists in the app name the things', () => {
  it('a check by its thing, the path small after it', () => {
    const m = tutorial();
    const html = renderToStaticMarkup(<ProblemText problem={{ path: 'orders[0].position', message: 'inside no-fly zone "City park"', severity: 'check' }} doc={m} />);
    expect(html).toBe(`order ${m.orders[0].id}: position: inside no-fly zone &quot;City park&quot; <code class="problem-path">orders[0].position</code>`);
    expect(renderToStaticMarkup(<ProblemText problem={{ path: 'wind.speedMps', message: 'must be at most 60 m/s', severity: 'error' }} doc={m} />)).toBe(
      'wind.speedMps: must be at most 60 m/s',
    );
  });

  it("a what-if variant's problem by the variant and the override's own words", () => {
    const html = renderToStaticMarkup(<VariantProblemText problem={{ path: 'gale', message: 'overrides.wind.speedMps: must be at most 60 m/s', severity: 'error' }} />);
    expect(html).toBe('variant &quot;gale&quot;: wind speed: must be at most 60 m/s <code class="problem-path">overrides.wind.speedMps</code>');
    expect(renderToStaticMarkup(<VariantProblemText problem={{ path: 'gale', message: 'name: "gale" is used by another scenario', severity: 'error' }} />)).toBe(
      'variant &quot;gale&quot;: name: &quot;gale&quot; is used by another scenario',
    );
  });
});
