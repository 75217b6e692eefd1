/** Physical constants shared by the energy model. */

/** Gravitational acceleration, m/s^2 (the value Dorling et al. 2017 use; standard gravity is 9.80665). */
export const GRAVITY_MPS2 = 9.81;

/** Sea-level air density of the ICAO standard atmosphere (15 degC, 1013.25 hPa), kg/m^3. */
export const ISA_SEA_LEVEL_DENSITY_KGM3 = 1.225;

/** Joules per watt-hour. */
export const J_PER_WH = 3600;
