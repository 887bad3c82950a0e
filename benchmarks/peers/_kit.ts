/**
 * The shared "model kit" of the peer benchmarks: everything that is *not* agent-level, taken from
 * the engine's own source so that every peer runs the same model (docs/model.md) with
 * the same parameters:
 *
 * - the scenario compiled and the per-period parameter tables with policies applied, built by
 *   the period kernel that meanField also runs (`PeriodDriver`: policies, investment, programs'
 *   places, tables), from the market state that the peer computes from its own agents;
 * - the market aggregation formula (supply S_j = scale * sum exp(sigma_j z), diaspora N[c][j] in
 *   people, the skill mean and SD per region) behind a small {@link Tally};
 * - the deterministic entrant counts (fractional carry) and the entrants' parameters;
 * - the lottery's bookkeeping (draw period, number of winners with a stochastically rounded cap,
 *   wage-level weights, the anticipated selection rate, the start period), who enters as a
 *   graduate waiting for it (docs/model.md 3.3.12) and the capped programs' places and
 *   anticipated chances;
 * - which entrants choose their first job in the period after entry (docs/model.md 3.3.12), and
 *   in which periods such choices are due;
 * - the totals over the run that the check compares with the engine's rows (pools, winners,
 *   lottery entrants, admissions, moves into and out of each region);
 * - the initial population as plain records (`createSimulation(...).agents()`).
 *
 * The agent-level parts (exits, the lottery pool and its keys, scheduled moves, decisions,
 * admission draws, status changes, entrants' attributes) are each peer's own, in its own idiom and
 * with its own random numbers (seedrandom's alea).
 */
import { createSimulation, type Scenario } from "@talentflow/core";
import {
  Admit,
  compileScenario,
  mayBeTemporary,
  PeriodDriver,
  typeIndex,
  wageLevel,
  type CompiledPolicies,
  type CompiledScenario,
  type MarketState,
  type PeriodParams,
  type PeriodTables,
} from "@talentflow/core/internal";

export { Admit };
export type { PeriodTables, PeriodParams };

/** One agent of the initial population, as plain data. */
export interface AgentRecord {
  id: number;
  /** Region index (into `kit.regions`) and its code. */
  region: number;
  regionCode: string;
  home: number;
  citizenship: number;
  skill: number;
  /** Period of birth (internal periods; the initial population is built at period 0). */
  bornPeriod: number;
  german: boolean;
  researcher: boolean;
  temporary: boolean;
}

/**
 * What a peer run returns: stocks per region at the horizon, and the run's event totals (see
 * {@link ModelKit.counts}), in people.
 */
export interface PeerOutcome {
  stock: Record<string, number>;
  counts: Record<string, number>;
  /** The run's moves in people, by name: `inflows:<region>` and `outflows:<region>` (see {@link ModelKit.moves}). */
  moves: Record<string, number>;
}

/** One run of a peer: created outside the timed region, stepped to its horizon inside it. */
export interface PeerRun {
  readonly done: boolean;
  step(): void;
  outcome(): PeerOutcome;
}

/** A peer implementation of the model. */
export interface Peer {
  name: string;
  /** Builds a run of the scenario with the peer's own random numbers, seeded by `seed`. */
  create(scenario: Scenario, seed: number): PeerRun;
}

/**
 * Sums over the active agents at the end of a period: the market aggregation formula of the
 * engine's `updateMarket` (supply, diaspora, skill moments), computed exactly per agent instead
 * of from the engine's fine skill histogram (a bin-centre difference of about 2e-5 relative).
 */
export class Tally {
  readonly count: Float64Array;
  readonly zSum: Float64Array;
  readonly zSq: Float64Array;
  readonly expSum: Float64Array;
  /** Citizens of c in region j, agents: c * R + j. */
  readonly citizens: Float64Array;
  private readonly sigma: Float64Array;
  private readonly R: number;

