import { assertKnownKeys } from "./_knownKeys";
import { Issues, showValue } from "./_issues";
import { checkRestoredState, decodeCheckpoint, encodeCheckpoint, type CheckpointContents } from "./engine/_checkpoint";
import type { Issue, ValidationError } from "./errors";
import { compileScenario } from "./kernel/_compile";
import { Engine } from "./engine/_engine";
import type { PeriodRecord } from "./engine/_periodRecord";
import { runSeed } from "./random/seeds";
import { type AgentPanel, agentPanel } from "./observe/agentPanel";
import { type Observer, ObserverFailure, observerList, runObservers } from "./observe/observers";
import { type PeriodView, periodView } from "./observe/periodView";
import { recordRows, type RowContext, type TidyRow } from "./observe/rows";
import { scenarioHash } from "./scenario/scenarioHash";
import type { Scenario } from "./scenario/types";
import { validScenarioAndWarnings } from "./scenario/validate";

/** Options of a run. */
export interface RunOptions {
  /** Master seed (default 1). A run's seed depends on it and the replicate only. */
  seed?: number | string;
  /** Replicate index (default 0). */
  replicate?: number;
  /** Use this run seed as it is instead of deriving it (for independent streams). */
  runSeed?: number;
  /**
   * User metrics by name, run once per reported period after the engine has stepped. One that
   * throws, or returns a value that is not a finite number, stops the simulation: the call that
   * stepped throws its error, and every later `step()`, `run()`, `result()` and `checkpoint()`
   * throws one naming the observer and the period (see {@link Observer}).
   */
  observers?: Record<string, Observer>;
  /** Keep only these metrics in the rows (default: all). */
  metrics?: readonly string[];
  /** Memory limit for the agent arrays, bytes (default 4 GiB). */
  maxBytes?: number;
  /** Run key override (sweeps set it from the parameter point). */
  runKey?: string;
}

/** The keys of {@link RunOptions}: any other key is refused, so that a misspelling is not ignored. @internal */
export const RUN_OPTION_KEYS: readonly (keyof RunOptions)[] = [
  "seed",
  "replicate",
  "runSeed",
  "observers",
  "metrics",
  "maxBytes",
  "runKey",
];

/** What a run reports at its horizon, in people. */
export interface RunSummary {
  scenario: string;
  seed: number;
  startYear: number;
  endYear: number;
  /** Stock per region at the start of the reported run and at the horizon. */
  startStock: Record<string, number>;
  endStock: Record<string, number>;
  /** Net movers over the reported run, `ORIGIN->DESTINATION` minus the reverse (positive keys only). */
  netFlows: Record<string, number>;
  /** Brain drain rate per citizenship at the horizon. */
  brainDrain: Record<string, number>;
  /** Mean share of workers in each region who changed region per year over the run. */
  mobilityRate: Record<string, number>;
  /** Mean welfare (expected utility of the decision's outcome, docs/model.md 3.3.13) over the reported periods. */
  welfare: number;
  /** Mean lottery selection rate over the reported draws, per lottery region. */
  selectionRate: Record<string, number>;
  /** Mean five-year exit share of the arrival cohorts whose windows closed, per country. */
  cohortExit5y: Record<string, number>;
}

/** The result of one run: tidy rows and the summary. */
export interface RunResult {
  /** Run key (scenario hash and replicate). */
  run: string;
  scenario: Scenario;
  seed: number;
  replicate: number;
  rows: TidyRow[];
  summary: RunSummary;
  /** People per agent. */
  scale: number;
  /**
   * What the scenario's validation warns about (valid, but likely not meant), e.g. a policy
   * whose window lies wholly outside the run: `{ path: "policies.6", message: "visaRegime policy
   * starts in 2040, after the run ends in 2036 …: it never acts …" }`. Empty when all is well.
   */
  warnings: Issue[];
  /**
   * The work done: agents active at the start of each period, summed over the periods this
   * simulation stepped (burn-in included; after {@link restoreSimulation}, the periods since the
   * checkpoint). Divided by the run time it gives agent-periods per second.
   */
  agentPeriods: number;
}

/** A simulation that steps period by period. */
export interface Simulation {
  /** The validated scenario. */
  readonly scenario: Scenario;
  /** The scenario's validation warnings (see {@link RunResult.warnings}). */
  readonly warnings: readonly Issue[];
  readonly seed: number;
  readonly replicate: number;
  /** People per agent. */
  readonly scale: number;
  /** Reported period index of the next step (negative during burn-in). */
  readonly period: number;
  /** Has the horizon been reached? */
  readonly done: boolean;
  /** Runs one period (burn-in periods too); returns the period's view, or undefined in burn-in. */
  step(): PeriodView | undefined;
  /** Runs to the horizon and returns the result. */
  run(): RunResult;
  /** Aggregates of the latest reported period. */
  snapshot(): PeriodView | undefined;
  /** A copy of the active agents' state (a panel cross-section); costs memory, not for every period. */
  agents(): AgentPanel;
  /** The state as bytes: {@link restoreSimulation} continues from it identically. */
  checkpoint(): Uint8Array;
  /** Rows and summary of the periods run so far. */
  result(): RunResult;
}

