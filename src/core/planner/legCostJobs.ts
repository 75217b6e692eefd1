/**
 * The leg-cost stage split into independent jobs, so that it can spread over several threads (worker
 * threads in the CLI) and still give exactly the arc bounds planMission computes in one thread.
 *
 * A job is one drone model at one cruise layer: the level-flight costs of every stored pair at that
 * layer (arcs.ts layerCostsOf, a path search per source). It is computed from the mission alone: a
 * worker rebuilds the planner context from the mission (buildContext: the airspace, the nodes, the
 * candidate pairs of a sparse day are all functions of the mission) and runs the same layerCostsOf as
 * planMission does. The path searches behind it test every graph edge they use, so what the worker's
 * airspace cached before (other jobs, other missions) does not change the costs. mergeLegCosts then
 * feeds the layers to the same arc bounds (arcs.ts modelArcsFromLayers) as the in-thread computation.
 *
 * Why not smaller jobs (blocks of source rows)? A block still connects each of its targets to the
 * visibility graph, and those connections (a grid scan per point) are most of a layer's work: on the
 * busy day, 4 blocks of rows (even blocks of nearby sources) cost 1.5-2 times the whole layer, which
 * eats the gain on 2 cores. Models x layers (4 on the bundled missions) is the unit that costs nothing
 * extra; the jobs do not depend on the number of threads, so neither does the plan.
 */
import type { Mission } from '../mission/schema';
import { type LayerCosts, type LegCostMode, MAX_LAYERS, type ModelArcs, type PairLayout, arcLayers, layerCostsOf, modelArcsFromLayers, modelFlies, pairLayout } from './arcs';
import { type PlannerContext, buildContext } from './context';
import { PLAN_STAGE_SHARE } from './planMission';

export interface LegCostJob {
  modelId: string;
  /** Index into the arc layers (arcs.ts arcLayers: the mission's cruise layers). */
  layer: number;
  /** That layer's altitude, m (for progress messages). */
  altM: number;
}

/** Every job of a mission's leg costs, models in mission order then layers bottom-up in mission order. */
export function legCostJobs(ctx: PlannerContext): LegCostJob[] {
  const jobs: LegCostJob[] = [];
  const layers = arcLayers(ctx);
  for (const info of ctx.models) {
    if (!modelFlies(ctx, info)) continue; // no layer costs: the arc bounds say why (windProblem)
    layers.forEach((altM, layer) => jobs.push({ modelId: info.model.id, layer, altM }));
  }
  return jobs;
}

/**
 * The leg-cost work of one mission, where jobs run (a worker keeps one per mission it is sent): the
 * context rebuilt from the mission, and each model's pair layout built once.
 */
export class LegCostWorkspace {
  readonly ctx: PlannerContext;
  readonly mode: LegCostMode;
  /** legCostJobs(ctx): the same list wherever the mission is rebuilt. */
  readonly jobs: LegCostJob[];
  private readonly layouts = new Map<string, PairLayout>();

  constructor(mission: Mission, mode: LegCostMode = 'auto') {
    this.ctx = buildContext(mission);
    this.mode = mode;
    this.jobs = legCostJobs(this.ctx);
  }

  /**
   * Claims jobs from a shared claim counter (legCostClaim) and computes them until none is left: how a
   * worker takes its share while other threads claim from the same counter.
   */
  runClaimed(claim: Int32Array): { job: number; costs: LayerCosts }[] {
    const out: { job: number; costs: LayerCosts }[] = [];
    for (let k = claimJob(claim); k < this.jobs.length; k = claimJob(claim)) {
      out.push({ job: k, costs: this.run(this.jobs[k]) });
      jobDone(claim);
    }
    return out;
  }

  run(job: LegCostJob): LayerCosts {
    const info = this.ctx.models.find((m) => m.model.id === job.modelId);
    if (!info) throw new Error(`leg-cost job for drone model "${job.modelId}", which the mission does not fly`);
    let layout = this.layouts.get(job.modelId);
    if (!layout) this.layouts.set(job.modelId, (layout = pairLayout(this.ctx, info, this.mode)));
    return layerCostsOf(this.ctx, info, layout, job.layer);
  }
}

/**
 * A claim counter shared by the threads computing one run's jobs (on a SharedArrayBuffer, so that a free
 * thread takes the next job without asking anyone): [next job, jobs done, number of jobs (0 until the
 * thread that lists them stores it)]. Which thread computes which job varies; the results do not.
 */
export function legCostClaim(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(3 * Int32Array.BYTES_PER_ELEMENT));
}

const CLAIM_NEXT = 0;
const CLAIM_DONE = 1;
const CLAIM_TOTAL = 2;