  constructor(R: number, C: number, sigma: Float64Array) {
    this.R = R;
    this.count = new Float64Array(R);
    this.zSum = new Float64Array(R);
    this.zSq = new Float64Array(R);
    this.expSum = new Float64Array(R);
    this.citizens = new Float64Array(C * R);
    this.sigma = sigma;
  }

  /** Adds one active agent (region index, citizenship index, skill). */
  add(region: number, citizenship: number, z: number): void {
    this.count[region] += 1;
    this.zSum[region] += z;
    this.zSq[region] += z * z;
    this.expSum[region] += Math.exp(this.sigma[region] * z);
    this.citizens[citizenship * this.R + region] += 1;
  }
}

/** The entrants of one region in one period. */
export interface EntrantPlan {
  region: number;
  count: number;
  skillMean: number;
  germanShare: number;
  researcherShare: number;
  bornPeriod: number;
}

/** The model kit of one peer run. */
export class ModelKit {
  readonly cs: CompiledScenario;
  readonly cp: CompiledPolicies;
  readonly pp: PeriodParams;
  readonly tables: PeriodTables;
  readonly market: MarketState;
  readonly regions: readonly string[];
  readonly citizenships: readonly string[];
  readonly R: number;
  readonly C: number;
  readonly ppy: number;
  readonly scale: number;
  readonly totalPeriods: number;
  /** Skill mean and SD per region at the end of the previous period (wage levels of the lottery). */
  readonly skillMean: Float64Array;
  readonly skillSd: Float64Array;
  /** Citizenships whose citizens speak German. */
  readonly germanCitizen: Uint8Array;
  /** Period in which each lottery's winners start, -1 none. */
  readonly lotteryStart: Int32Array;
  /** Programs: places left (agents), opened by the driver. */
  readonly programRemaining: Float64Array;
  /** Per region: the lottery whose graduates enter there (docs/model.md 3.3.12), -1 none. */
  readonly graduateLottery: Int32Array;
  /** Totals over the run, in agents: admissions and lottery entrants per region, pool and winners per lottery. */
  private readonly admissions: Float64Array;
  private readonly lotteryEntrants: Float64Array;
  private readonly lotteryPool: Float64Array;
  private readonly lotteryWinners: Float64Array;
  /** Moves over the run, in agents, into and out of each region. */
  private readonly inflows: Float64Array;
  private readonly outflows: Float64Array;
  /** The period kernel (policies, investment, programs' places, tables). */
  private readonly driver: PeriodDriver;
  private readonly entrantCarry: Float64Array;
  /** Period being run (internal index; burn-in is 0 in the benchmark scenario). */
  t = 0;
  /**
   * Do entrants of the previous period choose their first job in this one (its `firstJobChoice`
   * was above 0, docs/model.md 3.3.12)? Peers look at an agent's first-job period only then, so
   * that a scenario without the field costs nothing per agent.
   */
  firstJobsDue = false;
  /** Birth period at or before which an agent retires this period. */
  retireBorn = 0;

  constructor(scenario: Scenario) {
    const cs = compileScenario(scenario);
    this.regions = cs.regions;
    this.citizenships = cs.citizenships;
    const R = (this.R = cs.regions.length);
    this.C = cs.citizenships.length;
    this.ppy = scenario.periodsPerYear;
    const people = cs.regions.reduce((sum, code) => sum + scenario.regions[code].initialStock, 0);
    this.scale = people / (scenario.agents ?? Math.round(people));
    const driver = (this.driver = new PeriodDriver(cs, { programScale: this.scale }));
    this.cs = cs;
    this.cp = driver.policies;
    this.pp = driver.params;
    this.tables = driver.tables;
    this.market = driver.market;
    this.programRemaining = driver.programRemaining;
    this.totalPeriods = driver.totalPeriods;
    this.skillMean = new Float64Array(R);
    this.skillSd = new Float64Array(R).fill(1);
    this.germanCitizen = Uint8Array.from(cs.citizenships, (c) => (scenario.citizenships[c].german ? 1 : 0));
    this.lotteryStart = new Int32Array(cs.lotteries.length).fill(-1);
    this.entrantCarry = new Float64Array(R);
    this.graduateLottery = Int32Array.from(cs.regionLottery, (l) => (l >= 0 && cs.lotteryGraduateTerm[l] > 0 ? l : -1));
    this.admissions = new Float64Array(R);
    this.lotteryEntrants = new Float64Array(R);
    this.lotteryPool = new Float64Array(cs.lotteries.length);
    this.lotteryWinners = new Float64Array(cs.lotteries.length);
    this.inflows = new Float64Array(R);
    this.outflows = new Float64Array(R);
  }

