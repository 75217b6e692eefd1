/**
 * Layouts that hold, in Chromium at the window sizes a dispatcher's desk meets: every toolbar button
 * visible and the topmost element at its centre (nothing covers a tool), the hint clear of the scale,
 * the drone card clear of the toolbar, the clock whole at 800x600, the what-if progress in view; the
 * sidebar collapses, expands and resizes, and remembers it; a click beside the toolbar reaches the map
 * and a click on it does not; a marker picked on the map while the Things tab is open shows its
 * inspector; New asks before it replaces the mission.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type BrowserSession, openBrowser, waitForScene, hook } from './browser';

type LngLat = [number, number];
type Box = { left: number; top: number; right: number; bottom: number };
const POLL = { timeout: 60_000, interval: 200 };

const editor = (page: Page) => hook<{ tool: string; selection: { kind: string; id: string } | null; draft: unknown[] }>(page, 'editor');

/**
 * Toolbar buttons that are not fully inside the window or not the topmost element at their centre
 * (described by their name), and how many buttons were checked.
 */
async function coveredToolbarButtons(page: Page): Promise<{ checked: number; bad: string[] }> {
  return page.evaluate(() => {
    const buttons = [...document.querySelectorAll<HTMLButtonElement>('[data-testid="toolbar"] button')];
    const bad: string[] = [];
    for (const b of buttons) {
      const r = b.getBoundingClientRect();
      const name = b.getAttribute('aria-label') ?? b.textContent ?? '?';
      if (r.width < 8 || r.height < 8 || r.left < 0 || r.top < 0 || r.right > innerWidth || r.bottom > innerHeight) {
        bad.push(`${name}: not inside the window (${Math.round(r.left)},${Math.round(r.top)} ${Math.round(r.width)}x${Math.round(r.height)})`);
        continue;
      }
      const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      if (!top || !(top === b || b.contains(top))) bad.push(`${name}: covered by ${top ? `${top.tagName}.${top.className}` : 'nothing'}`);
    }
    return { checked: buttons.length, bad };
  });
}

async function box(page: Page, selector: string): Promise<Box | null> {
  return page.evaluate((sel) => {
    const el = document.querySelector(sel);
    if (!el) return null;
    const r = el.getBoundingClientRect();
    return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
  }, selector);
}

const overlap = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

async function expectToolbarClear(page: Page) {
  const { checked, bad } = await coveredToolbarButtons(page);
  expect(bad).toEqual([]);
  // 7 tools (6 before the measuring tool), undo/redo, 4 file actions and the camera buttons.
  expect(checked).toBeGreaterThanOrEqual(14);
}

async function expectHintClearOfScale(page: Page) {
  const hint = (await box(page, '[data-testid="tool-hint"]'))!;
  const scale = (await box(page, '[data-testid="scale-bar"]'))!;
  expect(overlap(hint, scale), `hint ${JSON.stringify(hint)} scale ${JSON.stringify(scale)}`).toBe(false);
}

