/**
 * Calibration: fitting a scenario's parameters to observed moments with their standard errors,
 * by the method of simulated moments (Nelder–Mead on a weighted distance, common random numbers
 * across candidates) or by approximate Bayesian computation (ABC-SMC or rejection, a posterior
 * sample). Both run in batches of keyed runs (ask, run, tell), so the result does not depend on
 * the order in which runs finish.
 * @module
 */
import { NonFiniteError, ValidationError, type Issue } from "../errors";
import { runSeed } from "../random/seeds";
import { scenarioHash } from "../scenarioHash";
import { simulate } from "../simulate";
import type { RunResult } from "../simulation";
import type { Scenario } from "../types";
import { assertValidScenario } from "../validate";
import { abcRejection, abcSmc, type AbcResult } from "./math/abc";
import type { AskTell } from "./math/askTell";
import { nelderMead, type NelderMeadResult } from "./math/nelderMead";
import { checkMetricSelector, selectValue, type MetricSelector } from "./metric";
import { getParameter, setParameter } from "./paths";
import type { ProgressOptions } from "./progress";
import { unknownKeyIssues } from "../_knownKeys";

/**
 * A parameter to estimate: its bounds (the search box of MSM, the uniform prior of ABC), given
 * either as `{ lower, upper }` or as `{ prior: { kind: "uniform", lower, upper } }`. `start` is
 * where Nelder–Mead starts (default: the scenario's current value if it lies within the
 * bounds, else the midpoint).
 */
export type CalibrationParameter =
  | { readonly lower: number; readonly upper: number; readonly start?: number }
  | { readonly prior: { readonly kind: "uniform"; readonly lower: number; readonly upper: number }; readonly start?: number };

/**
 * An observed moment and how the model computes it. Give a `selector` (one metric of the rows,
 * reduced to a number per run, then averaged over replications) or a `moment` function of the
 * replicate runs (for moments that need several metrics). `derive` runs this target on a
 * variant of each candidate scenario instead (e.g. the regime before a policy), with the same
 * seeds.
 */
export interface CalibrationTarget {
  /** Name of the moment, e.g. `"h1b_selection_rate"`. */
  readonly name: string;
  /** Observed value. */
  readonly value: number;
  /** Its standard error, > 0: the distance weighs the target by 1 / se². */
  readonly se: number;
  /** One number per run from the rows (`selectValue`), e.g. `{ metric: "brainDrain", citizenship: "CA", aggregate: "mean" }`. */
  readonly selector?: MetricSelector;
  /** The model's moment from the replicate runs of a candidate (in replicate order). */
  readonly moment?: (runs: readonly RunResult[]) => number;
  /** A variant of the candidate scenario that this target is measured on. */
  readonly derive?: (scenario: Scenario) => Scenario;
}

/**
 * Options of {@link calibrate} and {@link createCalibration}. Unknown keys are refused, here and
 * in `parameters`, `targets`, `msm` and `abc`. `onProgress` is called by `calibrate` after each
 * run (its `total` grows with each batch of candidates); when you drive `createCalibration`
 * yourself, report progress from your own loop.
 */
