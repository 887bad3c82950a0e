/**
 * The unit of work of every experiment: one run with a key. An experiment is planned as a list
 * of {@link RunSpec}s, each spec is run on its own (here, on a worker thread or a cluster shard:
 * the result does not depend on where or when), and a pure aggregation step turns the outputs,
 * matched by key, into the experiment's result.
 * @module
 */
import { Issues } from "../_issues";
import { independentRunSeed, runSeed } from "../random/seeds";
import type { TidyRow } from "../observe/rows";
import { scenarioHash } from "../scenario/scenarioHash";
import { simulate } from "../simulate";
import type { Scenario } from "../scenario/types";
import type { ProgressCallback } from "./progress";

/** One run to do: everything a worker needs, as plain data. */
export interface RunSpec {
  /**
   * Run key: `<scenario hash>/r<replicate>` (common random numbers) or `<hash>/s:<stream>/r<replicate>` (independent
   * streams).
   */
  readonly key: string;
  /** The scenario of this run (a sweep point or an arm), complete. */
  readonly scenario: Scenario;
  /** The run seed, passed as `runSeed` to {@link simulate}. */
  readonly seed: number;
  readonly replicate: number;
  /** Varied parameters of a sweep or design point, by path. */
  readonly point?: Readonly<Record<string, number>>;
  /** Metrics to record (all when absent). */
  readonly metrics?: readonly string[];
}

/** What aggregation needs of a run: its key and rows (a RunResult has both). */
export interface RunOutput {
  readonly run: string;
  readonly rows: readonly TidyRow[];
  /** The run's work, for progress reports (a RunResult has it). */
  readonly agentPeriods?: number;
}

/** How an experiment's runs are seeded: common random numbers (default) or one stream per arm or point. */
export interface SeedingOptions {
  /** Master seed. */
  readonly seed: number | string;
  /** Independent streams instead of common random numbers (default false). */
  readonly independent?: boolean;
}

/**
 * The spec of one run. With common random numbers (the default) the seed is
 * `runSeed(masterSeed, replicate)` and the key `<scenario hash>/r<replicate>`: the same shocks
 * for every arm and point, and a key that depends only on the run's content, so adding points to
 * a sweep leaves the keys of the others alone. With `stream` (independent streams) the seed is
 * `independentRunSeed(masterSeed, replicate, stream)` and the stream enters the key.
 *
 * @example
 * const spec = runSpec(scenarios.baseline({ agents: 5000 }), 3, { seed: 1 });
 * spec.key  // => "<16 hex digits>/r3"
 * spec.seed // => runSeed(1, 3)
 */
export function runSpec(
  scenario: Scenario,
  replicate: number,
  seeding: { readonly seed: number | string; readonly stream?: string },
  extra: {
    readonly point?: Readonly<Record<string, number>>;
    readonly metrics?: readonly string[];
    readonly hash?: string;
  } = {},
): RunSpec {
  const hash = extra.hash ?? scenarioHash(scenario);
  const independent = seeding.stream !== undefined;
  return {
    key: independent ? `${hash}/s:${seeding.stream}/r${replicate}` : `${hash}/r${replicate}`,
    scenario,
    seed: independent ? independentRunSeed(seeding.seed, replicate, seeding.stream) : runSeed(seeding.seed, replicate),
    replicate,
    ...(extra.point ? { point: extra.point } : {}),
    ...(extra.metrics ? { metrics: extra.metrics } : {}),
  };
}

/**
 * Runs one spec synchronously with {@link simulate}: the seed, replicate and key of the spec, and
 * only its metrics. The same spec gives the same rows in any process.
 *
 * @example
 * const out = executeRunSpec(runSpec(scenarios.baseline({ agents: 5000, years: 2 }), 0, { seed: 1 }));
 * out.run // => the spec's key; out.rows carry it, its seed and its replicate
 */
export function executeRunSpec(spec: RunSpec) {
  return simulate(spec.scenario, {
    runSeed: spec.seed,
    replicate: spec.replicate,
    runKey: spec.key,
    ...(spec.metrics ? { metrics: spec.metrics } : {}),
  });
}

/**
 * The specs with distinct keys, in their first order: two arms or points with the same content
 * and seed are one run.
 *
 * @example
 * uniqueSpecs([a, a, b]).length // => 2
 */
export function uniqueSpecs(specs: readonly RunSpec[]): RunSpec[] {
  const seen = new Set<string>();
  return specs.filter((s) => {
    if (seen.has(s.key)) return false;
    seen.add(s.key);
    return true;
  });
}

/**
 * Runs the distinct specs one after the other with `execute` (default {@link executeRunSpec})
 * and returns their outputs in spec order. A worker pool does the same in parallel; aggregation
 * matches outputs by key, so the order they come back in does not matter.
 *
 * `onProgress` is called after each run; `progressBase` shifts its counts, for experiments that
 * run in several batches (`done` and `total` then count from the first batch).
 *
 * @example
 * const outputs = runSpecs(plan.specs, executeRunSpec, (p) => console.error(`${p.done}/${p.total}`));
 * const result = plan.aggregate(outputs);
 */
export function runSpecs(
  specs: readonly RunSpec[],
  execute: (spec: RunSpec) => RunOutput = executeRunSpec,
  onProgress?: ProgressCallback,
  progressBase = 0,
): RunOutput[] {
  const unique = uniqueSpecs(specs);
  const total = progressBase + unique.length;
  return unique.map((spec, k) => {
    const output = execute(spec);
    onProgress?.({
      done: progressBase + k + 1,
      total,
      runKey: output.run,
      ...(output.agentPeriods !== undefined ? { agentPeriods: output.agentPeriods } : {}),
    });
    return output;
  });
}

/**
 * Outputs by key, checking that every spec has one: the first step of every aggregation.
 * @throws ValidationError naming the missing keys.
 */
export function outputsByKey(specs: readonly RunSpec[], outputs: readonly RunOutput[]): Map<string, RunOutput> {
  const byKey = new Map<string, RunOutput>();
  for (const o of outputs) byKey.set(o.run, o);
  const missing = [...new Set(specs.map((s) => s.key).filter((k) => !byKey.has(k)))];
  if (missing.length > 0) {
    throw Issues.single(
      "outputs",
      `${missing.length} run(s) missing: ${missing.slice(0, 5).join(", ")}${missing.length > 5 ? ", …" : ""}`,
      "cannot aggregate",
    );
  }
  return byKey;
}

/**
 * A planned experiment: the runs to do and the pure step that turns their outputs (in any order)
 * into the result. `run()` of every experiment is `plan.aggregate(runSpecs(plan.specs))`.
 */
export interface ExperimentPlan<Result> {
  readonly specs: readonly RunSpec[];
  aggregate(outputs: readonly RunOutput[]): Result;
  /** The `onProgress` of the options the plan was made with: whoever runs the specs calls it after each run. */
  readonly onProgress?: ProgressCallback;
}

/**
 * Runs a plan synchronously: every distinct spec, then the aggregation.
 *
 * @example
 * runPlan(planReplicate(scenarios.baseline({ agents: 5000, years: 2 }), { replications: 5, seed: 1 }))
 */
export function runPlan<Result>(plan: ExperimentPlan<Result>, execute?: (spec: RunSpec) => RunOutput): Result {
  return plan.aggregate(runSpecs(plan.specs, execute, plan.onProgress));
}
