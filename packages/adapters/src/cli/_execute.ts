/**
 * The seam between the CLI and the engine: every command runs its experiment through one of
 * these functions. A single run steps on this thread (its progress is per period); every
 * experiment runs its keyed runs on a worker pool (`--workers`, default: the number of cores),
 * with the same numbers for any worker count, and returns the runs with the result so that the
 * output folder gets per-replicate tables too.
 * @internal
 * @module
 */
import {
  createCalibration,
  createReplication,
  createSimulation,
  planCompare,
  planSensitivity,
  planSweep,
  scenarioHash,
  type CalibrateOptions,
  type CalibrationResult,
  type CompareOptions,
  type CompareResult,
  type ExperimentPlan,
  type ReplicateOptions,
  type ReplicateResult,
  type RunResult,
  type RunSpec,
  type Scenario,
  type SensitivityOptions,
  type SensitivityResult,
  type SweepOptions,
  type SweepResult,
} from "@talentflow/core";
import { calibrateParallel } from "../parallel/calibrateParallel";
import { createWorkerPool, type WorkerPool } from "../parallel/createWorkerPool";
import type { ParallelProgress } from "../parallel/parallelOptions";
import { RunsAbortedError, RunsFailedError } from "../parallel/RunsFailedError";
import { runSpecsParallel } from "../parallel/runSpecsParallel";
import type { Progress } from "./_progress";

/** How to execute: workers, progress, cancellation. */
export interface ExecuteOptions {
  /** Worker threads for the runs of an experiment (a single run uses this thread). */
  readonly workers: number;
  /** Called after every run (for one run: every period). */
  readonly onProgress?: (progress: Progress) => void;
  /** Aborted on Ctrl-C: stop after the runs in flight. */
  readonly signal?: AbortSignal;
  /** A module whose `execute(spec)` replaces core's in the workers (tests make runs fail with it). */
  readonly executeModule?: string;
}

/** An experiment's result with the runs it was computed from (for per-replicate tables). */
export interface Executed<Result> {
  readonly result: Result;
  readonly runs?: readonly RunResult[];
}

/** One or more runs failed; the message names each with its run key. The finished runs are kept. */
export class RunFailedError extends Error {
  readonly failures: readonly { readonly run: string; readonly error: string }[];
  readonly completed: readonly RunResult[];
  constructor(
    failures: readonly { readonly run: string; readonly error: string }[],
    completed: readonly RunResult[] = [],
  ) {
    super(`${failures.length} run(s) failed:\n${failures.map((f) => `  - ${f.run}: ${f.error}`).join("\n")}`);
    this.name = "RunFailedError";
    this.failures = failures;
    this.completed = completed;
  }
}

/** The user stopped the command (Ctrl-C) before every run was done. The finished runs are kept. */
export class InterruptedError extends Error {
  readonly completed: readonly RunResult[];
  constructor(done: number, total: number | undefined, completed: readonly RunResult[] = []) {
    super(`interrupted after ${done}${total === undefined ? "" : ` of ${total}`} runs`);
    this.name = "InterruptedError";
    this.completed = completed;
  }
}

/** Agents at the start times periods (burn-in included): the work of one run. */
export function agentPeriods(s: Scenario): number {
  let people = 0;
  for (const r of Object.values(s.regions)) people += r.initialStock;
  return (s.agents ?? Math.round(people)) * (s.years + s.burnInYears) * s.periodsPerYear;
}

/** The pool's progress (one run at a time) as the CLI's (totals so far). */
function progressOf(exec: ExecuteOptions, adaptive: boolean): (p: ParallelProgress) => void {
  let work = 0;
  return (p) => {
    work += p.agentPeriods;
    exec.onProgress?.({ done: p.done, ...(adaptive ? {} : { total: p.total }), unit: "runs", agentPeriods: work });
  };
}

/** The pool's errors as the CLI's: a failed run exits 1 naming its key, Ctrl-C exits 1; finished runs travel along. */
function translate(e: unknown): unknown {
  if (e instanceof RunsAbortedError)
    return new InterruptedError(e.completed.length, e.completed.length + e.notRun.length, e.completed);
  if (e instanceof RunsFailedError)
    return new RunFailedError(
      e.failed.map((f) => ({ run: f.key, error: f.reason })),
      e.completed,
    );
  return e;
}

/** The signal and the execute module, when given, as the pool's options. */
function poolOptions(exec: ExecuteOptions): { signal?: AbortSignal; executeModule?: string } {
  return {
    ...(exec.signal ? { signal: exec.signal } : {}),
    ...(exec.executeModule ? { executeModule: exec.executeModule } : {}),
  };
}

