import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RESERVE,
  GRAVITY_MPS2,
  PRESETS,
  climbWorkWh,
  createEnergyCostModel,
  energySummary,
  fixedWingCruisePowerW,
  forwardFlightPowerW,
  groundSpeedOnBearing,
  hoverPowerW,
  idealHoverPowerW,
  inducedVelocityMps,
  rangePayloadSeries,
  reachRing,
  reserveBreakdown,
  resolveDroneModel,
  stateOfCharge,
  usableWh,
} from '../../src/core/energy';
import { type DroneModel, droneModelSchema } from '../../src/core/mission';

const calm = { speedMps: 0, fromDeg: 0 };
const noReserve = { minPercent: 0, hoverMinutes: 0, alternateRequired: false };

/** Dorling et al. (2017): frame 1.5 kg, 6 rotors of 0.2 m^2, rho 1.204, ideal, no drag. */
const dorling: DroneModel = {
  id: 'dorling',
  name: 'Dorling 2017 hexacopter',
  kind: 'multirotor',
  emptyMassKg: 1.0,
  batteryMassKg: 0.5, // frame W = empty + battery = 1.5 kg; the carried mass m goes in as payload
  batteryWh: 500,
  usableFraction: 1,
  rotorCount: 6,
  rotorDiscAreaM2: 0.2,
  efficiency: 1,
  dragAreaM2: 0,
  parcelDragAreaM2: 0,
  avionicsW: 0,
  maxPayloadKg: 5,
  cruiseAirspeedMps: 15,
  maxAirspeedMps: 20,
  climbRateMps: 2,
  descentRateMps: 2,
  maxWindMps: 10,
};
const DORLING_RHO = 1.204;

