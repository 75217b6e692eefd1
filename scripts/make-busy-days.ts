/**
 * Writes the bundled busy days from the two Shenzhen missions (run: npx tsx scripts/make-busy-days.ts):
 *
 * - missions/shenzhen-busy-day.json from shenzhen-two-hour.json (20 stores)
 * - missions/shenzhen-40-stores-busy-day.json from shenzhen-40-stores.json (40 stores)
 *
 * A 14 h day from 09:00 local: orders are placed 09:00-21:00 (lunch and evening peaks), each promised
 * within two hours, so the last promise ends at 23:00 = the horizon. Stores take off until the horizon
 * (open.latest = horizonS), so an order placed at 20:59 can still be flown. Both days have the same
 * total demand (TOTAL_ORDERS_PER_DAY expected): the 40-store day spreads it over twice the stores.
 * The orders generated with SEED are stored; zones, buildings, wind and settings are the base's.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { expectedDemandByStore, withDemandOrders } from '../src/core/dispatch/demand';
import { type Mission, type MissionInput, formatProblem, parseMission, parseMissionText, serializeMission } from '../src/core/mission';

/** Expected orders per day over all stores. */
const TOTAL_ORDERS_PER_DAY = 1250;
/** Drones per store: the fewest with which the rolling dispatcher keeps its margin on generated days (npm run bench -- dispatch). */
const DRONES_PER_STORE_20 = 3;
const DRONES_PER_STORE_40 = 2;
const SEED = 1;
const HORIZON_S = 14 * 3600;
/**
 * Relative demand per local hour from 09:00 (index 0) to 20:00 (index 11): lunch peak 11-13, evening
 * peak 18-20. Scaled so that all stores together expect TOTAL_ORDERS_PER_DAY.
 */
const PROFILE_FROM_9 = [3, 4, 7.5, 8, 5, 3, 2.5, 3, 4.5, 7.5, 8.5, 6];
const FIRST_HOUR = 9;

function busyDay(basePath: string, outPath: string, dronesPerStore: number, name: string, description: string): Mission {
  const loaded = parseMissionText(readFileSync(basePath, 'utf8'));
  if (!loaded.ok) throw new Error(`${basePath} refused: ${loaded.errors.map(formatProblem).join('; ')}`);
  const base = loaded.mission;
  const stores = base.depots.length;
  const shapeSum = PROFILE_FROM_9.reduce((a, b) => a + b, 0);
  const hourly = Array.from({ length: 24 }, (_, h) => {
    const share = PROFILE_FROM_9[h - FIRST_HOUR] ?? 0;
    return Math.round(((share * TOTAL_ORDERS_PER_DAY) / (shapeSum * stores)) * 1000) / 1000;
  });
  const { faults: _faults, ...rest } = base;
  void _faults;
  const input: MissionInput = {
    ...rest,
    name,
    description,
    horizonS: HORIZON_S,
    depots: base.depots.map((d) => ({
      ...d,
      fleet: [{ modelId: d.fleet[0]?.modelId ?? base.droneModels[0].id, count: dronesPerStore }],
      open: { earliest: 0, latest: HORIZON_S },
    })),
    orders: [],
    demand: { seed: SEED, hourly, radiusM: 6000, prepS: 900, promiseS: 7200, parcelKg: { medianKg: 1, sigma: 0.5 }, priorityShare: 0.15, winchShare: 0.8 },
  };
  const parsed = parseMission(input);
  if (!parsed.ok) throw new Error(`${outPath}: refused: ${parsed.errors.map(formatProblem).join('; ')}`);
  const day = withDemandOrders(parsed.mission, SEED);
  writeFileSync(outPath, serializeMission(day));
  const expected = expectedDemandByStore(day, day.demand as NonNullable<Mission['demand']>).reduce((a, b) => a + b, 0);
  console.log(`wrote ${outPath}: ${day.orders.length} orders (expected ${expected.toFixed(1)}), ${stores} stores x ${dronesPerStore} drones`);
  return day;
}

busyDay(
  'missions/shenzhen-two-hour.json',
  'missions/shenzhen-busy-day.json',
  DRONES_PER_STORE_20,
  'Shenzhen busy day (20 stores)',
  `A busy day at the 20 Shenzhen stores: about ${TOTAL_ORDERS_PER_DAY} orders placed from 09:00 to 21:00 with lunch and evening peaks, each promised within two hours of being placed. Orders from the demand model, seed ${SEED} (scripts/make-busy-days.ts).`,
);
busyDay(
  'missions/shenzhen-40-stores.json',
  'missions/shenzhen-40-stores-busy-day.json',
  DRONES_PER_STORE_40,
  'Shenzhen busy day (40 stores)',
  `The demand of the 20-store busy day (about ${TOTAL_ORDERS_PER_DAY} orders, 09:00 to 21:00, two-hour promises) spread over 40 stores. Orders from the demand model, seed ${SEED} (scripts/make-busy-days.ts).`,
);