  /**
   * The initial population as plain records: the engine's own initial population for run seed
   * `seed` (the panel of `createSimulation(...).agents()` before the first step). Every agent
   * starts active, with no pending application and no arrival (arrivedPeriod 0).
   */
  static initialPopulation(scenario: Scenario, seed: number): AgentRecord[] {
    const sim = createSimulation(scenario, { runSeed: seed >>> 0 });
    const panel = sim.agents();
    // Indices as the engine numbers them (sorted codes), not the order the keys are written in.
    const { regions, citizenships } = compileScenario(scenario);
    const ppy = scenario.periodsPerYear;
    const out: AgentRecord[] = new Array(panel.id.length);
    for (let k = 0; k < panel.id.length; k++) {
      out[k] = {
        id: panel.id[k],
        region: regions.indexOf(panel.region[k]),
        regionCode: panel.region[k],
        home: regions.indexOf(panel.home[k]),
        citizenship: citizenships.indexOf(panel.citizenship[k]),
        skill: panel.skill[k],
        // The panel's age is (t - bornPeriod) / ppy at t = 0, a whole number of periods.
        bornPeriod: -Math.round(panel.age[k] * ppy),
        german: panel.german[k] === 1,
        researcher: panel.researcher[k] === 1,
        temporary: panel.temporary[k] === 1,
      };
    }
    return out;
  }

  get done(): boolean {
    return this.t >= this.totalPeriods;
  }

  /** A tally for the end of the current period (or the initial population before period 0). */
  tally(): Tally {
    const sigma = new Float64Array(this.R);
    for (let j = 0; j < this.R; j++) {
      sigma[j] = this.tables.sigma[j] || this.cs.scenario.regions[this.regions[j]].skillReturn;
    }
    return new Tally(this.R, this.C, sigma);
  }

  /** Market state of the initial population (supply S(0), diaspora, skill moments). */
  start(initial: Tally): void {
    this.closeMarket(initial);
    this.driver.startMarket();
  }

  /**
   * Step (1) of the period: policies applied, programs opened, tables built from last period's
   * market state. Returns the tables the agents read this period.
   */
  beginPeriod(): PeriodTables {
    const t = this.t;
    const tables = this.driver.begin(t);
    this.retireBorn = t - Math.round(this.pp.vec[this.cs.off.behavior.retirementAge] * this.ppy);
    return tables;
  }

  /** Step (8): the market state for the next period from the tally of the period's end; advances t. */
  endPeriod(end: Tally): void {
    this.closeMarket(end);
    this.firstJobsDue = this.pp.vec[this.cs.off.behavior.firstJobChoice] > 0;
    this.t++;
  }

  private closeMarket(x: Tally): void {
    const { R, C } = this;
    const m = this.market;
    for (let k = 0; k < C * R; k++) m.diaspora[k] = x.citizens[k] * this.scale;
    for (let j = 0; j < R; j++) {
      const n = x.count[j];
      m.supply[j] = x.expSum[j] * this.scale;
      const mean = n > 0 ? x.zSum[j] / n : 0;
      this.skillMean[j] = mean;
      this.skillSd[j] = n > 1 ? Math.sqrt(Math.max(x.zSq[j] / n - mean * mean, 1e-6)) : 1;
    }
  }

