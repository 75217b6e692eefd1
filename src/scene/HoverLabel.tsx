import { Html } from '@react-three/drei';
import type { XY } from '../core/geo/frame';
import type { LocalGeometry } from '../state/geometry';
import { kindLabel } from '../state/itemKinds';
import { useEditorStore } from '../state/editorStore';
import { flagKey } from '../state/flags';
import { describePads } from '../state/padInstances';
import { useGroundHeight } from '../state/groundHeight';
import { toScene } from './coords';
import { OPEN_CEILING_M } from './Airspace';

/** Name, key facts and any flag reasons of the thing under the pointer, in a DOM label. */
export function HoverLabel({ geo, flags }: { geo: LocalGeometry; flags: Map<string, string[]> }) {
  const hover = useEditorStore((s) => s.hover);
  const ground = useGroundHeight();
  if (!hover) return null;
  let at: XY | undefined;
  let title = '';
  let detail = '';
  /** A second line of facts (a depot's pads). */
  let more = '';
  if (hover.kind === 'depot') {
    const d = geo.depots.find((x) => x.depot.id === hover.id);
    if (d) {
      at = d.at;
      title = d.depot.name;
      detail = `${d.depot.fleet.reduce((n, f) => n + f.count, 0)} drone(s)`;
      more = describePads(d.depot);
    }
  } else if (hover.kind === 'order') {
    const o = geo.orders.find((x) => x.order.id === hover.id);
    if (o) {
      at = o.at;
      title = o.order.id;
      detail = `${o.order.parcelKg} kg, ${o.order.drop}`;
    }
  } else if (hover.kind === 'zone') {
    const z = geo.zones.find((x) => x.zone.id === hover.id);
    if (z) {
      at = centroid(z.ring);
      title = z.zone.name;
      detail = `${z.zone.floorM ?? 0}–${z.zone.ceilingM === undefined ? `${OPEN_CEILING_M}+` : z.zone.ceilingM} m${z.zone.active ? ', time-limited' : ''}`;
    }
  } else {
    const b = geo.buildings.find((x) => x.building.id === hover.id);
    if (b) {
      at = centroid(b.ring);
      title = b.building.name ?? b.building.id;
      detail = `${b.building.heightM} m tall`;
    }
  }
  if (!at) return null;
  const reasons = flags.get(flagKey(hover)) ?? [];
  return (
    <Html position={toScene(at, ground(at.x, at.y))} zIndexRange={[20, 10]} style={{ pointerEvents: 'none' }}>
      <div className={`hover-label${reasons.length ? ' flagged' : ''}`} data-testid="hover-label">
        <small>{kindLabel(hover.kind)}</small>
        <strong>{title}</strong>
        <span>{detail}</span>
        {more && <span data-testid="hover-label-more">{more}</span>}
        {reasons.map((r) => (
          <span key={r} className="reason">
            ⚠ {r}
          </span>
        ))}
      </div>
    </Html>
  );
}

function centroid(ring: XY[]): XY {
  const n = Math.max(1, ring.length);
  return { x: ring.reduce((s, p) => s + p.x, 0) / n, y: ring.reduce((s, p) => s + p.y, 0) / n };
}
