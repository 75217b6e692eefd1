/** OpenStreetMap tags: heights with their units, the height rules, and what each element is. */
import { describe, expect, it } from 'vitest';
import { buildingHeight, osmRoles, parseLengthM } from '../../src/core/osm';

describe('parseLengthM', () => {
  it.each([
    ['12', 12],
    ['12.5', 12.5],
    ['12 m', 12],
    ['12m', 12],
    ['12 metres', 12],
    ['12,5', 12.5],
    ["40'", 40 * 0.3048],
    ['40 ft', 40 * 0.3048],
    ['40 feet', 40 * 0.3048],
    [`40'6"`, 40 * 0.3048 + 6 * 0.0254],
    ['  7 M ', 7],
  ])('"%s" is %f m', (text, m) => expect(parseLengthM(text)).toBeCloseTo(m, 9));

  it.each(['tall', '10-12', '~20', '3;4', '', 'm', '12 km'])('"%s" is not a length', (text) => expect(parseLengthM(text)).toBeUndefined());
});

describe('buildingHeight', () => {
  const rules = { storeyHeightM: 3, defaultHeightM: 10 };
  it('takes height first, in its unit', () => {
    expect(buildingHeight({ building: 'yes', height: '52 m', 'building:levels': '3' }, rules)).toEqual({ heightM: 52, source: 'height' });
    expect(buildingHeight({ building: 'yes', height: "100'" }, rules).heightM).toBeCloseTo(30.48, 9);
    expect(buildingHeight({ building: 'yes', 'building:height': '33' }, rules)).toEqual({ heightM: 33, source: 'height' });
  });
  it('else building:levels times the storey height', () => {
    expect(buildingHeight({ building: 'yes', 'building:levels': '15' }, rules)).toEqual({ heightM: 45, source: 'levels' });
    expect(buildingHeight({ building: 'yes', 'building:levels': '15' }, { ...rules, storeyHeightM: 3.5 }).heightM).toBe(52.5);
  });
  it('else the default; an unreadable tag is named', () => {
    expect(buildingHeight({ building: 'yes' }, rules)).toEqual({ heightM: 10, source: 'default' });
    expect(buildingHeight({ building: 'yes', height: 'tall', 'building:levels': '20' }, rules)).toEqual({ heightM: 60, source: 'levels', unreadable: 'height=tall' });
    expect(buildingHeight({ building: 'yes', height: '0', 'building:levels': 'many' }, rules)).toEqual({ heightM: 10, source: 'default', unreadable: 'height=0' });
  });
});

describe('osmRoles', () => {
  it('sorts tags into buildings, water, coastline, main roads and zones', () => {
    expect(osmRoles({ building: 'yes' }).building).toBe(true);
    expect(osmRoles({ building: 'no' }).building).toBe(false);
    const waters: Record<string, string>[] = [{ natural: 'water' }, { waterway: 'riverbank' }, { place: 'sea' }, { place: 'ocean' }];
    for (const t of waters) expect(osmRoles(t).water).toBe(true);
    expect(osmRoles({ natural: 'coastline' }).coastline).toBe(true);
    expect(osmRoles({ highway: 'motorway' }).road).toBe('motorway');
    expect(osmRoles({ highway: 'residential' }).road).toBeUndefined();
    expect(osmRoles({ aeroway: 'aerodrome' }).zone).toBe('aerodrome');
    expect(osmRoles({ aeroway: 'helipad' }).zone).toBe('helipad');
    expect(osmRoles({ landuse: 'military' }).zone).toBe('military');
    expect(osmRoles({ military: 'danger_area' }).zone).toBe('military');
    expect(osmRoles({ military: 'no' }).zone).toBeUndefined();
    expect(osmRoles({ amenity: 'prison', building: 'yes' })).toMatchObject({ zone: 'prison', building: true });
  });
});
