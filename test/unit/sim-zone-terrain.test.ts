/**
 * Pop-up zones over terrain: a zone's floor and ceiling are metres above the ground under the drone,
 * not above the mission datum. The store stands on a 100 m hill (the datum); the drop and a zone that
 * switches on mid-flight lie on the plain 100 m lower. A drone cruising 60 m above the datum is 160 m
 * above the plain: inside a zone banded 80-300 m above the ground, so it must go around it (and,
 * without the terrain, the same drone at 60 m passes under the same zone).
 */
import { describe, expect, it } from 'vitest';
import { type Mission, parseMission } from '../../src/core/mission';
import { encodeHeights } from '../../src/core/terrain';
import { fallbackCostModel } from '../../src/core/sim/costFactory';
import { simulate } from '../../src/core/sim/engine';
import type { SimTrace } from '../../src/core/sim/trace';
import { directPlan, localMission, secondsInsideZone } from './simPlanHelper';

const calm = { speedErrorSigmaMps: 0, directionErrorSigmaDeg: 0, gustScale: 0 };

function run(mission: Mission, plan = directPlan(mission, { factory: fallbackCostModel })): SimTrace {
  const r = simulate(mission, plan, { costModelFactory: fallbackCostModel, weather: calm });
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
  return r.trace;
}

const flat = localMission({
  depots: [{ id: 'd1', x: 0, y: 0, drones: 1 }],
  orders: [{ id: 'east', x: 4000, y: 0 }],
  zones: [{ id: 'pop-up', x0: 1500, y0: -300, x1: 2100, y1: 300, activeFromS: 40, activeToS: 3000 }],
  cruiseAltitudesM: [60],
});
const banded: Mission = { ...flat, noFlyZones: flat.noFlyZones.map((z) => ({ ...z, floorM: 80, ceilingM: 300 })) };

/** 100 m AMSL within 800 m of the store, down to 0 m by 1,200 m and beyond (50 m grid over 10 x 4 km). */
function hill(m: Mission): Mission {
  const spacingM = 50;
  const westM = -3000;
  const southM = -2000;
  const cols = 201;
  const rows = 81;
  const h = new Float32Array(cols * rows);
  for (let j = 0; j < rows; j++)
    for (let i = 0; i < cols; i++) {
      const d = Math.hypot(westM + i * spacingM, southM + j * spacingM);
      h[j * cols + i] = d <= 800 ? 100 : d >= 1200 ? 0 : 100 * (1 - (d - 800) / 400);
    }
  const r = parseMission({ ...m, terrain: { westM, southM, spacingM, cols, rows, heightsF32: encodeHeights(h) } });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.mission;
}

describe('a pop-up zone over terrain', () => {
  it('without terrain the drone at 60 m passes under the 80-300 m zone (nothing to do)', () => {
    const trace = run(banded);
    expect(trace.events.some((e) => e.kind === 'reroute')).toBe(false);
    expect(trace.orders[0].status).toBe('delivered');
  });

  it('over the plain 100 m below the datum the same drone is 160 m above the ground: it flies around the zone', () => {
    const m = hill(banded);
    const trace = run(m, directPlan(banded, { factory: fallbackCostModel }));
    const re = trace.events.find((e) => e.kind === 'reroute');
    expect(re?.zoneId).toBe('pop-up');
    expect(re?.reason).toMatch(/around/);
    expect(trace.orders[0].status).toBe('delivered');
    expect(secondsInsideZone(trace, m, 0, 40, Math.min(3000, trace.endS)), 'seconds inside the active zone').toEqual([]);
  });
});
