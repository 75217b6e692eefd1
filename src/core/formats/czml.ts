/**
 * CZML (CesiumJS's time-dynamic scene format) of a simulated day: a document packet with the clock,
 * then one packet per drone with its availability, time-tagged positions (seconds after the epoch =
 * the mission start), a trailing path, an orientation that follows the velocity, the state of charge as
 * a custom time-sampled number and the drone's state as a string per time interval (CZML strings cannot
 * be sampled: CesiumJS would build a SampledProperty of strings that throws when evaluated). Depots and
 * no-fly zones come along as static entities.
 *
 * Heights: CZML wants metres above the WGS84 ellipsoid; the trace has metres above the mission datum
 * (the ground without terrain). `groundHeightM` (the ellipsoid height of the datum) is added: default
 * 0, or the datum's elevation AMSL when the mission has terrain (the geoid's offset is not added).
 */
import type { Mission } from '../mission/schema';
import { missionTerrain } from '../terrain/model';
import { circleRing } from './geojson';
import { type TraceLike, type TrackLike, droneColour, isoAtSecond } from './tracks';

export interface CzmlOptions {
  /** Ellipsoid height of the take-off ground, added to every altitude. Default 0. */
  groundHeightM?: number;
  /** Clock speed-up when the scene opens. Default 30. */
  multiplier?: number;
  /** Seconds of trail drawn behind each drone. Default 600. */
  trailS?: number;
  /** Ceiling drawn for zones without one. Default 300 m. */
  openCeilingM?: number;
}

export type CzmlPacket = Record<string, unknown> & { id: string };

export function traceToCzml(trace: TraceLike, mission?: Mission, options: CzmlOptions = {}): CzmlPacket[] {
  const h0 = options.groundHeightM ?? (mission ? (missionTerrain(mission)?.datumM ?? 0) : 0);
  const epoch = isoAtSecond(trace.startTime, 0);
  const flying = trace.drones.filter((d) => d.tS.length > 0);
  const startS = Math.min(0, ...flying.map((d) => d.tS[0]));
  const endS = Math.max(startS + 1, ...flying.map((d) => d.tS[d.tS.length - 1]));
  const interval = `${isoAtSecond(trace.startTime, startS)}/${isoAtSecond(trace.startTime, endS)}`;

  const packets: CzmlPacket[] = [
    {
      id: 'document',
      name: trace.missionName ?? 'Skyhaul trace',
      version: '1.0',
      clock: {
        interval,
        currentTime: isoAtSecond(trace.startTime, startS),
        multiplier: options.multiplier ?? 30,
        range: 'LOOP_STOP',
        step: 'SYSTEM_CLOCK_MULTIPLIER',
      },
    },
  ];

  for (const d of mission?.depots ?? []) {
    packets.push({
      id: `depot/${d.id}`,
      name: d.name,
      position: { cartographicDegrees: [d.position[0], d.position[1], h0] },
      point: { pixelSize: 10, color: { rgba: [31, 95, 191, 255] }, outlineColor: { rgba: [255, 255, 255, 255] }, outlineWidth: 2 },
      label: { text: d.name, font: '12px sans-serif', pixelOffset: { cartesian2: [0, -18] } },
    });
  }
  for (const z of mission?.noFlyZones ?? []) {
    const ring = z.shape.type === 'Circle' ? circleRing(z.shape) : z.shape.coordinates[0];
    packets.push({
      id: `zone/${z.id}`,
      name: z.name,
      polygon: {
        positions: { cartographicDegrees: ring.slice(0, -1).flatMap((p) => [p[0], p[1], h0]) },
        height: h0 + (z.floorM ?? 0),
        extrudedHeight: h0 + (z.ceilingM ?? options.openCeilingM ?? 300),
        material: { solidColor: { color: { rgba: [220, 40, 40, 70] } } },
        outline: true,
        outlineColor: { rgba: [220, 40, 40, 200] },
      },
    });
  }

  flying.forEach((track, index) => {
    const n = track.tS.length;
    const positions: number[] = new Array(n * 4);
    const soc: number[] = new Array(n * 2);
    for (let i = 0; i < n; i++) {
      positions[4 * i] = track.tS[i];
      positions[4 * i + 1] = track.lng[i];
      positions[4 * i + 2] = track.lat[i];
      positions[4 * i + 3] = track.altM[i] + h0;
      soc[2 * i] = track.tS[i];
      soc[2 * i + 1] = track.soc[i];
    }
    const [r, g, b] = droneColour(index);
    const properties: Record<string, unknown> = {
      droneId: track.droneId,
      stateOfCharge: { epoch, number: soc },
    };
    if (track.state && trace.stateNames) properties.state = stateIntervals(trace, track, trace.stateNames);
    packets.push({
      id: `drone/${track.droneId}`,
      name: track.droneId,
      availability: `${isoAtSecond(trace.startTime, track.tS[0])}/${isoAtSecond(trace.startTime, track.tS[n - 1])}`,
      position: {
        epoch,
        // Degree-1 Lagrange is linear: between samples the drone flies straight (higher degrees overshoot).
        interpolationAlgorithm: 'LAGRANGE',
        interpolationDegree: 1,
        cartographicDegrees: positions,
      },
      orientation: { velocityReference: '#position' },
      point: { pixelSize: 8, color: { rgba: [r, g, b, 255] }, outlineColor: { rgba: [0, 0, 0, 255] }, outlineWidth: 1 },
      path: {
        leadTime: 0,
        trailTime: options.trailS ?? 600,
        width: 2,
        resolution: 5,
        material: { solidColor: { color: { rgba: [r, g, b, 220] } } },
      },
      properties,
    });
  });
  return packets;
}

/**
 * The drone's state as a CZML interval list: one `{interval: "start/stop", string}` per run of samples
 * with the same state, from its first sample to the next run's first sample (the last run to the last
 * sample, a single instant when the state changes there). Runs meet at one instant (CZML intervals are
 * closed; CesiumJS lets the later one win there), together they cover the track exactly and none
 * overlaps another.
 */
export function stateIntervals(
  trace: Pick<TraceLike, 'startTime'>,
  track: Pick<TrackLike, 'tS'> & { state?: readonly number[] },
  names: readonly string[],
): { interval: string; string: string }[] {
  const state = track.state ?? [];
  const n = Math.min(track.tS.length, state.length);
  if (n === 0) return [];
  const iso = (t: number) => isoAtSecond(trace.startTime, t);
  const out: { interval: string; string: string }[] = [];
  const endIso = iso(track.tS[n - 1]);
  let i = 0;
  while (i < n) {
    let j = i + 1;
    while (j < n && state[j] === state[i]) j++;
    const startIso = iso(track.tS[i]);
    const stopIso = j < n ? iso(track.tS[j]) : endIso;
    const name = names[state[i]] ?? String(state[i]);
    const prev = out[out.length - 1];
    // Two samples within the same millisecond: no zero-length interval, except for the state the track
    // ends in (it holds at the last instant; CesiumJS lets the later of two meeting intervals win).
    if (startIso !== stopIso || out.length === 0 || j >= n) {
      if (prev && prev.string === name) prev.interval = `${prev.interval.split('/')[0]}/${stopIso}`;
      else out.push({ interval: `${startIso}/${stopIso}`, string: name });
    }
    i = j;
  }
  return out;
}

export function czmlText(packets: CzmlPacket[]): string {
  return `${JSON.stringify(packets)}\n`;
}
