/**
 * The engine: one run of the agent-based model, the step of docs/model.md 1.3 in order:
 * (1) policies -> tables, (2) exits, (3) the lottery, (4) scheduled moves, (5) decisions,
 * (6) status changes, (7) entries, (8) observation.
 *
 * Step (1) is the period kernel's ({@link PeriodDriver}). Steps 2, 4, 5, 6 and 8 run in one pass
 * over the agents ({@link AgentPass}); the lottery (3) runs before it on the pool only, and
 * evaluates the same keyed exit draw the pass uses. Each concern is a file of this folder, wired
 * together here.
 */
import type { CompiledScenario } from "../kernel/_compile";
import type { CompiledPolicies, PeriodParams } from "../kernel/_period";
import { PeriodDriver } from "../kernel/_periodDriver";
import type { MarketState, PeriodTables } from "../kernel/_tables";
import { AgentColumns } from "./_agentColumns";
import { AgentPass } from "./_agentPass";
import { Aggregates, type AggregateCounts } from "./_aggregates";
import { Decision } from "./_decide";
import { exportEngineState, importEngineState, type EngineState } from "./_engineState";
import { EventCounts } from "./_eventCounts";
import { Lottery } from "./_lottery";
import { Moves } from "./_moves";
import type { PeriodRecord } from "./_periodRecord";
import { Population } from "./_population";
import { ProgramBatches } from "./_programBatches";
import { Recorder } from "./_recorder";
import { Schedule } from "./_schedule";

/** Options of the engine. */
export interface EngineOptions {
  seed: number;
}

/** The simulation engine for one run. */
export class Engine {
  readonly cs: CompiledScenario;
  /** Step (1) of every period: policies, investment, programs' places, tables. */
  readonly kernel: PeriodDriver;
  readonly cp: CompiledPolicies;
  readonly pp: PeriodParams;
  readonly tables: PeriodTables;
  readonly market: MarketState;
  readonly seed: number;
  readonly R: number;
  readonly C: number;
  readonly K: number;
  readonly ppy: number;
  readonly scale: number;
  readonly people: number;
  readonly burnInPeriods: number;
  readonly totalPeriods: number;
  /** Next internal period to run (0 = first burn-in period). */
  t = 0;
  readonly agents: AgentColumns;
  readonly history: PeriodRecord[] = [];
  readonly aggregates: Aggregates;
  readonly counts: EventCounts;
  readonly schedule: Schedule;
  readonly lottery: Lottery;
  readonly population: Population;
  private readonly decision: Decision;
  private readonly programs: ProgramBatches;
  private readonly pass: AgentPass;
  private readonly recorder: Recorder;

  /** @throws ValidationError if a custom policy's path or expression is invalid. */
  constructor(cs: CompiledScenario, options: EngineOptions, restoring = false) {
    this.cs = cs;
    this.seed = options.seed >>> 0;
    const s = cs.scenario;
    const R = (this.R = cs.regions.length);
    this.C = cs.citizenships.length;
    this.K = cs.countries.length;
    this.ppy = s.periodsPerYear;
    this.people = cs.regions.reduce((sum, code) => sum + s.regions[code].initialStock, 0);
    const agents = s.agents ?? Math.round(this.people);
    const scale = (this.scale = this.people / agents);
    const kernel = (this.kernel = new PeriodDriver(cs, { programScale: scale }));
    this.cp = kernel.policies;
    this.pp = kernel.params;
    this.tables = kernel.tables;
    this.market = kernel.market;
    this.burnInPeriods = kernel.burnInPeriods;
    this.totalPeriods = kernel.totalPeriods;

    const yearlyEntrants = cs.regions.reduce((sum, code) => sum + s.regions[code].entrants, 0) / scale;
    const a = (this.agents = new AgentColumns(restoring ? 16 : Math.ceil(agents * 1.05 + yearlyEntrants * 2 + 1024)));
    const seed = this.seed;
    const { params, tables, market, policies } = kernel;
    const counts = (this.counts = new EventCounts(R, this.C, this.K, Math.ceil(this.totalPeriods / this.ppy) + 1));
    const aggregates = (this.aggregates = new Aggregates(cs, a, market, tables, scale));
    this.lottery = new Lottery({ cs, params, market, agents: a, aggregates, counts, seed, scale });
    const schedule = (this.schedule = new Schedule(cs, a, tables, this.lottery.start, seed));
    const moves = new Moves(cs, a, tables, aggregates, counts, schedule, params.rulePermanent);
    const admitKeys = new Int32Array(R);
    const programRemaining = kernel.programRemaining;
    this.programs = new ProgramBatches({
      cs,
      policies,
      tables,
      market,
      agents: a,
      counts,
      moves,
      programRemaining,
      admitKeys,
      seed,
    });
    const programs = this.programs;
    this.decision = new Decision({
      cs,
      policies,
      params,
      tables,
      market,
      agents: a,
      counts,
      moves,
      programs,
      admitKeys,
      seed,
    });
    this.pass = new AgentPass({
      cs,
      agents: a,
      aggregates,
      counts,
      schedule,
      decision: this.decision,
      moves,
      tables,
      seed,
    });
    this.population = new Population({ cs, params, agents: a, aggregates, counts, schedule, seed, scale });
    this.recorder = new Recorder({
      cs,
      params,
      tables,
      market,
      aggregates,
      counts,
      agents: a,
      policies: policies.policies,
      scale,
    });
    if (!restoring) this.initialize(agents);
  }