  /** Type index of an agent in the tables: T[type * R + j]. */
  type(
    citizenship: number,
    region: number,
    home: number,
    temporary: boolean,
    german: boolean,
    researcher: boolean,
  ): number {
    return typeIndex(this.R, citizenship, region, home, temporary ? 1 : 0, german ? 1 : 0, researcher ? 1 : 0);
  }

  // -----------------------------------------------------------------------------------------------
  // Lotteries

  /** Number of lotteries. */
  get lotteryCount(): number {
    return this.cs.lotteries.length;
  }

  /** Does lottery l draw in the current period (its period of the year)? */
  lotteryDrawsNow(l: number): boolean {
    return this.t % this.ppy === this.cs.lotteryPeriod[l];
  }

  /** Lottery of region j (-1: none). */
  lotteryOf(j: number): number {
    return this.cs.regionLottery[j];
  }

  /** Do the winners of lottery l start in the current period? */
  lotteryStartsNow(l: number): boolean {
    return this.lotteryStart[l] === this.t;
  }

  /** Winners of this period's draw: min(pool, cap / scale stochastically rounded with uniform u). */
  lotteryWinnerCount(l: number, poolSize: number, u: number): number {
    const cap = this.pp.vec[this.cs.off.lottery.cap + l] / this.scale;
    const extra = u < cap - Math.floor(cap) ? 1 : 0;
    return Math.min(poolSize, Math.floor(cap) + extra);
  }

  /** Entries of an applicant to region j with skill z: wage levels I-IV if the lottery is weighted, else 1. */
  lotteryWeight(l: number, j: number, z: number): number {
    if (this.pp.lotteryWeighted[l] !== 1) return 1;
    const zScore = (z - this.skillMean[j]) / this.skillSd[j];
    return wageLevel(zScore) + 1;
  }

  /** After a draw: the anticipated selection rate and the start period of the winners. */
  finishLottery(l: number, winners: number, poolSize: number): void {
    if (poolSize > 0) this.market.selectionRate[l] = winners / poolSize;
    this.lotteryStart[l] = this.t + this.cs.lotteryStartDelay[l];
    this.lotteryPool[l] += poolSize;
    this.lotteryWinners[l] += winners;
  }

  /**
   * Does an entrant of citizenship c in region j enter as a graduate who waits in place for the
   * region's lottery (docs/model.md 3.3.12)? Only where the region's lottery has `graduates`, the
   * entrant starts on a temporary status and this period's rule of (j, c) is that lottery; then
   * with the lottery's share, from the uniform `random()` (drawn only then, so that a scenario
   * without graduates draws exactly as before).
   */
  entersAsGraduate(c: number, j: number, random: () => number): boolean {
    const l = this.graduateLottery[j];
    if (l < 0 || this.pp.ruleLottery[j * this.C + c] !== l || !this.startsTemporary(c, j)) return false;
    return random() < this.cs.lotteryGraduateShare[l];
  }

  /**
   * Does an entrant of this period choose its first job among all regions in the next period
   * (docs/model.md 3.3.12)? With this period's `firstJobChoice` c, from the uniform `random()`
   * (drawn only when c > 0, so that a scenario without the field draws exactly as before).
   * Such an entrant takes the ordinary decision in period t + 1 (if it is still active there and
   * not pending), in the place of the consideration draw.
   *
   * @example
   * if (kit.choosesFirstJob(random)) entrant.firstJobAt = kit.t + 1;
   * // in period t + 1: decide if (kit.firstJobsDue && agent.firstJobAt === kit.t) || random() < p
   */
  choosesFirstJob(random: () => number): boolean {
    const c = this.pp.vec[this.cs.off.behavior.firstJobChoice];
    return c > 0 && random() < c;
  }

