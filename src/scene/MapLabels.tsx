import { useEffect, useMemo, useRef } from 'react';
import { useFrame, useThree } from '@react-three/fiber';
import * as THREE from 'three';
import type { XY } from '../core/geo/frame';
import type { LocalGeometry } from '../state/geometry';
import { useEditorStore } from '../state/editorStore';
import { useLayerVisible } from '../state/layersStore';
import { usePlaybackStore } from '../state/playbackStore';
import { type GroundHeight, flatGround, useGroundHeight } from '../state/groundHeight';
import { OPEN_CEILING_M } from './Airspace';
import { playbackScene } from './playback/handle';
import './mapLabels.css';

export interface LabelItem {
  key: string;
  text: string;
  /** 'store': a depot's name; 'selected': the selected thing; 'drone': the selected drone. */
  kind: 'store' | 'selected' | 'drone';
  at: XY;
  altM: number;
}

/** What the labels drew last, for the test hook: each label's text and whether it is shown (and where). */
export const labelsDrawn: { on: boolean; items: { text: string; kind: LabelItem['kind']; shown: boolean; x: number; y: number }[] } = {
  on: false,
  items: [],
};

/** Pixels kept free between two labels; a label that would overlap a placed one is left out. */
const GAP_PX = 2;
/** Label offset below its point, pixels (under the marker's foot). */
const BELOW_PX = 6;

const v = new THREE.Vector3();
const m = new THREE.Matrix4();

/**
 * Names on the map: every store (depot) and the selected thing (drop point, zone, building) and the
 * selected drone of a replay. Plain DOM labels over the canvas, created once per change of the list
 * and moved in one pass when the camera moves (no React render, no per-label frame loop); labels that
 * would overlap a label already placed are left out, the selected ones first. Switched by the labels
 * layer.
 */
export function MapLabels({ geo }: { geo: LocalGeometry }) {
  const on = useLayerVisible('labels');
  const selection = useEditorStore((s) => s.selection);
  const droneId = usePlaybackStore((s) => s.selectedDroneIds[0]);
  const gl = useThree((s) => s.gl);
  const camera = useThree((s) => s.camera);
  const size = useThree((s) => s.size);
  const container = useRef<HTMLDivElement | null>(null);
  const elements = useRef<{ item: LabelItem; el: HTMLDivElement; w: number; h: number }[]>([]);
  const droneEl = useRef<HTMLDivElement | null>(null);
  const lastPose = useRef('');

  const ground = useGroundHeight();
  const items = useMemo(() => labelItems(geo, selection, ground), [geo, selection, ground]);

  useEffect(() => {
    const host = gl.domElement.parentElement;
    if (!host) return;
    const div = document.createElement('div');
    div.className = 'map-labels';
    div.dataset.testid = 'map-labels';
    host.appendChild(div);
    container.current = div;
    return () => {
      div.remove();
      container.current = null;
      elements.current = [];
      droneEl.current = null;
      labelsDrawn.items = [];
    };
  }, [gl]);

  useEffect(() => {
    const div = container.current;
    if (!div) return;
    div.style.display = on ? '' : 'none';
    labelsDrawn.on = on;
    lastPose.current = '';
  }, [on]);

  useEffect(() => {
    const div = container.current;
    if (!div) return;
    for (const e of elements.current) e.el.remove();
    elements.current = items.map((item) => {
      const el = document.createElement('div');
      el.className = `map-label ${item.kind}`;
      el.textContent = item.text;
      el.dataset.testid = 'map-label';
      el.dataset.kind = item.kind;
      div.appendChild(el);
      return { item, el, w: 0, h: 0 };
    });
    // Sizes are read once per list (one layout), not per frame.
    for (const e of elements.current) {
      e.w = e.el.offsetWidth;
      e.h = e.el.offsetHeight;
    }
    lastPose.current = '';
  }, [items]);

  useEffect(() => {
    const div = container.current;
    if (!div) return;
    droneEl.current?.remove();
    droneEl.current = null;
    if (!droneId) return;
    const el = document.createElement('div');
    el.className = 'map-label drone';
    el.textContent = shortDroneId(droneId);
    el.dataset.testid = 'map-label';
    el.dataset.kind = 'drone';
    el.style.visibility = 'hidden';
    div.appendChild(el);
    droneEl.current = el;
  }, [droneId]);

  useFrame(() => {
    if (!on || !container.current) return;
    const w = size.width;
    const h = size.height;
    // The selected drone's label follows it every frame (where the scene drew it).
    const drone = droneEl.current;
    const d = droneId ? playbackScene.index?.byId.get(droneId) : undefined;
    if (drone) {
      const mesh = playbackScene.drones;
      let shown = false;
      if (mesh && d) {
        mesh.getMatrixAt(d.index, m);
        v.setFromMatrixPosition(m).project(camera);
        if (v.z <= 1) {
          shown = true;
          drone.style.transform = `translate(${Math.round(((v.x + 1) / 2) * w + 22)}px, ${Math.round(((1 - v.y) / 2) * h - 10)}px)`;
        }
      }
      drone.style.visibility = shown ? 'visible' : 'hidden';
    }
    const e = camera.matrixWorld.elements;
    const pose = `${e[12]},${e[13]},${e[14]},${e[8]},${e[9]},${e[10]},${w},${h},${camera.projectionMatrix.elements[0]}`;
    if (pose === lastPose.current) return;
    lastPose.current = pose;
    const placed: { x0: number; y0: number; x1: number; y1: number }[] = [];
    const drawn: typeof labelsDrawn.items = [];
    // Selected first, so it is never the one left out.
    const order = [...elements.current].sort((a, b) => (a.item.kind === 'selected' ? 0 : 1) - (b.item.kind === 'selected' ? 0 : 1));
    for (const entry of order) {
      const { item, el } = entry;
      if (entry.w === 0) {
        // Built while the layer was off (nothing laid out): measured once now.
        entry.w = el.offsetWidth;
        entry.h = el.offsetHeight;
      }
      v.set(item.at.x, item.altM, -item.at.y).project(camera);
      let shown = v.z <= 1 && v.x >= -1.2 && v.x <= 1.2 && v.y >= -1.2 && v.y <= 1.2;
      const x = ((v.x + 1) / 2) * w;
      const y = ((1 - v.y) / 2) * h;
      const box = { x0: x - entry.w / 2 - GAP_PX, y0: y + BELOW_PX - GAP_PX, x1: x + entry.w / 2 + GAP_PX, y1: y + BELOW_PX + entry.h + GAP_PX };
      if (shown && placed.some((p) => p.x0 < box.x1 && box.x0 < p.x1 && p.y0 < box.y1 && box.y0 < p.y1)) shown = false;
      if (shown) {
        placed.push(box);
        el.style.transform = `translate(${Math.round(x - entry.w / 2)}px, ${Math.round(y + BELOW_PX)}px)`;
      }
      el.style.visibility = shown ? 'visible' : 'hidden';
      drawn.push({ text: item.text, kind: item.kind, shown, x, y });
    }
    labelsDrawn.items = drawn;
  });

  return null;
}

