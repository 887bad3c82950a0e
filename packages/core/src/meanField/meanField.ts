/**
 * The mean-field projection: the deterministic expected-value path of the same model, with
 * cohorts (citizenship, region, home, temporary status, German, researcher, skill bin, age band)
 * instead of individual agents.
 * @module
 */
import { compileScenario } from "../kernel/_compile";
import { PeriodDriver } from "../kernel/_periodDriver";
import type { TidyRow } from "../observe/rows";
import type { Scenario } from "../scenario/types";
import { assertValidScenario } from "../scenario/validate";
import { AgeBands } from "./_ageBands";
import { Cohorts } from "./_cohorts";
import { Decision } from "./_decision";
import { PeriodCounts } from "../engine/_periodCounts";
import { Graduates, hasGraduates } from "./_graduates";
import { LotteryPools } from "./_lottery";
import { MarketObservation } from "./_market";
import { CellWelfare } from "../kernel/_welfareCell";
import { observeCohorts, welfareShifts } from "./_observation";
import { resolveMeanFieldOptions, type MeanFieldOptions } from "./_options";
import { Population } from "./_population";
import { ProgramPlaces } from "./_programs";
import { gaussLegendre01 } from "./_quadrature";
import { StatusTerms, longestTerm } from "./_terms";
import { MeanFieldRecorder, type MEAN_FIELD_METRICS } from "./_record";

/** The result of {@link meanField}: rows in the shape of a run's, and the stocks per region. */
export interface MeanFieldResult {
  readonly scenario: Scenario;
  /** Tidy rows (run "meanField", replicate 0, seed 0) of {@link MEAN_FIELD_METRICS}. */
  readonly rows: TidyRow[];
  /** stock[region][period]: people per region at the end of each reported period. */
  readonly stock: Record<string, number[]>;
  readonly skillBins: number;
  /** Age bands between entryAge and retirementAge (the code adds one for those who reached it). */
  readonly ageBands: number;
  /**
   * Capped programs (open work permits, exchange places) in policy order: the policy's index and
   * kind, the destination region, and the people admitted through the program's places in each
   * reported year (not counting those its applicants' fallback on the rule admits).
   */
  readonly programPlaces: MeanFieldProgramPlaces[];
}

/** Places a capped program gave in a {@link meanField} projection. */
export interface MeanFieldProgramPlaces {
  /** Index of the policy in `scenario.policies`. */
  readonly policy: number;
  /** The policy's kind: "openWorkPermit", "talentExchange" or a kind of one's own. */
  readonly kind: string;
  /** The destination region's code. */
  readonly region: string;
  /** People given a place, per reported year. */
  readonly perYear: number[];
}

/**
 * The deterministic expected-value projection of a scenario: the same model, with cohorts
 * (citizenship × region × home × temporary × German × researcher × skill bin × age band) carrying
 * expected masses of people instead of individual agents. Each period follows the engine's order
 * and reuses its period parameters and utility tables: exits and retirement, the lottery, the
 * decision (consider, then the anticipated-admission choice, computed exactly for pi = 1 and by
 * quadrature for pi < 1), admission, status changes, entries and the lagged market state (supply,
 * wages, diaspora). Each cell also carries the mass-weighted mean skill of its people, at which
 * utilities are evaluated, so the discretisation error shrinks with the square of the bin width.
 * The choice is computed once per (type, skill bin) for all age bands, at the group's mean skill
 * (the bands differ only by the age cost); each cohort still moves with its own mean skill.
 *
 * Capped programs (open work permits, exchange places) follow the engine in expectation: their
 * places open as in the engine, in people; each period's applicants (those who try a program
 * first, or those the rule refused for a program that serves them) get min(places left,
 * applicants) pro rata, those without a place on a route tried first fall back on the rule, and
 * the next period anticipates min(1, places left / applicants), as the engine does.
 *
 * Graduates who wait for a lottery (`lotteries.<L>.graduates`) are a real pool: they wait in
 * place, win at each draw's rate, convert in place at their start, and take the forced decision
 * when their status ends unless they won (docs/model.md 3.3.12).
 *
 * Entrants who choose their first job (`behavior.firstJobChoice` = c, docs/model.md 3.3.12): the
 * share c of each period's entrants who do not wait for a lottery looks around in the next period
 * with certainty (the rest of their cell at the consideration probability), after its exits; with
 * statuses that end, their periods left are kept apart from the rest of their type's.
 *
 * Approximations (see docs/experiments.md): ages move between bands at a constant rate (uniform
 * ages within a band); a lottery admits movers' applications at once, at the selection rate of
 * the last draw for their wage level (no pool or start delay; the draw's rate is cap / the year's
 * applicants and waiting graduates, by level 1 − exp(−w_L t*) when weighted); a program's places are continuous (not
 * whole agents'); the stay bonus of tax incentives is left out. Without lotteries, programs and
 * tax incentives, only the skill and age discretisation remains.
 *
 * One run costs a few passes over the occupied cohorts per period, independent of the number of
 * people: about 1 s of CPU time for the baseline at the defaults (docs/experiments.md).
 *
 * @throws ValidationError for an invalid scenario or option.
 * @example
 * const mf = meanField(scenarios.baseline(), { skillBins: 16 });
 * mf.stock.CA.at(-1) // expected people working in Canada at the horizon
 * meanField(scenarios.alliance2026()).programPlaces.map((p) => p.region) // ["DE", "CA"]: the exchange's places
 */
