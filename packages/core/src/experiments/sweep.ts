/**
 * Parameter sweeps: a design of points (full grid, Latin hypercube, Sobol' sequence), each run
 * with the same replicate seeds, reported as tidy rows with the varied values as columns.
 * @module
 */
import type { TidyRow } from "../observe/rows";
import { scenarioHash } from "../scenario/scenarioHash";
import type { Scenario } from "../scenario/types";
import {
  Issues,
  checkConfidence,
  checkKnownKeys,
  checkProgress,
  checkMetrics,
  checkPath,
  checkRange,
  checkScenario,
  checkSeed,
  seriesOfRun,
  statistics,
  type SeriesKey,
  type SeriesStatistic,
} from "./_runs";
import { fullGrid, latinHypercube, sobolSequence } from "./math/designs";
import { showValue } from "../_issues";
import { setParameters } from "./paths";
import { outputsByKey, runPlan, runSpec, type ExperimentPlan, type RunSpec } from "./runSpec";
import type { ProgressOptions } from "./progress";

/**
 * One axis of a sweep: explicit values, or a range. A full grid needs `steps` on a range (evenly
 * spaced values from min to max); a Latin hypercube or Sobol' design samples the range, and picks
 * among explicit values with equal weight.
 */
export type SweepAxis = readonly number[] | { readonly min: number; readonly max: number; readonly steps?: number };

/** The designs of {@link sweep}. */
export type SweepDesign = "grid" | "latinHypercube" | "sobol";

/** Options of {@link sweep} and {@link planSweep}. Unknown keys are refused. */
export interface SweepOptions extends ProgressOptions {
  /** Parameter paths (see `setParameter`) and their values or ranges. */
  readonly vary: Readonly<Record<string, SweepAxis>>;
  /** Default "grid". */
  readonly design?: SweepDesign;
  /** Number of points of a Latin hypercube or Sobol' design. */
  readonly samples?: number;
  /** Replications per point (>= 1). */
  readonly replications: number;
  readonly seed: number | string;
  /** Independent streams per point instead of common random numbers (default false). */
  readonly independent?: boolean;
  /** Metrics to record (default: all). */
  readonly metrics?: readonly string[];
  /** Confidence level of the per-point intervals (default 0.95). */
  readonly confidence?: number;
}

const SWEEP_OPTION_KEYS: readonly (keyof SweepOptions)[] = [
  "vary",
  "design",
  "samples",
  "replications",
  "seed",
  "independent",
  "metrics",
  "confidence",
  "onProgress",
];

/** One point of a sweep. */
export interface SweepPoint {
  readonly index: number;
  /** The varied values, by path. */
  readonly values: Readonly<Record<string, number>>;
  /** Hash of the point's scenario: the first part of its run keys. */
  readonly hash: string;
}

/** Per-point statistics of a series, with the point's index and varied values as columns. */
export type SweepStatistic = SeriesStatistic & { readonly point: number } & Readonly<Record<string, number | string>>;

/** The result of {@link sweep}. */
export interface SweepResult {
  readonly design: SweepDesign;
  readonly parameters: readonly string[];
  readonly points: readonly SweepPoint[];
  /**
   * Every row of every run, in point and replicate order; each carries its run key, seed,
   * replicate and one column per varied parameter.
   */
  readonly rows: readonly TidyRow[];
  /** Mean and t interval per point and series (with 2 or more replications). */
  readonly statistics: readonly SweepStatistic[];
  /** Number of distinct runs. */
  readonly runs: number;
}

function linspace(min: number, max: number, steps: number): number[] {
  return Array.from({ length: steps }, (_, k) => (k === steps - 1 ? max : min + ((max - min) * k) / (steps - 1)));
}

/** The design's points as values by path (validated). */
function designPoints(scenario: Scenario, o: SweepOptions, issues: Issues): Record<string, number>[] {
  const design = o.design ?? "grid";
  if (!["grid", "latinHypercube", "sobol"].includes(design))
    issues.add("options.design", `must be "grid", "latinHypercube" or "sobol", got ${showValue(design)}`);
  const vary = o.vary;
  if (vary === null || typeof vary !== "object" || Object.keys(vary).length === 0) {
    issues.add("options.vary", `must map at least one parameter path to values or a range, got ${showValue(vary)}`);
    issues.throwIfAny();
  }
  const paths = Object.keys(vary);
  for (const path of paths) {
    const where = `options.vary.${path}`;
    checkPath(issues, where, scenario, path);
    const axis = vary[path] as unknown;
    if (Array.isArray(axis)) {
      if (axis.length === 0) issues.add(where, "is empty: give at least one value");
      else issues.finiteArray(where, axis);
      if (new Set(axis).size !== axis.length) issues.add(where, "repeats a value");
    } else {
      checkKnownKeys(issues, axis, ["min", "max", "steps"], `${where}.`);
      if (checkRange(issues, where, axis)) {
        const steps = (axis as { steps?: unknown }).steps;
        if (steps !== undefined) issues.integer(`${where}.steps`, steps, 2, 1_000_000);
        else if (design === "grid") issues.add(where, "a range in a full grid needs `steps` (or give explicit values)");
      }
    }
  }
  if (design !== "grid") issues.integer("options.samples", o.samples, 1, 10_000_000);
  issues.throwIfAny();

  if (design === "grid") {
    const axes: Record<string, number[]> = {};
    for (const path of paths) {
      const axis = vary[path];
      axes[path] = Array.isArray(axis)
        ? [...axis]
        : linspace((axis as { min: number }).min, (axis as { max: number }).max, (axis as { steps: number }).steps);
    }
    return fullGrid(axes);
  }
  const unit =
    design === "sobol"
      ? sobolSequence(paths.length, o.samples!)
      : latinHypercube(paths.length, o.samples!, `sweep:${String(o.seed)}`);
  return unit.map((u) => {
    const point: Record<string, number> = {};
    paths.forEach((path, d) => {
      const axis = vary[path];
      if (Array.isArray(axis)) point[path] = axis[Math.min(axis.length - 1, Math.floor(u[d] * axis.length))];
      else {
        const { min, max } = axis as { min: number; max: number };
        point[path] = min + u[d] * (max - min);
      }
    });
    return point;
  });
}

