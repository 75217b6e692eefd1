/** Missions for the app's live-dispatch tests, from the bundled tutorial. */
import { readFileSync } from 'node:fs';
import { type Mission, parseMission } from '../../src/core/mission';

/** The tutorial with placement times (five minutes before each window opens) and one order no drone can carry. */
export function tutorialLive(): Mission {
  const raw = JSON.parse(readFileSync('missions/tutorial.json', 'utf8'));
  for (const o of raw.orders) o.placedAt = Math.max(0, o.window.earliest - 300);
  raw.orders.push({ ...raw.orders[1], id: 'order-heavy', parcelKg: 40, placedAt: 1000, window: { earliest: 1200, latest: 5000 } });
  const r = parseMission(raw);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.mission;
}
