import type { GroundSample } from '../../core/paths/profile';
import type { WaypointRow } from '../../core/planner/tripView';

const W = 760;
const H = 230;
const M = { left: 46, right: 14, top: 12, bottom: 30 };
const PW = W - M.left - M.right;
const PH = H - M.top - M.bottom;

/** Round tick spacing: 1, 2 or 5 x 10^k, giving about `count` ticks over `span`. */
export function niceStep(span: number, count: number): number {
  const raw = span / Math.max(1, count);
  const pow = 10 ** Math.floor(Math.log10(raw));
  const f = raw / pow;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * pow;
}

const fmt = (n: number) => (Math.abs(n) < 1e-9 ? '0' : Number(n.toFixed(3)).toString());

/**
 * The trip's altitude over the horizontal distance flown, drawn over the ground (the take-off ground,
 * 0 m: the mission has no terrain) and the buildings under the track; the buildings within the safety
 * margin of the track in a lighter shade, the clearance the planner keeps above them as a dashed line,
 * and the mission's cruise layers as guide lines.
 *
 * The paths are written in data units (metres along, metres up) inside one scaling transform, so the
 * drawn path's coordinates are the profile's own numbers.
 */
export function AltitudeProfile({
  rows,
  ground,
  layersM,
  clearanceM,
  highlight,
  onHover,
}: {
  rows: WaypointRow[];
  ground: GroundSample[];
  layersM: readonly number[];
  clearanceM: number;
  /** Waypoint index to mark. */
  highlight?: number | null;
  onHover?: (index: number | null) => void;
}) {
  const totalM = Math.max(1, rows.at(-1)?.distM ?? 0, ground.at(-1)?.distM ?? 0);
  const topBuilding = ground.reduce((m, g) => Math.max(m, g.nearM), 0);
  const maxAlt = Math.max(10, ...layersM, ...rows.map((r) => r.altM), topBuilding > 0 ? topBuilding + clearanceM : 0) * 1.12;
  const sx = PW / totalM;
  const sy = PH / maxAlt;
  const xAt = (d: number) => M.left + d * sx;
  const yAt = (a: number) => M.top + PH - a * sy;

  const flight = rows.map((r, i) => `${i ? 'L' : 'M'}${fmt(r.distM)},${fmt(r.altM)}`).join(' ');
  const area = (key: 'underM' | 'nearM') =>
    ground.length ? `M${fmt(ground[0].distM)},0 ${ground.map((g) => `L${fmt(g.distM)},${fmt(g[key])}`).join(' ')} L${fmt(ground.at(-1)!.distM)},0 Z` : '';
  // Clearance above the buildings near the track: one run per stretch of buildings.
  let clearance = '';
  let open = false;
  for (const g of ground) {
    if (g.nearM > 0) {
      clearance += `${open ? 'L' : 'M'}${fmt(g.distM)},${fmt(g.nearM + clearanceM)} `;
      open = true;
    } else open = false;
  }

  const xStep = niceStep(totalM, 6);
  const xTicks: number[] = [];
  for (let d = 0; d <= totalM + 1e-6; d += xStep) xTicks.push(d);
  const km = totalM >= 2000;
  const hi = highlight !== undefined && highlight !== null ? rows[highlight] : undefined;

  return (
    <svg
      className="altitude-profile"
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-label="Altitude profile: altitude over the distance flown, with the buildings under the track"
      data-testid="trip-profile"
      onMouseLeave={() => onHover?.(null)}
      onMouseMove={(e) => {
        if (!onHover || rows.length === 0) return;
        const r = e.currentTarget.getBoundingClientRect();
        const d = (((e.clientX - r.left) / r.width) * W - M.left) / sx;
        let best = 0;
        for (let i = 1; i < rows.length; i++) if (Math.abs(rows[i].distM - d) < Math.abs(rows[best].distM - d)) best = i;
        onHover(best);
      }}
    >
      <rect x={M.left} y={M.top} width={PW} height={PH} className="plot-bg" />
      {layersM.map((l) => (
        <g key={l} className="layer">
          <line x1={M.left} x2={M.left + PW} y1={yAt(l)} y2={yAt(l)} />
          <text x={M.left - 4} y={yAt(l) + 3} textAnchor="end">
            {l}
          </text>
        </g>
      ))}
      <g className="axis">
        <line x1={M.left} x2={M.left + PW} y1={yAt(0)} y2={yAt(0)} className="ground-line" />
        <text x={M.left - 4} y={yAt(0) + 3} textAnchor="end">
          0
        </text>
        <text x={12} y={M.top + PH / 2} textAnchor="middle" transform={`rotate(-90 12 ${M.top + PH / 2})`}>
          altitude (m)
        </text>
        {xTicks.map((d) => (
          <g key={d}>
            <line x1={xAt(d)} x2={xAt(d)} y1={yAt(0)} y2={yAt(0) + 4} />
            <text x={xAt(d)} y={yAt(0) + 16} textAnchor="middle">
              {km ? `${fmt(d / 1000)}` : fmt(d)}
            </text>
          </g>
        ))}
        <text x={M.left + PW} y={H - 2} textAnchor="end">
          distance flown ({km ? 'km' : 'm'})
        </text>
      </g>
      <g transform={`translate(${M.left} ${M.top + PH}) scale(${sx} ${-sy})`} data-testid="trip-profile-data" data-unit="m">
        <path d={area('nearM')} className="buildings-near" vectorEffect="non-scaling-stroke" data-testid="trip-profile-buildings-near" />
        <path d={area('underM')} className="buildings" vectorEffect="non-scaling-stroke" data-testid="trip-profile-buildings" />
        {clearance && <path d={clearance} className="clearance" vectorEffect="non-scaling-stroke" data-testid="trip-profile-clearance" />}
        <path d={flight} className="flight" vectorEffect="non-scaling-stroke" data-testid="trip-profile-path" />
      </g>
      {hi && <circle cx={xAt(hi.distM)} cy={yAt(hi.altM)} r={4} className="marker" />}
    </svg>
  );
}