/**
 * Stores by name, plus the selected thing when it is not a store (a selected store's label is
 * highlighted). Heights are above the datum: a point's label at the ground under it, a zone's or a
 * building's at its top above the ground under its centre.
 */
export function labelItems(geo: LocalGeometry, selection: { kind: string; id: string } | null, ground: GroundHeight = flatGround): LabelItem[] {
  const items: LabelItem[] = geo.depots.map((d) => ({
    key: `depot:${d.depot.id}`,
    text: d.depot.name,
    kind: selection?.kind === 'depot' && selection.id === d.depot.id ? 'selected' : 'store',
    at: d.at,
    altM: ground(d.at.x, d.at.y),
  }));
  if (!selection || selection.kind === 'depot') return items;
  if (selection.kind === 'order') {
    const o = geo.orders.find((x) => x.order.id === selection.id);
    if (o) items.push({ key: `order:${o.order.id}`, text: o.order.id, kind: 'selected', at: o.at, altM: ground(o.at.x, o.at.y) });
  } else if (selection.kind === 'zone') {
    const z = geo.zones.find((x) => x.zone.id === selection.id);
    if (z) {
      const at = centroid(z.ring);
      items.push({ key: `zone:${z.zone.id}`, text: z.zone.name, kind: 'selected', at, altM: ground(at.x, at.y) + Math.min(z.zone.ceilingM ?? OPEN_CEILING_M, OPEN_CEILING_M) });
    }
  } else if (selection.kind === 'building') {
    const b = geo.buildings.find((x) => x.building.id === selection.id);
    if (b) {
      const at = centroid(b.ring);
      items.push({ key: `building:${b.building.id}`, text: b.building.name ?? b.building.id, kind: 'selected', at, altM: ground(at.x, at.y) + b.building.heightM });
    }
  }
  return items;
}

function centroid(ring: XY[]): XY {
  const n = Math.max(1, ring.length);
  return { x: ring.reduce((s, p) => s + p.x, 0) / n, y: ring.reduce((s, p) => s + p.y, 0) / n };
}

/** "depot-1/m2-class/1" -> "depot-1 #1" (as the charts' legends name drones). */
function shortDroneId(droneId: string): string {
  const parts = droneId.split('/');
  return parts.length >= 3 ? `${parts[0]} #${parts[parts.length - 1]}` : droneId;
}
