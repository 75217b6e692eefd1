/**
 * Rotor physics without any drone model: momentum (actuator-disc) theory for hover and for forward
 * flight. Pure functions of SI numbers so tests can check them against published values directly.
 */
import { GRAVITY_MPS2 } from './constants';

/**
 * Ideal hover power, W: P = T^(3/2) / sqrt(2 rho A) with T = m g.
 * Equivalent to Dorling et al. (2017) eq. (P = (W+m)^(3/2) sqrt(g^3 / (2 rho s n))) with A = s n.
 */
export function idealHoverPowerW(massKg: number, totalDiscAreaM2: number, airDensityKgM3: number): number {
  const thrustN = massKg * GRAVITY_MPS2;
  return thrustN * Math.sqrt(thrustN / (2 * airDensityKgM3 * totalDiscAreaM2));
}

/**
 * Induced velocity v_i, m/s, of an actuator disc of area A producing thrust T in a freestream whose
 * components are vParallelMps along the disc and vNormalMps through it (Stolaroff et al. 2018):
 *   v_i = T / (2 rho A sqrt(v_par^2 + (v_norm + v_i)^2)).
 * Solved by Newton's method on f(v) = v sqrt(v_par^2 + (v_norm + v)^2) - T / (2 rho A), which is
 * increasing and convex for v >= 0, v_norm >= 0; starting at the hover value (f >= 0 there) the
 * iterates decrease monotonically to the root, so a handful of steps reach machine precision.
 */
export function inducedVelocityMps(
  thrustN: number,
  totalDiscAreaM2: number,
  airDensityKgM3: number,
  vParallelMps: number,
  vNormalMps: number,
): number {
  const k = thrustN / (2 * airDensityKgM3 * totalDiscAreaM2);
  let v = Math.sqrt(k);
  for (let i = 0; i < 50; i++) {
    const w = vNormalMps + v;
    const s = Math.sqrt(vParallelMps * vParallelMps + w * w);
    const f = v * s - k;
    const df = s + (v * w) / s;
    const step = f / df;
    v -= step;
    if (Math.abs(step) <= 1e-12 * (1 + v)) break;
  }
  return v;
}

export interface ForwardFlightInput {
  massKg: number;
  airspeedMps: number;
  airDensityKgM3: number;
  totalDiscAreaM2: number;
  /** Sum of C_D x A of body and parcel, m^2. */
  dragAreaM2: number;
  /** Real power = ideal power / efficiency. */
  efficiency: number;
}

/**
 * Shaft power of a multirotor in steady level forward flight, W (Stolaroff et al. 2018, Nature
 * Communications 9:409, supplementary eqs.): drag D = 1/2 rho V^2 C_D A, thrust T = sqrt(W^2 + D^2),
 * tilt tan(alpha) = D / W, and P = T (V sin(alpha) + v_i) / eta. At V = 0 this is the hover power.
 */
export function forwardFlightPowerW(p: ForwardFlightInput): number {
  const weightN = p.massKg * GRAVITY_MPS2;
  const dragN = 0.5 * p.airDensityKgM3 * p.airspeedMps * p.airspeedMps * p.dragAreaM2;
  const thrustN = Math.hypot(weightN, dragN);
  const sinAlpha = dragN / thrustN;
  const cosAlpha = weightN / thrustN;
  const vNormal = p.airspeedMps * sinAlpha;
  const vi = inducedVelocityMps(thrustN, p.totalDiscAreaM2, p.airDensityKgM3, p.airspeedMps * cosAlpha, vNormal);
  return (thrustN * (vNormal + vi)) / p.efficiency;
}

/**
 * Fixed-wing cruise power, W (D'Andrea 2014): P = m g V / (eta L/D). Lift equals weight, so drag is
 * m g / (L/D) and the propulsive power is drag x airspeed over the drive efficiency.
 */
export function fixedWingCruisePowerW(massKg: number, airspeedMps: number, liftToDrag: number, efficiency: number): number {
  return (massKg * GRAVITY_MPS2 * airspeedMps) / (efficiency * liftToDrag);
}

/** Extra power to climb at vzMps, W: the rate of potential-energy gain m g v_z over the efficiency. */
export function climbExtraPowerW(massKg: number, climbRateMps: number, efficiency: number): number {
  return (massKg * GRAVITY_MPS2 * climbRateMps) / efficiency;
}

/** Work to lift massKg by heightM, Wh, at the given efficiency (the climb term of a vertical leg). */
export function climbWorkWh(massKg: number, heightM: number, efficiency: number): number {
  return (massKg * GRAVITY_MPS2 * heightM) / efficiency / 3600;
}