describe('layouts that hold (tutorial mission, replay loaded)', () => {
  let s: BrowserSession;

  beforeAll(async () => {
    s = await openBrowser({ width: 1024, height: 700 });
    const page = s.page;
    await page.goto(`${inject('baseUrl')}?mission=tutorial`);
    await waitForScene(page);
    await page.waitForFunction(() => (window.__skyhaul!.mission as () => { depots: unknown[] })().depots.length === 1, null, POLL);
  });
  afterAll(async () => s?.close());

  it('1024x700: every toolbar button is visible and on top; the hint is clear of the scale', async () => {
    await expectToolbarClear(s.page);
    await expectHintClearOfScale(s.page);
    // The tools never hide behind the camera buttons: nothing of the toolbar overlaps another panel of it.
    const panels = await s.page.evaluate(() =>
      [...document.querySelectorAll('[data-testid="toolbar"] > *')].map((el) => {
        const r = el.getBoundingClientRect();
        return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
      }),
    );
    for (let i = 0; i < panels.length; i++) for (let j = i + 1; j < panels.length; j++) expect(overlap(panels[i], panels[j])).toBe(false);
  });

  it('with a replay and a selected drone, the drone card stays clear of the toolbar', async () => {
    const page = s.page;
    await page.getByTestId('tab-plan').click();
    await page.getByTestId('plan-time-limit').fill('2');
    await page.getByTestId('plan-iterations').fill('400');
    await page.getByTestId('plan-button').click();
    await expect.poll(async () => (await hook<{ hasPlan: boolean }>(page, 'planJob')).hasPlan, POLL).toBe(true);
    await page.getByTestId('simulate-button').click();
    await expect.poll(() => page.getByTestId('timeline').count(), POLL).toBe(1);
    const trace = await hook<{ drones: { droneId: string }[]; endS: number }>(page, 'trace');
    await hook(page, 'selectDrone', trace.drones[0].droneId);
    await hook(page, 'seek', Math.round(trace.endS / 3));
    await expect.poll(() => page.getByTestId('drone-card').count(), POLL).toBe(1);
    const card = (await box(page, '[data-testid="drone-card"]'))!;
    const toolbarPanels = await page.evaluate(() =>
      [...document.querySelectorAll('[data-testid="toolbar"] > *')].map((el) => {
        const r = el.getBoundingClientRect();
        return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
      }),
    );
    for (const p of toolbarPanels) expect(overlap(card, p), `card ${JSON.stringify(card)} toolbar ${JSON.stringify(p)}`).toBe(false);
    await expectToolbarClear(page);
  });

  it('800x600: the clock is whole, the toolbar still complete and on top', async () => {
    const page = s.page;
    await page.setViewportSize({ width: 800, height: 600 });
    await expect
      .poll(async () => {
        const c = await box(page, '[data-testid="time-readout"]');
        return !!c && c.left >= 0 && c.top >= 0 && c.right <= 800 && c.bottom <= 600 && c.right - c.left > 30;
      }, POLL)
      .toBe(true);
    // Not clipped by its own row either: the readout's text fits its box.
    const clipped = await page.evaluate(() => {
      const el = document.querySelector('[data-testid="time-readout"]') as HTMLElement;
      const dock = (document.querySelector('.bottom-dock') as HTMLElement).getBoundingClientRect();
      const r = el.getBoundingClientRect();
      return el.scrollWidth > el.clientWidth + 1 || r.right > dock.right || r.bottom > dock.bottom;
    });
    expect(clipped).toBe(false);
    expect(await page.getByTestId('time-readout').textContent()).toMatch(/^\d\d:\d\d:\d\d$/);
    await expectToolbarClear(page);
    await expectHintClearOfScale(page);
  });

  it('1440x900: every toolbar button is visible and on top', async () => {
    await s.page.setViewportSize({ width: 1440, height: 900 });
    await expect.poll(async () => (await coveredToolbarButtons(s.page)).bad, POLL).toEqual([]);
    await expectToolbarClear(s.page);
    await expectHintClearOfScale(s.page);
  });

  it('the what-if progress bar stays in view in the sidebar', async () => {
    const page = s.page;
    await page.setViewportSize({ width: 1024, height: 700 });
    await page.getByTestId('tab-whatif').click();
    await page.getByTestId('whatif-add-variant').click();
    const v = page.getByTestId('whatif-variant');
    await v.getByTestId('whatif-name').fill('three drones');
    await v.getByTestId('whatif-dronesPerDepot').fill('3');
    await page.getByTestId('whatif-budget').selectOption('time');
    await page.getByTestId('whatif-timeLimitS').fill('60');
    await page.getByTestId('whatif-run').click();
    // Measured the moment it shows (a small study may end soon): inside the visible sidebar, and on top.
    const seen = await page.waitForFunction(
      () => {
        const bar = document.querySelector('[data-testid="whatif-progress"] progress');
        if (!bar) return null;
        const r = bar.getBoundingClientRect();
        const side = document.querySelector('[data-testid="sidebar"]')!.getBoundingClientRect();
        const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        return { inside: r.top >= side.top && r.bottom <= Math.min(side.bottom, innerHeight) + 1 && r.height > 0, onTop: top === bar };
      },
      null,
      POLL,
    );
    expect(await seen.jsonValue()).toEqual({ inside: true, onTop: true });
    // Stop it if it still runs (a small mission may finish first).
    await page.evaluate(() => {
      const cancel = document.querySelector<HTMLButtonElement>('[data-testid="whatif-cancel"]');
      if (cancel && !cancel.disabled) cancel.click();
    });
    await expect.poll(async () => (await hook<{ job: unknown }>(page, 'whatifJob')).job, POLL).toBeNull();
  });

  it('raised no page errors', () => {
    expect(s.errors.filter((e) => !/GPU stall|WebGL/i.test(e))).toEqual([]);
  });
});