  /** Places of each capped program given by this engine, in people (programs in policy order; not checkpointed). */
  get programPlacesGiven(): Float64Array {
    return this.programs.given.map((n) => n * this.scale);
  }

  /** Mean and standard deviation of skill per region at the end of the previous period. */
  get skillMean(): Float64Array {
    return this.aggregates.skillMean;
  }

  get skillSd(): Float64Array {
    return this.aggregates.skillSd;
  }

  /** Stocks per region (agents) at the end of burn-in: the start of the reported run. */
  get startStock(): Float64Array {
    return this.population.startStock;
  }

  /** Reported period index of internal period t. */
  reportPeriod(t: number): number {
    return this.kernel.reportPeriod(t);
  }

  /** Calendar time of the start of internal period t. */
  timeOf(t: number): number {
    return this.kernel.timeOf(t);
  }

  get done(): boolean {
    return this.t >= this.totalPeriods;
  }

  /**
   * The initial population, and its aggregates as the state at the end of period -1: supply
   * S(0), diaspora, skill moments. From here on they are kept up to date event by event.
   */
  private initialize(agents: number): void {
    this.population.initialize(agents);
    this.aggregates.rebuild(-1);
    this.aggregates.updateMarket();
    this.kernel.startMarket();
  }

  /**
   * Runs one internal period; returns its record if it is a reported one. The record is in the
   * history already; the user's observers fill its `custom` values afterwards (observe/).
   */
  step(): PeriodRecord | undefined {
    if (this.done) throw new Error("the simulation has reached its horizon; no period is left to step");
    const t = this.t;
    const time = this.timeOf(t);
    const report = this.reportPeriod(t);

    // (1) Policies -> the period's tables.
    const T = this.kernel.begin(t);
    const retirePeriods = Math.round(this.pp.vec[this.cs.off.behavior.retirementAge] * this.ppy);
    const retireBorn = t - retirePeriods;
    // Exit, consideration and status-change times are scheduled (docs/model.md's per-period hazards
    // as geometric waiting times); when a hazard changes, the times it governs are drawn anew
    // from now on. Each agent's next event is kept in `nextAt`, which may only move earlier here.
    this.schedule.beginPeriod(t, T.exitProbability, T.considerProbability, retirePeriods);
    this.counts.clearPeriod();
    this.aggregates.edgesFor(t);
    this.decision.beginPeriod(t);

    // (3) The lottery, on the pool: the same keyed exit draw as the pass decides who is still there.
    this.lottery.drawDue(t, retireBorn);
    const startsNow = this.lottery.startsAt(t);

    // (2, 4, 5, 6, 8) One pass over the agents.
    this.programs.clear();
    this.pass.run(t, retireBorn, T.considerProbability, startsNow);

    // (5, continued) Capped programs: places go to the applicants with the smallest keyed draws.
    this.programs.resolve(t);
    // (7) Entries.
    this.population.enter(t);
    // (8) Observation.
    this.aggregates.updateMarket();
    const record = report >= 0 ? this.recorder.record(t, report, time) : undefined;
    if (record) this.history.push(record);
    this.t = t + 1;
    if (this.t === this.burnInPeriods) this.population.captureStartStock();
    return record;
  }

  /**
   * The aggregates as a full recount of the active agents would give them at the end of the
   * current period, and as they are kept: for tests of the event-by-event bookkeeping.
   * @internal
   */
  recount(): AggregateCounts & { kept: AggregateCounts } {
    return this.aggregates.recount(this.t - 1);
  }

  /** The numeric state besides the agent columns, as plain data (NaN kept as null). */
  exportState(): EngineState {
    return exportEngineState(this);
  }

  /** Restores what {@link exportState} and the agent columns hold. */
  importState(state: EngineState, columns: ReadonlyArray<ArrayBufferView>, free: Int32Array): void {
    importEngineState(this, state, columns, free);
  }
}
