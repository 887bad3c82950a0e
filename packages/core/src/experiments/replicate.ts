/**
 * Replications: the same scenario under many seeds, summarised per series with Student t
 * intervals, optionally until every interval is narrow enough.
 * @module
 */
import { scenarioHash } from "../scenario/scenarioHash";
import type { Scenario } from "../scenario/types";
import {
  Issues,
  checkConfidence,
  checkKnownKeys,
  checkProgress,
  checkMetrics,
  checkScenario,
  checkSeed,
  seriesOfRun,
  statistics,
  type SeriesKey,
  type SeriesStatistic,
} from "./_runs";
import { outputsByKey, runSpec, runSpecs, type RunOutput, type RunSpec } from "./runSpec";
import type { ProgressOptions } from "./progress";
import { METRICS } from "../observe/rows";
import { showValue } from "../_issues";

export type { SeriesKey, SeriesStatistic };

/**
 * Options of {@link replicate} and {@link createReplication}. Unknown keys are refused.
 * `onProgress` is called by `replicate` after each run; when you drive `createReplication`
 * yourself, report progress from your own loop.
 */
export interface ReplicateOptions extends ProgressOptions {
  /** Number of replications (>= 2); with `targetHalfWidth`, the first batch. */
  readonly replications: number;
  /** Master seed: run r has seed `runSeed(seed, r)`. */
  readonly seed: number | string;
  /** Metrics to summarise (default: all). */
  readonly metrics?: readonly string[];
  /**
   * Keep adding replications until every interval's half-width is at most this (one number for
   * every series, or one per metric; metrics not listed have no target), or `maxReplications`.
   */
  readonly targetHalfWidth?: number | Readonly<Record<string, number>>;
  /** Cap on replications with `targetHalfWidth` (default 10 × replications). */
  readonly maxReplications?: number;
  /** Replications added per batch with `targetHalfWidth` (default `replications`). */
  readonly batchSize?: number;
  /** Confidence level of the intervals (default 0.95). */
  readonly confidence?: number;
}

/** Why an adaptive replication stopped. */
export interface StoppingReport {
  /** "target": every requested interval is narrow enough; "maxReplications": the cap came first. */
  readonly reason: "target" | "maxReplications";
  readonly replications: number;
  readonly batches: number;
  /** The series with the largest half-width relative to its target at the stop. */
  readonly widest: SeriesStatistic & { readonly target: number };
}

/** The result of {@link replicate}. */
export interface ReplicateResult {
  readonly scenario: string;
  /** Scenario hash: the first part of every run key. */
  readonly hash: string;
  readonly seed: number | string;
  readonly replications: number;
  readonly confidence: number;
  /** The runs, in replicate order. */
  readonly runs: readonly { readonly key: string; readonly seed: number; readonly replicate: number }[];
  /**
   * Mean, standard deviation and t interval of every series (metric, region, origin,
   * destination, citizenship, period) reported by at least two runs, in the rows' order.
   */
  readonly statistics: readonly SeriesStatistic[];
  /** Present with `targetHalfWidth`: which stopping condition held. */
  readonly stopping?: StoppingReport;
}

/**
 * An adaptive replication as ask/tell: `ask()` gives the next batch of run specs, `tell()` takes
 * their outputs (in any order: they are matched by key). The batches, the stopping decision and
 * the result depend only on the outputs, never on the order runs finish, so each batch can run in
 * parallel.
 */
export interface Replication {
  ask(): RunSpec[];
  tell(outputs: readonly RunOutput[]): void;
  readonly done: boolean;
  result(): ReplicateResult;
}

const REPLICATE_OPTION_KEYS: readonly (keyof ReplicateOptions)[] = [
  "replications",
  "seed",
  "metrics",
  "targetHalfWidth",
  "maxReplications",
  "batchSize",
  "confidence",
  "onProgress",
];

