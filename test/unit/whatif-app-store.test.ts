/**
 * The What-if tab's logic without a browser: the variant form turned into overrides (parsed,
 * validated by overridesSchema and against the mission, each reason on its field with the
 * override's path), the study options, and the store running a study on a pool of fake workers:
 * the report is the one runStudy makes in this thread for the same scenarios, progress only moves
 * forward, invalid variants never reach a worker, and Cancel stops the workers.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Mission, parseMission } from '../../src/core/mission';
import { applyOverrides, inProcessExecutor, overridesSchema, realPlanFn, runStudy } from '../../src/core/whatif';
import { useMissionStore } from '../../src/state/missionStore';
import { DEFAULT_STUDY_FORM, emptyVariant, modelChoices, studyOptions, variantOverrides } from '../../src/state/whatifForm';
import { BASELINE_ID, buildScenarios, setStudyExecutorFactory, useWhatIfStore } from '../../src/state/whatifStore';
import { type TaskRunner, createStudyExecutor } from '../../src/workers/studyExecutor';
import { studyWorkerApi } from '../../src/workers/studyWorker';
import { busyTutorial, loadMission, tutorial } from './whatifFixture';

const shenzhen = () => loadMission('missions/shenzhen-two-hour.json');

/** The tutorial with a second depot that has no drones (a candidate site). */
function withCandidate(): Mission {
  const m = tutorial();
  const d = m.depots[0];
  const raw = JSON.parse(JSON.stringify(m));
  raw.depots.push({ ...JSON.parse(JSON.stringify(d)), id: 'site-2', name: 'Candidate', position: [d.position[0] + 0.01, d.position[1]], fleet: [] });
  const r = parseMission(raw);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.mission;
}

const variant = (patch: Partial<ReturnType<typeof emptyVariant>> = {}) => ({ ...emptyVariant('v', 'Variant'), ...patch });

describe('variant form -> overrides', () => {
  it('an untouched variant has no overrides and no errors', () => {
    expect(variantOverrides(variant(), tutorial())).toEqual({ overrides: {}, errors: {} });
  });

  it('parses every field into overrides the schema and applyOverrides accept', () => {
    const m = tutorial();
    const { overrides, errors } = variantOverrides(
      variant({ dronesPerDepot: ' 3 ', droneModel: 'p2-class', windSpeedMps: '9.5', windFromDeg: '90', gustMps: '4', promiseWindowMin: '45', orderScale: '2' }),
      m,
    );
    expect(errors).toEqual({});
    expect(overrides).toEqual({ dronesPerDepot: 3, droneModel: 'p2-class', wind: { speedMps: 9.5, fromDeg: 90, gustMps: 4 }, promiseWindowMin: 45, orderScale: 2 });
    expect(overridesSchema.safeParse(overrides).success).toBe(true);
    const applied = applyOverrides(m, overrides);
    expect(applied.ok).toBe(true);
    if (applied.ok) expect(applied.mission.wind).toEqual({ speedMps: 9.5, fromDeg: 90, gustMps: 4 });
  });

  it('puts each reason on its field, naming the override path', () => {
    const { errors } = variantOverrides(
      variant({ name: ' ', dronesPerDepot: '2.5', windSpeedMps: '70', windFromDeg: 'east', promiseWindowMin: '0', orderScale: '-1', droneModel: 'hovercraft' }),
      tutorial(),
    );
    expect(errors.name).toMatch(/must not be empty/);
    expect(errors.dronesPerDepot).toMatch(/^overrides\.dronesPerDepot: .*whole number/);
    expect(errors.windSpeedMps).toMatch(/^overrides\.wind\.speedMps: must be at most 60/);
    expect(errors.windFromDeg).toMatch(/"east" is not a number/);
    expect(errors.promiseWindowMin).toMatch(/^overrides\.promiseWindowMin: must be > 0/);
    expect(errors.orderScale).toMatch(/^overrides\.orderScale: must be > 0/);
    expect(errors.droneModel).toMatch(/unknown drone model "hovercraft"/);
    expect(errors.gustMps).toBeUndefined();
  });

  it('depot checklist: unchecked staffed depots go off, checked candidate sites go on, none at all is refused', () => {
    const sz = shenzhen();
    const ids = sz.depots.map((d) => d.id);
    const off = variantOverrides(variant({ depotsChecked: ids.slice(2) }), sz);
    expect(off.errors).toEqual({});
    expect(off.overrides.depotsOff).toEqual(ids.slice(0, 2));
    expect(off.overrides.depotsOn).toBeUndefined();

    const m = withCandidate();
    const on = variantOverrides(variant({ depotsChecked: ['depot-1', 'site-2'] }), m);
    expect(on.overrides).toEqual({ depotsOn: ['site-2'] });
    const applied = applyOverrides(m, on.overrides);
    expect(applied.ok && applied.mission.depots.find((d) => d.id === 'site-2')!.fleet.length).toBeGreaterThan(0);

    expect(variantOverrides(variant({ depotsChecked: [] }), m).errors.depots).toMatch(/at least one depot/);
    expect(variantOverrides(variant({ depotsChecked: ['site-2'] }), m).errors).toEqual({}); // swap the only store for the site
    expect(variantOverrides(variant({ depotsChecked: ['gone'] }), m).errors.depots).toMatch(/unknown depot "gone"|at least one/);
  });

  it('offers the mission models first, then the presets it lacks', () => {
    const choices = modelChoices(tutorial()).map((c) => c.id);
    expect(choices[0]).toBe('m2-class');
    expect(new Set(choices).size).toBe(choices.length);
    expect(choices).toContain('p2-class');
  });
});