class SimulationImpl implements Simulation {
  readonly scenario: Scenario;
  readonly seed: number;
  readonly replicate: number;
  readonly engine: Engine;
  private readonly observers: ReadonlyArray<readonly [string, Observer]>;
  /** Set when an observer failed: the simulation is stopped (see {@link Observer}). */
  private failure: ObserverFailure | undefined;
  private readonly options: RunOptions;
  private readonly runKey: string;
  readonly warnings: readonly Issue[];
  private agentPeriods = 0;

  constructor(scenario: Scenario, options: RunOptions, restore?: CheckpointContents, warnings: readonly Issue[] = []) {
    this.scenario = scenario;
    this.warnings = warnings;
    this.options = options;
    this.replicate = options.replicate ?? 0;
    if (!Number.isInteger(this.replicate) || this.replicate < 0) {
      const issues = new Issues();
      issues.add("replicate", `must be a whole number >= 0, got ${showValue(options.replicate)}`);
      issues.throwIfAny();
    }
    this.observers = observerList(options.observers);
    this.seed = options.runSeed ?? runSeed(options.seed ?? 1, this.replicate);
    this.runKey = options.runKey ?? `${scenarioHash(scenario)}/r${this.replicate}`;
    this.engine = new Engine(compileScenario(scenario), { seed: this.seed }, restore !== undefined);
    if (restore) {
      checkRestoredState(this.engine, restore);
      this.engine.importState(restore.state, restore.columns, restore.free);
    }
  }

  get scale(): number {
    return this.engine.scale;
  }

  get period(): number {
    return this.engine.reportPeriod(this.engine.t);
  }

  get done(): boolean {
    return this.engine.done;
  }

  step(): PeriodView | undefined {
    this.assertNotStopped("step");
    this.countAgentPeriod();
    const rec = this.engine.step();
    if (!rec) return undefined;
    this.observe(rec);
    return this.view(rec);
  }

  run(): RunResult {
    this.assertNotStopped("run");
    while (!this.engine.done) {
      this.countAgentPeriod();
      const rec = this.engine.step();
      if (rec) this.observe(rec);
    }
    return this.result();
  }

  /**
   * Fills the reported period's `custom` values; the record is already in the engine's history, so
   * an observer that fails stops the simulation before anything reads the record.
   */
  private observe(rec: PeriodRecord): void {
    if (this.observers.length === 0) return;
    try {
      runObservers(rec, this.observers, this.view);
    } catch (error) {
      if (!(error instanceof ObserverFailure)) throw error;
      this.failure = error;
      throw error.cause;
    }
  }

  private assertNotStopped(call: string): void {
    const failure = this.failure;
    if (!failure) return;
    throw new Error(
      `${call}(): this simulation stopped at period ${failure.period} because ${failure.message}; that ` +
        "period has run without its observer values, so the simulation cannot go on. Start a new " +
        "simulation, or restore a checkpoint taken before that period",
      { cause: failure.cause },
    );
  }

  /** Once per period, before the step (the engine's own loop is left alone). */
  private countAgentPeriod(): void {
    if (this.engine.done) return;
    const a = this.engine.agents;
    this.agentPeriods += a.used - a.freeCount;
  }

  snapshot(): PeriodView | undefined {
    const last = this.engine.history[this.engine.history.length - 1];
    return last ? this.view(last) : undefined;
  }

  agents(): AgentPanel {
    const e = this.engine;
    return agentPanel(e.agents, e.cs, e.t, e.ppy);
  }

  private readonly view = (rec: PeriodRecord): PeriodView => periodView(rec, this.engine.cs, this.engine.scale);

  result(): RunResult {
    this.assertNotStopped("result");
    const e = this.engine;
    const cs = e.cs;
    const ctx: RowContext = {
      run: this.runKey,
      scenario: this.scenario.name,
      replicate: this.replicate,
      seed: this.seed,
      regions: cs.regions,
      citizenships: cs.citizenships,
      countries: cs.countries,
      periodsPerYear: e.ppy,
      scale: e.scale,
      ...(this.options.metrics ? { metrics: new Set(this.options.metrics) } : {}),
    };
    const rows: TidyRow[] = [];
    for (const rec of e.history) recordRows(rec, ctx, rows);
    return {
      run: this.runKey,
      scenario: this.scenario,
      seed: this.seed,
      replicate: this.replicate,
      rows,
      summary: this.summary(),
      scale: e.scale,
      warnings: [...this.warnings],
      agentPeriods: this.agentPeriods,
    };
  }