function checkOptions(
  scenario: unknown,
  options: ReplicateOptions,
): { confidence: number; max: number; batch: number } {
  const issues = new Issues("replicate");
  checkScenario(issues, "scenario", scenario);
  const o = (options ?? {}) as ReplicateOptions;
  checkKnownKeys(issues, o, REPLICATE_OPTION_KEYS);
  checkProgress(issues, "options.onProgress", o.onProgress);
  issues.integer("options.replications", o.replications, 2, 1_000_000);
  checkSeed(issues, "options.seed", o.seed);
  checkMetrics(issues, "options.metrics", o.metrics);
  const confidence = checkConfidence(issues, "options.confidence", o.confidence);
  const t = o.targetHalfWidth;
  if (t !== undefined) {
    if (typeof t === "number") {
      if (!(t > 0 && Number.isFinite(t)))
        issues.add("options.targetHalfWidth", `must be a positive number, got ${showValue(t)}`);
    } else if (t !== null && typeof t === "object") {
      if (Object.keys(t).length === 0) issues.add("options.targetHalfWidth", "names no metric");
      for (const [m, v] of Object.entries(t)) {
        if (!Object.hasOwn(METRICS, m))
          issues.add(`options.targetHalfWidth.${m}`, `unknown metric ${JSON.stringify(m)}`);
        else if (o.metrics && !o.metrics.includes(m))
          issues.add(`options.targetHalfWidth.${m}`, "is not among options.metrics");
        if (!(typeof v === "number" && v > 0 && Number.isFinite(v)))
          issues.add(`options.targetHalfWidth.${m}`, `must be a positive number, got ${showValue(v)}`);
      }
    } else {
      issues.add("options.targetHalfWidth", `must be a positive number or { metric: number }, got ${showValue(t)}`);
    }
  }
  const reps = Number.isInteger(o.replications) ? o.replications : 2;
  const max = o.maxReplications ?? reps * 10;
  const batch = o.batchSize ?? reps;
  if (
    o.maxReplications !== undefined &&
    issues.integer("options.maxReplications", o.maxReplications, 2, 1_000_000) &&
    o.maxReplications < reps
  ) {
    issues.add("options.maxReplications", `must be at least options.replications (${reps}), got ${o.maxReplications}`);
  }
  if (o.batchSize !== undefined) issues.integer("options.batchSize", o.batchSize, 1, 1_000_000);
  issues.throwIfAny();
  return { confidence, max, batch };
}

/**
 * Starts an adaptive replication (see {@link Replication}); {@link replicate} drives it to the end.
 *
 * @example
 * const rep = createReplication(scenario, { replications: 5, seed: 1, metrics: ["stock"], targetHalfWidth: 200 });
 * while (!rep.done) rep.tell(rep.ask().map(executeRunSpec)); // or run each batch on a worker pool
 * rep.result().stopping?.reason // => "target" or "maxReplications"
 */
export function createReplication(scenario: Scenario, options: ReplicateOptions): Replication {
  const { confidence, max, batch } = checkOptions(scenario, options);
  const hash = scenarioHash(scenario);
  const metrics = options.metrics ? [...options.metrics] : undefined;
  const keep = metrics ? new Set(metrics) : undefined;
  const keys = new Map<string, SeriesKey>();
  const perRun: Map<string, number>[] = [];
  const specs: RunSpec[] = [];
  let pending: RunSpec[] = [];
  let done = false;
  let batches = 0;
  let stopping: StoppingReport | undefined;

  const plan = (from: number, to: number) => {
    pending = [];
    for (let r = from; r < to; r++)
      pending.push(runSpec(scenario, r, { seed: options.seed }, { hash, ...(metrics ? { metrics } : {}) }));
  };
  plan(0, options.replications);

  const summarise = (): SeriesStatistic[] => summariseRuns(keys, perRun, confidence);

  const result = (): ReplicateResult => ({
    scenario: scenario.name,
    hash,
    seed: options.seed,
    replications: perRun.length,
    confidence,
    runs: specs.map((s) => ({ key: s.key, seed: s.seed, replicate: s.replicate })),
    statistics: summarise(),
    ...(stopping ? { stopping } : {}),
  });

  return {
    get done() {
      return done;
    },
    ask: () => (done ? [] : pending.slice()),
    tell(outputs) {
      const byKey = outputsByKey(pending, outputs);
      for (const spec of pending) {
        perRun.push(seriesOfRun(byKey.get(spec.key)!.rows, keys, keep));
        specs.push(spec);
      }
      batches++;
      if (options.targetHalfWidth === undefined) {
        done = true;
        return;
      }
      const { met, widest } = againstTargets(summarise(), options.targetHalfWidth);
      const n = perRun.length;
      if (met || n >= max) {
        done = true;
        stopping = {
          reason: met ? "target" : "maxReplications",
          replications: n,
          batches,
          widest: widest ?? noWidest(n),
        };
        return;
      }
      plan(n, Math.min(n + batch, max));
    },
    result,
  };
}

