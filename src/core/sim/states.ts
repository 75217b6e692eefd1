/**
 * The drone state machine's states and the kinds of events the simulator logs. States are stored in
 * traces as small integer codes (an index into DRONE_STATES) so per-sample state costs one number.
 */

export const DRONE_STATES = [
  'idle',
  'loading',
  'take-off',
  'climb',
  'cruise',
  'descent',
  'drop',
  'climb-out',
  'return',
  'landing',
  'charging',
  'battery-swap',
  'diverted',
  'emergency-landed',
  /** In the air, waiting: a planned hold over a drop point, or for a busy pad (appended: codes stay stable). */
  'holding',
] as const;

export type DroneState = (typeof DRONE_STATES)[number];

/** Integer code of each state (its index in DRONE_STATES). */
export const S = Object.fromEntries(DRONE_STATES.map((s, i) => [s, i])) as { readonly [K in DroneState]: number };

/** States in which the drone is on the ground (no flight energy, not checked for separation). */
export function isGroundState(code: number): boolean {
  return code === S.idle || code === S.loading || code === S.charging || code === S['battery-swap'] || code === S['emergency-landed'];
}

export const SIM_EVENT_KINDS = [
  /** The drone entered `state` (every transition of the state machine). */
  'state',
  /** A parcel was dropped: orderId, with lateS when after the promise window. */
  'delivered',
  /** The order was handed to another trip (reason says why, droneId is the new drone). */
  'order-requeued',
  /** The order cannot be delivered any more (reason). */
  'order-failed',
  /** The predicted state of charge at landing fell below the reserve. */
  'reserve-low',
  /** The drone gave up its planned route and flies to depotId (return home or divert elsewhere). */
  'divert',
  /** A no-fly zone (zoneId) became active across the drone's remaining route; the route was changed. */
  'reroute',
  /** An injected fault took effect (reason names it). */
  'fault',
  /** The drone started an emergency landing where it is (reason). */
  'emergency-landing',
  /** The usable battery ran out in flight (always after an emergency-landing event of that drone). */
  'battery-empty',
  /** Two drones closer than the separation minima: droneId, otherDroneId, place, horizontalM, verticalM. */
  'separation-loss',
  /** Depot events (droneId is empty): closed / reopened by a fault. */
  'depot-closed',
  'depot-reopened',
  /** A no-fly zone with an activity window became active (droneId empty). */
  'zone-active',
  /** The drone's take-off waits for its depot to open (opening hours or a closure fault; reason, depotId, tripId). */
  'takeoff-delayed',
  /** Landed with less than the trip's final reserve: an incident (reason says what the trip met). */
  'landed-below-reserve',
  /** The drone holds in the air: its landing pad is busy, or the rest of its trip would meet other traffic (reason). */
  'hold',
  /** A take-off later than its planned slot was given a new slot (reason: how late and why). */
  'takeoff-resequenced',
] as const;

export type SimEventKind = (typeof SIM_EVENT_KINDS)[number];

/** [lng, lat, altitudeM above take-off ground]. */
export type Place = [number, number, number];

export interface SimEvent {
  tS: number;
  /** Empty for events that concern no drone (depot-closed, zone-active). */
  droneId: string;
  kind: SimEventKind;
  /** For kind 'state': the state entered. */
  state?: DroneState;
  orderId?: string;
  tripId?: string;
  depotId?: string;
  zoneId?: string;
  otherDroneId?: string;
  reason?: string;
  place?: Place;
  horizontalM?: number;
  verticalM?: number;
  lateS?: number;
}
