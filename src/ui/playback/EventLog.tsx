import { useMemo, useState } from 'react';
import { formatClock } from '../../core/mission/time';
import type { SimEvent } from '../../core/sim/states';
import type { SimTrace } from '../../core/sim/trace';
import { usePlaybackStore } from '../../state/playbackStore';
import { shortId } from './Charts';
import { formatDuration } from './format';

type Filter = 'all' | 'deliveries' | 'problems' | 'flights';

const PROBLEM_KINDS = new Set<SimEvent['kind']>([
  'order-requeued',
  'order-failed',
  'reserve-low',
  'divert',
  'reroute',
  'fault',
  'emergency-landing',
  'battery-empty',
  'separation-loss',
  'depot-closed',
  'zone-active',
]);
/** State changes worth a line in the log (the rest are in the trace, not the log). */
const LOGGED_STATES = new Set(['take-off', 'diverted', 'emergency-landed']);
/** Rows rendered at once; the rest behind "show more". */
const PAGE = 300;

/** One line of the log: what happened, in words. */
export function describeEvent(e: SimEvent): { label: string; detail: string; tone: 'ok' | 'warn' | 'bad' | 'info' } {
  switch (e.kind) {
    case 'state':
      return { label: e.state === 'take-off' ? 'take-off' : e.state ?? 'state', detail: '', tone: e.state === 'emergency-landed' ? 'bad' : 'info' };
    case 'delivered':
      return (e.lateS ?? 0) > 0
        ? { label: 'late delivery', detail: `${e.orderId}, ${formatDuration(e.lateS ?? 0)} late`, tone: 'warn' }
        : { label: 'delivered', detail: e.orderId ?? '', tone: 'ok' };
    case 'separation-loss':
      return {
        label: 'loss of separation',
        detail: `with ${shortId(e.otherDroneId ?? '?')}: ${e.horizontalM?.toFixed(0)} m apart, ${e.verticalM?.toFixed(0)} m vertically`,
        tone: 'bad',
      };
    case 'divert':
      return { label: 'diverted', detail: `to ${e.depotId ?? '?'}${e.reason ? `: ${e.reason}` : ''}`, tone: 'bad' };
    default:
      return {
        label: e.kind.replace(/-/g, ' '),
        detail: [e.orderId, e.depotId, e.zoneId, e.reason].filter(Boolean).join(' · '),
        tone: PROBLEM_KINDS.has(e.kind) ? (e.kind === 'reroute' || e.kind === 'zone-active' ? 'warn' : 'bad') : 'info',
      };
  }
}

function keep(e: SimEvent, filter: Filter): boolean {
  if (e.kind === 'state' && !LOGGED_STATES.has(e.state ?? '')) return false;
  switch (filter) {
    case 'all':
      return true;
    case 'deliveries':
      return e.kind === 'delivered' || e.kind === 'order-failed' || e.kind === 'order-requeued';
    case 'problems':
      return PROBLEM_KINDS.has(e.kind) || (e.kind === 'delivered' && (e.lateS ?? 0) > 0) || e.state === 'emergency-landed';
    case 'flights':
      return e.kind === 'state';
  }
}

/** The event log: clicking a line seeks there and selects (and follows) its drone. */
export function EventLog({ trace }: { trace: SimTrace }) {
  const [filter, setFilter] = useState<Filter>('all');
  const [limit, setLimit] = useState(PAGE);
  const rows = useMemo(() => trace.events.filter((e) => keep(e, filter)), [trace, filter]);
  return (
    <section className="panel event-log" data-testid="event-log">
      <h2>
        Events{' '}
        <select value={filter} onChange={(e) => setFilter(e.target.value as Filter)} data-testid="event-filter">
          <option value="all">all</option>
          <option value="deliveries">deliveries</option>
          <option value="problems">problems</option>
          <option value="flights">take-offs</option>
        </select>{' '}
        <small>{rows.length}</small>
      </h2>
      <ol>
        {rows.slice(0, limit).map((e, i) => {
          const d = describeEvent(e);
          return (
            <li key={i}>
              <button
                type="button"
                className={`event ${d.tone}`}
                data-testid="event-row"
                data-t={e.tS}
                data-drone={e.droneId}
                data-kind={e.kind}
                onClick={() => {
                  const playback = usePlaybackStore.getState();
                  playback.seek(e.tS);
                  if (e.droneId) playback.selectDrone(e.droneId, true);
                }}
              >
                <time>{formatClock(trace.startTime, e.tS)}</time> <strong>{d.label}</strong> {e.droneId && <span className="drone">{shortId(e.droneId)}</span>}{' '}
                {d.detail && <span className="detail">{d.detail}</span>}
              </button>
            </li>
          );
        })}
      </ol>
      {rows.length > limit && (
        <button type="button" onClick={() => setLimit(limit + PAGE)}>
          show {Math.min(PAGE, rows.length - limit)} more
        </button>
      )}
    </section>
  );
}
