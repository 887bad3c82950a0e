/**
 * The engine: agent columns, the period tables and the step of docs/model.md 1.3, in order:
 * (1) policies -> tables, (2) exits, (3) the lottery, (4) scheduled moves, (5) decisions,
 * (6) status changes, (7) entries, (8) observation.
 *
 * Steps 2, 4, 5, 6 and 8 run in one pass over the agents: each agent's exit, move, decision and
 * status change depend only on its own columns, its own keyed draws and the period's tables
 * (built from the previous period's aggregates), never on another agent's state this period,
 * so fusing them leaves every result as if the steps ran one after another. The lottery (3)
 * runs before the pass on the pool only, and evaluates the same keyed exit draw the pass uses.
 */
import { NonFiniteError } from "../errors";
import { Purpose, exponentialOfHash, keyedExponentialSingle, keyedHash, keyedNormal, keyedUniform, optionHash, streamKey } from "../random/keyed";
import { type CompiledScenario } from "./_compile";
import type { CompiledPolicies, PeriodParams } from "./_period";
import { PeriodDriver } from "./_periodDriver";
import { AgentColumns, Flag } from "./_state";
import { Admit, typeCount, wageLevel, type MarketState, type PeriodTables } from "./_tables";

/**
 * Fine skill histogram: 256 bins over [-4, 4), skills beyond clamped to the edge bins (a share
 * of about 1e-4 of agents). Each agent's bin is computed once, when it is created.
 */
const FINE_BINS = 256;
const FINE_LO = -4;
const FINE_WIDTH = 8 / FINE_BINS;
/** Coarse skill bins for welfare cells: 16 over [-4, 4), each 16 fine bins (coarse = fine >> 4). */
const SKILL_BINS = 16;
const SKILL_LO = -4;
const SKILL_WIDTH = 0.5;
const FINE_PER_SKILL_SHIFT = 4;

/**
 * Skill sums are kept in units of 2^-24 (a float32 skill in (-8, 8) rounded to 24 fractional
 * bits): integers below 2^53, so adding and removing agents in any order gives the same sum, and
 * a run restored from a checkpoint matches the uninterrupted one to the bit.
 */
const SKILL_UNITS = 2 ** 24;

/**
 * Powers of two 2^k for k in [-1074, 1023] (index k + POW2_BIAS; 0 below), for the decision's
 * cheap upper bound on e^d. Arguments at or above EXP_BOUND_MAX take the exact path.
 */
const POW2_BIAS = 1100;
const POW2 = /* @__PURE__ */ Float64Array.from({ length: POW2_BIAS + 1024 }, (_, k) => 2 ** (k - POW2_BIAS));
const EXP_BOUND_MAX = 700;

/**
 * Whether an option with value d relative to staying and exponential draw e is certainly worth
 * no more than staying (e^d / e <= wStay), decided without `exp`: e^d is below
 * 2^(floor(d log2 e + 1e-9) + 1), the 1e-9 leaving room for the rounding of d * log2 e; below
 * d = -700, e^d / e is under 1e-295 for any draw. When this returns true, the exact comparison
 * `Math.exp(d) / e <= wStay` holds too (a property test checks it); when it returns false, the
 * caller computes the exact value.
 * @internal
 */
export function cannotBeatStaying(d: number, e: number, wStay: number): boolean {
  return d < EXP_BOUND_MAX && (d < -700 || POW2[Math.floor(d * Math.LOG2E + 1e-9) + 1 + POW2_BIAS]! <= wStay * e);
}

/** Slots scanned at a time for due agents (the scratch list is this long). */
const DUE_CHUNK = 4096;

/** Latest period a schedule can name (int16 columns). */
const NEVER = 32767;

/**
 * Periods until the first event of a per-period probability p, 0 meaning this period: a
 * geometric waiting time floor(E / rate) from one keyed exponential draw E, with
 * rate = -ln(1 - p) (P(floor(E / rate) >= k) = e^(-k rate) = (1 - p)^k). Because the geometric
 * distribution is memoryless, scheduling the next event once is the same process as a Bernoulli
 * draw every period, at a fraction of the draws.
 */
function waitingPeriods(e: number, rate: number): number {
  if (rate === Infinity) return 0;
  if (rate === 0) return NEVER;
  const k = Math.floor(e / rate);
  return k < NEVER ? k : NEVER;
}

/** Fine skill bin of a skill value. */
function skillBin(z: number): number {
  const b = Math.floor((z - FINE_LO) / FINE_WIDTH);
  return b < 0 ? 0 : b >= FINE_BINS ? FINE_BINS - 1 : b;
}
/** Age bands: under 30, 30-39, 40-49, 50 and over; midpoints used for welfare's age term. */
const AGE_BANDS = 4;
const AGE_BAND_MID = [0, 35, 45, 57.5];
/** First id of entrants: ids below are the initial population. */
const ENTRANT_ID_BASE = 2 ** 31;
/** Years within which a migrant's departure counts as an exit of its arrival cohort. */
const COHORT_YEARS = 5;

/** Aggregates of one reported period, in agents (rows multiply by scale). */
export interface PeriodRecord {
  /** Reported period index (0 = first period of startYear). */
  period: number;
  /** Calendar time of the period's start. */
  time: number;
  stock: Float64Array;
  /** c * R + j. */
  stockByCitizenship: Float64Array;
  researchers: Float64Array;
  entries: Float64Array;
  exits: Float64Array;
  /** origin * R + destination. */
  flows: Float64Array;
  meanSkill: Float64Array;
  topDecileShare: Float64Array;
  meanWage: Float64Array;
  welfareByRegion: Float64Array;
  welfare: number;
  applications: Float64Array;
  admissions: Float64Array;
  lotteryEntrants: Float64Array;
  lotteryWinners: Float64Array;
  /** Selection rate of the draw this period per region's lottery; NaN where no draw (not emitted). */
  selectionRate: Float64Array;
  /** Per citizenship. */
  brainDrain: Float64Array;
  brainDrainYoung: Float64Array;
  returnMoves: Float64Array;
  topResearchersAbroad: number;
  /** Per country: share of the arrival cohort completing its 5 years this period that left; NaN if none. */
  cohortExit5y: Float64Array;
  cohortArrivals: Float64Array;
  /** Values of user observers. */
  custom: Record<string, number | Record<string, number>>;
}

