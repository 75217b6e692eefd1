/** The Export menu's downloads (zip where there are many files) and what it offers without a plan. */
import { renderToStaticMarkup } from 'react-dom/server';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ExportMenu, buildDownload, buildEverything, unavailableReason } from '../../src/ui/ExportMenu';
import { fixtureMission, standardPlan } from './formatsFixture';

const mission = fixtureMission();
const plan = standardPlan(mission);
const trips = plan.drones.reduce((n, d) => n + d.trips.length, 0);

describe('Export menu', () => {
  it('zips the per-trip .plan files, and each one inside is the Plan JSON', () => {
    const d = buildDownload('qgc', { mission, plan }, {});
    if (typeof d === 'string') throw new Error(d);
    expect(d.name).toMatch(/\.zip$/);
    expect(d.mimeType).toBe('application/zip');
    const files = unzipSync(d.data as Uint8Array);
    expect(Object.keys(files)).toHaveLength(trips);
    for (const bytes of Object.values(files)) expect(JSON.parse(strFromU8(bytes)).fileType).toBe('Plan');
  });

  it('downloads a single file as itself', () => {
    const d = buildDownload('geojson', { mission, plan }, {});
    if (typeof d === 'string') throw new Error(d);
    expect(d.name).toMatch(/\.geojson$/);
    expect(JSON.parse(d.data as string).type).toBe('FeatureCollection');
  });

  it('"Everything" has a folder per available format', () => {
    const d = buildEverything({ mission, plan }, {});
    if (typeof d === 'string') throw new Error(d);
    const folders = new Set(Object.keys(unzipSync(d.data as Uint8Array)).map((p) => p.split('/')[0]));
    expect([...folders].sort()).toEqual(['czml', 'geojson', 'kml', 'qgc', 'wpl']);
    const noPlan = buildEverything({ mission }, {});
    if (typeof noPlan === 'string') throw new Error(noPlan);
    expect(Object.keys(unzipSync(noPlan.data as Uint8Array))).toEqual([expect.stringMatching(/^geojson\//)]);
  });

  it('renders every format, disabling those that need a plan when there is none', () => {
    const withPlan = renderToStaticMarkup(<ExportMenu mission={mission} plan={plan} />);
    const without = renderToStaticMarkup(<ExportMenu mission={mission} />);
    for (const f of ['qgc', 'wpl', 'geojson', 'czml', 'kml']) expect(withPlan).toContain(`data-testid="export-${f}"`);
    expect(withPlan).not.toMatch(/disabled/);
    expect(without.match(/disabled=""/g)).toHaveLength(4);
    expect(unavailableReason('geojson', { mission })).toBeUndefined();
    expect(unavailableReason('qgc', { mission })).toMatch(/plan/);
  });
});