const near = (actual: number, expected: number, relTol: number) =>
  expect(Math.abs(actual - expected) / Math.abs(expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(relTol);

describe('hover: momentum theory against Dorling et al. 2017', () => {
  const published = [33.21, 71.45, 118.36, 172.55];

  it.each(published.map((w, kg) => [kg, w]))('carried mass %i kg hovers at %f W (+-0.5 %)', (kg, watts) => {
    near(idealHoverPowerW(1.5 + kg, 6 * 0.2, DORLING_RHO), watts, 0.005);
    near(hoverPowerW(dorling, kg, DORLING_RHO), watts, 0.005);
  });

  it('a least-squares line over 0..3 kg has about 46.7 W/kg and 26.9 W', () => {
    const xs = Array.from({ length: 301 }, (_, i) => (3 * i) / 300);
    const ys = xs.map((m) => hoverPowerW(dorling, m, DORLING_RHO));
    const mx = xs.reduce((a, b) => a + b) / xs.length;
    const my = ys.reduce((a, b) => a + b) / ys.length;
    let sxy = 0;
    let sxx = 0;
    xs.forEach((x, i) => {
      sxy += (x - mx) * (ys[i] - my);
      sxx += (x - mx) ** 2;
    });
    const slope = sxy / sxx;
    expect(Math.abs(slope - 46.7)).toBeLessThan(0.1);
    expect(Math.abs(my - slope * mx - 26.9)).toBeLessThan(0.1);
  });

  it('a 1 km leg at 15 m/s with 2 kg carried costs about 2.2 Wh (hover power, no drag)', () => {
    const cost = createEnergyCostModel(dorling, { payloadKg: 2, wind: calm, airDensityKgM3: DORLING_RHO });
    const leg = cost.cruise({ x: 0, y: 0 }, { x: 1000, y: 0 }, 60);
    if (!leg.ok) throw new Error(leg.reason);
    // Forward flight at 15 m/s needs less induced power than hover, so at most the hover figure.
    expect(leg.energyWh).toBeLessThan(2.23);
    expect(leg.energyWh).toBeGreaterThan(0.5);
    expect(leg.durationS).toBeCloseTo(1000 / 15, 6);
  });
});

describe('forward flight (Stolaroff et al. 2018)', () => {
  const base = { massKg: 5, airDensityKgM3: 1.225, totalDiscAreaM2: 0.6, dragAreaM2: 0.1, efficiency: 0.7 };

  it('equals hover power at zero airspeed', () => {
    near(forwardFlightPowerW({ ...base, airspeedMps: 0 }), idealHoverPowerW(5, 0.6, 1.225) / 0.7, 1e-9);
  });

  it('solves the induced-velocity equation', () => {
    const T = 60;
    const [vPar, vNorm] = [14, 2];
    const vi = inducedVelocityMps(T, 0.6, 1.225, vPar, vNorm);
    const rhs = T / (2 * 1.225 * 0.6 * Math.hypot(vPar, vNorm + vi));
    expect(vi).toBeCloseTo(rhs, 10);
  });

  it('tends to parasite power D V / eta when the rotors are huge (no induced power)', () => {
    const V = 20;
    const p = forwardFlightPowerW({ ...base, airspeedMps: V, totalDiscAreaM2: 1e9 });
    near(p, (0.5 * 1.225 * V ** 2 * 0.1 * V) / 0.7, 1e-3);
  });

  it('has a bucket: cheaper than hover at moderate speed, dearer at high speed (with drag)', () => {
    const hover = forwardFlightPowerW({ ...base, airspeedMps: 0 });
    expect(forwardFlightPowerW({ ...base, airspeedMps: 8 })).toBeLessThan(hover);
    expect(forwardFlightPowerW({ ...base, airspeedMps: 35 })).toBeGreaterThan(hover);
  });
});

describe("fixed-wing cruise (D'Andrea 2014)", () => {
  it('energy per metre m g / (eta L/D) does not depend on airspeed', () => {
    const perMetre = (V: number) => fixedWingCruisePowerW(20, V, 10, 0.6) / V;
    near(perMetre(20), perMetre(30), 1e-12);
    near(perMetre(25), (20 * GRAVITY_MPS2) / (0.6 * 10), 1e-12);
  });

  it('a fixed-wing VTOL cruises far cheaper than it hovers', () => {
    const p2 = PRESETS['p2-class'];
    const cost = createEnergyCostModel(p2, { payloadKg: 2, wind: calm, airDensityKgM3: 1.225 });
    expect(cost.cruisePowerW).toBeLessThan(cost.hoverPowerW / 2);
  });
});

describe('wind triangle: power follows airspeed, time follows ground speed', () => {
  // Published: airspeed 15 m/s, constant 300 W, 1 km: head 8.333 Wh, tail 4.167 Wh, cross 5.893 Wh.
  const whAt300W = (bearingDeg: number, fromDeg: number) => {
    const g = groundSpeedOnBearing(15, bearingDeg, { speedMps: 5, fromDeg });
    if (!g.ok) throw new Error(g.reason);
    return (300 * 1000) / g.groundSpeedMps / 3600;
  };

  it('matches the published headwind, tailwind and crosswind energies', () => {
    expect(whAt300W(90, 90)).toBeCloseTo(8.333, 3); // flying east, wind from the east
    expect(whAt300W(90, 270)).toBeCloseTo(4.167, 3);
    expect(whAt300W(90, 0)).toBeCloseTo(5.893, 3);
  });

  it('the cost model gives the same durations, scaled to its own power', () => {
    const leg = (fromDeg: number) => {
      const cost = createEnergyCostModel(dorling, { payloadKg: 0, wind: { speedMps: 5, fromDeg }, airDensityKgM3: 1.204 });
      const r = cost.cruise({ x: 0, y: 0 }, { x: 1000, y: 0 }, 60);
      if (!r.ok) throw new Error(r.reason);
      expect(r.energyWh).toBeCloseTo((r.powerW * r.durationS) / 3600, 9);
      return (r.energyWh * 300) / r.powerW;
    };
    expect(leg(90)).toBeCloseTo(8.333, 3);
    expect(leg(270)).toBeCloseTo(4.167, 3);
    expect(leg(180)).toBeCloseTo(5.893, 3);
  });

  it('refuses with a reason: wind over the limit, crosswind >= airspeed, headwind leaving no ground speed', () => {
    const east = { x: 1000, y: 0 };
    const o = { x: 0, y: 0 };
    const over = createEnergyCostModel(dorling, { payloadKg: 0, wind: { speedMps: 11, fromDeg: 0 }, airDensityKgM3: 1.2 });
    const r1 = over.cruise(o, east, 60);
    expect(r1.ok).toBe(false);
    if (!r1.ok) expect(r1.reason).toContain('maxWindMps');

    const gusty = createEnergyCostModel(dorling, { payloadKg: 0, wind: { speedMps: 5, fromDeg: 0, gustMps: 12 }, airDensityKgM3: 1.2 });
    expect(gusty.cruise(o, east, 60).ok).toBe(false);

    const slow = { ...dorling, cruiseAirspeedMps: 6, maxWindMps: 10 };
    const cross = createEnergyCostModel(slow, { payloadKg: 0, wind: { speedMps: 8, fromDeg: 0 }, airDensityKgM3: 1.2 });
    const r2 = cross.cruise(o, east, 60);
    expect(r2.ok).toBe(false);
    if (!r2.ok) expect(r2.reason).toContain('crosswind');
    const r3 = cross.cruise(o, { x: 0, y: 1000 }, 60);
    expect(r3.ok).toBe(false);
    if (!r3.ok) expect(r3.reason).toContain('no ground speed');
    expect(cross.cruise(o, { x: 0, y: -1000 }, 60).ok).toBe(true); // downwind is fine
  });
});

describe('vertical flight and hover', () => {
  it('climbing 100 m with 5 kg at efficiency 0.7 adds 1.946 Wh of work', () => {
    expect(climbWorkWh(5, 100, 0.7)).toBeCloseTo(1.946, 3);
    const m: DroneModel = { ...dorling, emptyMassKg: 4, batteryMassKg: 1, efficiency: 0.7 };
    const cost = createEnergyCostModel(m, { payloadKg: 0, wind: calm, airDensityKgM3: 1.225 });
    const up = cost.vertical(100);
    const hoverSameTime = cost.hover(up.durationS);
    expect(up.energyWh - hoverSameTime.energyWh).toBeCloseTo(1.946, 3);
  });

  it('descends at hover power (nothing recovered) at the descent rate', () => {
    const cost = createEnergyCostModel(dorling, { payloadKg: 1, wind: calm, airDensityKgM3: 1.204 });
    const down = cost.vertical(-50);
    expect(down.durationS).toBeCloseTo(50 / dorling.descentRateMps, 9);
    expect(down.powerW).toBeCloseTo(cost.hover(1).powerW, 9);
  });
});

describe('battery and reserve', () => {
  const m2 = PRESETS['m2-class'];

  it('usable energy and state of charge', () => {
    expect(usableWh(m2)).toBeCloseTo(m2.batteryWh * m2.usableFraction, 9);
    expect(stateOfCharge(400, 100)).toBeCloseTo(0.75, 12);
    expect(stateOfCharge(400, 500)).toBeLessThan(0); // ran past the usable limit
  });

  it('is the larger of the percentage and hover + alternate', () => {
    const hover = (hoverPowerW(m2, 0, 1.225) * 10) / 60;
    const a = reserveBreakdown(m2, { policy: { minPercent: 10, hoverMinutes: 10, alternateRequired: false }, payloadKg: 0, airDensityKgM3: 1.225 });
    expect(a.hoverWh).toBeCloseTo(hover, 6);
    expect(a.reserveWh).toBeCloseTo(Math.max(0.1 * usableWh(m2), hover), 6);
    const b = reserveBreakdown(m2, { policy: { minPercent: 90, hoverMinutes: 1, alternateRequired: false }, payloadKg: 0, airDensityKgM3: 1.225 });
    expect(b.reserveWh).toBeCloseTo(0.9 * usableWh(m2), 6);
  });

  it('adds the alternate leg against a full headwind only when the policy requires it', () => {
    const policy = { minPercent: 0, hoverMinutes: 1, alternateRequired: true };
    const still = reserveBreakdown(m2, { policy, payloadKg: 0, airDensityKgM3: 1.225, alternateDistanceM: 3000 });
    const windy = reserveBreakdown(m2, { policy, payloadKg: 0, airDensityKgM3: 1.225, alternateDistanceM: 3000, windSpeedMps: 8 });
    expect(still.alternateWh).toBeGreaterThan(0);
    expect(windy.alternateWh).toBeCloseTo((still.alternateWh * m2.cruiseAirspeedMps) / (m2.cruiseAirspeedMps - 8), 6);
    const notRequired = reserveBreakdown(m2, { policy: { ...policy, alternateRequired: false }, payloadKg: 0, airDensityKgM3: 1.225, alternateDistanceM: 3000 });
    expect(notRequired.alternateWh).toBe(0);
    const hopeless = reserveBreakdown(m2, { policy, payloadKg: 0, airDensityKgM3: 1.225, alternateDistanceM: 3000, windSpeedMps: 20 });
    expect(hopeless.reserveWh).toBe(Infinity);
  });
});

describe('presets', () => {
  it.each(Object.entries(PRESETS))('%s validates against the drone-model schema and keys by its id', (key, preset) => {
    const r = droneModelSchema.safeParse(preset);
    expect(r.success, JSON.stringify(r.error?.issues)).toBe(true);
    expect(preset.id).toBe(key);
  });

  it('has the four classes the issue asks for, keeping m2-class', () => {
    expect(Object.keys(PRESETS).sort()).toEqual(['flycart30-class', 'm2-class', 'manna-class', 'p2-class']);
    expect(PRESETS['p2-class'].kind).toBe('fixedwing-vtol');
  });

  it.each(['manna-class', 'm2-class'])('%s with a 0.5 kg parcel uses 10-45 Wh/km (field value about 22)', (id) => {
    const s = energySummary(PRESETS[id], { payloadKg: 0.5, wind: calm, airDensityKgM3: 1.225, reserve: DEFAULT_RESERVE });
    if (!s.ok) throw new Error(s.reason);
    expect(s.whPerKm).toBeGreaterThanOrEqual(10);
    expect(s.whPerKm).toBeLessThanOrEqual(45);
  });

  it('reproduce their makers\' range figures within 15 % (the estimates were fitted to them)', () => {
    const m2 = energySummary(PRESETS['m2-class'], { payloadKg: 2, wind: calm, airDensityKgM3: 1.225, reserve: DEFAULT_RESERVE });
    const fc = energySummary(PRESETS['flycart30-class'], { payloadKg: 30, wind: calm, airDensityKgM3: 1.225, reserve: { minPercent: 10, hoverMinutes: 0, alternateRequired: false } });
    if (!m2.ok || !fc.ok) throw new Error('infeasible');
    near(m2.rangeKm, 20, 0.15);
    near(fc.rangeKm, 16, 0.15);
    const p2 = reachRing(PRESETS['p2-class'], { x: 0, y: 0 }, { payloadKg: 3.6, wind: calm, airDensityKgM3: 1.225, reserve: DEFAULT_RESERVE, cruiseAltitudeM: 100, dropHoverS: 60 });
    if (!p2.ok) throw new Error(p2.reason);
    near(p2.radiiM[0] / 1000, 16, 0.15);
  });
});

describe('summary', () => {
  it('still air: Wh/km = cruise power / airspeed, endurance and range use the energy above the reserve', () => {
    const m = PRESETS['m2-class'];
    const s = energySummary(m, { payloadKg: 1, wind: calm, airDensityKgM3: 1.225, reserve: DEFAULT_RESERVE });
    if (!s.ok) throw new Error(s.reason);
    expect(s.whPerKm).toBeCloseTo((s.cruisePowerW * 1000) / m.cruiseAirspeedMps / 3600, 9);
    const available = s.usableWh - s.reserveWh;
    expect(s.enduranceMin).toBeCloseTo((available / s.cruisePowerW) * 60, 9);
    expect(s.rangeKm).toBeCloseTo(available / s.whPerKm, 9);
  });

  it('wind makes the average km dearer, and straight into the wind dearest', () => {
    const m = PRESETS['m2-class'];
    const still = energySummary(m, { payloadKg: 1, wind: calm, airDensityKgM3: 1.225, reserve: DEFAULT_RESERVE });
    const windy = energySummary(m, { payloadKg: 1, wind: { speedMps: 8, fromDeg: 45 }, airDensityKgM3: 1.225, reserve: DEFAULT_RESERVE });
    if (!still.ok || !windy.ok) throw new Error('infeasible');
    expect(windy.whPerKm).toBeGreaterThan(still.whPerKm);
    expect(windy.headwindWhPerKm).toBeGreaterThan(windy.whPerKm);
    expect(windy.cruisePowerW).toBe(still.cruisePowerW);
  });

  it('refuses a payload over the limit, naming maxPayloadKg', () => {
    const s = energySummary(PRESETS['manna-class'], { payloadKg: 9, wind: calm, airDensityKgM3: 1.225, reserve: DEFAULT_RESERVE });
    expect(s.ok).toBe(false);
    if (!s.ok) expect(s.reason).toContain('maxPayloadKg');
  });
});

describe('reach ring', () => {
  const m = PRESETS['m2-class'];
  const depot = { x: 500, y: -200 };

  it('is a circle in still air without a parcel, and a closed ring of n + 1 points', () => {
    const r = reachRing(m, depot, { payloadKg: 0, wind: calm, airDensityKgM3: 1.225, reserve: DEFAULT_RESERVE, bearings: 36 });
    if (!r.ok) throw new Error(r.reason);
    expect(r.points).toHaveLength(37);
    expect(r.points[36]).toEqual(r.points[0]);
    for (const radius of r.radiiM) expect(radius).toBeCloseTo(r.radiiM[0], 6);
    const p = r.points[9]; // bearing 90: due east of the depot
    expect(p.x - depot.x).toBeCloseTo(r.radiiM[9], 6);
    expect(p.y - depot.y).toBeCloseTo(0, 6);
  });

  it('is skewed by the wind: with a parcel it reaches farther downwind than upwind', () => {
    const wind = { speedMps: 7, fromDeg: 0 }; // from the north
    const r = reachRing(m, depot, { payloadKg: 2, wind, airDensityKgM3: 1.225, reserve: DEFAULT_RESERVE, bearings: 72 });
    if (!r.ok) throw new Error(r.reason);
    const north = r.radiiM[0];
    const south = r.radiiM[36];
    expect(south).toBeGreaterThan(north * 1.01);
  });

  it('an out-and-back trip to the ring uses exactly the energy above the reserve', () => {
    const wind = { speedMps: 6, fromDeg: 200 };
    const input = { payloadKg: 1.5, wind, airDensityKgM3: 1.2, reserve: DEFAULT_RESERVE, bearings: 24, cruiseAltitudeM: 80, dropHoverS: 45 };
    const r = reachRing(m, { x: 0, y: 0 }, input);
    if (!r.ok) throw new Error(r.reason);
    const loaded = createEnergyCostModel(m, input);
    const empty = createEnergyCostModel(m, { ...input, payloadKg: 0 });
    const reserve = reserveBreakdown(m, { policy: DEFAULT_RESERVE, payloadKg: 0, airDensityKgM3: 1.2 }).reserveWh;
    for (const i of [0, 5, 13]) {
      const tip = r.points[i];
      const out = loaded.cruise({ x: 0, y: 0 }, tip, 80);
      const back = empty.cruise(tip, { x: 0, y: 0 }, 80);
      if (!out.ok || !back.ok) throw new Error('infeasible');
      const total =
        loaded.vertical(80).energyWh + out.energyWh + loaded.hover(45).energyWh + back.energyWh + empty.vertical(-80).energyWh;
      expect(total).toBeCloseTo(usableWh(m) - reserve, 6);
    }
  });

  it('reports why when the wind is over the limit', () => {
    const r = reachRing(m, depot, { payloadKg: 0, wind: { speedMps: 20, fromDeg: 0 }, airDensityKgM3: 1.225, reserve: DEFAULT_RESERVE });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain('maxWindMps');
  });

  it('range-vs-payload series spans 0..maxPayloadKg and falls', () => {
    const s = rangePayloadSeries(m, { wind: { speedMps: 4, fromDeg: 90 }, airDensityKgM3: 1.225, reserve: DEFAULT_RESERVE, steps: 10 });
    expect(s.payloadKg[0]).toBe(0);
    expect(s.payloadKg[10]).toBeCloseTo(m.maxPayloadKg, 12);
    for (let i = 1; i <= 10; i++) {
      expect(s.rangeKm[i]).toBeLessThan(s.rangeKm[i - 1]);
      expect(s.radiusMinKm[i]).toBeLessThan(s.radiusMinKm[i - 1]);
      expect(s.radiusMinKm[i]).toBeLessThanOrEqual(s.radiusMaxKm[i]);
    }
  });
});

describe('user models', () => {
  it('a partial model takes the rest from its base preset', () => {
    const r = resolveDroneModel({ base: 'm2-class', batteryWh: 800 });
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.model.batteryWh).toBe(800);
    expect(r.model.rotorDiameterM).toBe(PRESETS['m2-class'].rotorDiameterM);
    expect(r.model.id).toBe('m2-class-custom');
  });

  it('names the field of every problem', () => {
    const r = resolveDroneModel({ base: 'm2-class', emptyMassKg: -1, kind: 'fixedwing-vtol', wings: 2 });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const paths = r.problems.map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['emptyMassKg', 'liftToDrag', '']));
    expect(r.problems.find((p) => p.path === '')?.message).toContain('"wings"');
  });

  it('refuses an unknown base', () => {
    const r = resolveDroneModel({ base: 'concorde' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0].path).toBe('base');
  });
});