describe('study options', () => {
  it('defaults: 3 runs, a 3 s planner limit, seed 1, no fleet sizing', () => {
    expect(studyOptions(DEFAULT_STUDY_FORM)).toEqual({ options: { runs: 3, baseSeed: 1, timeLimitS: 3 }, errors: {} });
  });

  it('iterations instead of time, fleet sizing as a share, and refusals with reasons', () => {
    const r = studyOptions({ ...DEFAULT_STUDY_FORM, budget: 'iterations', iterations: '300', sizeFleet: true, targetPercent: '90', sweepMax: '6' });
    expect(r.options).toEqual({ runs: 3, baseSeed: 1, iterations: 300, target: 0.9, sweepMax: 6 });
    const bad = studyOptions({ ...DEFAULT_STUDY_FORM, runs: '0', timeLimitS: 'soon', sizeFleet: true, targetPercent: '120' });
    expect(bad.options).toBeNull();
    expect(bad.errors.runs).toMatch(/whole number in 1\.\./);
    expect(bad.errors.timeLimitS).toMatch(/not a number/);
    expect(bad.errors.targetPercent).toMatch(/percentage/);
  });
});

/** Fake workers: the real worker code in this thread, after a short varying delay. */
function fakeSpawner() {
  const runners: { terminated: boolean }[] = [];
  let n = 0;
  const spawn = (): TaskRunner => {
    const state = { terminated: false };
    runners.push(state);
    return {
      async run(task) {
        await new Promise((r) => setTimeout(r, ((n++ * 31) % 7) + 1));
        if (state.terminated) return new Promise(() => {}); // a terminated worker never answers
        return structuredClone(await studyWorkerApi.run(structuredClone(task)));
      },
      terminate() {
        state.terminated = true;
      },
    };
  };
  return { spawn, runners };
}