/** Every series' statistic over the runs so far, in the order the series were first seen. */
function summariseRuns(
  keys: ReadonlyMap<string, SeriesKey>,
  perRun: readonly Map<string, number>[],
  confidence: number,
): SeriesStatistic[] {
  const out: SeriesStatistic[] = [];
  for (const [id, key] of keys) {
    const values: number[] = [];
    for (const run of perRun) {
      const v = run.get(id);
      if (v !== undefined) values.push(v);
    }
    const s = statistics(values, confidence);
    if (s) out.push({ ...key, ...s });
  }
  return out;
}

/**
 * Whether every series with a target half-width meets it, and the series farthest from its
 * target (the largest half-width over target), if any has a target.
 */
function againstTargets(
  statistics: readonly SeriesStatistic[],
  targetHalfWidth: ReplicateOptions["targetHalfWidth"],
): { met: boolean; widest: (SeriesStatistic & { target: number }) | undefined } {
  let widest: (SeriesStatistic & { target: number }) | undefined;
  let met = true;
  for (const s of statistics) {
    const target = typeof targetHalfWidth === "number" ? targetHalfWidth : targetHalfWidth?.[s.metric];
    if (target === undefined) continue;
    if (s.halfWidth > target) met = false;
    if (!widest || s.halfWidth / target > widest.halfWidth / widest.target) widest = { ...s, target };
  }
  return { met, widest };
}

/** The stopping report's `widest` when no series has a target: every field empty, `n` the runs. */
function noWidest(n: number): SeriesStatistic & { target: number } {
  return {
    metric: "",
    region: "",
    origin: "",
    destination: "",
    citizenship: "",
    period: 0,
    year: 0,
    n,
    mean: 0,
    sd: 0,
    se: 0,
    ciLow: 0,
    ciHigh: 0,
    halfWidth: 0,
    target: 0,
  };
}

/**
 * Runs a scenario `replications` times, run r seeded by `runSeed(seed, r)` (docs/model.md 4),
 * and reports for every series — each metric, period, region (and pair or citizenship) — the
 * mean over runs, the standard deviation across runs and a 95% Student t confidence interval for
 * the mean. The spread across runs is the model's sampling noise (who considers moving, who
 * wins a lottery); the interval says how precisely the replications pin down the mean.
 *
 * With `targetHalfWidth` it adds batches of `batchSize` replications until every requested
 * interval is at most that wide on each side, or `maxReplications` is reached; `stopping` says
 * which. (Stopping on the data makes the final interval slightly optimistic, as for any
 * sequential rule; a generous cap and a target set in advance keep that small.)
 *
 * @throws ValidationError naming the argument: fewer than 2 replications, an unknown metric, a
 *   non-positive target, a bad seed.
 * @example
 * const rep = replicate(scenarios.baseline({ agents: 5000, years: 2 }), {
 *   replications: 10, seed: 1, metrics: ["stock"],
 * });
 * rep.statistics.find((s) => s.metric === "stock" && s.region === "CA" && s.period === 7)
 * // => { mean, sd, ciLow, ciHigh, halfWidth, n: 10, ... }
 */
export function replicate(scenario: Scenario, options: ReplicateOptions): ReplicateResult {
  const rep = createReplication(scenario, options);
  let done = 0;
  while (!rep.done) {
    const outputs = runSpecs(rep.ask(), undefined, options.onProgress, done);
    done += outputs.length;
    rep.tell(outputs);
  }
  return rep.result();
}