/** Runs `work` on a pool of `exec.workers` threads, closed afterwards. */
async function onPool<T>(exec: ExecuteOptions, work: (pool: WorkerPool) => Promise<T>): Promise<T> {
  const pool = createWorkerPool({ workers: exec.workers });
  try {
    return await work(pool);
  } catch (e) {
    throw translate(e);
  } finally {
    await pool.close();
  }
}

/** A planned experiment on the pool: its result and its runs. */
async function runPlan<Result>(plan: ExperimentPlan<Result>, exec: ExecuteOptions): Promise<Executed<Result>> {
  return onPool(exec, async (pool) => {
    const runs = await runSpecsParallel(plan.specs, {
      pool,
      onProgress: progressOf(exec, false),
      ...poolOptions(exec),
    });
    return { result: plan.aggregate(runs), runs };
  });
}

/** One run on this thread, reporting progress per period. */
export async function executeRun(
  scenario: Scenario,
  run: { readonly seed: number | string; readonly metrics?: readonly string[] },
  exec: ExecuteOptions,
): Promise<RunResult> {
  const sim = createSimulation(scenario, { seed: run.seed, ...(run.metrics ? { metrics: run.metrics } : {}) });
  const periods = (scenario.years + scenario.burnInYears) * scenario.periodsPerYear;
  const perPeriod = agentPeriods(scenario) / periods;
  let done = 0;
  try {
    while (!sim.done) {
      if (exec.signal?.aborted) throw new InterruptedError(0, 1);
      sim.step();
      done++;
      exec.onProgress?.({ done, total: periods, unit: "periods", agentPeriods: perPeriod * done });
      // Let the terminal redraw and Ctrl-C arrive between periods.
      if (done % 4 === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    }
  } catch (e) {
    if (e instanceof InterruptedError) throw e;
    throw new RunFailedError([{ run: `${scenarioHash(scenario)}/r0`, error: (e as Error).message }]);
  }
  return sim.result();
}

/** `replicate`, batch by batch (a stopping rule asks for more), on the pool. */
export async function executeReplicate(
  scenario: Scenario,
  options: ReplicateOptions,
  exec: ExecuteOptions,
): Promise<Executed<ReplicateResult>> {
  const replication = createReplication(scenario, options);
  const adaptive = options.targetHalfWidth !== undefined;
  return onPool(exec, async (pool) => {
    const runs: RunResult[] = [];
    const onProgress = progressOf(exec, adaptive);
    while (!replication.done) {
      const batch: readonly RunSpec[] = replication.ask();
      const outputs = await runSpecsParallel(batch, { pool, onProgress, ...poolOptions(exec) });
      runs.push(...outputs);
      replication.tell(outputs);
    }
    return { result: replication.result(), runs };
  });
}

/** `compare`: every arm's runs, then the paired aggregation. */
export function executeCompare(
  arms: Readonly<Record<string, Scenario>>,
  options: CompareOptions,
  exec: ExecuteOptions,
): Promise<Executed<CompareResult>> {
  return runPlan(planCompare(arms, options), exec);
}

/** `sweep`: every point's runs, then the per-point statistics. */
export function executeSweep(
  scenario: Scenario,
  options: SweepOptions,
  exec: ExecuteOptions,
): Promise<Executed<SweepResult>> {
  return runPlan(planSweep(scenario, options), exec);
}

/** `sensitivity`: the design's runs, then the indices. */
export function executeSensitivity(
  scenario: Scenario,
  options: SensitivityOptions,
  exec: ExecuteOptions,
): Promise<Executed<SensitivityResult>> {
  return runPlan(planSensitivity(scenario, options), exec) as Promise<Executed<SensitivityResult>>;
}

/**
 * `calibrate`, candidate batch by batch on the pool; a failed run makes its candidate's distance infinite, as in core.
 */
export async function executeCalibrate(
  scenario: Scenario,
  options: CalibrateOptions,
  exec: ExecuteOptions,
): Promise<Executed<CalibrationResult>> {
  createCalibration(scenario, options); // refuses bad options before the pool starts
  try {
    const result = await calibrateParallel(scenario, {
      ...options,
      workers: exec.workers,
      onProgress: progressOf(exec, true),
      ...poolOptions(exec),
    });
    return { result };
  } catch (e) {
    throw translate(e);
  }
}
