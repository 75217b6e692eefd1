import { useEffect, useMemo, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { Mission } from '../../core/mission';
import { formatClock, toMissionSeconds } from '../../core/mission/time';
import type { Plan } from '../../core/planner/plan';
import { type SimTrace, droneIndex } from '../../core/sim/trace';
import { playbackClock } from '../../state/playbackStore';
import { droneColour } from '../../scene/playback/palette';
import { clockTicks } from './clockTicks';
import { useAnimationFrame } from './useAnimationFrame';

const WIDTH = 290;
const HEIGHT = 190;
/** The playhead line is redrawn at most this often (charts are cheap, but not free at 60 fps). */
const PLAYHEAD_REDRAW_MS = 150;

/**
 * The time cursor's colour: darker than every series colour (src/scene/playback/palette.ts), and the
 * line is dashed with a notch and a time tag, so it never reads as a series dropping to zero.
 */
export const CURSOR_COLOUR = '#312e81';
/** Most time ticks on an axis (the charts are about 250 px wide: one label per 50 px). */
const MAX_TIME_TICKS = 5;

/**
 * The playback time as a cursor over the plot: a dashed line in the cursor colour, a notch at the top
 * and the clock time on a tag under it, over the time axis (where a chart's crosshair label goes).
 */
function playheadPlugin(startTime: string): uPlot.Plugin {
  return {
    hooks: {
      draw: (u) => {
        const x = u.valToPos(playbackClock.tS, 'x', true);
        const { left, top, width, height } = u.bbox;
        if (!Number.isFinite(x) || x < left || x > left + width) return;
        const px = devicePixelRatio;
        const ctx = u.ctx;
        ctx.save();
        ctx.strokeStyle = CURSOR_COLOUR;
        ctx.globalAlpha = 0.9;
        ctx.lineWidth = 1.5 * px;
        ctx.setLineDash([5 * px, 3 * px]);
        ctx.beginPath();
        ctx.moveTo(x, top);
        ctx.lineTo(x, top + height);
        ctx.stroke();
        ctx.setLineDash([]);
        ctx.globalAlpha = 1;
        ctx.fillStyle = CURSOR_COLOUR;
        // A notch pointing down at the top.
        ctx.beginPath();
        ctx.moveTo(x - 5 * px, top);
        ctx.lineTo(x + 5 * px, top);
        ctx.lineTo(x, top + 6 * px);
        ctx.closePath();
        ctx.fill();
        // The clock time on a tag over the time axis, centred under the line (kept inside the plot's width).
        const text = formatClock(startTime, playbackClock.tS).slice(0, 5);
        ctx.font = `${10 * px}px system-ui, sans-serif`;
        const w = ctx.measureText(text).width + 6 * px;
        const h = 13 * px;
        const tagX = Math.min(Math.max(x - w / 2, left), left + width - w);
        const tagY = top + height + 2 * px;
        ctx.fillRect(tagX, tagY, w, h);
        ctx.fillStyle = '#ffffff';
        ctx.textBaseline = 'middle';
        ctx.fillText(text, tagX + 3 * px, tagY + h / 2);
        ctx.restore();
      },
    },
  };
}

/** uPlot in a div: created once per option set, fed new data through setData, playhead kept current. */
function useUPlot(makeOptions: () => uPlot.Options, data: uPlot.AlignedData, deps: unknown[]) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const lastDraw = useRef({ t: Number.NaN, atMs: 0 });
  useEffect(() => {
    if (!host.current) return;
    const u = new uPlot(makeOptions(), data, host.current);
    plot.current = u;
    return () => {
      u.destroy();
      plot.current = null;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  useEffect(() => {
    plot.current?.setData(data);
  }, [data]);
  useAnimationFrame((now) => {
    const u = plot.current;
    const last = lastDraw.current;
    if (!u || playbackClock.tS === last.t || now - last.atMs < PLAYHEAD_REDRAW_MS) return;
    last.t = playbackClock.tS;
    last.atMs = now;
    u.redraw(false, false);
  });
  return host;
}

/** The time axis: ticks on round hours (or half hours, quarters, ... when zoomed in) of the mission's clock. */
const clockAxis = (startTime: string): uPlot.Axis => ({
  splits: (_u, _axis, min, max) => {
    const ticks = clockTicks(startTime, min, max, MAX_TIME_TICKS);
    return ticks.length > 0 ? ticks : [min];
  },
  values: (_u, splits) => splits.map((s) => formatClock(startTime, s).slice(0, 5)),
  size: 28,
});

/** State of charge over time for the chosen drones, with the reserve as a dashed line. */
export function SocChart({ trace, droneIds, reserveShare }: { trace: SimTrace; droneIds: string[]; reserveShare: number }) {
  const ids = useMemo(() => droneIds.filter((id) => droneIndex(trace, id) >= 0).slice(0, 6), [trace, droneIds]);
  const data = useMemo((): uPlot.AlignedData => {
    const times = new Set<number>();
    for (const id of ids) for (const t of trace.drones[droneIndex(trace, id)].tS) times.add(t);
    const xs = [...times].sort((a, b) => a - b);
    if (xs.length === 0) xs.push(0, trace.endS);
    const series = ids.map((id) => {
      const tr = trace.drones[droneIndex(trace, id)];
      // Values at the union of sample times: linear interpolation between this drone's samples.
      let j = 0;
      return xs.map((t) => {
        while (j + 1 < tr.tS.length && tr.tS[j + 1] <= t) j++;
        if (j + 1 >= tr.tS.length || t <= tr.tS[j]) return tr.soc[Math.min(j, tr.soc.length - 1)] * 100;
        const f = (t - tr.tS[j]) / (tr.tS[j + 1] - tr.tS[j]);
        return (tr.soc[j] + f * (tr.soc[j + 1] - tr.soc[j])) * 100;
      });
    });
    return [xs, ...series, xs.map(() => reserveShare * 100)];
  }, [trace, ids, reserveShare]);
  const host = useUPlot(
    () => ({
      width: WIDTH,
      height: HEIGHT,
      scales: { x: { time: false }, y: { range: [0, 100] } },
      axes: [clockAxis(trace.startTime), { label: 'SoC %', size: 40 }],
      series: [
        { label: 'time', value: (_u, v) => (v == null ? '' : formatClock(trace.startTime, v)) },
        ...ids.map((id) => ({
          label: shortId(id),
          stroke: droneColour(Math.max(0, droneIndex(trace, id))),
          width: 2,
          value: (_u: uPlot, v: number | null) => (v == null ? '' : `${v.toFixed(1)} %`),
        })),
        { label: 'reserve', stroke: '#e02424', dash: [6, 4], width: 1.5, value: (_u, v) => (v == null ? '' : `${v.toFixed(0)} %`) },
      ],
      plugins: [playheadPlugin(trace.startTime)],
    }),
    data,
    [trace, ids.join('|')],
  );
  return (
    <figure className="chart" data-testid="soc-chart">
      <figcaption>State of charge{ids.length ? '' : ' (select a drone)'}</figcaption>
      <div ref={host} />
    </figure>
  );
}

/**
 * Deliveries over time against their promise windows, as running counts: orders whose window has
 * opened, orders due (window closed), delivered in the simulation, and delivered in the plan. On-time
 * delivery keeps "delivered" between "opened" and "due".
 */
export function DeliveriesChart({ trace, mission, plan }: { trace: SimTrace; mission: Mission; plan: Plan | null }) {
  const data = useMemo((): uPlot.AlignedData => {
    const opened = mission.orders.map((o) => toMissionSeconds(mission.startTime, o.window.earliest)).sort((a, b) => a - b);
    const due = mission.orders.map((o) => toMissionSeconds(mission.startTime, o.window.latest)).sort((a, b) => a - b);
    const delivered = trace.orders.flatMap((o) => (o.status === 'delivered' && o.deliverS !== undefined ? [o.deliverS] : [])).sort((a, b) => a - b);
    const planned = (plan?.orders ?? []).flatMap((o) => (o.status === 'assigned' ? [o.deliverS] : [])).sort((a, b) => a - b);
    const xs = [...new Set([0, ...opened, ...due, ...delivered, ...planned, trace.endS])].sort((a, b) => a - b);
    const running = (sorted: number[]) => {
      let k = 0;
      return xs.map((t) => {
        while (k < sorted.length && sorted[k] <= t) k++;
        return k;
      });
    };
    return [xs, running(opened), running(due), running(planned), running(delivered)];
  }, [trace, mission, plan]);
  const host = useUPlot(
    () => {
      const step = uPlot.paths.stepped!({ align: 1 });
      return {
        width: WIDTH,
        height: HEIGHT,
        scales: { x: { time: false } },
        axes: [clockAxis(trace.startTime), { label: 'orders', size: 40 }],
        series: [
          { label: 'time', value: (_u, v) => (v == null ? '' : formatClock(trace.startTime, v)) },
          { label: 'window opened', stroke: '#8c959f', width: 1.5, paths: step },
          { label: 'due', stroke: '#e02424', width: 1.5, dash: [5, 4], paths: step },
          { label: 'planned', stroke: '#1f5fbf', width: 1.5, dash: [2, 3], paths: step },
          { label: 'delivered', stroke: '#2e9e44', width: 2.5, paths: step },
        ],
        plugins: [playheadPlugin(trace.startTime)],
      };
    },
    data,
    [trace],
  );
  return (
    <figure className="chart" data-testid="deliveries-chart">
      <figcaption>Deliveries against promise windows</figcaption>
      <div ref={host} />
    </figure>
  );
}

/** "depot-1/m2-class/1" -> "depot-1 #1": enough to tell drones apart in a legend. */
export function shortId(droneId: string): string {
  const parts = droneId.split('/');
  return parts.length >= 3 ? `${parts[0]} #${parts[parts.length - 1]}` : droneId;
}
