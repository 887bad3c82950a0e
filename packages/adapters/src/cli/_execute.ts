/**
 * The seam between the CLI and the engine: every command runs its experiment through one of
 * these functions. Today they run one run after another on this thread, through core's plan
 * and ask/tell APIs (so that progress is reported after every run); a worker pool replaces the
 * bodies with its parallel versions, keeping the signatures.
 * @internal
 * @module
 */
import {
  createCalibration,
  createReplication,
  createSimulation,
  executeRunSpec,
  NonFiniteError,
  planCompare,
  planSensitivity,
  planSweep,
  scenarioHash,
  simulate,
  uniqueSpecs,
  ValidationError,
  type CalibrateOptions,
  type CalibrationResult,
  type CalibrationRunFailure,
  type CompareOptions,
  type CompareResult,
  type ReplicateOptions,
  type ReplicateResult,
  type RunOutput,
  type RunResult,
  type RunSpec,
  type Scenario,
  type SensitivityOptions,
  type SensitivityResult,
  type SweepOptions,
  type SweepResult,
} from "@talentflow/core";
import type { Progress } from "./_progress";

/** How to execute: workers, progress, cancellation. */
export interface ExecuteOptions {
  /** Worker threads to use (the sequential build uses this thread alone and ignores it). */
  readonly workers: number;
  /** Called after every run (for one run: every reported period). */
  readonly onProgress?: (progress: Progress) => void;
  /** Aborted on Ctrl-C: stop after the runs in flight. */
  readonly signal?: AbortSignal;
}

/** One or more runs failed; the message names each with its run key. */
export class RunFailedError extends Error {
  readonly failures: readonly { readonly run: string; readonly error: string }[];
  constructor(failures: readonly { readonly run: string; readonly error: string }[]) {
    super(`${failures.length} run(s) failed:\n${failures.map((f) => `  - ${f.run}: ${f.error}`).join("\n")}`);
    this.name = "RunFailedError";
    this.failures = failures;
  }
}

/** The user stopped the command (Ctrl-C) before every run was done. */
export class InterruptedError extends Error {
  constructor(done: number, total: number | undefined) {
    super(`interrupted after ${done}${total === undefined ? "" : ` of ${total}`} runs`);
    this.name = "InterruptedError";
  }
}

/** Agents at the start times periods (burn-in included): the work of one run. */
export function agentPeriods(s: Scenario): number {
  let people = 0;
  for (const r of Object.values(s.regions)) people += r.initialStock;
  return (s.agents ?? Math.round(people)) * (s.years + s.burnInYears) * s.periodsPerYear;
}

/** Lets the terminal redraw and Ctrl-C arrive between runs. */
const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Runs specs one by one with progress; a throwing run is a RunFailedError naming its key. */
async function runAll(specs: readonly RunSpec[], exec: ExecuteOptions, counter: Counter): Promise<RunOutput[]> {
  const outputs: RunOutput[] = [];
  for (const spec of uniqueSpecs(specs)) {
    if (exec.signal?.aborted) throw new InterruptedError(counter.done, counter.total);
    try {
      outputs.push(executeRunSpec(spec));
    } catch (e) {
      throw new RunFailedError([{ run: spec.key, error: (e as Error).message }]);
    }
    counter.add(spec.scenario, exec);
    await breathe();
  }
  return outputs;
}

class Counter {
  done = 0;
  work = 0;
  constructor(public total: number | undefined) {}
  add(s: Scenario, exec: ExecuteOptions): void {
    this.done++;
    this.work += agentPeriods(s);
    exec.onProgress?.({ done: this.done, ...(this.total === undefined ? {} : { total: this.total }), unit: "runs", agentPeriods: this.work });
  }
}

/** One run, reporting progress per period. */
export async function executeRun(scenario: Scenario, run: { readonly seed: number | string; readonly metrics?: readonly string[] }, exec: ExecuteOptions): Promise<RunResult> {
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
      if (done % 4 === 0) await breathe();
    }
  } catch (e) {
    if (e instanceof InterruptedError) throw e;
    throw new RunFailedError([{ run: `${scenarioHash(scenario)}/r0`, error: (e as Error).message }]);
  }
  return sim.result();
}

/** `replicate`, batch by batch. */
export async function executeReplicate(scenario: Scenario, options: ReplicateOptions, exec: ExecuteOptions): Promise<ReplicateResult> {
  const rep = createReplication(scenario, options);
  const counter = new Counter(options.targetHalfWidth === undefined ? options.replications : undefined);
  while (!rep.done) rep.tell(await runAll(rep.ask(), exec, counter));
  return rep.result();
}

/** `compare`: every arm's runs, then the paired aggregation. */
export async function executeCompare(arms: Readonly<Record<string, Scenario>>, options: CompareOptions, exec: ExecuteOptions): Promise<CompareResult> {
  const plan = planCompare(arms, options);
  const specs = uniqueSpecs(plan.specs);
  return plan.aggregate(await runAll(specs, exec, new Counter(specs.length)));
}

/** `sweep`: every point's runs, then the per-point statistics. */
export async function executeSweep(scenario: Scenario, options: SweepOptions, exec: ExecuteOptions): Promise<SweepResult> {
  const plan = planSweep(scenario, options);
  const specs = uniqueSpecs(plan.specs);
  return plan.aggregate(await runAll(specs, exec, new Counter(specs.length)));
}

/** `sensitivity`: the design's runs, then the indices. */
export async function executeSensitivity(scenario: Scenario, options: SensitivityOptions, exec: ExecuteOptions): Promise<SensitivityResult> {
  const plan = planSensitivity(scenario, options);
  const specs = uniqueSpecs(plan.specs);
  return plan.aggregate(await runAll(specs, exec, new Counter(specs.length)));
}

/** `calibrate`, candidate batch by batch; a failed run makes its candidate's distance infinite, as in core. */
export async function executeCalibrate(scenario: Scenario, options: CalibrateOptions, exec: ExecuteOptions): Promise<CalibrationResult> {
  const cal = createCalibration(scenario, options);
  const counter = new Counter(undefined);
  while (!cal.done) {
    const results: (RunResult | CalibrationRunFailure)[] = [];
    for (const r of cal.ask()) {
      if (exec.signal?.aborted) throw new InterruptedError(counter.done, undefined);
      try {
        results.push(simulate(r.scenario, { seed: r.seed, replicate: r.replicate, runKey: r.key, ...(r.metrics ? { metrics: r.metrics } : {}) }));
      } catch (e) {
        if (!(e instanceof NonFiniteError || e instanceof ValidationError)) throw new RunFailedError([{ run: r.key, error: (e as Error).message }]);
        results.push({ run: r.key, error: e.message });
      }
      counter.add(r.scenario, exec);
      await breathe();
    }
    cal.tell(results);
  }
  return cal.result();
}
