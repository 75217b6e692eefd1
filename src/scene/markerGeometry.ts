/**
 * Shared marker shapes, one unit ~ one screen pixel after scaling. Depots are hexagonal pillars,
 * drop points inverted pins with the tip on the ground: distinct from above and from the side.
 */
import * as THREE from 'three';

export const depotGeometry = new THREE.CylinderGeometry(11, 11, 14, 6).translate(0, 7, 0);
export const orderGeometry = new THREE.ConeGeometry(7, 20, 12).rotateX(Math.PI).translate(0, 10, 0);
export const handleGeometry = new THREE.SphereGeometry(6, 12, 8);
export const selectionRingGeometry = new THREE.RingGeometry(15, 19, 32).rotateX(-Math.PI / 2);

/**
 * A launch/landing pad: a flat disc in real metres (not screen-sized), lying on the ground. 6 m
 * across leaves a gap between pads at the schema's smallest spacing (8 m).
 */
export const PAD_RADIUS_M = 3;
export const padGeometry = new THREE.CircleGeometry(PAD_RADIUS_M, 24).rotateX(-Math.PI / 2);

export const MARKER_COLORS = {
  depot: '#1f5fbf',
  order: '#e07a1f',
  flagged: '#d62828',
  selected: '#ffd21f',
  hovered: '#6fd3ff',
  /** Depot pads: the depot's blue, lighter, so they read as part of it on the pale ground. */
  pad: '#5f8fdc',
} as const;

/** Marks meshes that should win a pick over zones and buildings drawn around them. */
export const PICK_PRIORITY = { pickPriority: true } as const;

/**
 * Marks the drones' mesh (a replay is loaded): a drone under the pointer wins the pick over markers,
 * zones and buildings, wherever they are along the ray.
 */
export const DRONE_PICK = { pickPriority: true, dronePick: true } as const;

/** Whether a drone is among the hits of a pointer event (markers then leave the event to it). */
export function droneUnder(e: { intersections: readonly { object: THREE.Object3D }[] }): boolean {
  return e.intersections.some((i) => i.object.userData.dronePick === true);
}
