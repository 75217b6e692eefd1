import { describe, expect, it } from 'vitest';
import { describeLeg } from '../../src/scene/FlightPathLine';

describe('FlightPathLine label', () => {
  it('states length, time and energy in readable units', () => {
    expect(describeLeg({ lengthM: 3258.07, durationS: 345.6, energyWh: 88.04 })).toBe('3.26 km · 5 min 46 s · 88.0 Wh');
    expect(describeLeg({ lengthM: 420, durationS: 59.6, energyWh: 2.25 })).toBe('420 m · 1 min 0 s · 2.3 Wh');
  });
});