/**
 * Plans a sweep (see {@link sweep}): one spec per point and replicate, and the pure aggregation.
 *
 * @example
 * const plan = planSweep(base, { vary: { "behavior.beta": [0.5, 1, 2] }, replications: 2, seed: 1 });
 * plan.specs.map((s) => s.key) // => 6 keys "<hash of the point>/r0", "<hash>/r1", ...
 */
export function planSweep(scenario: Scenario, options: SweepOptions): ExperimentPlan<SweepResult> {
  const issues = new Issues("sweep");
  if (!checkScenario(issues, "scenario", scenario)) issues.throwIfAny();
  const o = (options ?? {}) as SweepOptions;
  checkKnownKeys(issues, o, SWEEP_OPTION_KEYS);
  checkProgress(issues, "options.onProgress", o.onProgress);
  issues.integer("options.replications", o.replications, 1, 1_000_000);
  checkSeed(issues, "options.seed", o.seed);
  checkMetrics(issues, "options.metrics", o.metrics);
  const confidence = checkConfidence(issues, "options.confidence", o.confidence);
  const values = designPoints(scenario, o, issues);
  const metrics = o.metrics ? [...o.metrics] : undefined;
  const points: SweepPoint[] = [];
  const specs: RunSpec[] = [];
  const specsByPoint: RunSpec[][] = [];
  values.forEach((point, index) => {
    const s = setParameters(scenario, point);
    const hash = scenarioHash(s);
    points.push({ index, values: point, hash });
    const mine: RunSpec[] = [];
    for (let r = 0; r < o.replications; r++) {
      const seeding = o.independent ? { seed: o.seed, stream: hash } : { seed: o.seed };
      mine.push(runSpec(s, r, seeding, { hash, point, ...(metrics ? { metrics } : {}) }));
    }
    specsByPoint.push(mine);
    specs.push(...mine);
  });
  const design = o.design ?? "grid";
  const parameters = Object.keys(o.vary);

  return {
    specs,
    ...(o.onProgress ? { onProgress: o.onProgress } : {}),
    aggregate(outputs) {
      const byKey = outputsByKey(specs, outputs);
      const rows: TidyRow[] = [];
      const stats: SweepStatistic[] = [];
      for (const p of points) {
        const keys = new Map<string, SeriesKey>();
        const perRun: Map<string, number>[] = [];
        for (const spec of specsByPoint[p.index]) {
          const out = byKey.get(spec.key)!;
          for (const row of out.rows) rows.push({ ...row, ...p.values });
          if (o.replications >= 2) perRun.push(seriesOfRun(out.rows, keys));
        }
        for (const [id, key] of keys) {
          const xs: number[] = [];
          for (const run of perRun) {
            const v = run.get(id);
            if (v !== undefined) xs.push(v);
          }
          const s = statistics(xs, confidence);
          if (s) stats.push({ ...key, ...s, point: p.index, ...p.values });
        }
      }
      return { design, parameters, points, rows, statistics: stats, runs: new Set(specs.map((s) => s.key)).size };
    },
  };
}

/**
 * Runs a scenario at every point of a design over some of its parameters. `vary` maps parameter
 * paths to explicit values (`[0.5, 1, 2]`) or ranges (`{ min, max }`, with `steps` for a grid).
 * Designs: `"grid"` (every combination; the first parameter varies slowest), `"latinHypercube"`
 * (`samples` points, each parameter's range cut into `samples` strata each hit once) and
 * `"sobol"` (`samples` points of the Sobol' low-discrepancy sequence, which fills the box evenly
 * and is best for a power of two).
 *
 * Every point runs the same replicate seeds (common random numbers), so differences between
 * points are the parameters' effect, not noise between seeds; `independent: true` gives each
 * point its own streams. Rows carry the run key, seed, replicate and one column per varied
 * parameter. Run keys are `<hash of the point's scenario>/r<replicate>`: adding a value to an
 * axis changes neither the keys nor the rows of the points that were already in the sweep.
 *
 * @throws ValidationError naming the argument: an unknown parameter path, an empty axis, bounds
 *   reversed, a range without steps in a grid, zero replications, a design without `samples`.
 * @example
 * const s = sweep(scenarios.baseline({ agents: 5000, years: 2 }), {
 *   vary: { "behavior.beta": [0.5, 1, 2] }, replications: 3, seed: 1, metrics: ["stock"],
 * });
 * s.rows[0] // => { run: "<hash>/r0", seed, replicate: 0, metric: "stock", ..., "behavior.beta": 0.5 }
 */
export function sweep(scenario: Scenario, options: SweepOptions): SweepResult {
  return runPlan(planSweep(scenario, options));
}