export interface CalibrateOptions extends ProgressOptions {
  /** Parameters to estimate, by dotted path (`behavior.homeBias`, `movingCost.CA<->SV`, ...). */
  readonly parameters: Readonly<Record<string, CalibrationParameter>>;
  /** Moments to fit. */
  readonly targets: readonly CalibrationTarget[];
  /** `"msm"`: method of simulated moments with Nelder–Mead; `"abc"`: approximate Bayesian computation. */
  readonly method: "msm" | "abc";
  /** Replicate runs per candidate, integer >= 1; default 2. */
  readonly replications?: number;
  /** Master seed; replicate r of every candidate runs on runSeed(seed, r) (common random numbers). Default 1. */
  readonly seed?: number | string;
  /**
   * Most candidates to simulate (each costs `replications` runs per scenario variant).
   * MSM default 40 × dimension (Nelder–Mead may overshoot by dimension + 4); ABC default: the
   * sampler's own budget.
   */
  readonly maxEvaluations?: number;
  /** Keep only these metrics in the runs' rows (saves memory); default all. */
  readonly metrics?: readonly string[];
  /** Nelder–Mead settings, in the unit cube of the bounds: initial step (default 0.15), tolerances. */
  readonly msm?: { readonly initialStep?: number; readonly xTol?: number; readonly fTol?: number };
  /**
   * ABC settings: `"smc"` (default; `particles` 40, `generations` 4, `quantile` 0.5) or
   * `"rejection"` (`draws` 200, `acceptFraction` 0.1).
   */
  readonly abc?: {
    readonly algorithm?: "smc" | "rejection";
    readonly particles?: number;
    readonly generations?: number;
    readonly quantile?: number;
    readonly draws?: number;
    readonly acceptFraction?: number;
  };
}

/** One unit of work: a keyed run of a candidate scenario (or of a target's variant of it). */
export interface CalibrationRun {
  /** scenarioHash(scenario) + "/r" + replicate. */
  readonly key: string;
  readonly scenario: Scenario;
  /** Master seed and replicate: pass both to `simulate`. */
  readonly seed: number | string;
  readonly replicate: number;
  /** runSeed(seed, replicate), for the record. */
  readonly runSeed: number;
  /** Metrics to keep, if restricted. */
  readonly metrics?: readonly string[];
}

/** A failed run, told instead of its result: the candidate's distance becomes Infinity. */
export interface CalibrationRunFailure {
  readonly run: string;
  readonly error: string;
}

/** The fit of one target at the estimate. */
export interface TargetFit {
  readonly name: string;
  /** Observed value and its standard error. */
  readonly value: number;
  readonly se: number;
  /** The model's value: mean over replications. */
  readonly model: number;
  /** Standard deviation of the model's value across replications (NaN with one replication or a pooled moment). */
  readonly modelSd: number;
  /** (model − value) / se. */
  readonly distance: number;
}

/** The result of {@link calibrate}. */
export interface CalibrationResult {
  readonly method: "msm" | "abc";
  /** The point estimate: the minimiser for MSM, the posterior mean for ABC. */
  readonly estimate: Record<string, number>;
  /** ABC only: the posterior sample, its weights, and the sampler's diagnostics. */
  readonly posterior?: {
    readonly particles: Record<string, number>[];
    readonly weights: number[];
    readonly sd: Record<string, number>;
    readonly tolerances: number[];
    readonly ess: number;
  };
  /** Target by target, at the estimate. */
  readonly fit: TargetFit[];
  /** Σ ((model − value) / se)² at the estimate. */
  readonly objective: number;
  /** Candidates simulated (distinct parameter points). */
  readonly evaluations: number;
  /** Simulation runs made. */
  readonly runs: number;
  /** MSM only: whether Nelder–Mead met its tolerances (else it stopped at maxEvaluations). */
  readonly converged?: boolean;
  /** Every candidate evaluated, in order: parameters and objective. */
  readonly history: Array<{ parameters: Record<string, number>; objective: number }>;
}

/**
 * A calibration in ask/tell form: `ask()` lists the runs of the next batch, `tell(results)` takes
 * their results (any order; matched by run key). Use it to run the batches in parallel.
 */
export interface Calibration {
  ask(): CalibrationRun[];
  tell(results: ReadonlyArray<RunResult | CalibrationRunFailure>): void;
  readonly done: boolean;
  /**
   * Whether the pending batch belongs to the search (candidates the method proposes) rather than
   * to the final runs of the estimate. Rejection ABC proposes every candidate from the prior alone,
   * so its search runs are known before any result: a cluster can split them into shards.
   */
  readonly searching: boolean;
  result(): CalibrationResult;
}

interface Param {
  path: string;
  lower: number;
  upper: number;
  start: number;
}

