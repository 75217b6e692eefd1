/**
 * The per-trip panel over the map: pick a trip (here, in the plan summary or on the drone card) and read
 * its waypoint table and its altitude profile over the ground and the buildings under the track. The
 * trip's cruise layer can be changed to another of the mission's layers: the planner's exact trip builder
 * flies it again and checks it against the rest of the plan, and a trip that passes can be applied.
 */
import { type ReactNode, useMemo, useState } from 'react';
import { buildingHeightsAlong } from '../../core/paths/profile';
import { formatClock } from '../../core/mission/time';
import type { Plan } from '../../core/planner/plan';
import { type WaypointRow, tripCruiseAltitudeM, tripTrack, tripWaypointRows } from '../../core/planner/tripView';
import { useLocalGeometry } from '../../state/geometry';
import { useMissionStore } from '../../state/missionStore';
import { usePlanStore } from '../../state/planStore';
import { findTrip, useTripStore } from '../../state/tripStore';
import { formatDuration, percent } from '../playback/format';
import { AltitudeProfile } from './AltitudeProfile';
import './trip.css';

type Trip = Plan['drones'][number]['trips'][number];

/** Sample spacing of the ground under the track, m. */
const GROUND_STEP_M = 5;

export function TripPanel() {
  const selected = useTripStore((s) => s.selected);
  const plan = usePlanStore((s) => s.plan);
  const found = selected ? findTrip(plan, selected.tripId) : undefined;
  if (!selected || !plan || !found) return null;
  return <TripView plan={plan} droneId={found.droneId} trip={found.trip} />;
}

function TripView({ plan, droneId, trip }: { plan: Plan; droneId: string; trip: Trip }) {
  const mission = useMissionStore((s) => s.mission);
  const frame = useMissionStore((s) => s.frame);
  const geo = useLocalGeometry();
  const [hover, setHover] = useState<number | null>(null);
  const [collapsed, setCollapsed] = useState(false);
  const rows = useMemo(() => tripWaypointRows(trip, frame), [trip, frame]);
  const ground = useMemo(
    () =>
      buildingHeightsAlong(
        tripTrack(trip, frame),
        geo.buildings.map((b) => ({ id: b.building.id, ring: b.ring, heightM: b.building.heightM })),
        { stepM: GROUND_STEP_M, nearM: mission.settings.safetyMarginM },
      ),
    [trip, frame, geo.buildings, mission.settings.safetyMarginM],
  );
  const start = mission.startTime;
  const drone = plan.drones.find((d) => d.droneId === droneId)!;
  const dronesWithTrips = plan.drones.filter((d) => d.trips.length > 0);
  const select = useTripStore.getState().selectTrip;
  const tallest = ground.reduce((m, g) => (g.underM > m.h ? { h: g.underM, id: g.underId } : m), { h: 0, id: undefined as string | undefined });

  return (
    <section className="panel trip-panel" data-testid="trip-panel" aria-label={`Trip ${trip.tripId}`} data-trip-id={trip.tripId}>
      <header className="row">
        <strong>Trip</strong>
        <select
          aria-label="Drone"
          value={droneId}
          onChange={(e) => {
            const d = plan.drones.find((x) => x.droneId === e.target.value);
            if (d?.trips[0]) select({ droneId: d.droneId, tripId: d.trips[0].tripId });
          }}
          data-testid="trip-drone-select"
        >
          {dronesWithTrips.map((d) => (
            <option key={d.droneId} value={d.droneId}>
              {d.droneId}
            </option>
          ))}
        </select>
        <select aria-label="Trip" value={trip.tripId} onChange={(e) => select({ droneId, tripId: e.target.value })} data-testid="trip-select">
          {drone.trips.map((t) => (
            <option key={t.tripId} value={t.tripId}>
              {t.tripId.slice(droneId.length + 1) || t.tripId} · {formatClock(start, t.departS)} · {t.orderIds.join(', ')}
            </option>
          ))}
        </select>
        <span className="spacer" />
        <button type="button" onClick={() => setCollapsed(!collapsed)} aria-expanded={!collapsed}>
          {collapsed ? 'Show' : 'Hide'}
        </button>
        <button type="button" className="close" aria-label="Close the trip panel" onClick={() => select(null)} data-testid="trip-close">
          ×
        </button>
      </header>
      {!collapsed && (
        <div className="trip-body">
          <p className="trip-summary" data-testid="trip-summary">
            {trip.depotId} pad {trip.pad !== undefined ? trip.pad + 1 : '–'} · take-off {formatClock(start, trip.departS)}, landing {formatClock(start, trip.landS)} (
            {formatDuration(trip.landS - trip.departS)}) · {trip.orderIds.join(', ')} · {trip.payloadKg.toFixed(2)} kg · {trip.energyWh.toFixed(0)} Wh, lands at{' '}
            {percent(trip.socEnd)}
          </p>
          <AltitudeProfile
            rows={rows}
            ground={ground}
            layersM={mission.settings.cruiseAltitudesM}
            clearanceM={mission.settings.clearanceM}
            highlight={hover}
            onHover={setHover}
          />
          <p className="legend">
            <span>
              <span className="key flight" />
              flight
            </span>
            <span>
              <span className="key buildings" />
              buildings under the track
            </span>
            <span>
              <span className="key buildings-near" />
              within the {mission.settings.safetyMarginM} m safety margin
            </span>
            <span>
              <span className="key clearance" />+{mission.settings.clearanceM} m clearance
            </span>
            <span>
              <span className="key layer" />
              cruise layers
            </span>
            <span data-testid="trip-tallest">{tallest.h > 0 ? `tallest under the track: ${tallest.id} (${tallest.h} m)` : 'no building under the track'}</span>
          </p>
          <LayerEdit key={trip.tripId} trip={trip} />
          <WaypointTable rows={rows} trip={trip} startTime={start} hover={hover} onHover={setHover} />
        </div>
      )}
    </section>
  );
}