  /** When the graduate status of an entrant of region j ends if it has not won: its lottery's term later. */
  graduateEnd(j: number): number {
    return this.t + this.cs.lotteryGraduateTerm[this.graduateLottery[j]];
  }

  /** Counts an admission to region j (a draw, a lottery winner's start, a program's place). */
  countAdmission(j: number): void {
    this.admissions[j]++;
  }

  /** Counts an applicant who joins the pool of region j's lottery (a petition filed, or a graduate's entry). */
  countLotteryEntrant(j: number): void {
    this.lotteryEntrants[j]++;
  }

  /** Counts a move from region r to region j (any move the engine records as a flow). */
  countMove(r: number, j: number): void {
    this.outflows[r]++;
    this.inflows[j]++;
  }

  /**
   * The run's moves in people, by name: `inflows:<region>` and `outflows:<region>`, the engine's
   * rows `inflows` and `outflows` summed over the periods.
   */
  moves(): Record<string, number> {
    const out: Record<string, number> = {};
    this.regions.forEach((code, j) => {
      out[`inflows:${code}`] = this.inflows[j] * this.scale;
      out[`outflows:${code}`] = this.outflows[j] * this.scale;
    });
    return out;
  }

  /**
   * The run's totals in people, by name: `admissions:<region>`, `lotteryEntrants:<region>`,
   * `pool:<lottery>` (the pools of its draws, summed) and `winners:<lottery>`, as the engine's rows
   * `admissions`, `lotteryEntrants`, `lotteryWinners` and `selectionRate` give them.
   */
  counts(): Record<string, number> {
    const out: Record<string, number> = {};
    this.regions.forEach((code, j) => {
      out[`admissions:${code}`] = this.admissions[j] * this.scale;
      out[`lotteryEntrants:${code}`] = this.lotteryEntrants[j] * this.scale;
    });
    this.cs.lotteries.forEach((name, l) => {
      out[`pool:${name}`] = this.lotteryPool[l] * this.scale;
      out[`winners:${name}`] = this.lotteryWinners[l] * this.scale;
    });
    return out;
  }

  // -----------------------------------------------------------------------------------------------
  // Programs (exchange slots, open work permits)

  get programCount(): number {
    return this.cp.programs.length;
  }

  /** Is program q an open work permit (tried first, the rule as fallback) rather than exchange slots? */
  isWorkPermit(q: number): boolean {
    return this.cp.programs[q].fallsBackToRule;
  }

  programRegion(q: number): number {
    return this.cp.programs[q].region;
  }

  programPermanent(q: number): boolean {
    return this.cp.programs[q].permanent;
  }

  /** Whole places available now. */
  programPlaces(q: number): number {
    return Math.floor(this.programRemaining[q] + 1e-9);
  }

  /** After the allocation: places used, and next period's anticipated chance of a place. */
  finishProgram(q: number, applicants: number, admitted: number): void {
    this.programRemaining[q] = Math.max(0, this.programRemaining[q] - admitted);
    const remaining = this.programRemaining[q];
    this.market.programChance[q] = applicants > 0 ? Math.min(1, remaining / applicants) : remaining >= 1 ? 1 : 0;
  }

  // -----------------------------------------------------------------------------------------------
  // Entries and statuses

  /** Step (7): how many agents enter each region this period (fractional carry) and their parameters. */
  entrants(): EntrantPlan[] {
    const { cs, R, ppy } = this;
    const vec = this.pp.vec;
    const off = cs.off;
    const bornPeriod = this.t - Math.round(vec[off.behavior.entryAge] * ppy);
    const out: EntrantPlan[] = [];
    for (let j = 0; j < R; j++) {
      const expected = vec[off.region.entrants + j] / ppy / this.scale + this.entrantCarry[j];
      const count = Math.floor(expected + 1e-9);
      this.entrantCarry[j] = expected - count;
      out.push({
        region: j,
        count,
        skillMean: vec[off.region.entrySkillMean + j],
        germanShare: vec[off.region.germanShare + j],
        researcherShare: vec[off.region.researcherShare + j],
        bornPeriod,
      });
    }
    return out;
  }