export function meanField(scenario: Scenario, options: MeanFieldOptions = {}): MeanFieldResult {
  const opts = resolveMeanFieldOptions(options);
  const s = assertValidScenario(scenario);
  const cs = compileScenario(s);
  // Capped programs' places are opened in people (one person per unit of balance).
  const driver = new PeriodDriver(cs, { programScale: 1 });
  const cohorts = new Cohorts(
    cs,
    new AgeBands(s.behavior, opts.ageBandYears, s.periodsPerYear),
    opts.skillBins,
    opts.skillRange,
  );
  const longest = longestTerm(cs);
  const terms = longest > 0 ? new StatusTerms(cohorts, longest) : undefined;
  cohorts.terms = terms;
  const population = new Population(cohorts, cs);
  population.addInitial();
  cohorts.refreshLive();
  const observed = new MarketObservation(cohorts, driver.market);
  observed.observe(Float64Array.from(cs.regions, (code) => s.regions[code].skillReturn));
  driver.startMarket();
  const flows = new PeriodCounts(cohorts.R, cohorts.C);
  const graduates = hasGraduates(cs) ? new Graduates(cs, cohorts, observed) : undefined;
  cohorts.graduates = graduates;
  const lottery = new LotteryPools(cs, driver.market, graduates);
  const params = driver.params;
  const bandShift = new Float64Array(cohorts.A);
  const welfareCell = new CellWelfare(cs.regions.length, cs.nestOf, cs.nests.length);
  const programs = new ProgramPlaces(
    cs,
    driver.policies.programs,
    driver.programRemaining,
    driver.market,
    cohorts,
    flows,
  );
  const decision = new Decision(cohorts, {
    cs,
    params,
    flows,
    lottery,
    observed,
    nodes: gaussLegendre01(opts.quadratureNodes),
    programs,
  });
  const recorder = new MeanFieldRecorder(cs, opts.welfare);

  for (let t = 0; t < driver.totalPeriods; t++) {
    const tables = driver.begin(t);
    if (t === 0) terms?.phaseInitial(tables);
    flows.clearPeriod();
    lottery.draw(t, params, flows, 1 - tables.exitProbability);
    decision.run(tables, params.vec[cs.off.behavior.ageCost]);
    programs.resolve(driver.reportPeriod(t), s.periodsPerYear, tables.expiryPeriods);
    cohorts.refreshLive();
    cohorts.mergeMoves();
    terms?.apply(tables.expiryPeriods);
    if (graduates) {
      graduates.exit(1 - tables.exitProbability);
      if (graduates.convert(t, params.rulePermanent, tables.expiryPeriods, flows)) cohorts.refreshLive();
    }
    cohorts.age();
    terms?.age();
    graduates?.age();
    population.addEntrants(params, flows.entries, tables.expiryPeriods, flows.lotteryEntrants);
    cohorts.refreshLive();
    terms?.shift();
    graduates?.shift();
    // (8) Observation: the market state the next period's tables read, and the record.
    observed.observe(tables.sigma);
    const period = driver.reportPeriod(t);
    if (period < 0) continue;
    if (opts.welfare) welfareShifts(cohorts.bands.mid, params.vec[cs.off.behavior.ageCost], bandShift);
    for (let n = 0; n < cs.nests.length; n++) welfareCell.setLambda(n, params.vec[cs.off.nestLambda + n]);
    const totals = observeCohorts(cohorts, tables, opts.welfare ? bandShift : undefined, welfareCell);
    recorder.write({ period, time: driver.timeOf(t), tables, supply: driver.market.supply, flows, observed, totals });
  }
  return {
    scenario: s,
    rows: recorder.rows,
    stock: recorder.stockPath,
    skillBins: cohorts.B,
    ageBands: cohorts.working,
    programPlaces: programs.programs.map((p, q) => ({
      policy: p.policy,
      kind: p.kind,
      region: cs.regions[p.region],
      perYear: Array.from(programs.givenByYear[q]),
    })),
  };
}