describe('what-if store with fake workers', () => {
  let spawner: ReturnType<typeof fakeSpawner>;
  let executors = 0;
  beforeEach(() => {
    spawner = fakeSpawner();
    executors = 0;
    setStudyExecutorFactory((o) => {
      executors++;
      return createStudyExecutor({ ...o, size: 2, spawn: spawner.spawn });
    });
    useMissionStore.getState().setMission(tutorial());
    useWhatIfStore.setState({ variants: [], report: null, reportMission: null, failure: null, cancelled: false, job: null, reportOpen: false });
    useWhatIfStore.getState().setStudy({ ...DEFAULT_STUDY_FORM, runs: '2', budget: 'iterations', iterations: '150', seed: '4' });
  });
  afterEach(() => useWhatIfStore.getState().cancel());

  it('runs the baseline and a variant; the report equals runStudy in this thread on the same scenarios', async () => {
    const store = useWhatIfStore.getState();
    const key = store.addVariant({ name: 'one more drone', dronesPerDepot: '3' });
    const fractions: number[] = [];
    const unsubscribe = useWhatIfStore.subscribe((s) => s.job && fractions.push(s.job.fraction));
    await useWhatIfStore.getState().run();
    unsubscribe();

    const s = useWhatIfStore.getState();
    expect(s.failure).toBeNull();
    expect(s.job).toBeNull();
    expect(s.reportOpen).toBe(true);
    const mission = useMissionStore.getState().mission;
    expect(s.reportMission).toBe(mission);
    const report = s.report!;
    expect(report.scenarios.map((x) => [x.id, x.name])).toEqual([
      [BASELINE_ID, mission.name],
      [key, 'one more drone'],
    ]);
    expect(report.scenarios[1].summary.drones).toBe(3);
    expect(report.scenarios[0].summary.drones).toBe(2);

    const { scenarios } = buildScenarios(mission, s.variants);
    const expected = await runStudy(scenarios, inProcessExecutor(realPlanFn), { runs: 2, baseSeed: 4, iterations: 150, title: report.title });
    expect(JSON.stringify(report)).toBe(JSON.stringify(expected));

    expect(fractions.length).toBeGreaterThan(2);
    for (let i = 1; i < fractions.length; i++) expect(fractions[i]).toBeGreaterThanOrEqual(fractions[i - 1] - 1e-9);
    expect(fractions.at(-1)).toBeCloseTo(1, 9);
    expect(spawner.runners.every((r) => r.terminated)).toBe(true); // workers stopped after the study
  });

  it('refuses invalid variants with their name and reason, before any worker starts', async () => {
    useWhatIfStore.getState().addVariant({ name: 'gale', windSpeedMps: '80' });
    useWhatIfStore.getState().addVariant({ name: 'gale', orderScale: '2' });
    await useWhatIfStore.getState().run();
    const s = useWhatIfStore.getState();
    expect(executors).toBe(0);
    expect(s.report).toBeNull();
    expect(s.failure!.map((p) => `${p.path}: ${p.message}`)).toEqual([
      'gale: overrides.wind.speedMps: must be at most 60 m/s',
      'gale: name: "gale" is used by another scenario',
    ]);
  });

  it('cancel stops the workers, keeps the previous report and says so', async () => {
    useWhatIfStore.getState().addVariant({ name: 'x3', dronesPerDepot: '3' });
    await useWhatIfStore.getState().run();
    const previous = useWhatIfStore.getState().report;
    expect(previous).not.toBeNull();

    useWhatIfStore.getState().setStudy({ runs: '5' });
    const running = useWhatIfStore.getState().run();
    expect(useWhatIfStore.getState().job).not.toBeNull();
    await new Promise((r) => setTimeout(r, 3));
    useWhatIfStore.getState().cancel();
    await running;
    const s = useWhatIfStore.getState();
    expect(s.job).toBeNull();
    expect(s.cancelled).toBe(true);
    expect(s.failure).toBeNull();
    expect(s.report).toBe(previous);
    expect(spawner.runners.every((r) => r.terminated)).toBe(true);
  });

  it('with fleet sizing on, each scenario gets the smallest drones per depot meeting the target', async () => {
    useMissionStore.getState().setMission(busyTutorial(2));
    useWhatIfStore.getState().addVariant({ name: 'calm', windSpeedMps: '0', gustMps: '0' });
    useWhatIfStore.getState().setStudy({ sizeFleet: true, targetPercent: '90', sweepMax: '4' });
    await useWhatIfStore.getState().run();
    const report = useWhatIfStore.getState().report!;
    expect(report.settings.target).toBeCloseTo(0.9, 12);
    for (const sc of report.scenarios) {
      const f = sc.fleetSizing!;
      expect(f.max).toBe(4);
      // The answer meets the target and the size below it (if evaluated) does not.
      if (f.dronesPerDepot !== null) {
        expect(f.points.find((p) => p.dronesPerDepot === f.dronesPerDepot)!.onTimeRate).toBeGreaterThanOrEqual(0.9 - 1e-12);
        const below = f.points.find((p) => p.dronesPerDepot === f.dronesPerDepot! - 1);
        if (below) expect(below.meets).toBe(false);
      } else expect(f.points.every((p) => !p.meets)).toBe(true);
    }
  });

  it('marks the report stale when the mission is edited afterwards', async () => {
    await useWhatIfStore.getState().run(); // the baseline alone
    const s = useWhatIfStore.getState();
    expect(s.report!.scenarios).toHaveLength(1);
    const m = useMissionStore.getState().mission;
    useMissionStore.getState().applyEdit({ ...m, wind: { ...m.wind, speedMps: m.wind.speedMps + 1 } });
    expect(useWhatIfStore.getState().reportMission).not.toBe(useMissionStore.getState().mission);
  });
});