/** The trip's cruise layer: pick another of the mission's layers, check it, apply it. */
function LayerEdit({ trip }: { trip: Trip }) {
  const mission = useMissionStore((s) => s.mission);
  const planMission = usePlanStore((s) => s.planMission);
  const job = usePlanStore((s) => s.job);
  const edit = useTripStore((s) => s.edit);
  const layers = mission.settings.cruiseAltitudesM;
  const flown = [...new Set(trip.legs.map((l) => l.cruiseAltitudeM))];
  const current = tripCruiseAltitudeM(trip);
  const [choice, setChoice] = useState<number>(layers.find((l) => l !== current) ?? current);
  const stale = planMission !== mission;
  const checking = edit.status === 'checking';
  const result = edit.status === 'checked' && edit.result.tripId === trip.tripId ? edit : undefined;
  return (
    <div className="layer-edit" data-testid="trip-layer-edit">
      <span>
        cruise layer{flown.length > 1 ? 's' : ''}: <strong data-testid="trip-cruise">{flown.join(' / ')} m</strong>
      </span>
      {stale ? (
        <span className="note">The mission changed since this plan was made: plan again to edit its trips.</span>
      ) : (
        <>
          <label>
            fly at{' '}
            <select value={choice} onChange={(e) => setChoice(Number(e.target.value))} data-testid="trip-layer-select">
              {layers.map((l) => (
                <option key={l} value={l}>
                  {l} m{flown.length === 1 && l === current ? ' (now)' : ''}
                </option>
              ))}
            </select>
          </label>
          <button type="button" disabled={checking || job !== null} onClick={() => void useTripStore.getState().recheck(choice)} data-testid="trip-recheck">
            {checking ? 'Checking…' : 'Check'}
          </button>
        </>
      )}
      {edit.status === 'failed' && <p className="refused">The check failed: {edit.message}</p>}
      {result && (
        <div className={result.result.ok ? 'verdict ok' : 'verdict refused'} data-testid="trip-recheck-result" data-ok={result.result.ok}>
          {result.result.ok && result.result.trip ? (
            <>
              <span>
                At {result.result.altitudeM} m: take-off {formatClock(mission.startTime, result.result.trip.departS)}, landing{' '}
                {formatClock(mission.startTime, result.result.trip.landS)}, {result.result.trip.energyWh.toFixed(0)} Wh (now {trip.energyWh.toFixed(0)} Wh), lands at{' '}
                {percent(result.result.trip.socEnd)}
                {result.result.deliveries.some((d) => d.lateS > 0) ? `, late: ${result.result.deliveries.filter((d) => d.lateS > 0).map((d) => `${d.orderId} ${formatDuration(d.lateS)}`).join(', ')}` : ', every drop on time'}
                . No conflict, pad free.
              </span>{' '}
              <button type="button" className="primary" onClick={() => useTripStore.getState().apply()} data-testid="trip-apply">
                Apply to the plan
              </button>{' '}
              <button type="button" onClick={() => useTripStore.getState().discardEdit()}>
                Discard
              </button>
              <p className="note">Applying changes the plan: simulate again to replay it.</p>
            </>
          ) : (
            <>
              <span>Not at {result.result.altitudeM} m:</span>
              <ul>
                {result.result.problems.map((p, i) => (
                  <li key={i}>{p}</li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </div>
  );
}

function WaypointTable({
  rows,
  trip,
  startTime,
  hover,
  onHover,
}: {
  rows: WaypointRow[];
  trip: Trip;
  startTime: string;
  hover: number | null;
  onHover: (i: number | null) => void;
}) {
  return (
    <div className="waypoints">
      <table data-testid="trip-waypoints">
        <thead>
          <tr>
            <th>#</th>
            <th>kind</th>
            <th>time</th>
            <th title="Metres above the take-off ground">alt (m)</th>
            <th title="Horizontal distance from the previous waypoint">Δ dist (m)</th>
            <th>leg</th>
            <th title="Energy of the leg, on its last waypoint">energy (Wh)</th>
            <th title="State of charge when the leg is done">SoC after</th>
          </tr>
        </thead>
        <tbody onMouseLeave={() => onHover(null)}>
          {rows.map((r) => {
            const leg = trip.legs[r.leg];
            return (
              <tr
                key={r.index}
                className={`${r.index === hover ? 'hover' : ''}${r.legEnergyWh !== undefined ? ' leg-end' : ''}`}
                onMouseEnter={() => onHover(r.index)}
                data-testid="waypoint-row"
                data-kind={r.kind}
              >
                <td>{r.index + 1}</td>
                <td>{r.kind}</td>
                <td>{formatClock(startTime, r.tS)}</td>
                <td>{r.altM.toFixed(1)}</td>
                <td>{r.index === 0 ? '' : r.fromPreviousM.toFixed(0)}</td>
                <td title={`${leg.from.id} → ${leg.to.id}`}>
                  {r.leg + 1}
                  {r.legIndex === 0 ? ` ${leg.from.id} → ${leg.to.id}` : ''}
                </td>
                <td>{r.legEnergyWh !== undefined ? r.legEnergyWh.toFixed(1) : ''}</td>
                <td>{r.socAfter !== undefined ? percent(r.socAfter, 1) : ''}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** A button that opens a trip in the trip panel (plan summary, drone card). */
export function TripLink({ droneId, tripId, children }: { droneId: string; tripId: string; children?: ReactNode }) {
  return (
    <button
      type="button"
      className="link trip-link"
      title={`Waypoints and altitude profile of ${tripId}`}
      onClick={() => useTripStore.getState().selectTrip({ droneId, tripId })}
      data-testid="trip-link"
      data-trip-id={tripId}
    >
      {children ?? 'profile'}
    </button>
  );
}

/** The selected drone's trips as a dropdown (drone card). */
export function DroneTripPicker({ droneId }: { droneId: string }) {
  const plan = usePlanStore((s) => s.plan);
  const selected = useTripStore((s) => s.selected);
  const startTime = useMissionStore((s) => s.mission.startTime);
  const trips = plan?.drones.find((d) => d.droneId === droneId)?.trips ?? [];
  if (trips.length === 0) return null;
  const value = selected?.droneId === droneId ? selected.tripId : '';
  return (
    <select
      aria-label="Show a trip of this drone"
      value={value}
      onChange={(e) => e.target.value && useTripStore.getState().selectTrip({ droneId, tripId: e.target.value })}
      data-testid="drone-trip-picker"
    >
      <option value="">trip…</option>
      {trips.map((t) => (
        <option key={t.tripId} value={t.tripId}>
          {t.tripId.slice(droneId.length + 1) || t.tripId} · {formatClock(startTime, t.departS)}
        </option>
      ))}
    </select>
  );
}
