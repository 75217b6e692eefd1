/**
 * Test-hook entries of the Dispatch tab (spread into window.__skyhaul by src/testHook.ts). The order
 * markers are read back from what the scene drew (instance matrix and colour of the orders' instanced
 * mesh); the actions are the ones the UI calls.
 */
import * as THREE from 'three';
import { orderMarkersDrawn } from '../../scene/Markers';
import { type DispatchForm, useDispatchStore } from '../../state/dispatchStore';
import { ORDER_PHASES, orderPhaseById, orderTimesFor } from '../../state/orderStatus';
import { usePlanStore } from '../../state/planStore';
import { playbackClock } from '../../state/playbackStore';

const m = new THREE.Matrix4();
const c = new THREE.Color();

/** Page-clock times (ms) of the watched cancel: when Cancel reached the store, and when the job ended. */
let cancelTimes: { cancelledAt: number | null; endedAt: number | null } | null = null;

export function dispatchTestHook(): Record<string, unknown> {
  return {
    /** Start a dispatched day with these options (the rest as in the form); does not wait for it. */
    runDispatch: (options: Partial<DispatchForm> = {}) => {
      const s = useDispatchStore.getState();
      s.setForm(options);
      void s.run();
    },
    cancelDispatch: () => useDispatchStore.getState().cancel(),
    /**
     * Watch the running job: record when a cancel reaches the store and when the job ends (page clock),
     * so a test can time the cancel itself rather than the click's way through a busy page.
     */
    watchDispatchCancel: () => {
      const times = { cancelledAt: null as number | null, endedAt: null as number | null };
      cancelTimes = times;
      const stop = useDispatchStore.subscribe((s) => {
        if (s.job?.cancelling && times.cancelledAt === null) times.cancelledAt = performance.now();
        if (!s.job) {
          times.endedAt = performance.now();
          stop();
        }
      });
    },
    /** What watchDispatchCancel recorded (null before it was called). */
    dispatchCancelTimes: () => cancelTimes,
    /** The running day ({fraction, message, cancelling} or null), the last failure, cancelled, whether results exist. */
    dispatchJob: () => {
      const s = useDispatchStore.getState();
      return { job: s.job, failure: s.failure, cancelled: s.cancelled, hasResults: s.results !== null, form: s.form };
    },
    /** The comparison's figures per run (what the KPI panel shows), timings, and whether the replay shows this day. */
    dispatchResults: () => {
      const r = useDispatchStore.getState().results;
      if (!r) return null;
      return { options: r.options, runs: r.runs, mapSeconds: r.mapSeconds, seconds: r.seconds, replaying: usePlanStore.getState().trace === r.trace };
    },
    /** The KPI panel's cells as shown: { [run]: { [row]: text } }. */
    dispatchKpiCells: () => {
      const out: Record<string, Record<string, string>> = {};
      for (const td of document.querySelectorAll<HTMLElement>('[data-testid^="dispatch-kpi-"]')) {
        const [, run, row] = /^dispatch-kpi-([a-z]+)-(.+)$/.exec(td.dataset.testid ?? '') ?? [];
        if (!run) continue;
        out[run] ??= {};
        out[run][row] = td.textContent ?? '';
      }
      return out;
    },
    /** The phase of an order in the current (dispatched) replay at time t (default: the playback time), or null. */
    orderPhase: (orderId: string, t?: number) => {
      const { trace, plan } = usePlanStore.getState();
      const times = trace ? orderTimesFor(trace, plan) : null;
      return times ? orderPhaseById(times, orderId, t ?? playbackClock.tS) : null;
    },
    /**
     * An order's marker as the scene drew it: shown or not (instance scale), the phase its colour
     * stands for (null when drawn without phases), and the playback time the phases were drawn for.
     */
    orderShown: (orderId: string) => {
      const drawn = orderMarkersDrawn;
      const mesh = drawn.mesh;
      const i = drawn.ids.indexOf(orderId);
      if (!mesh || i < 0 || i >= mesh.count) return null;
      mesh.getMatrixAt(i, m);
      // The scale of the instance's x axis (Matrix4.decompose reports 1 for a zero-scaled matrix).
      const e = m.elements;
      const visible = Math.hypot(e[0], e[1], e[2]) > 0;
      let phase: string | null = null;
      if (drawn.phases && visible && mesh.instanceColor) {
        mesh.getColorAt(i, c);
        const k = drawn.colours.findIndex((p, j) => j > 0 && Math.abs(p.r - c.r) + Math.abs(p.g - c.g) + Math.abs(p.b - c.b) < 1e-4);
        phase = k > 0 ? ORDER_PHASES[k] : 'usual';
      } else if (drawn.phases && !visible) phase = 'hidden';
      return { visible, phase, drawnAtS: drawn.drawnAtS };
    },
  };
}