interface Evaluated {
  means: number[];
  sds: number[];
  objective: number;
}

interface Candidate {
  theta: number[];
  key: string;
  /** One scenario per arm: arm 0 is the candidate, others are targets' variants. */
  arms: Scenario[];
  runKeys: string[][];
}

const DEFAULT_REPLICATIONS = 2;

const CALIBRATE_OPTION_KEYS: readonly (keyof CalibrateOptions)[] = [
  "parameters",
  "targets",
  "method",
  "replications",
  "seed",
  "maxEvaluations",
  "metrics",
  "msm",
  "abc",
  "onProgress",
];
const TARGET_KEYS: readonly (keyof CalibrationTarget)[] = ["name", "value", "se", "selector", "moment", "derive"];
const MSM_KEYS = ["initialStep", "xTol", "fTol"] as const;
const ABC_KEYS = ["algorithm", "particles", "generations", "quantile", "draws", "acceptFraction"] as const;

function validate(scenario: Scenario, options: CalibrateOptions): { params: Param[]; replications: number; seed: number | string } {
  const issues: Issue[] = [];
  const add = (path: string, message: string) => issues.push({ path, message });
  if (typeof options !== "object" || options === null) throw new ValidationError([{ path: "options", message: "must be an object" }], "calibrate");
  issues.push(...unknownKeyIssues(options, CALIBRATE_OPTION_KEYS));
  issues.push(...unknownKeyIssues(options.msm, MSM_KEYS, "msm."));
  issues.push(...unknownKeyIssues(options.abc, ABC_KEYS, "abc."));
  if (options.onProgress !== undefined && typeof options.onProgress !== "function") add("onProgress", "must be a function (progress) => void");
  if (options.method !== "msm" && options.method !== "abc") add("method", `must be "msm" or "abc", got ${JSON.stringify(options.method)}`);
  const replications = options.replications ?? DEFAULT_REPLICATIONS;
  if (!Number.isInteger(replications) || replications < 1) add("replications", `must be a whole number >= 1, got ${String(replications)}`);
  const seed = options.seed ?? 1;
  if (!(typeof seed === "string" || (typeof seed === "number" && Number.isFinite(seed)))) add("seed", `must be a number or a string, got ${String(seed)}`);
  if (options.maxEvaluations !== undefined && !(Number.isInteger(options.maxEvaluations) && options.maxEvaluations >= 1)) {
    add("maxEvaluations", `must be a whole number >= 1, got ${String(options.maxEvaluations)}`);
  }
  const params: Param[] = [];
  const entries = typeof options.parameters === "object" && options.parameters !== null ? Object.entries(options.parameters) : [];
  if (entries.length === 0) add("parameters", "needs at least one parameter to estimate, e.g. { \"behavior.homeBias\": { lower: 0, upper: 3 } }");
  for (const [path, spec] of entries) {
    const at = `parameters.${path}`;
    let current: number;
    try {
      current = getParameter(scenario, path);
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      add(at, `unknown parameter path: ${e.issues.map((i) => i.message).join("; ")}`);
      continue;
    }
    issues.push(...unknownKeyIssues(spec, spec && "prior" in spec ? ["prior", "start"] : ["lower", "upper", "start"], `${at}.`));
    if (spec && "prior" in spec) issues.push(...unknownKeyIssues(spec.prior, ["kind", "lower", "upper"], `${at}.prior.`));
    const box = spec && "prior" in spec ? spec.prior : spec;
    if (spec && "prior" in spec && spec.prior?.kind !== "uniform") add(`${at}.prior.kind`, `must be "uniform", got ${JSON.stringify(spec.prior?.kind)}`);
    const lower = box?.lower;
    const upper = box?.upper;
    if (typeof lower !== "number" || !Number.isFinite(lower)) add(`${at}.lower`, `must be a finite number, got ${String(lower)}`);
    if (typeof upper !== "number" || !Number.isFinite(upper)) add(`${at}.upper`, `must be a finite number, got ${String(upper)}`);
    if (typeof lower !== "number" || typeof upper !== "number" || !Number.isFinite(lower) || !Number.isFinite(upper)) continue;
    if (!(lower < upper)) {
      add(at, `bounds reversed or empty: lower ${lower} must be below upper ${upper}`);
      continue;
    }
    const start = spec.start ?? (current >= lower && current <= upper ? current : (lower + upper) / 2);
    if (!(start >= lower && start <= upper)) add(`${at}.start`, `${start} is outside the bounds [${lower}, ${upper}]`);
    params.push({ path, lower, upper, start });
  }
  if (!Array.isArray(options.targets) || options.targets.length === 0) add("targets", "needs at least one target moment");
  const names = new Set<string>();
  (Array.isArray(options.targets) ? options.targets : []).forEach((t, k) => {
    const at = `targets[${k}]`;
    if (typeof t !== "object" || t === null) {
      add(at, "must be an object { name, value, se, selector | moment }");
      return;
    }
    issues.push(...unknownKeyIssues(t, TARGET_KEYS, `${at}.`));
    if (typeof t.name !== "string" || t.name.length === 0) add(`${at}.name`, "must be a non-empty string");
    else if (names.has(t.name)) add(`${at}.name`, `duplicate target name "${t.name}"`);
    else names.add(t.name);
    if (typeof t.value !== "number" || !Number.isFinite(t.value)) add(`${at}.value`, `must be a finite number, got ${String(t.value)}`);
    if (typeof t.se !== "number" || !(t.se > 0) || !Number.isFinite(t.se)) add(`${at}.se`, `must be a finite number > 0, got ${String(t.se)}`);
    if ((t.selector === undefined) === (t.moment === undefined)) add(at, "give exactly one of selector (a metric of the rows) or moment (a function of the runs)");
    if (t.selector !== undefined) issues.push(...checkMetricSelector(t.selector, scenario, `${at}.selector`));
    if (t.moment !== undefined && typeof t.moment !== "function") add(`${at}.moment`, "must be a function (runs) => number");
    if (t.derive !== undefined && typeof t.derive !== "function") add(`${at}.derive`, "must be a function (scenario) => scenario");
  });
  if (issues.length > 0) throw new ValidationError(issues, "calibrate");
  return { params, replications, seed };
}