  private summary(): RunSummary {
    const e = this.engine;
    const cs = e.cs;
    const R = cs.regions.length;
    const hist = e.history;
    const last = hist[hist.length - 1];
    const scale = e.scale;
    const byRegion = (f: (j: number) => number) => Object.fromEntries(cs.regions.map((r, j) => [r, f(j)]));
    const moved = new Float64Array(R * R);
    const meanStock = new Float64Array(R);
    const selection: number[][] = cs.regions.map(() => []);
    const cohorts: number[][] = cs.countries.map(() => []);
    let welfare = 0;
    for (const rec of hist) {
      for (let k = 0; k < R * R; k++) moved[k] += rec.flows[k];
      for (let j = 0; j < R; j++) {
        meanStock[j] += rec.stock[j] / hist.length;
        if (!Number.isNaN(rec.selectionRate[j])) selection[j].push(rec.selectionRate[j]);
      }
      rec.cohortExit5y.forEach((v, k) => {
        if (!Number.isNaN(v)) cohorts[k].push(v);
      });
      welfare += rec.welfare / hist.length;
    }
    const netFlows: Record<string, number> = {};
    for (let r = 0; r < R; r++) {
      for (let j = 0; j < R; j++) {
        const net = (moved[r * R + j] - moved[j * R + r]) * scale;
        if (r !== j && net > 0) netFlows[`${cs.regions[r]}->${cs.regions[j]}`] = net;
      }
    }
    const years = hist.length / e.ppy;
    const mean = (xs: number[]) => xs.reduce((x, y) => x + y, 0) / xs.length;
    return {
      scenario: this.scenario.name,
      seed: this.seed,
      startYear: this.scenario.startYear,
      endYear: this.scenario.startYear + hist.length / e.ppy,
      startStock: byRegion((j) => e.startStock[j] * scale),
      endStock: byRegion((j) => (last ? last.stock[j] * scale : e.startStock[j] * scale)),
      netFlows,
      brainDrain: Object.fromEntries(cs.citizenships.map((c, k) => [c, last ? last.brainDrain[k] : 0])),
      mobilityRate: byRegion((j) => {
        let out = 0;
        for (let k = 0; k < R; k++) if (k !== j) out += moved[j * R + k];
        return meanStock[j] > 0 && years > 0 ? out / meanStock[j] / years : 0;
      }),
      welfare,
      selectionRate: Object.fromEntries(
        cs.regions.flatMap((r, j) => (selection[j].length ? [[r, mean(selection[j])]] : [])),
      ),
      cohortExit5y: Object.fromEntries(
        cs.countries.flatMap((k, n) => (cohorts[n].length ? [[k, mean(cohorts[n])]] : [])),
      ),
    };
  }

  checkpoint(): Uint8Array {
    this.assertNotStopped("checkpoint");
    const a = this.engine.agents;
    return encodeCheckpoint({
      scenario: this.scenario,
      seed: this.seed,
      replicate: this.replicate,
      state: this.engine.exportState(),
      columns: a.columns().map((col) => col.subarray(0, a.used)) as CheckpointContents["columns"],
      free: a.free.subarray(0, a.freeCount),
    });
  }
}

/**
 * Starts a simulation of a scenario. The scenario is validated first; every problem is reported
 * at once in a {@link ValidationError}.
 *
 * @example
 * const sim = createSimulation(scenarios.alliance2026({ agents: 20_000 }), { seed: 42 });
 * while (!sim.done) sim.step();
 * sim.snapshot()?.stock.CA // => people working in Canada at the horizon
 */
export function createSimulation(scenario: Scenario, options: RunOptions = {}): Simulation {
  assertKnownKeys(options, RUN_OPTION_KEYS, "createSimulation");
  const { scenario: valid, warnings } = validScenarioAndWarnings(
    scenario,
    options.maxBytes !== undefined ? { maxBytes: options.maxBytes } : {},
  );
  return new SimulationImpl(valid, options, undefined, warnings);
}

/**
 * Continues a simulation from the bytes of {@link Simulation.checkpoint}: the continuation is
 * identical to the run that was checkpointed. Observers are functions, so they are passed again.
 *
 * The bytes are checked before they are trusted: their CRC-32 checksum, every declared length
 * against the bytes present, the scenario in the header (it must validate and fit the state) and
 * every agent value's domain. Anything wrong, an earlier format included, throws one
 * {@link ValidationError} naming what is wrong (docs/reliability.md, "Checkpoints").
 *
 * @example
 * const bytes = sim.checkpoint();
 * const again = restoreSimulation(bytes);
 * again.run().rows // => the same rows as sim.run().rows
 */
export function restoreSimulation(
  bytes: Uint8Array,
  options: Pick<RunOptions, "observers" | "metrics"> = {},
): Simulation {
  assertKnownKeys(options, ["observers", "metrics"], "restoreSimulation");
  const contents = decodeCheckpoint(bytes);
  return new SimulationImpl(
    contents.scenario,
    { runSeed: contents.seed, replicate: contents.replicate, ...options },
    contents,
    contents.warnings,
  );
}
