import type { Plan } from '../../core/planner/plan';
import type { SimTrace } from '../../core/sim/trace';
import { useMissionStore } from '../../state/missionStore';
import { usePlanStore } from '../../state/planStore';
import { usePlaybackStore } from '../../state/playbackStore';
import { DeliveriesChart, SocChart, shortId } from './Charts';
import { EventLog } from './EventLog';
import { percent } from './format';
import './playback.css';

/** The Replay tab: KPIs (plan vs simulation), charts and the event log of the simulated day. */
export function ReplayPanel() {
  const trace = usePlanStore((s) => s.trace);
  const plan = usePlanStore((s) => s.plan);
  const mission = useMissionStore((s) => s.mission);
  const selected = usePlaybackStore((s) => s.selectedDroneIds);
  if (!trace) {
    return (
      <div className="playback-panel" data-testid="replay-panel">
        <p className="note">Plan and simulate the mission (Plan tab) to replay it here.</p>
      </div>
    );
  }
  const socDrones = selected.length > 0 ? selected : trace.kpis.minSocDroneId ? [trace.kpis.minSocDroneId] : [];
  return (
    <div className="playback-panel" data-testid="replay-panel">
      <KpiPanel trace={trace} plan={plan} />
      <section className="panel">
        <SocChart trace={trace} droneIds={socDrones} reserveShare={mission.settings.reserve.minPercent / 100} />
        {selected.length === 0 && socDrones.length > 0 && <p className="note">Showing the drone with the lowest charge; click a drone to see its own.</p>}
        <DeliveriesChart trace={trace} mission={mission} plan={plan} />
      </section>
      <EventLog trace={trace} />
    </div>
  );
}

/** Key results of the simulated day beside what the plan promised. */
export function KpiPanel({ trace, plan }: { trace: SimTrace; plan: Plan | null }) {
  const k = trace.kpis;
  const p = plan?.kpis;
  const rows: [string, string, string][] = [
    ['on-time rate', percent(k.onTimeRate, 1), p ? percent(p.ordersTotal ? p.onTime / p.ordersTotal : 1, 1) : '–'],
    ['delivered', `${k.delivered}/${k.ordersTotal}`, p ? `${p.assigned}/${p.ordersTotal}` : '–'],
    ['late', `${k.late} (${k.lateMinutesTotal.toFixed(1)} min)`, p ? `${p.late} (${p.lateMinutesTotal.toFixed(1)} min)` : '–'],
    ['energy per delivery', `${k.energyPerDeliveryWh.toFixed(0)} Wh`, p ? `${p.energyPerDeliveryWh.toFixed(0)} Wh` : '–'],
    ['energy', `${(k.energyWh / 1000).toFixed(2)} kWh`, p ? `${(p.energyWh / 1000).toFixed(2)} kWh` : '–'],
    ['utilisation', percent(k.utilisation, 1), '–'],
    ['lowest charge', `${percent(k.minSoc, 1)}${k.minSocDroneId ? ` (${shortId(k.minSocDroneId)})` : ''}`, '–'],
    ['failed / pending', `${k.failed} / ${k.pending}`, p ? `${p.unassigned} unplanned` : '–'],
    ['diversions, emergencies', `${k.diversions}, ${k.emergencyLandings}`, '–'],
    ['separation losses', String(k.separationLosses), p ? `${p.conflicts ?? plan?.conflicts.length ?? 0} conflicts` : '–'],
    ['landings below reserve', String(k.landingsBelowReserve), '0'],
    ['pad movements', `${k.padMovements} (busiest pad ${k.busiestPadMovements})`, plan ? String(plan.drones.reduce((s, d) => s + 2 * d.trips.length, 0)) : '–'],
    ['ground wait', `${k.groundWaitMinutes.toFixed(1)} min`, '0 min'],
    ['holding (traffic, pad)', `${k.holdMinutes.toFixed(1)} min`, '0 min'],
  ];
  return (
    <section className="panel kpis" data-testid="kpi-panel">
      <h2>Key results</h2>
      <table>
        <thead>
          <tr>
            <th />
            <th>simulated</th>
            <th>plan</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([name, sim, planned]) => (
            <tr key={name}>
              <th scope="row">{name}</th>
              <td data-testid={`kpi-${name.replace(/[^a-z]+/g, '-')}`}>{sim}</td>
              <td>{planned}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {Object.keys(k.failedByReason).length > 0 && (
        <p className="note">
          Failed: {Object.entries(k.failedByReason).map(([why, n]) => `${n} × ${why}`).join('; ')}
        </p>
      )}
    </section>
  );
}
