/**
 * The period kernel: what happens once per period and never per agent, before the agents (or the
 * cohorts) act — docs/model.md's step (1). The engine's agents, meanField's cohorts and the
 * benchmark peers all read the tables it builds, so it is written once, here.
 */
import type { CompiledScenario } from "./_compile";
import { applyPolicies, compilePolicies, createPeriodParams, openProgramPlaces } from "./_period";
import type { CompiledPolicies, PeriodParams } from "./_period";
import { buildTables, createMarketState, createTables, type MarketState, type PeriodTables } from "./_tables";

/** Options of a {@link PeriodDriver}. */
export interface PeriodDriverOptions {
  /**
   * People per agent. When given, capped programs (open work permits, exchange slots) are
   * modelled: each period opens their places, in agents, in {@link PeriodDriver.programRemaining}
   * (meanField passes 1: places in people). Without it no place is ever opened.
   */
  readonly programScale?: number;
  /** Anticipated chance of a program place before the first period; default 1. */
  readonly programChance?: number;
}

/**
 * Runs step (1) of every period of a compiled scenario: the policies in force at the period's
 * calendar time applied to the base parameters, the first period's investment kept as the
 * reference of investment growth, capped programs' places opened (when modelled), and the
 * period's utility tables built from the lagged market state. The caller owns what the market
 * state says: it writes supply, diaspora, selection rates and program chances into
 * {@link PeriodDriver.market} at the end of each period, from its own agents or cohorts.
 *
 * Every buffer is allocated once, in the constructor; {@link PeriodDriver.begin} allocates nothing.
 * @example
 * const driver = new PeriodDriver(compileScenario(s), { programScale: scale });
 * // ... fill driver.market.supply and .diaspora from the initial population, then:
 * driver.startMarket();
 * for (let t = 0; t < driver.totalPeriods; t++) {
 *   const tables = driver.begin(t);
 *   // ... agents read tables and driver.params, then the caller updates driver.market
 * }
 */
export class PeriodDriver {
  readonly cs: CompiledScenario;
  /** Custom expressions parsed once, capped programs listed. */
  readonly policies: CompiledPolicies;
  /** The current period's parameters, after its policies. */
  readonly params: PeriodParams;
  /** The current period's utility and admission tables. */
  readonly tables: PeriodTables;
  /** The lagged market state the tables are built from (the caller's to update). */
  readonly market: MarketState;
  readonly periodsPerYear: number;
  /** Internal periods of burn-in, before reported period 0. */
  readonly burnInPeriods: number;
  /** Internal periods of the run: burn-in and reported. */
  readonly totalPeriods: number;
  /** Places left per program, in agents (only opened when programs are modelled). */
  readonly programRemaining: Float64Array;
  /** Whether each program has opened its places once. */
  readonly programStarted: Uint8Array;
  private readonly programScale: number | undefined;

  /** @throws ValidationError if a custom policy's path or expression is invalid. */
  constructor(cs: CompiledScenario, options: PeriodDriverOptions = {}) {
    const s = cs.scenario;
    this.cs = cs;
    this.policies = compilePolicies(cs);
    const P = this.policies.programs.length;
    this.params = createPeriodParams(cs, P);
    this.tables = createTables(cs);
    this.market = createMarketState(cs, P, options.programChance);
    this.periodsPerYear = s.periodsPerYear;
    this.burnInPeriods = s.burnInYears * this.periodsPerYear;
    this.totalPeriods = this.burnInPeriods + s.years * this.periodsPerYear;
    this.programRemaining = new Float64Array(P);
    this.programStarted = new Uint8Array(P);
    this.programScale = options.programScale;
  }

  /** Reported period index of internal period t (negative in burn-in). */
  reportPeriod(t: number): number {
    return t - this.burnInPeriods;
  }

  /** Calendar time of the start of internal period t. */
  timeOf(t: number): number {
    const s = this.cs.scenario;
    return s.startYear - s.burnInYears + t / this.periodsPerYear;
  }

  /** Records the market state of the initial population as S(0), the reference of wage levels. */
  startMarket(): void {
    this.market.supply0.set(this.market.supply);
  }

  /**
   * Step (1) of internal period t: policies applied, investment of the first period kept,
   * programs' places opened (when modelled), tables built from the market state the caller left.
   * Returns the period's tables ({@link PeriodDriver.tables}).
   * @throws NonFiniteError if a table entry is not finite (naming the reported period and region).
   */
  begin(t: number): PeriodTables {
    const { cs, params, market } = this;
    const report = this.reportPeriod(t);
    applyPolicies(cs, this.policies, params, this.timeOf(t), report);
    if (t === 0) {
      for (let j = 0; j < cs.regions.length; j++) market.investment0[j] = params.vec[cs.off.region.investment + j];
    }
    if (this.programScale !== undefined) {
      const { programStarted: started, programRemaining: remaining, periodsPerYear } = this;
      openProgramPlaces(
        this.policies.programs,
        params.programActive,
        started,
        remaining,
        t,
        periodsPerYear,
        this.programScale,
      );
    }
    buildTables(cs, params, this.policies.programs, market, this.tables, t / this.periodsPerYear, report);
    return this.tables;
  }
}
