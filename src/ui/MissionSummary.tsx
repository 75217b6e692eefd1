import { useMemo } from 'react';
import { gridRange, missionTerrain } from '../core/terrain';
import type { Terrain } from '../core/mission/terrain';
import { useMissionStore } from '../state/missionStore';
import { removeTerrain } from '../state/terrainImport';
import { ProblemText } from './ProblemText';

/** Mission name, counts and the flyability checks the loader found. */
export function MissionSummary() {
  const mission = useMissionStore((s) => s.mission);
  const checks = useMissionStore((s) => s.checks);
  const drones = mission.depots.reduce((n, d) => n + d.fleet.reduce((k, f) => k + f.count, 0), 0);
  return (
    <section className="panel summary" data-testid="mission-summary">
      <h1>{mission.name}</h1>
      <dl>
        <dt>Depots</dt>
        <dd data-testid="depot-count">{mission.depots.length}</dd>
        <dt>Orders</dt>
        <dd data-testid="order-count">{mission.orders.length}</dd>
        <dt>Drones</dt>
        <dd>{drones}</dd>
        <dt>No-fly zones</dt>
        <dd>{mission.noFlyZones.length}</dd>
        <dt>Buildings</dt>
        <dd>{mission.buildings.length}</dd>
        <dt>Wind</dt>
        <dd>
          {mission.wind.speedMps} m/s from {mission.wind.fromDeg}°
        </dd>
        {mission.terrain && <TerrainRow terrain={mission.terrain} />}
      </dl>
      {checks.length > 0 && (
        <details className="checks" open>
          <summary>{checks.length} check(s)</summary>
          <ul>
            {checks.map((c) => (
              <li key={`${c.path}:${c.message}`}>
                <ProblemText problem={c} doc={mission} />
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

/** The mission's ground (present only with terrain): grid size, spacing, elevations, and a way back to flat ground. */
function TerrainRow({ terrain }: { terrain: Terrain }) {
  const range = useMemo(() => {
    const model = missionTerrain({ terrain });
    return model ? gridRange(model.grid) : null;
  }, [terrain]);
  return (
    <>
      <dt>Terrain</dt>
      <dd data-testid="terrain-summary">
        {terrain.cols} x {terrain.rows} every {terrain.spacingM} m{range && `, ${Math.round(range.minM)}–${Math.round(range.maxM)} m AMSL`}{' '}
        <button type="button" onClick={() => removeTerrain()} title="Flat ground again (undoable)" data-testid="remove-terrain">
          Remove
        </button>
      </dd>
    </>
  );
}