/**
 * Starts a calibration in ask/tell form (see {@link calibrate} for the method): `ask()` returns
 * the keyed runs of the next batch of candidates, `tell()` takes their results in any order.
 * Candidates already simulated are not run again.
 *
 * @example
 * const cal = createCalibration(scenarios.baseline({ agents: 20_000 }), {
 *   method: "msm",
 *   parameters: { "behavior.homeBias": { lower: 0, upper: 3 } },
 *   targets: [{ name: "CA brain drain", value: 0.2, se: 0.02, selector: { metric: "brainDrain", citizenship: "CA" } }],
 * });
 * while (!cal.done) {
 *   const runs = cal.ask();
 *   cal.tell(runs.map((r) => simulate(r.scenario, { seed: r.seed, replicate: r.replicate, runKey: r.key })));
 * }
 * cal.result().estimate // { "behavior.homeBias": ... }
 */
export function createCalibration(scenario: Scenario, options: CalibrateOptions): Calibration {
  const valid = assertValidScenario(scenario);
  const { params, replications, seed } = validate(valid, options);
  const d = params.length;
  const targets = options.targets;
  // Arms: 0 = the candidate; one more per distinct derive function.
  const derives: Array<(s: Scenario) => Scenario> = [];
  const targetArm = targets.map((t) => {
    if (!t.derive) return 0;
    let k = derives.indexOf(t.derive);
    if (k < 0) k = derives.push(t.derive) - 1;
    return k + 1;
  });
  const seeds = Array.from({ length: replications }, (_, r) => runSeed(seed, r));

  const toRecord = (theta: readonly number[]) => Object.fromEntries(params.map((p, i) => [p.path, theta[i]!]));
  const candidateScenario = (theta: readonly number[]): Scenario => {
    let s = valid;
    params.forEach((p, i) => (s = setParameter(s, p.path, theta[i]!)));
    return s;
  };
  // The start must make a valid scenario: errors name the parameter's path.
  assertValidScenario(candidateScenario(params.map((p) => p.start)));

  let optimiser: AskTell<number[], NelderMeadResult> | AskTell<Record<string, number>, AbcResult>;
  let toTheta: (point: unknown) => number[];
  if (options.method === "msm") {
    const ms = options.msm ?? {};
    optimiser = nelderMead(
      params.map((p) => (p.start - p.lower) / (p.upper - p.lower)),
      {
        bounds: { lower: params.map(() => 0), upper: params.map(() => 1) },
        initialStep: ms.initialStep ?? 0.15,
        xTol: ms.xTol ?? 1e-3,
        fTol: ms.fTol ?? 1e-3,
        maxEvaluations: options.maxEvaluations ?? 40 * d,
      },
    );
    toTheta = (u) => (u as number[]).map((v, i) => params[i]!.lower + v * (params[i]!.upper - params[i]!.lower));
  } else {
    const a = options.abc ?? {};
    const bounds = Object.fromEntries(params.map((p) => [p.path, [p.lower, p.upper] as const]));
    const abcSeed = `calibrate:${String(seed)}`;
    optimiser =
      a.algorithm === "rejection"
        ? abcRejection({ bounds, seed: abcSeed, draws: a.draws ?? options.maxEvaluations ?? 200, acceptFraction: a.acceptFraction ?? 0.1 })
        : abcSmc({
            bounds,
            seed: abcSeed,
            particles: a.particles ?? 40,
            generations: a.generations ?? 4,
            quantile: a.quantile ?? 0.5,
            ...(options.maxEvaluations !== undefined ? { maxEvaluations: Math.max(options.maxEvaluations, a.particles ?? 40) } : {}),
          });
    toTheta = (p) => params.map((q) => (p as Record<string, number>)[q.path]!);
  }

  const cache = new Map<string, Evaluated>();
  const history: Array<{ parameters: Record<string, number>; objective: number }> = [];
  let runsMade = 0;
  let phase: "search" | "final" | "done" = "search";
  let batch: Candidate[] = [];
  let outstanding = new Map<string, CalibrationRun>();
  let received = new Map<string, RunResult | CalibrationRunFailure>();
  let finalTheta: number[] = [];
  let finalResult: CalibrationResult | undefined;

  const makeCandidate = (theta: number[]): Candidate => {
    let arms: Scenario[];
    let key: string;
    try {
      const s = candidateScenario(theta);
      arms = [s, ...derives.map((f) => f(s))];
      key = arms.map((x) => scenarioHash(x)).join("+");
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      return { theta, key: `invalid:${theta.join(",")}`, arms: [], runKeys: [] };
    }
    const runKeys = arms.map((x) => {
      const h = scenarioHash(x);
      return seeds.map((_, r) => `${h}/r${r}`);
    });
    return { theta, key, arms, runKeys };
  };

  const evaluate = (c: Candidate): Evaluated => {
    const failed = () => ({ means: targets.map(() => NaN), sds: targets.map(() => NaN), objective: Infinity });
    if (c.arms.length === 0) return failed();
    const runsOf = (arm: number): RunResult[] | undefined => {
      const out: RunResult[] = [];
      for (const k of c.runKeys[arm]!) {
        const r = received.get(k);
        if (!r || !("rows" in r)) return undefined;
        out.push(r);
      }
      return out;
    };
    const means: number[] = [];
    const sds: number[] = [];
    let objective = 0;
    for (let k = 0; k < targets.length; k++) {
      const t = targets[k]!;
      const runs = runsOf(targetArm[k]!);
      if (!runs) return failed();
      const perRun = runs.map((run) => {
        if (!t.selector) return t.moment!([run]);
        try {
          return selectValue(run.rows, t.selector);
        } catch (e) {
          if (e instanceof ValidationError) return NaN; // no row: this candidate cannot be scored
          throw e;
        }
      });
      const mean = t.selector ? perRun.reduce((a, b) => a + b, 0) / perRun.length : t.moment!(runs);
      const m = perRun.reduce((a, b) => a + b, 0) / perRun.length;
      const sd = perRun.length > 1 ? Math.sqrt(perRun.reduce((a, b) => a + (b - m) ** 2, 0) / (perRun.length - 1)) : NaN;
      means.push(mean);
      sds.push(sd);
      const z = (mean - t.value) / t.se;
      objective += Number.isFinite(z) ? z * z : Infinity;
    }
    return { means, sds, objective };
  };

  const startBatch = (thetas: number[][]) => {
    batch = thetas.map(makeCandidate);
    outstanding = new Map();
    received = new Map();
    for (const c of batch) {
      if (cache.has(c.key)) continue;
      c.arms.forEach((s, arm) =>
        seeds.forEach((rs, r) => {
          const key = c.runKeys[arm]![r]!;
          if (!outstanding.has(key)) {
            outstanding.set(key, { key, scenario: s, seed, replicate: r, runSeed: rs, ...(options.metrics ? { metrics: options.metrics } : {}) });
          }
        }),
      );
    }
  };

  const estimateTheta = (): number[] => {
    if (options.method === "msm") return toTheta((optimiser as AskTell<number[], NelderMeadResult>).result().x);
    return toTheta((optimiser as AskTell<Record<string, number>, AbcResult>).result().mean);
  };

  /** Completes batches whose runs are all in (or cached), and asks the optimiser for more. */
  const advance = () => {
    for (;;) {
      if (phase === "done") return;
      if (batch.length === 0) {
        if (phase === "search" && optimiser.done) {
          phase = "final";
          finalTheta = estimateTheta();
          startBatch([finalTheta]);
        } else if (phase === "search") {
          startBatch((optimiser.ask() as unknown[]).map(toTheta));
        }
      }
      if ([...outstanding.keys()].some((k) => !received.has(k))) return;
      const values = batch.map((c) => {
        let ev = cache.get(c.key);
        if (!ev) {
          ev = evaluate(c);
          cache.set(c.key, ev);
          history.push({ parameters: toRecord(c.theta), objective: ev.objective });
        }
        return ev.objective;
      });
      runsMade += outstanding.size;
      if (phase === "search") {
        optimiser.tell(options.method === "abc" ? values.map((v) => (Number.isFinite(v) ? Math.sqrt(v) : Infinity)) : values);
        batch = [];
      } else {
        finalResult = finish(cache.get(batch[0]!.key)!);
        phase = "done";
        batch = [];
        outstanding = new Map();
        received = new Map();
        return;
      }
    }
  };

  const finish = (ev: Evaluated): CalibrationResult => {
    const fit: TargetFit[] = targets.map((t, k) => ({
      name: t.name,
      value: t.value,
      se: t.se,
      model: ev.means[k]!,
      modelSd: ev.sds[k]!,
      distance: (ev.means[k]! - t.value) / t.se,
    }));
    const base = { method: options.method, estimate: toRecord(finalTheta), fit, objective: ev.objective, evaluations: cache.size, runs: runsMade, history };
    if (options.method === "msm") {
      const r = (optimiser as AskTell<number[], NelderMeadResult>).result();
      return { ...base, converged: r.converged };
    }
    const r = (optimiser as AskTell<Record<string, number>, AbcResult>).result();
    return { ...base, posterior: { particles: r.particles, weights: r.weights, sd: r.sd, tolerances: r.tolerances, ess: r.ess } };
  };

  advance();
  return {
    get done() {
      return phase === "done";
    },
    get searching() {
      return phase === "search";
    },
    ask() {
      return [...outstanding.values()].filter((r) => !received.has(r.key));
    },
    tell(results) {
      for (const r of results) {
        const key = "rows" in r ? r.run : r.run;
        if (!outstanding.has(key)) {
          throw new ValidationError([{ path: "results", message: `run "${key}" is not part of the pending batch` }], "calibration.tell");
        }
        received.set(key, r);
      }
      advance();
    },
    result() {
      if (!finalResult) throw new ValidationError([{ path: "", message: "the calibration has not finished: ask() and tell() until done" }], "calibration.result");
      return finalResult;
    },
  };
}