describe('the sidebar and the editor at 1024x700', () => {
  let s: BrowserSession;

  beforeAll(async () => {
    s = await openBrowser({ width: 1024, height: 700 });
    await s.page.goto(`${inject('baseUrl')}?mission=tutorial`);
    await waitForScene(s.page);
    await s.page.waitForFunction(() => (window.__skyhaul!.mission as () => { depots: unknown[] })().depots.length === 1, null, POLL);
  });
  afterAll(async () => s?.close());

  const sidebarWidth = async (page: Page) => ((await box(page, '[data-testid="sidebar"]'))!.right - (await box(page, '[data-testid="sidebar"]'))!.left);
  const canvasWidth = async (page: Page) => (await page.locator('canvas').boundingBox())!.width;

  it('collapses and expands (button and the S key), resizes by its edge, and remembers both after a reload', async () => {
    const page = s.page;
    const wide = await sidebarWidth(page);
    const map = await canvasWidth(page);
    expect(wide).toBeGreaterThan(240);
    await page.getByTestId('sidebar-toggle').click();
    await expect.poll(() => sidebarWidth(page), POLL).toBeLessThan(50);
    await expect.poll(() => canvasWidth(page), POLL).toBeGreaterThan(map + 150);
    await expectToolbarClear(page);
    await page.getByTestId('sidebar-toggle').click();
    await expect.poll(() => sidebarWidth(page), POLL).toBeCloseTo(wide, 0);
    await page.locator('canvas').hover();
    await page.keyboard.press('s');
    await expect.poll(() => sidebarWidth(page), POLL).toBeLessThan(50);
    await page.keyboard.press('s');
    await expect.poll(() => sidebarWidth(page), POLL).toBeCloseTo(wide, 0);

    // Drag the left edge 120 px to the left: 120 px wider.
    const edge = (await page.getByTestId('sidebar-resizer').boundingBox())!;
    await page.mouse.move(edge.x + edge.width / 2, edge.y + 200);
    await page.mouse.down();
    await page.mouse.move(edge.x + edge.width / 2 - 60, edge.y + 200, { steps: 4 });
    await page.mouse.move(edge.x + edge.width / 2 - 120, edge.y + 200, { steps: 4 });
    await page.mouse.up();
    await expect.poll(() => sidebarWidth(page), POLL).toBeCloseTo(wide + 120, -1);
    const resized = await sidebarWidth(page);

    await page.reload();
    await waitForScene(page);
    await expect.poll(() => sidebarWidth(page), POLL).toBeCloseTo(resized, 0);
    await page.getByTestId('sidebar-toggle').click();
    await page.reload();
    await waitForScene(page);
    await expect.poll(() => sidebarWidth(page), POLL).toBeLessThan(50);
    await page.getByTestId('sidebar-toggle').click();
    await expect.poll(() => sidebarWidth(page), POLL).toBeCloseTo(resized, 0);
    // Back to the default width (double-click the edge) for the tests below.
    await page.getByTestId('sidebar-resizer').dblclick();
    await expect.poll(() => sidebarWidth(page), POLL).toBeCloseTo(wide, 0);
  });

  async function lookDownAt(page: Page, p: LngLat, distanceM: number) {
    if ((await hook<string>(page, 'cameraMode')) !== 'top-down') await page.getByRole('button', { name: 'Top-down' }).click();
    await hook(page, 'flyTo', p, distanceM);
    await page.waitForFunction(
      (q) => {
        const c = (window.__skyhaul!.project as (p: LngLat) => { x: number; y: number } | null)(q);
        const r = document.querySelector('canvas')!.getBoundingClientRect();
        return !!c && Math.hypot(c.x - (r.left + r.width / 2), c.y - (r.top + r.height / 2)) < 2;
      },
      p,
      { timeout: 30_000 },
    );
    await waitForScene(page, (await hook<number>(page, 'frames')) + 3);
  }

  it('with the zone tool, a click beside the toolbar adds a corner; a click on the toolbar does not', async () => {
    const page = s.page;
    // An empty stretch of ground north of the tutorial mission fills the view.
    await lookDownAt(page, [114.08, 22.65], 800);
    await page.keyboard.press('z');
    await expect.poll(async () => (await editor(page)).tool).toBe('zone');
    const groups = await page.evaluate(() =>
      [...document.querySelectorAll('[data-testid="toolbar"] > .group')].map((el) => {
        const r = el.getBoundingClientRect();
        return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
      }),
    );
    const tools = groups[0];
    const draft = async () => (await editor(page)).draft.length;
    const midY = Math.round((tools.top + tools.bottom) / 2);
    // Just right of the tools panel, in the gap before the next one; and just below it.
    const beside = [
      { x: Math.round(tools.right + 3), y: midY },
      { x: Math.round(tools.left + 40), y: Math.round(tools.bottom + 5) },
    ];
    for (const [i, p] of beside.entries()) {
      expect(await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.tagName, p)).toBe('CANVAS');
      await page.mouse.click(p.x, p.y);
      await expect.poll(draft, POLL).toBe(i + 1);
    }
    // On the toolbar: its padding next to a button, a button, and the gap between two buttons.
    expect(await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.closest('[data-testid="toolbar"]') !== null, { x: Math.round(tools.left + 2), y: midY })).toBe(true);
    await page.mouse.click(Math.round(tools.left + 2), midY);
    await page.getByTestId('tool-zone').click();
    const zoneButton = (await page.getByTestId('tool-zone').boundingBox())!;
    await page.mouse.click(Math.round(zoneButton.x + zoneButton.width + 2), midY);
    await page.waitForTimeout(500);
    expect(await draft()).toBe(2);
    expect((await editor(page)).tool).toBe('zone');
    await page.keyboard.press('Escape');
    await expect.poll(draft).toBe(0);
  });

  it('a marker picked on the map while the Things tab is open shows its inspector; a pick in the list stays in the list', async () => {
    const page = s.page;
    const mission = await hook<{ depots: { id: string; position: LngLat }[] }>(page, 'mission');
    const depot = mission.depots[0];
    await lookDownAt(page, depot.position, 600);
    await page.keyboard.press('v');
    await page.getByTestId('tab-things').click();
    await page.getByTestId('thing-list').getByRole('button', { name: new RegExp(depot.id) }).first().click();
    await expect.poll(async () => (await editor(page)).selection, POLL).toEqual({ kind: 'depot', id: depot.id });
    expect(await page.getByTestId('tab-things').getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('Escape');
    await expect.poll(async () => (await editor(page)).selection, POLL).toBeNull();
    const at = await hook<{ x: number; y: number }>(page, 'project', depot.position);
    expect(await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.tagName, { x: Math.round(at.x), y: Math.round(at.y) })).toBe('CANVAS');
    await page.mouse.click(Math.round(at.x), Math.round(at.y));
    await expect.poll(async () => (await editor(page)).selection, POLL).toEqual({ kind: 'depot', id: depot.id });
    await expect.poll(() => page.getByTestId('tab-inspector').getAttribute('aria-selected'), POLL).toBe('true');
    await expect.poll(() => page.getByTestId('inspector').textContent(), POLL).toContain(depot.id);
    await page.keyboard.press('Escape');
  });

  it('New asks first, naming what would go; Cancel keeps the mission, confirming replaces it, undo brings it back', async () => {
    const page = s.page;
    const before = await hook<{ name: string; orders: unknown[] }>(page, 'mission');
    await page.getByTestId('file-new').click();
    const dialog = page.getByTestId('replace-dialog');
    await expect.poll(() => dialog.count(), POLL).toBe(1);
    const what = await page.getByTestId('replace-what').textContent();
    expect(what).toContain(before.name);
    expect(what).toMatch(/1 depot, 2 drones, 5 drop points/);
    await page.getByTestId('replace-cancel').click();
    await expect.poll(() => dialog.count(), POLL).toBe(0);
    expect(await hook(page, 'mission')).toEqual(before);
    // Esc cancels too.
    await page.getByTestId('file-new').click();
    await expect.poll(() => dialog.count(), POLL).toBe(1);
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count(), POLL).toBe(0);
    expect(await hook(page, 'mission')).toEqual(before);

    await page.getByTestId('file-new').click();
    await page.getByTestId('replace-confirm').click();
    await expect.poll(async () => (await hook<{ orders: unknown[] }>(page, 'mission')).orders.length, POLL).toBe(0);
    await page.keyboard.press('Control+z');
    await expect.poll(() => hook(page, 'mission'), POLL).toEqual(before);
  });

  it('a file dragged over the page highlights it and says what dropping does; leaving clears it', async () => {
    const page = s.page;
    const drag = (type: string) =>
      page.evaluate((t) => {
        const dt = new DataTransfer();
        dt.items.add(new File(['{}'], 'mission.json', { type: 'application/json' }));
        document.querySelector('canvas')!.dispatchEvent(new DragEvent(t, { dataTransfer: dt, bubbles: true }));
      }, type);
    await drag('dragenter');
    await expect.poll(() => page.getByTestId('file-drop-hint').textContent(), POLL).toMatch(/Drop the file to open it.*mission.*GeoJSON.*OpenStreetMap/);
    await drag('dragleave');
    await expect.poll(() => page.getByTestId('file-drop-hint').count(), POLL).toBe(0);
  });

  it('raised no page errors', () => {
    expect(s.errors.filter((e) => !/GPU stall|WebGL/i.test(e))).toEqual([]);
  });
});