/** The engine's state besides the agent columns, as JSON-able data. */
export interface EngineState {
  t: number;
  scheduledExit: number;
  scheduledConsider: number;
  scheduledPermanence: Array<number | null>;
  used: number;
  freeCount: number;
  market: Record<"supply" | "supply0" | "investment0" | "diaspora" | "selectionRate" | "programChance", Array<number | null>>;
  skillMean: Array<number | null>;
  skillSd: Array<number | null>;
  lotteryStart: Array<number | null>;
  programRemaining: Array<number | null>;
  programStarted: Array<number | null>;
  entrantCarry: Array<number | null>;
  cohortArrivals: Array<number | null>;
  cohortLeft: Array<number | null>;
  startStock: Array<number | null>;
  tablesSigma: Array<number | null>;
  history: Array<Record<string, unknown>>;
}

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
  agents: AgentColumns;
  readonly pp: PeriodParams;
  readonly tables: PeriodTables;
  readonly market: MarketState;
  /** Mean and standard deviation of skill per region at the end of the previous period. */
  readonly skillMean: Float64Array;
  readonly skillSd: Float64Array;
  /** Lottery: period in which the current winners start (-1: none waiting). */
  readonly lotteryStart: Int32Array;
  /** Programs: places left (agents), carry of fractional places, applicants last period. */
  readonly programRemaining: Float64Array;
  readonly programStarted: Uint8Array;
  readonly entrantCarry: Float64Array;
  /** Cohorts: arrivals and departures within 5 years, year * K + country. */
  readonly cohortArrivals: Float64Array;
  readonly cohortLeft: Float64Array;
  readonly history: PeriodRecord[] = [];
  /** Stocks per region (agents) at the end of burn-in: the start of the reported run. */
  startStock: Float64Array;

  // Accumulators of the period being observed.
  private readonly cells: Int32Array;
  /** Active agents per type (the cells summed over skill bins and age bands). */
  private readonly typeCounts: Int32Array;
  /** Per-period probabilities the exit and consideration schedules were drawn with (NaN: none yet). */
  private scheduledExit = NaN;
  private scheduledConsider = NaN;
  /** Per (citizenship, region): the permanence probability the status times were drawn with. */
  private readonly scheduledPermanence: Float64Array;
  /** Retirement age in periods that `nextAt` accounts for (NaN: none yet), and this period's. */
  private scheduledRetire = NaN;
  private retirePeriods = 0;
  /** Stream of status times for stays that begin this period. */
  private kStatusNext = 0;
  /** Scratch: the slots of a lottery's pool (grown when a pool is larger). */
  private poolSlots = new Int32Array(1024);
  /** Scratch: the due slots of one chunk of the pass. */
  private readonly dueSlots = new Int32Array(DUE_CHUNK);
  /** Fine-histogram group of each type: (region, researcher, abroad). */
  private readonly fineGroup: Uint8Array;
  /** 1 for citizenships whose citizens speak German. */
  private readonly germanCitizen: Uint8Array;
  private readonly fine: Int32Array;
  private readonly zsum: Float64Array;
  private readonly entries: Float64Array;
  private readonly exits: Float64Array;
  private readonly flows: Float64Array;
  private readonly applications: Float64Array;
  private readonly admissions: Float64Array;
  private readonly lotteryEntrants: Float64Array;
  private readonly lotteryWinners: Float64Array;
  private readonly selectionThisPeriod: Float64Array;
  private readonly returnMoves: Float64Array;
  /** Keyed streams of the current period, one per destination. */
  private gumbelKey = 0;
  private readonly admitKeys: Int32Array;
  private readonly extraKeys: Int32Array;
  private batchSlots: Int32Array;
  private batchProgram: Int16Array;
  private batchCount = 0;
  // Age-band birth-period edges of the current period (born <= edge means at least that old).
  private edge30 = 0;
  private edge40 = 0;
  private edge50 = 0;

  constructor(cs: CompiledScenario, options: EngineOptions, restoring = false) {
    this.cs = cs;
    this.seed = options.seed >>> 0;
    const s = cs.scenario;
    const R = (this.R = cs.regions.length);
    const C = (this.C = cs.citizenships.length);
    const K = (this.K = cs.countries.length);
    this.ppy = s.periodsPerYear;
    this.people = cs.regions.reduce((sum, code) => sum + s.regions[code]!.initialStock, 0);
    const agents = s.agents ?? Math.round(this.people);
    this.scale = this.people / agents;
    const kernel = (this.kernel = new PeriodDriver(cs, { programScale: this.scale }));
    this.cp = kernel.policies;
    this.burnInPeriods = kernel.burnInPeriods;
    this.totalPeriods = kernel.totalPeriods;
    this.pp = kernel.params;
    this.tables = kernel.tables;
    this.market = kernel.market;
    this.skillMean = new Float64Array(R);
    this.skillSd = new Float64Array(R).fill(1);
    this.lotteryStart = new Int32Array(cs.lotteries.length).fill(-1);
    this.programRemaining = kernel.programRemaining;
    this.programStarted = kernel.programStarted;
    this.entrantCarry = new Float64Array(R);
    const years = Math.ceil(this.totalPeriods / this.ppy) + 1;
    this.cohortArrivals = new Float64Array(years * K);
    this.cohortLeft = new Float64Array(years * K);
    this.cells = new Int32Array(typeCount(R, C) * SKILL_BINS * AGE_BANDS);
    this.typeCounts = new Int32Array(typeCount(R, C));
    this.scheduledPermanence = new Float64Array(C * R).fill(NaN);
    this.germanCitizen = Uint8Array.from(cs.citizenships, (c) => (s.citizenships[c]!.german ? 1 : 0));
    this.fineGroup = new Uint8Array(typeCount(R, C));
    for (let type = 0; type < this.fineGroup.length; type++) {
      const rest = type >> 3;
      const r = Math.floor(rest / R) % R;
      const c = Math.floor(rest / (R * R));
      const abroad = cs.citizenCountry[c] !== cs.regionCountry[r] ? 1 : 0;
      this.fineGroup[type] = (r * 2 + (type & 1)) * 2 + abroad;
    }
    this.fine = new Int32Array(R * 4 * FINE_BINS);
    this.zsum = new Float64Array(R);
    this.entries = new Float64Array(R);
    this.exits = new Float64Array(R);
    this.flows = new Float64Array(R * R);
    this.applications = new Float64Array(R);
    this.admissions = new Float64Array(R);
    this.lotteryEntrants = new Float64Array(R);
    this.lotteryWinners = new Float64Array(R);
    this.selectionThisPeriod = new Float64Array(R);
    this.returnMoves = new Float64Array(C);
    this.admitKeys = new Int32Array(R);
    this.extraKeys = new Int32Array(R);
    this.batchSlots = new Int32Array(1024);
    this.batchProgram = new Int16Array(1024);
    this.startStock = new Float64Array(R);

    const yearlyEntrants = cs.regions.reduce((sum, code) => sum + s.regions[code]!.entrants, 0) / this.scale;
    this.agents = new AgentColumns(restoring ? 16 : Math.ceil(agents * 1.05 + yearlyEntrants * 2 + 1024));
    if (!restoring) this.initialize(agents);
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

  // ---------------------------------------------------------------------------------------------
  // Initial population (docs/model.md 3.1).

  private initialize(agents: number): void {
    const { cs, R, C, ppy } = this;
    const s = cs.scenario;
    const a = this.agents;
    const b = s.behavior;
    // Agents per region by largest remainder, so the total is exactly `agents`.
    const exact = cs.regions.map((code) => s.regions[code]!.initialStock / this.scale);
    const counts = exact.map(Math.floor);
    let left = agents - counts.reduce((x, y) => x + y, 0);
    const order = exact.map((x, j) => ({ j, rem: x - Math.floor(x) })).sort((p, q) => q.rem - p.rem || p.j - q.j);
    for (let k = 0; left > 0; k = (k + 1) % R, left--) counts[order[k]!.j]!++;

    // Ages: entryAge + (retirementAge - entryAge) * u^p with the median at initialAgeMedian.
    const span = b.retirementAge - b.entryAge;
    const power = Math.log((b.initialAgeMedian - b.entryAge) / span) / Math.log(0.5);
    const seed = this.seed;
    const INIT = 0xffff;
    const kCit = streamKey(seed, INIT, Purpose.InitCitizenship, 0);
    const kAge = streamKey(seed, INIT, Purpose.InitAge, 0);
    const kSkill = streamKey(seed, INIT, Purpose.InitSkill, 0);
    const kSkill2 = streamKey(seed, INIT, Purpose.InitSkillSibling, 0);
    const kGerman = streamKey(seed, INIT, Purpose.InitGerman, 0);
    const kRes = streamKey(seed, INIT, Purpose.InitResearcher, 0);
    const kTemp = streamKey(seed, INIT, Purpose.InitTemporary, 0);
    const germanCitizen = this.germanCitizen;
    let id = 0;
    for (let j = 0; j < R; j++) {
      const reg = s.regions[cs.regions[j]!]!;
      for (let k = 0; k < counts[j]!; k++, id++) {
        const slot = a.allocate();
        const c = this.pickCitizenship(cs.initialMixCdf, j, keyedUniform(kCit, id));
        const citizen = cs.citizenCountry[c] === cs.regionCountry[j];
        const age = b.entryAge + span * Math.pow(keyedUniform(kAge, id), power);
        let flags = Flag.Active;
        if (germanCitizen[c] || keyedUniform(kGerman, id) < reg.germanShare) flags |= Flag.German;
        if (keyedUniform(kRes, id) < reg.researcherShare) flags |= Flag.Researcher;
        if (!citizen && !this.freeMover(c, j) && !cs.rulePermanent[j * C + c] && keyedUniform(kTemp, id) < reg.temporaryShare) {
          flags |= Flag.Temporary;
        }
        a.id[slot] = id;
        a.region[slot] = j;
        a.home[slot] = citizen ? j : cs.citizenHome[c]!;
        a.citizenship[slot] = c;
        a.skill[slot] = reg.entrySkillMean + keyedNormal(kSkill, kSkill2, id);
        a.bin[slot] = skillBin(a.skill[slot]!);
        a.bornPeriod[slot] = -Math.floor(age * ppy);
        a.arrivedPeriod[slot] = 0;
        a.flags[slot] = flags;
        a.pending[slot] = 0;
        // Times of exit, consideration, status change and retirement join `nextAt` when the
        // first step draws them; until then the next event is the next age band.
        a.statusAt[slot] = NEVER;
        a.nextAt[slot] = this.nextBand(a.bornPeriod[slot]!, -1);
        this.retype(slot);
      }
    }
    // Aggregates of the initial population, as the state at the end of period -1: supply S(0),
    // diaspora, skill moments. From here on they are kept up to date event by event.
    this.rebuildAccumulators(-1);
    this.updateMarket();
    this.kernel.startMarket();
    for (let j = 0; j < R; j++) this.startStock[j] = counts[j]!;
  }

  private pickCitizenship(cdf: Float64Array, j: number, u: number): number {
    const C = this.C;
    for (let c = 0; c < C; c++) if (u < cdf[j * C + c]!) return c;
    return C - 1;
  }

  private freeMover(c: number, j: number): boolean {
    const K = this.K;
    return this.cs.freeMove[this.cs.citizenCountry[c]! * K + this.cs.regionCountry[j]!] === 1;
  }

  private edgesFor(t: number): void {
    this.edge30 = t - 30 * this.ppy;
    this.edge40 = t - 40 * this.ppy;
    this.edge50 = t - 50 * this.ppy;
  }

  // ---------------------------------------------------------------------------------------------
  // Observation. The aggregates (cells, fine histogram, skill sums) describe the active agents
  // and are kept up to date event by event: an agent is removed (-1) before its type changes
  // and added (+1) after, added when it enters, removed when it exits, and moved to the next
  // age band in the period it crosses one. Agents with no event cost nothing, and the counts
  // equal a full recount of the active agents at the end of every period (a test checks it).

  /** Recounts the aggregates from the agent columns, with the age bands of period t. */
  private rebuildAccumulators(t: number): void {
    this.cells.fill(0);
    this.typeCounts.fill(0);
    this.fine.fill(0);
    this.zsum.fill(0);
    this.edgesFor(t);
    const a = this.agents;
    for (let i = 0; i < a.used; i++) if ((a.flags[i]! & Flag.Active) !== 0) this.accumulate(i, 1);
  }

  /** Adds (sign 1) or removes (sign -1) an agent's current state from the aggregates. */
  private accumulate(i: number, sign: number): void {
    const a = this.agents;
    const type = a.type[i]!;
    const bin = a.bin[i]!;
    const born = a.bornPeriod[i]!;
    const ab = (born <= this.edge30 ? 1 : 0) + (born <= this.edge40 ? 1 : 0) + (born <= this.edge50 ? 1 : 0);
    this.cells[(((type << FINE_PER_SKILL_SHIFT) | (bin >> FINE_PER_SKILL_SHIFT)) << 2) | ab] += sign;
    this.typeCounts[type] += sign;
    this.fine[this.fineGroup[type]! * FINE_BINS + bin] += sign;
    this.zsum[a.region[i]!] += sign * Math.round(a.skill[i]! * SKILL_UNITS);
  }

  /**
   * The aggregates as a full recount of the active agents would give them at the end of the
   * current period: for tests of the event-by-event bookkeeping.
   * @internal
   */
  recount(): { cells: Int32Array; typeCounts: Int32Array; fine: Int32Array; zsum: Float64Array; kept: { cells: Int32Array; typeCounts: Int32Array; fine: Int32Array; zsum: Float64Array } } {
    const kept = { cells: this.cells.slice(), typeCounts: this.typeCounts.slice(), fine: this.fine.slice(), zsum: this.zsum.slice() };
    this.rebuildAccumulators(this.t - 1);
    const counted = { cells: this.cells.slice(), typeCounts: this.typeCounts.slice(), fine: this.fine.slice(), zsum: this.zsum.slice() };
    this.cells.set(kept.cells);
    this.typeCounts.set(kept.typeCounts);
    this.fine.set(kept.fine);
    this.zsum.set(kept.zsum);
    return { ...counted, kept };
  }

  /** Recomputes the derived type column of slot i from its state columns. */
  private retype(i: number): void {
    const a = this.agents;
    const R = this.R;
    const f = a.flags[i]!;
    a.type[i] = ((((a.citizenship[i]! * R + a.region[i]!) * R + a.home[i]!) * 2 + ((f >> 3) & 1)) * 2 + ((f >> 1) & 1)) * 2 + ((f >> 2) & 1);
  }

  /** Supply, diaspora and skill moments for the next period's tables, from the accumulators. */
  private updateMarket(): void {
    const { R, C } = this;
    const m = this.market;
    const NT = typeCount(R, C);
    m.diaspora.fill(0);
    for (let type = 0; type < NT; type++) {
      const n = this.typeCounts[type]!;
      if (n === 0) continue;
      const rest = Math.floor(type / 8);
      const r = Math.floor(rest / R) % R;
      const c = Math.floor(rest / (R * R));
      m.diaspora[c * R + r] += n * this.scale;
    }
    for (let r = 0; r < R; r++) {
      const sigma = this.tables.sigma[r] || this.cs.scenario.regions[this.cs.regions[r]!]!.skillReturn;
      let supply = 0;
      let n = 0;
      let sq = 0;
      for (let b = 0; b < FINE_BINS; b++) {
        // The four histogram groups of the region share the bin.
        const base = r * 4 * FINE_BINS + b;
        const count = this.fine[base]! + this.fine[base + FINE_BINS]! + this.fine[base + 2 * FINE_BINS]! + this.fine[base + 3 * FINE_BINS]!;
        if (count === 0) continue;
        const z = FINE_LO + (b + 0.5) * FINE_WIDTH;
        supply += count * Math.exp(sigma * z);
        n += count;
        sq += count * z * z;
      }
      m.supply[r] = supply * this.scale;
      const mean = n > 0 ? this.zsum[r]! / SKILL_UNITS / n : 0;
      this.skillMean[r] = mean;
      this.skillSd[r] = n > 1 ? Math.sqrt(Math.max(sq / n - mean * mean, 1e-6)) : 1;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // The step.

  /** Runs one internal period. */
  step(observers?: ReadonlyArray<[string, (view: PeriodRecord) => number | Record<string, number>]>): PeriodRecord | undefined {
    if (this.done) throw new Error("the simulation has reached its horizon; no period is left to step");
    const t = this.t;
    const { cs, R, C, ppy, seed } = this;
    const a = this.agents;
    const time = this.timeOf(t);
    const report = this.reportPeriod(t);

    // (1) Policies -> the period's tables.
    const T = this.kernel.begin(t);
    const b = cs.off.behavior;
    const retirePeriods = Math.round(this.pp.vec[b.retirementAge!]! * ppy);
    const retireBorn = t - retirePeriods;
    const pExit = T.exitProbability;
    const pConsider = T.considerProbability;
    // Exit, consideration and status-change times are scheduled (docs/model.md's per-period hazards
    // as geometric waiting times); when a hazard changes, the times it governs are drawn anew
    // from now on. Each agent's next event is kept in `nextAt`, which may only move earlier here.
    if (pExit !== this.scheduledExit || pConsider !== this.scheduledConsider) {
      this.reschedule(t, pExit !== this.scheduledExit, pConsider !== this.scheduledConsider, pExit, pConsider);
    }
    this.reschedulePermanence(t);
    if (retirePeriods !== this.scheduledRetire) this.rescheduleRetirement(retirePeriods);
    this.retirePeriods = retirePeriods;
    this.kStatusNext = streamKey(seed, t, Purpose.StatusNext, 0);

    this.clearEventCounters();
    this.edgesFor(t);
    this.gumbelKey = streamKey(seed, t, Purpose.Gumbel, 0);
    for (let j = 0; j < R; j++) {
      this.admitKeys[j] = streamKey(seed, t, Purpose.Admit, j);
      this.extraKeys[j] = streamKey(seed, t, Purpose.GumbelExtra, j);
    }

    // (3) The lottery, on the pool: the same keyed exit draw as the pass decides who is still there.
    this.selectionThisPeriod.fill(NaN);
    for (let l = 0; l < cs.lotteries.length; l++) {
      if (t % ppy === cs.lotteryPeriod[l]) this.drawLottery(l, t, retireBorn);
    }
    const startsNow = new Uint8Array(cs.lotteries.length);
    for (let l = 0; l < cs.lotteries.length; l++) startsNow[l] = this.lotteryStart[l] === t ? 1 : 0;

    // (2, 4, 5, 6, 8) One pass over the agents.
    this.batchCount = 0;
    this.pass(t, retireBorn, pConsider, startsNow);

    // (5, continued) Capped programs: places go to the applicants with the smallest keyed draws.
    this.resolvePrograms(t);
    // (7) Entries.
    this.enter(t);
    // (8) Observation.
    this.updateMarket();
    const record = report >= 0 ? this.record(t, report, time) : undefined;
    if (record && observers) {
      for (const [name, fn] of observers) record.custom[name] = fn(record);
    }
    if (record) this.history.push(record);
    this.t = t + 1;
    if (this.t === this.burnInPeriods) this.captureStartStock();
    return record;
  }

  /**
   * Steps 2, 4, 5, 6 and 8 for every agent: exit, scheduled move, decision, status change,
   * observation. Hot path: typed arrays and the period's tables only, no allocation. Every event
   * of an agent is scheduled, so an agent whose next event has not come (most of them) costs
   * one comparison; the aggregates change only where an event changes them.
   */
  private pass(t: number, retireBorn: number, pConsider: number, startsNow: Uint8Array): void {
    const a = this.agents;
    const cs = this.cs;
    const { id: ids, region, bornPeriod, flags, pending, type, bin, exitAt, considerAt, statusAt, nextAt } = a;
    const kNext = streamKey(this.seed, t, Purpose.ConsiderNext, 0);
    const considerRate = -Math.log1p(-pConsider);
    const { cells, edge30, edge40, edge50 } = this;
    const used = a.used;
    const dueSlots = this.dueSlots;
    for (let start = 0; start < used; start += DUE_CHUNK) {
      // The slots of this chunk whose next event has come, found without a branch per slot.
      const end = Math.min(used, start + DUE_CHUNK);
      let n = 0;
      for (let i = start; i < end; i++) {
        dueSlots[n] = i;
        n += nextAt[i]! <= t ? 1 : 0;
      }
      for (let k = 0; k < n; k++) {
        const i = dueSlots[k]!;
        const f = flags[i]!;
        if ((f & Flag.Active) === 0) {
          nextAt[i] = NEVER;
          continue;
        }
        const born = bornPeriod[i]!;
        // Observation: an agent turning 30, 40 or 50 moves to the next age band.
        if (born === edge30 || born === edge40 || born === edge50) {
          const ab = (born <= edge30 ? 1 : 0) + (born <= edge40 ? 1 : 0) + (born <= edge50 ? 1 : 0);
          const cell = ((type[i]! << FINE_PER_SKILL_SHIFT) | (bin[i]! >> FINE_PER_SKILL_SHIFT)) << 2;
          cells[cell | (ab - 1)]--;
          cells[cell | ab]++;
        }
        if (born <= retireBorn || exitAt[i]! <= t) {
          this.accumulate(i, -1);
          this.exits[region[i]!]++;
          flags[i] = 0;
          pending[i] = 0;
          nextAt[i] = NEVER;
          a.release(i);
          continue;
        }
        const id = ids[i]!;
        let moved = false;
        const due = considerAt[i]! <= t;
        if (due) {
          const next = t + 1 + waitingPeriods(keyedExponentialSingle(kNext, id), considerRate);
          considerAt[i] = next < NEVER ? next : NEVER;
        }
        const p = pending[i]!;
        if (p !== 0) {
          if ((f & Flag.Won) !== 0 && startsNow[cs.regionLottery[p - 1]!] === 1) {
            pending[i] = 0;
            flags[i] = f & ~Flag.Won;
            this.admissions[p - 1]++;
            this.moveAgent(i, p - 1, t, this.moveTempFor(i, p - 1));
            moved = true;
          }
        } else if (due) {
          moved = this.decide(i, id, region[i]!, t);
        }
        const g = flags[i]!;
        if (!moved && (g & Flag.Temporary) !== 0 && statusAt[i]! <= t) {
          this.accumulate(i, -1);
          flags[i] = g & ~Flag.Temporary;
          statusAt[i] = NEVER;
          this.retype(i);
          this.accumulate(i, 1);
        }
        nextAt[i] = this.nextEvent(i, t);
      }
    }
  }

  /** The first period after t in which an agent born in period `born` turns 30, 40 or 50 (NEVER if none). */
  private nextBand(born: number, t: number): number {
    const decade = 10 * this.ppy;
    if (born + 3 * decade > t) return born + 3 * decade;
    if (born + 4 * decade > t) return born + 4 * decade;
    if (born + 5 * decade > t) return born + 5 * decade;
    return NEVER;
  }

  /**
   * The first period after t with an event of agent i: exit, retirement, consideration, status
   * change, an age band (30, 40, 50), the start of a won visa.
   */
  private nextEvent(i: number, t: number): number {
    const a = this.agents;
    let next = a.exitAt[i]!;
    const consider = a.considerAt[i]!;
    if (consider < next) next = consider;
    const status = a.statusAt[i]!;
    if (status < next) next = status;
    const born = a.bornPeriod[i]!;
    const retire = born + this.retirePeriods;
    if (retire < next) next = retire;
    const band = this.nextBand(born, t);
    if (band < next) next = band;
    if ((a.flags[i]! & Flag.Won) !== 0) {
      const start = this.lotteryStart[this.cs.regionLottery[a.pending[i]! - 1]!]!;
      if (start > t && start < next) next = start;
    }
    return next;
  }

  /** Draws exit and/or consideration times from period t for every active agent. */
  private reschedule(t: number, exits: boolean, consider: boolean, pExit: number, pConsider: number): void {
    const a = this.agents;
    const kExit = streamKey(this.seed, t, Purpose.ExitTime, 0);
    const kConsider = streamKey(this.seed, t, Purpose.ConsiderTime, 0);
    const exitRate = -Math.log1p(-pExit);
    const considerRate = -Math.log1p(-pConsider);
    for (let i = 0; i < a.used; i++) {
      if ((a.flags[i]! & Flag.Active) === 0) continue;
      const id = a.id[i]!;
      if (exits) a.exitAt[i] = Math.min(NEVER, t + waitingPeriods(keyedExponentialSingle(kExit, id), exitRate));
      if (consider) a.considerAt[i] = Math.min(NEVER, t + waitingPeriods(keyedExponentialSingle(kConsider, id), considerRate));
      a.nextAt[i] = Math.min(a.nextAt[i]!, a.exitAt[i]!, a.considerAt[i]!);
    }
    this.scheduledExit = pExit;
    this.scheduledConsider = pConsider;
  }

  /**
   * Status changes: where the period's permanence probability of a (citizenship, region) differs
   * from the one its temporary agents' times were drawn with, draws their times anew from t.
   */
  private reschedulePermanence(t: number): void {
    const permanence = this.tables.permanence;
    const scheduled = this.scheduledPermanence;
    let changed = false;
    for (let k = 0; k < permanence.length; k++) if (permanence[k] !== scheduled[k]) changed = true;
    if (!changed) return;
    const a = this.agents;
    const R = this.R;
    const key = streamKey(this.seed, t, Purpose.StatusTime, 0);
    for (let i = 0; i < a.used; i++) {
      const f = a.flags[i]!;
      if ((f & Flag.Active) === 0 || (f & Flag.Temporary) === 0) continue;
      const cell = a.citizenship[i]! * R + a.region[i]!;
      if (permanence[cell] === scheduled[cell]) continue;
      a.statusAt[i] = Math.min(NEVER, t + waitingPeriods(keyedExponentialSingle(key, a.id[i]!), -this.tables.permanenceLogStay[cell]!));
      a.nextAt[i] = Math.min(a.nextAt[i]!, a.statusAt[i]!);
    }
    scheduled.set(permanence);
  }

  /** Retirement: when the retirement age changes, agents it reaches sooner are visited sooner. */
  private rescheduleRetirement(retirePeriods: number): void {
    const a = this.agents;
    for (let i = 0; i < a.used; i++) {
      if ((a.flags[i]! & Flag.Active) === 0) continue;
      const retire = a.bornPeriod[i]! + retirePeriods;
      if (retire < a.nextAt[i]!) a.nextAt[i] = Math.max(-NEVER, retire);
    }
    this.scheduledRetire = retirePeriods;
  }

  /** Time of a temporary status ending, for a stay with that status that begins in period t. */
  private statusTimeFrom(t: number, i: number): number {
    const logStay = this.tables.permanenceLogStay[this.agents.citizenship[i]! * this.R + this.agents.region[i]!]!;
    return Math.min(NEVER, t + 1 + waitingPeriods(keyedExponentialSingle(this.kStatusNext, this.agents.id[i]!), -logStay));
  }

  private captureStartStock(): void {
    this.startStock.fill(0);
    const a = this.agents;
    for (let i = 0; i < a.used; i++) if (a.flags[i]! & Flag.Active) this.startStock[a.region[i]!]++;
  }

  private clearEventCounters(): void {
    this.entries.fill(0);
    this.exits.fill(0);
    this.flows.fill(0);
    this.applications.fill(0);
    this.admissions.fill(0);
    this.lotteryEntrants.fill(0);
    this.lotteryWinners.fill(0);
    this.returnMoves.fill(0);
  }

  private moveTempFor(i: number, j: number): number {
    return this.tables.moveTemp[this.agents.type[i]! * this.R + j]!;
  }

  /**
   * The decision of docs/model.md 3.3.4 for one agent that looks around. Returns whether the
   * agent moved this period. No allocation: tables and keyed draws only.
   */
  private decide(i: number, id: number, r: number, t: number): boolean {
    const a = this.agents;
    const T = this.tables;
    const R = this.R;
    const { T: value, betaSigma, admit: admitRule, zCut, piHigh, piLow, program: programOf } = T;
    const extraKeys = this.extraKeys;
    const c = a.citizenship[i]!;
    const f = a.flags[i]!;
    const z = a.skill[i]!;
    const row = a.type[i]! * R;
    const age = t - a.bornPeriod[i]!;
    const over30 = age - 30 * this.ppy;
    const ageTerm = over30 > 0 ? over30 * T.ageCostPerPeriod : 0;
    let stay = value[row + r]! + betaSigma[r]! * z;
    if ((f & Flag.Arrived) !== 0 && this.pp.taxWindow[r]! > t - a.arrivedPeriod[i]!) {
      const citizen = this.cs.citizenCountry[c] === this.cs.regionCountry[r] ? 1 : 0;
      stay += T.taxStayBonus[r * 2 + citizen]!;
    }
    // Gumbel-max in exponential form: with G = -ln(E), E ~ Exp(1), the option with the largest
    // V + G is the one with the largest e^V / E. Values are taken relative to staying, so each
    // option costs one exponential draw (ziggurat, no logarithm) and at most one exp.
    // One keyed hash per decision; each option's shock comes from it (see optionHash).
    const base = keyedHash(this.gumbelKey, id);
    const eStay = exponentialOfHash(optionHash(base, r), extraKeys[r]!, id);
    const wStay = 1 / eStay;
    let best = wStay;
    let choice = r;
    for (let j = 0; j < R; j++) {
      if (j === r) continue;
      const at = row + j;
      const admit = admitRule[at]!;
      if (admit === Admit.Closed) continue;
      const d = value[at]! + betaSigma[j]! * z - ageTerm - stay;
      const e = exponentialOfHash(optionHash(base, j), extraKeys[j]!, id);
      // Options a power-of-two bound shows cannot beat staying are passed over without exp:
      // exactly those the comparison below would pass over.
      if (cannotBeatStaying(d, e, wStay)) continue;
      const w = Math.exp(d) / e;
      if (w <= wStay) continue; // with any admission risk, worth less than staying
      let pi = admit === Admit.None ? 1 : z >= zCut[c * R + j]! ? piHigh[at]! : piLow[at]!;
      const program = programOf[at]!;
      if (program >= 0 && pi < 1) pi += (1 - pi) * this.market.programChance[program]!;
      // Anticipated admission: ln(pi e^U_j + (1 - pi) e^U_r), here before the logarithm.
      const worth = pi >= 1 ? w : pi * w + (1 - pi) * wStay;
      if (worth > best) {
        best = worth;
        choice = j;
      }
    }
    if (choice === r) return false;

    const at = row + choice;
    const admit = T.admit[at]!;
    if (admit === Admit.None) {
      this.moveAgent(i, choice, t, T.moveTemp[at]!);
      return true;
    }
    this.applications[choice]++;
    const draw = keyedUniform(this.admitKeys[choice]!, id);
    if (admit === Admit.Lottery) {
      if (draw < T.petition[at]!) {
        a.pending[i] = choice + 1;
        this.lotteryEntrants[choice]++;
      }
      return false;
    }
    const program = T.program[at]!;
    // An open work permit is tried first (its places are allocated after the pass, and those
    // without one fall back on the rule); exchange slots are a fallback for the refused.
    if (program >= 0 && this.cp.programs[program]!.kind === "openWorkPermit") {
      this.pushBatch(i, program);
      return false;
    }
    const pi = z >= T.zCut[c * R + choice]! ? T.piHigh[at]! : T.piLow[at]!;
    if (draw < pi) {
      this.admissions[choice]++;
      this.moveAgent(i, choice, t, T.moveTemp[at]!);
      return true;
    }
    if (program >= 0) this.pushBatch(i, program);
    return false;
  }

  private pushBatch(i: number, program: number): void {
    if (this.batchCount === this.batchSlots.length) {
      const slots = new Int32Array(this.batchSlots.length * 2);
      slots.set(this.batchSlots);
      const progs = new Int16Array(this.batchProgram.length * 2);
      progs.set(this.batchProgram);
      this.batchSlots = slots;
      this.batchProgram = progs;
    }
    this.batchSlots[this.batchCount] = i;
    this.batchProgram[this.batchCount++] = program;
  }

  /** Moves agent i to region j: flows, status, arrival cohort, return moves, aggregates. */
  private moveAgent(i: number, j: number, t: number, temporary: number): void {
    const a = this.agents;
    const cs = this.cs;
    this.accumulate(i, -1);
    const r = a.region[i]!;
    const c = a.citizenship[i]!;
    this.flows[r * this.R + j]++;
    const rc = cs.regionCountry[r]!;
    const jc = cs.regionCountry[j]!;
    let f = a.flags[i]!;
    if (rc !== jc) {
      const K = this.K;
      // A migrant leaving the country it arrived in within five years counts for its cohort.
      if ((f & Flag.Arrived) !== 0 && cs.citizenCountry[c] !== rc && t - a.arrivedPeriod[i]! < COHORT_YEARS * this.ppy) {
        this.cohortLeft[Math.floor(a.arrivedPeriod[i]! / this.ppy) * K + rc]++;
      }
      if (cs.citizenCountry[c] !== jc) this.cohortArrivals[Math.floor(t / this.ppy) * K + jc]++;
      if (j === a.home[i]) this.returnMoves[c]++;
      a.arrivedPeriod[i] = t;
      f |= Flag.Arrived;
      f = temporary ? f | Flag.Temporary : f & ~Flag.Temporary;
    }
    a.flags[i] = f;
    a.region[i] = j;
    // A temporary stay in the new region converts at that region's rate, from next period.
    a.statusAt[i] = (f & Flag.Temporary) !== 0 ? this.statusTimeFrom(t, i) : NEVER;
    if (a.statusAt[i]! < a.nextAt[i]!) a.nextAt[i] = a.statusAt[i]!;
    this.retype(i);
    this.accumulate(i, 1);
  }

  private drawLottery(l: number, t: number, retireBorn: number): void {
    const a = this.agents;
    const cs = this.cs;
    // The pool: agents waiting for this lottery who do not exit this period. Only slots with an
    // application are looked at closely.
    const { flags, pending, bornPeriod, exitAt } = a;
    const regionLottery = cs.regionLottery;
    let size = 0;
    let slots = this.poolSlots;
    for (let i = 0; i < a.used; i++) {
      const p = pending[i]!;
      if (p === 0) continue;
      const f = flags[i]!;
      if ((f & Flag.Active) === 0 || (f & Flag.Won) !== 0 || regionLottery[p - 1] !== l) continue;
      if (bornPeriod[i]! <= retireBorn || exitAt[i]! <= t) continue; // exits this period
      if (size === slots.length) {
        const bigger = new Int32Array(slots.length * 2);
        bigger.set(slots);
        slots = this.poolSlots = bigger;
      }
      slots[size++] = i;
    }
    const pool = slots.subarray(0, size);
    const cap = this.pp.vec[cs.off.lottery.cap + l]! / this.scale;
    const extra = keyedUniform(streamKey(this.seed, t, Purpose.LotteryCap, l), 0) < cap - Math.floor(cap) ? 1 : 0;
    const winners = Math.min(pool.length, Math.floor(cap) + extra);
    const keys = new Float64Array(pool.length);
    const kKey = streamKey(this.seed, t, Purpose.LotteryKey, l);
    const weighted = this.pp.lotteryWeighted[l] === 1;
    for (let k = 0; k < pool.length; k++) {
      const i = pool[k]!;
      let weight = 1;
      if (weighted) {
        // Wage levels I-IV, from the wage's place in the destination's distribution, get 1-4 entries.
        const j = pending[i]! - 1;
        weight = wageLevel((a.skill[i]! - this.skillMean[j]!) / this.skillSd[j]!) + 1;
      }
      // Weighted sampling without replacement: the smallest Exp(1)/w keys win (Efraimidis-Spirakis).
      keys[k] = -Math.log(keyedUniform(kKey, a.id[i]!)) / weight;
    }
    const ids = a.id;
    const order = Int32Array.from({ length: pool.length }, (_, k) => k).sort((x, y) => keys[x]! - keys[y]! || ids[pool[x]!]! - ids[pool[y]!]!);
    const start = t + cs.lotteryStartDelay[l]!;
    for (let k = 0; k < order.length; k++) {
      const i = pool[order[k]!]!;
      const j = a.pending[i]! - 1;
      if (k < winners) {
        a.flags[i] = a.flags[i]! | Flag.Won;
        if (start < a.nextAt[i]!) a.nextAt[i] = start;
        this.lotteryWinners[j]++;
      } else {
        a.pending[i] = 0;
      }
    }
    if (pool.length > 0) this.market.selectionRate[l] = winners / pool.length;
    for (let j = 0; j < this.R; j++) if (cs.regionLottery[j] === l) this.selectionThisPeriod[j] = pool.length > 0 ? winners / pool.length : NaN;
    this.lotteryStart[l] = start;
  }

  private resolvePrograms(t: number): void {
    const progs = this.cp.programs;
    if (progs.length === 0) return;
    const a = this.agents;
    for (let q = 0; q < progs.length; q++) {
      const applicants: number[] = [];
      for (let k = 0; k < this.batchCount; k++) if (this.batchProgram[k] === q) applicants.push(this.batchSlots[k]!);
      const places = Math.floor(this.programRemaining[q]! + 1e-9);
      const key = streamKey(this.seed, t, Purpose.ProgramKey, q);
      const order = applicants
        .map((i) => ({ i, u: keyedUniform(key, a.id[i]!) }))
        .sort((x, y) => x.u - y.u || a.id[x.i]! - a.id[y.i]!);
      const admitted = Math.min(places, order.length);
      const j = progs[q]!.region;
      for (let k = 0; k < admitted; k++) {
        const i = order[k]!.i;
        this.admissions[j]++;
        this.moveAgent(i, j, t, progs[q]!.permanent ? 0 : this.moveTempFor(i, j));
      }
      if (progs[q]!.kind === "openWorkPermit") {
        // Applicants without a place fall back on the destination's own rule, with their own draw.
        const T = this.tables;
        const R = this.R;
        for (let k = admitted; k < order.length; k++) {
          const i = order[k]!.i;
          const at = this.agents.type[i]! * R + j;
          const z = a.skill[i]!;
          const pi = z >= T.zCut[a.citizenship[i]! * R + j]! ? T.piHigh[at]! : T.piLow[at]!;
          if (keyedUniform(this.admitKeys[j]!, a.id[i]!) < pi) {
            this.admissions[j]++;
            this.moveAgent(i, j, t, T.moveTemp[at]!);
          }
        }
      }
      this.programRemaining[q] = Math.max(0, this.programRemaining[q]! - admitted);
      // Next period's anticipated chance of a place for a refused applicant.
      const remaining = this.programRemaining[q]!;
      this.market.programChance[q] = applicants.length > 0 ? Math.min(1, remaining / applicants.length) : remaining >= 1 ? 1 : 0;
    }
  }

  /** Entrants: new graduates and direct hires, `entrants / periodsPerYear` per period. */
  private enter(t: number): void {
    const { cs, R, C, ppy, seed } = this;
    const a = this.agents;
    const vec = this.pp.vec;
    const off = cs.off;
    const s = cs.scenario;
    const entryBorn = t - Math.round(vec[off.behavior.entryAge!]! * ppy);
    const kCit = streamKey(seed, t, Purpose.EntryCitizenship, 0);
    const kSkill = streamKey(seed, t, Purpose.EntrySkill, 0);
    const kSkill2 = streamKey(seed, t, Purpose.EntrySkillSibling, 0);
    const kGerman = streamKey(seed, t, Purpose.EntryGerman, 0);
    const kRes = streamKey(seed, t, Purpose.EntryResearcher, 0);
    const kExitTime = streamKey(seed, t, Purpose.ExitTime, 0);
    const kConsiderTime = streamKey(seed, t, Purpose.ConsiderTime, 0);
    const exitRate = -Math.log1p(-this.scheduledExit);
    const considerRate = -Math.log1p(-this.scheduledConsider);
    const germanCitizen = this.germanCitizen;
    // Entrants take the freed slots in ascending order, so their writes move forward through memory.
    a.free.subarray(0, a.freeCount).sort().reverse();
    for (let j = 0; j < R; j++) {
      const expected = vec[off.region.entrants + j]! / ppy / this.scale + this.entrantCarry[j]!;
      const n = Math.floor(expected + 1e-9);
      this.entrantCarry[j] = expected - n;
      const mean = vec[off.region.entrySkillMean + j]!;
      const germanShare = vec[off.region.germanShare + j]!;
      const researcherShare = vec[off.region.researcherShare + j]!;
      for (let k = 0; k < n; k++) {
        const id = ENTRANT_ID_BASE + (t * 32 + j) * 65536 + k;
        const slot = a.allocate();
        const c = this.pickCitizenship(cs.entrantMixCdf, j, keyedUniform(kCit, id));
        const citizen = cs.citizenCountry[c] === cs.regionCountry[j];
        let flags = Flag.Active;
        if (germanCitizen[c] === 1 || keyedUniform(kGerman, id) < germanShare) flags |= Flag.German;
        if (keyedUniform(kRes, id) < researcherShare) flags |= Flag.Researcher;
        if (!citizen && !this.freeMover(c, j) && !this.pp.rulePermanent[j * C + c]) flags |= Flag.Temporary;
        a.id[slot] = id;
        a.region[slot] = j;
        a.home[slot] = citizen ? j : cs.citizenHome[c]!;
        a.citizenship[slot] = c;
        a.skill[slot] = mean + keyedNormal(kSkill, kSkill2, id);
        a.bin[slot] = skillBin(a.skill[slot]!);
        a.bornPeriod[slot] = entryBorn;
        a.arrivedPeriod[slot] = t;
        a.flags[slot] = flags;
        a.pending[slot] = 0;
        a.exitAt[slot] = Math.min(NEVER, t + 1 + waitingPeriods(keyedExponentialSingle(kExitTime, id), exitRate));
        a.considerAt[slot] = Math.min(NEVER, t + 1 + waitingPeriods(keyedExponentialSingle(kConsiderTime, id), considerRate));
        a.statusAt[slot] = (flags & Flag.Temporary) !== 0 ? this.statusTimeFrom(t, slot) : NEVER;
        a.nextAt[slot] = this.nextEvent(slot, t);
        this.retype(slot);
        this.accumulate(slot, 1);
        this.entries[j]++;
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Checkpoints: the whole state that the next period reads, and nothing derived.

  /** The numeric state besides the agent columns, as plain data (NaN kept as null). */
  exportState(): EngineState {
    const list = (x: Float64Array | Int32Array | Uint8Array) => Array.from(x, (v) => (Number.isNaN(v) ? null : v));
    return {
      t: this.t,
      scheduledExit: this.scheduledExit,
      scheduledConsider: this.scheduledConsider,
      scheduledPermanence: list(this.scheduledPermanence),
      used: this.agents.used,
      freeCount: this.agents.freeCount,
      market: {
        supply: list(this.market.supply),
        supply0: list(this.market.supply0),
        investment0: list(this.market.investment0),
        diaspora: list(this.market.diaspora),
        selectionRate: list(this.market.selectionRate),
        programChance: list(this.market.programChance),
      },
      skillMean: list(this.skillMean),
      skillSd: list(this.skillSd),
      lotteryStart: list(this.lotteryStart),
      programRemaining: list(this.programRemaining),
      programStarted: list(this.programStarted),
      entrantCarry: list(this.entrantCarry),
      cohortArrivals: list(this.cohortArrivals),
      cohortLeft: list(this.cohortLeft),
      startStock: list(this.startStock),
      tablesSigma: list(this.tables.sigma),
      history: this.history.map((rec) => {
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(rec)) out[k] = v instanceof Float64Array ? list(v) : Number.isNaN(v) ? null : v;
        return out;
      }),
    };
  }

  /** Restores what {@link exportState} and the agent columns hold. */
  importState(state: EngineState, columns: ReadonlyArray<ArrayBufferView>, free: Int32Array): void {
    const fill = (target: Float64Array | Int32Array | Uint8Array, values: ReadonlyArray<number | null>) => {
      values.forEach((v, k) => (target[k] = v === null ? NaN : v));
    };
    this.t = state.t;
    this.scheduledExit = state.scheduledExit ?? NaN; // JSON writes NaN as null
    this.scheduledConsider = state.scheduledConsider ?? NaN;
    fill(this.scheduledPermanence, state.scheduledPermanence);
    const a = new AgentColumns(Math.max(state.used, 16));
    a.used = state.used;
    const own = a.columns();
    columns.forEach((col, k) => own[k]!.set(col as never));
    a.free = free.length > 0 ? free : new Int32Array(16);
    a.freeCount = state.freeCount;
    this.agents = a;
    for (let i = 0; i < a.used; i++) {
      if ((a.flags[i]! & Flag.Active) === 0) {
        a.nextAt[i] = NEVER;
        continue;
      }
      a.bin[i] = skillBin(a.skill[i]!);
      this.retype(i);
      // Visiting an agent with no event changes nothing, so every agent is visited next step.
      a.nextAt[i] = state.t;
    }
    // The aggregates as they stood at the end of the last period run.
    this.rebuildAccumulators(this.t - 1);
    for (const key of Object.keys(state.market) as Array<keyof EngineState["market"]>) fill(this.market[key], state.market[key]);
    fill(this.skillMean, state.skillMean);
    fill(this.skillSd, state.skillSd);
    fill(this.lotteryStart, state.lotteryStart);
    fill(this.programRemaining, state.programRemaining);
    fill(this.programStarted, state.programStarted);
    fill(this.entrantCarry, state.entrantCarry);
    fill(this.cohortArrivals, state.cohortArrivals);
    fill(this.cohortLeft, state.cohortLeft);
    fill(this.startStock, state.startStock);
    fill(this.tables.sigma, state.tablesSigma);
    this.history.length = 0;
    for (const raw of state.history) {
      const rec: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(raw)) {
        rec[k] = Array.isArray(v) ? Float64Array.from(v, (x: number | null) => (x === null ? NaN : x)) : v === null ? NaN : v;
      }
      this.history.push(rec as unknown as PeriodRecord);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // The period's record.

  private record(t: number, period: number, time: number): PeriodRecord {
    const { cs, R, C, K, ppy } = this;
    const NT = typeCount(R, C);
    const T = this.tables;
    const stock = new Float64Array(R);
    const byCit = new Float64Array(C * R);
    const researchers = new Float64Array(R);
    const citizens = new Float64Array(C);
    const abroad = new Float64Array(C);
    const citizensYoung = new Float64Array(C);
    const abroadYoung = new Float64Array(C);
    const welfareSum = new Float64Array(R);
    let welfareTotal = 0;
    // exp(-ageTerm) of each age band, for the logsum's factor per band.
    const ageCost = this.pp.vec[cs.off.behavior.ageCost!]!;
    const ageFactor = AGE_BAND_MID.map((age) => Math.exp(-ageCost * Math.max(0, age - 30)));
    for (let type = 0; type < NT; type++) {
      if (this.typeCounts[type] === 0) continue;
      const base = type * SKILL_BINS * AGE_BANDS;
      const res = type & 1;
      const rest = type >> 3;
      const r = Math.floor(rest / R) % R;
      const c = Math.floor(rest / (R * R));
      const away = cs.citizenCountry[c] !== cs.regionCountry[r];
      for (let sb = 0; sb < SKILL_BINS; sb++) {
        let stay = NaN;
        let others = 0;
        let logOthers = NaN;
        for (let ab = 0; ab < AGE_BANDS; ab++) {
          const n = this.cells[base + sb * AGE_BANDS + ab]!;
          if (n === 0) continue;
          stock[r] += n;
          byCit[c * R + r] += n;
          if (res) researchers[r] += n;
          citizens[c] += n;
          if (away) abroad[c] += n;
          if (ab === 0) {
            citizensYoung[c] += n;
            if (away) abroadYoung[c] += n;
          }
          if (Number.isNaN(stay)) {
            const z = SKILL_LO + (sb + 0.5) * SKILL_WIDTH;
            stay = T.T[type * R + r]! + T.betaSigma[r]! * z;
            others = this.otherOptions(type, c, r, z, stay);
          }
          // Expected maximum utility: stay + ln(1 + e^(-ageTerm) * sum_j pi_j e^(V_j - V_stay)).
          // Where the sum overflows (an option hundreds of logit units better than staying),
          // the same quantity in log-sum-exp form: ln(1 + e^x) with x = ln(sum) - ageTerm.
          const scaled = ageFactor[ab]! * others;
          let gain: number;
          if (scaled < Infinity) {
            gain = Math.log(1 + scaled);
          } else {
            if (Number.isNaN(logOthers)) logOthers = this.logOtherOptions(type, c, r, SKILL_LO + (sb + 0.5) * SKILL_WIDTH, stay);
            const x = logOthers - ageCost * Math.max(0, AGE_BAND_MID[ab]! - 30);
            gain = x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
          }
          const w = n * (stay + gain);
          welfareSum[r] += w;
          welfareTotal += w;
        }
      }
    }
    let activeTotal = 0;
    for (let r = 0; r < R; r++) activeTotal += stock[r]!;

    // Top decile of skill among all active agents, by interpolation within the threshold bin.
    const total = new Float64Array(FINE_BINS);
    for (let g = 0; g < R * 4; g++) for (let b = 0; b < FINE_BINS; b++) total[b] += this.fine[g * FINE_BINS + b]!;
    const topCount = activeTotal * 0.1;
    let cum = 0;
    let cut = FINE_BINS - 1;
    let fraction = 1;
    for (let b = FINE_BINS - 1; b >= 0; b--) {
      if (cum + total[b]! >= topCount) {
        cut = b;
        fraction = total[b]! > 0 ? (topCount - cum) / total[b]! : 0;
        break;
      }
      cum += total[b]!;
    }
    const topShare = new Float64Array(R);
    let topResearchers = 0;
    let topResearchersAbroad = 0;
    for (let r = 0; r < R; r++) {
      for (let g = 0; g < 4; g++) {
        const base = (r * 4 + g) * FINE_BINS;
        let inTop = this.fine[base + cut]! * fraction;
        for (let b = cut + 1; b < FINE_BINS; b++) inTop += this.fine[base + b]!;
        topShare[r] += topCount > 0 ? inTop / topCount : 0;
        if (g >> 1) {
          topResearchers += inTop;
          if (g & 1) topResearchersAbroad += inTop;
        }
      }
    }

    const meanSkill = new Float64Array(R);
    const meanWage = new Float64Array(R);
    const welfareByRegion = new Float64Array(R);
    for (let r = 0; r < R; r++) {
      meanSkill[r] = stock[r]! > 0 ? this.zsum[r]! / SKILL_UNITS / stock[r]! : 0;
      meanWage[r] = stock[r]! > 0 ? (Math.exp(T.mu[r]!) * this.market.supply[r]!) / (stock[r]! * this.scale) : 0;
      welfareByRegion[r] = stock[r]! > 0 ? welfareSum[r]! / stock[r]! : 0;
      if (!Number.isFinite(meanWage[r]!)) throw new NonFiniteError(period, cs.regions[r]!, "mean gross wage", meanWage[r]!);
    }
    const welfare = activeTotal > 0 ? welfareTotal / activeTotal : 0;
    if (!Number.isFinite(welfare)) throw new NonFiniteError(period, "", "welfare (expected maximum utility)", welfare);

    // Arrival cohorts whose five years end with this period.
    const cohortExit = new Float64Array(K).fill(NaN);
    const cohortArrivals = new Float64Array(K).fill(NaN);
    if ((t + 1) % ppy === 0) {
      // The cohort of year y is complete at the end of year y + 5, when its last arrivals
      // (in y's final period) have had their five years.
      const y = (t + 1) / ppy - COHORT_YEARS - 1;
      if (y >= 0) {
        for (let k = 0; k < K; k++) {
          const arrivals = this.cohortArrivals[y * K + k]!;
          cohortArrivals[k] = arrivals;
          cohortExit[k] = arrivals > 0 ? this.cohortLeft[y * K + k]! / arrivals : NaN;
        }
      }
    }

    const div = (x: Float64Array, y: Float64Array) => x.map((v, k) => (y[k]! > 0 ? v / y[k]! : 0));
    const rec: PeriodRecord = {
      period,
      time,
      stock,
      stockByCitizenship: byCit,
      researchers,
      entries: this.entries.slice(),
      exits: this.exits.slice(),
      flows: this.flows.slice(),
      meanSkill,
      topDecileShare: topShare,
      meanWage,
      welfareByRegion,
      welfare,
      applications: this.applications.slice(),
      admissions: this.admissions.slice(),
      lotteryEntrants: this.lotteryEntrants.slice(),
      lotteryWinners: this.lotteryWinners.slice(),
      selectionRate: this.selectionThisPeriod.slice(),
      brainDrain: div(abroad, citizens),
      brainDrainYoung: div(abroadYoung, citizensYoung),
      returnMoves: this.returnMoves.slice(),
      topResearchersAbroad: topResearchers > 0 ? topResearchersAbroad / topResearchers : 0,
      cohortExit5y: cohortExit,
      cohortArrivals,
      custom: {},
    };
    this.checkFinite(rec);
    return rec;
  }

  /**
   * Every number of a period's record is finite, or stops the run with a {@link NonFiniteError}
   * naming the period, the region (or citizenship, or country) and the quantity. NaN stands for
   * "not reported" in `selectionRate` (no draw) and the cohort columns (no closing window) only.
   */
  private checkFinite(rec: PeriodRecord): void {
    const { cs, R } = this;
    const byRegion = (k: number) => cs.regions[k % R]!;
    const byOrigin = (k: number) => cs.regions[Math.floor(k / R)]!;
    const byCitizenship = (k: number) => cs.citizenships[k]!;
    const byCountry = (k: number) => cs.countries[k]!;
    const columns: Array<[string, Float64Array, (k: number) => string, boolean]> = [
      ["stock", rec.stock, byRegion, false],
      ["stock by citizenship", rec.stockByCitizenship, byRegion, false],
      ["researchers", rec.researchers, byRegion, false],
      ["entries", rec.entries, byRegion, false],
      ["exits", rec.exits, byRegion, false],
      ["flows", rec.flows, byOrigin, false],
      ["mean skill", rec.meanSkill, byRegion, false],
      ["top decile share", rec.topDecileShare, byRegion, false],
      ["mean gross wage", rec.meanWage, byRegion, false],
      ["welfare by region", rec.welfareByRegion, byRegion, false],
      ["applications", rec.applications, byRegion, false],
      ["admissions", rec.admissions, byRegion, false],
      ["lottery entrants", rec.lotteryEntrants, byRegion, false],
      ["lottery winners", rec.lotteryWinners, byRegion, false],
      ["selection rate", rec.selectionRate, byRegion, true],
      ["brain drain", rec.brainDrain, byCitizenship, false],
      ["brain drain of the young", rec.brainDrainYoung, byCitizenship, false],
      ["return moves", rec.returnMoves, byCitizenship, false],
      ["five-year cohort exit", rec.cohortExit5y, byCountry, true],
      ["cohort arrivals", rec.cohortArrivals, byCountry, true],
    ];
    for (const [quantity, values, where, nanMeansNone] of columns) {
      for (let k = 0; k < values.length; k++) {
        const v = values[k]!;
        if (!Number.isFinite(v) && !(nanMeansNone && Number.isNaN(v))) throw new NonFiniteError(rec.period, where(k), quantity, v);
      }
    }
    if (!Number.isFinite(rec.welfare)) throw new NonFiniteError(rec.period, "", "welfare (expected maximum utility)", rec.welfare);
    if (!Number.isFinite(rec.topResearchersAbroad)) throw new NonFiniteError(rec.period, "", "share of top researchers abroad", rec.topResearchersAbroad);
  }

  /**
   * ln of {@link otherOptions}' sum, computed without overflow (each term relative to the largest),
   * for the periods where the plain sum is not finite. Options with no chance of admission are left
   * out. -Infinity when there is no option.
   */
  private logOtherOptions(type: number, c: number, r: number, z: number, stay: number): number {
    const T = this.tables;
    const R = this.R;
    const row = type * R;
    const exponent = (j: number): number => {
      const at = row + j;
      const admit = T.admit[at]!;
      if (j === r || admit === Admit.Closed) return -Infinity;
      const pi = admit === Admit.None ? 1 : z >= T.zCut[c * R + j]! ? T.piHigh[at]! : T.piLow[at]!;
      return pi > 0 ? Math.log(pi) + T.T[at]! + T.betaSigma[j]! * z - stay : -Infinity;
    };
    let largest = -Infinity;
    for (let j = 0; j < R; j++) largest = Math.max(largest, exponent(j));
    if (largest === -Infinity) return -Infinity;
    let sum = 0;
    for (let j = 0; j < R; j++) sum += Math.exp(exponent(j) - largest);
    return largest + Math.log(sum);
  }

  /**
   * The part of the expected maximum utility (docs/model.md 3.3.13) that the
   * destinations contribute, relative to staying and before the age cost: sum over destinations
   * j of pi_j e^(V_j - V_stay), with V at skill z and no age term, each destination weighted by its
   * admission probability. The expected maximum utility at age a is then
   * V_stay + ln(1 + e^(-ageTerm(a)) * this sum); with every pi = 1 it is the logit logsum.
   */
  private otherOptions(type: number, c: number, r: number, z: number, stay: number): number {
    const T = this.tables;
    const R = this.R;
    const row = type * R;
    let sum = 0;
    for (let j = 0; j < R; j++) {
      if (j === r) continue;
      const at = row + j;
      const admit = T.admit[at]!;
      if (admit === Admit.Closed) continue;
      const pi = admit === Admit.None ? 1 : z >= T.zCut[c * R + j]! ? T.piHigh[at]! : T.piLow[at]!;
      sum += pi * Math.exp(T.T[at]! + T.betaSigma[j]! * z - stay);
    }
    return sum;
  }
}