/**
 * Fits parameters of a scenario to observed moments with their standard errors.
 *
 * - `method: "msm"`, the method of simulated moments: minimises Σ ((model − value) / se)² (a
 *   diagonal weight matrix) with Nelder–Mead on the unit cube of the bounds. Every candidate
 *   runs the same replicate seeds, runSeed(seed, r) for r < replications (common random
 *   numbers), so the objective is a smooth function of the parameters rather than noise.
 * - `method: "abc"`, approximate Bayesian computation: ABC-SMC (default) or rejection ABC with
 *   uniform priors on the bounds and the distance √(Σ ((model − value) / se)²); returns the
 *   posterior sample and its mean as the estimate.
 *
 * A target's model value is the mean over replications of its selector's value per run
 * (`selectValue`: the metric at the horizon unless the selector says `period` or `aggregate`), or its
 * `moment` function of the runs. The fit is evaluated at the estimate (for ABC, one more
 * candidate: the posterior mean). Runs are keyed `scenarioHash(candidate) + "/r" + replicate`;
 * candidates already simulated are not run again. Deterministic for a seed. To spread the runs
 * over workers, use {@link createCalibration}.
 *
 * @throws ValidationError naming the argument: an unknown parameter path, reversed bounds, an
 *   unknown metric, region or citizenship in a selector, a standard error ≤ 0, zero
 *   replications.
 * @example
 * const fit = calibrate(scenarios.baseline({ agents: 20_000, years: 3 }), {
 *   method: "msm",
 *   parameters: { "behavior.homeBias": { lower: 0, upper: 3 }, "regions.CA.amenity": { lower: -1, upper: 0.5 } },
 *   targets: [
 *     { name: "CA citizens under 30 abroad", value: 0.25, se: 0.05, selector: { metric: "brainDrainYoung", citizenship: "CA", aggregate: "mean" } },
 *     { name: "CA 5-year exit", value: 0.21, se: 0.03, selector: { metric: "cohortExit5y", region: "CA", aggregate: "mean" } },
 *   ],
 *   replications: 2,
 *   maxEvaluations: 30,
 * });
 * fit.estimate // { "behavior.homeBias": ..., "regions.CA.amenity": ... }
 * fit.fit      // [{ name, value, se, model, modelSd, distance }, ...]
 */
export function calibrate(scenario: Scenario, options: CalibrateOptions): CalibrationResult {
  const cal = createCalibration(scenario, options);
  let done = 0;
  while (!cal.done) {
    const runs = cal.ask();
    const total = done + runs.length;
    cal.tell(
      runs.map((r): RunResult | CalibrationRunFailure => {
        let out: RunResult | CalibrationRunFailure;
        try {
          out = simulate(r.scenario, { seed: r.seed, replicate: r.replicate, runKey: r.key, ...(r.metrics ? { metrics: r.metrics } : {}) });
        } catch (e) {
          if (!(e instanceof NonFiniteError || e instanceof ValidationError)) throw e;
          out = { run: r.key, error: e.message };
        }
        done++;
        options.onProgress?.({ done, total, runKey: r.key, ...("agentPeriods" in out ? { agentPeriods: out.agentPeriods } : {}) });
        return out;
      }),
    );
  }
  return cal.result();
}