  /** An entrant's citizenship in region j from a uniform draw (the entrant mix). */
  entrantCitizenship(j: number, u: number): number {
    const C = this.C;
    const cdf = this.cs.entrantMixCdf;
    for (let c = 0; c < C; c++) if (u < cdf[j * C + c]) return c;
    return C - 1;
  }

  /** Is a citizen of c a citizen of the country of region j? */
  citizenOf(c: number, j: number): boolean {
    return this.cs.citizenCountry[c] === this.cs.regionCountry[j];
  }

  /** Home region of citizenship c. */
  citizenHome(c: number): number {
    return this.cs.citizenHome[c];
  }

  /**
   * Does a newcomer of citizenship c in region j start on a temporary status: neither a citizen
   * of j's country nor a free mover there, and under a rule that grants no permanent residence
   * at once (this period's rules)?
   */
  startsTemporary(c: number, j: number): boolean {
    return mayBeTemporary(this.cs, c, j, this.pp.rulePermanent);
  }

  /**
   * Fills `out[j]` with region j's taste shock for one decision (docs/model.md 3.3.4), from the
   * peer's own uniforms `random()`: a standard Gumbel −ln(−ln U) per region in no nest (or in a
   * nest whose lambda is 1 this period), and for a nest with lambda < 1 one positive-stable draw
   * S (Chambers–Mallows–Stuck / Kanter, from U ~ Uniform(0, π) and W ~ Exp(1)) shared by its
   * regions, each getting lambda (ln S − ln E_j) with E_j ~ Exp(1) of its own.
   */
  tasteShocks(random: () => number, out: Float64Array): void {
    const { nestOf, off } = this.cs;
    for (let j = 0; j < this.R; j++) out[j] = -Math.log(-Math.log(random()));
    for (let n = 0; n < this.cs.nests.length; n++) {
      const lambda = this.pp.vec[off.nestLambda + n];
      if (!(lambda < 1)) continue;
      const u = Math.PI * random();
      const w = -Math.log(random());
      const lnS =
        Math.log(Math.sin(lambda * u)) -
        Math.log(Math.sin(u)) / lambda +
        ((1 - lambda) / lambda) * (Math.log(Math.sin((1 - lambda) * u)) - Math.log(w));
      // out[j] = −ln E_j for the regions of the nest (the Gumbel drawn above is −ln of an Exp(1)).
      for (let j = 0; j < this.R; j++) if (nestOf[j] === n) out[j] = lambda * (lnS + out[j]);
    }
  }

  /**
   * The period in which a temporary status granted now in region j to a citizen of c expires
   * (docs/model.md 3.3.9): the rule's term later, Infinity when it has none.
   */
  statusEnd(c: number, j: number): number {
    const term = this.tables.expiryPeriods[c * this.R + j];
    return term > 0 ? this.t + term : Infinity;
  }

  /**
   * The expiry of an initial holder's status in region j (docs/model.md 3.1), from a uniform draw
   * u: uniformly within its first term, in period t + 1 + floor(u * term); Infinity with no term.
   */
  initialStatusEnd(c: number, j: number, u: number): number {
    const term = this.tables.expiryPeriods[c * this.R + j];
    return term > 0 ? this.t + 1 + Math.floor(u * term) : Infinity;
  }

  /** Probability that an expiring status of a citizen of c in region j is renewed. */
  renewal(c: number, j: number): number {
    return this.tables.renewal[c * this.R + j];
  }

  /** Are regions r and j in different countries? */
  crossBorder(r: number, j: number): boolean {
    return this.cs.regionCountry[r] !== this.cs.regionCountry[j];
  }
}
