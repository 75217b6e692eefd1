import { it } from 'vitest';
import { simulate } from '../src/core/sim/engine';
import { fallbackCostModel } from '../src/core/sim/costFactory';
import { directPlan, localMission } from './unit/simPlanHelper';
it('dbg', () => {
  const m = localMission({ depots: [{ id: 'd1', x: 0, y: 0, drones: 2 }], orders: [{ id: 'far', x: 9000, y: 0, latestS: 5000 }] });
  const f = (model: any, payloadKg: any, wind: any, rho: any) => { const base = fallbackCostModel(model, payloadKg, { speedMps: 0, fromDeg: 0, gustMps: 0 }, rho); const k = 1 + 1.2 * wind.speedMps; const sc = (c: any) => ({ ...c, energyWh: c.energyWh * k, powerW: c.powerW * k }); return { cruise: (a: any, b: any, alt: any) => { const c = base.cruise(a, b, alt); return c.ok ? sc(c) : c; }, vertical: (dz: any) => sc(base.vertical(dz)), hover: (s: any) => sc(base.hover(s)) }; };
  const plan = directPlan(m, { factory: fallbackCostModel });
  const r: any = simulate(m, plan, { costModelFactory: f, weather: { speedErrorSigmaMps: 0, directionErrorSigmaDeg: 0, gustScale: 0, speedErrorMps: 1 } });
  for (const e of r.trace.events) console.log(e.tS, e.kind, e.droneId, e.state ?? '', e.reason ?? '');
});