/** Claims the next job: its index (past the last job when none is left). */
export function claimJob(claim: Int32Array): number {
  return Atomics.add(claim, CLAIM_NEXT, 1);
}

/** Jobs done so far, by every thread. */
export function jobsDone(claim: Int32Array): number {
  return Atomics.load(claim, CLAIM_DONE);
}

/** Records a job done by the calling thread outside runClaimed. */
export function jobDone(claim: Int32Array): void {
  Atomics.add(claim, CLAIM_DONE, 1);
}

/** The leg-cost stage's progress line, the same in the CLI and the app: "3D leg costs: 4/12 layers on 2 threads, 3 s". */
export function legCostProgressText(done: number, jobs: number, threads: number, seconds: number): string {
  return `3D leg costs: ${done}/${jobs} layers on ${threads > 1 ? `${threads} threads` : '1 thread'}, ${seconds.toFixed(0)} s`;
}

/** Stores the number of jobs (the listing thread, once it knows it). */
export function setJobCount(claim: Int32Array, jobs: number): void {
  Atomics.store(claim, CLAIM_TOTAL, jobs);
}

/** Whether every job is known to be taken already (then a thread just starting need not build anything). */
export function allJobsClaimed(claim: Int32Array): boolean {
  const total = Atomics.load(claim, CLAIM_TOTAL);
  return total > 0 && Atomics.load(claim, CLAIM_NEXT) >= total;
}

/**
 * The arc bounds of every model from the results of legCostJobs(ctx) (results[k] for jobs[k]), exactly
 * what computeModelArcs gives each model in this thread. Throws when a job's result is missing.
 */
export function mergeLegCosts(ctx: PlannerContext, mode: LegCostMode, jobs: readonly LegCostJob[], results: readonly (LayerCosts | undefined)[]): Map<string, ModelArcs> {
  const byKey = new Map<string, LayerCosts>();
  jobs.forEach((job, k) => {
    const r = results[k];
    if (r === undefined) throw new Error(`leg-cost job ${k} (${job.modelId}, layer ${job.layer}) has no result`);
    byKey.set(`${job.modelId}\u0000${job.layer}`, r);
  });
  const arcsByModel = new Map<string, ModelArcs>();
  for (const info of ctx.models) {
    arcsByModel.set(
      info.model.id,
      modelArcsFromLayers(ctx, info, mode, (layer) => {
        const r = byKey.get(`${info.model.id}\u0000${layer}`);
        if (!r) throw new Error(`no leg-cost result for ${info.model.id}, layer ${layer}`);
        return r;
      }),
    );
  }
  return arcsByModel;
}

/**
 * A rough size of a mission's leg-cost work, read off the mission without building anything: node-layers
 * (depots + orders, x drone models flown x cruise layers: each node is connected to the visibility graph
 * and, when something hides its targets, searched from, at every layer of every model), weighted by the
 * obstacles (zones and buildings) that make those connections and searches dearer. Measured: the two-hour
 * mission 1,836 (about 1-2 s of leg costs), the busy day 13,738 (2-4 s), the two-hour mission with 1,100
 * more buildings 39,400 (35-40 s). What the CLI weighs against the cost of starting worker threads.
 */
export function legCostWork(mission: Mission): number {
  const nodeLayers = (mission.depots.length + mission.orders.length) * maxLegCostJobs(mission);
  return nodeLayers * (1 + (mission.noFlyZones.length + mission.buildings.length) / 20);
}

/**
 * The number of leg-cost jobs, read off the mission without building anything: drone models flown x
 * cruise layers (arc layers). An upper bound of legCostJobs(ctx).length (a model the wind grounds has
 * none), so that threads can be started before the context is built.
 */
export function maxLegCostJobs(mission: Mission): number {
  const models = new Set(mission.depots.flatMap((d) => d.fleet.filter((f) => f.count > 0).map((f) => f.modelId)));
  return models.size * Math.min(MAX_LAYERS, mission.settings.cruiseAltitudesM.length);
}

/**
 * From this much leg-cost work (legCostWork) on, the leg costs go through the jobs (worker threads in
 * the CLI, Web Workers in the app); below it, planMission computes them as before. Measured on 2 shared
 * cores: a worker starts in 0.3-0.7 s and rebuilds the mission's context in 0.4-1.1 s (busy day), about
 * what the two-hour mission's leg costs take in all (1,836: stays below); the busy day (13,738) spends
 * 2-4 s on them, a large or built-up day far more.
 */
export const MIN_THREADED_WORK = 5_000;

/** The leg-cost stage's share of the progress bar: planMission's own for its paths stage. */
export const LEG_COST_SHARE = PLAN_STAGE_SHARE.paths;
