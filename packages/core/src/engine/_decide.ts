/**
 * The decision of docs/model.md 3.3.4: an agent that looks around compares staying with every
 * open destination (Gumbel-max in exponential form, anticipated admission), and moves, applies to
 * a lottery or a capped program, or stays. The bodies of `decide` and `cannotBeatStaying` are
 * those of the engine before it became a folder (their mutation scores were measured on that
 * code, docs/testing.md), but for the nests' draws that `decide` has gained since (3.3.4).
 */
import { admissionChance, drawChance } from "../kernel/_admission";
import type { CompiledScenario } from "../kernel/_compile";
import type { CompiledPolicies, PeriodParams } from "../kernel/_period";
import { Admit, type MarketState, type PeriodTables } from "../kernel/_tables";
import { Purpose, exponentialOfHash, keyedHash, keyedUniform, optionHash, streamKey } from "../random/keyed";
import { keyedLogPositiveStable } from "../random/positiveStable";
import { Flag, type AgentColumns } from "./_agentColumns";
import type { EventCounts } from "./_eventCounts";
import type { Moves } from "./_moves";
import type { ProgramBatches } from "./_programBatches";

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
  return d < EXP_BOUND_MAX && (d < -700 || POW2[Math.floor(d * Math.LOG2E + 1e-9) + 1 + POW2_BIAS] <= wStay * e);
}

/** What the decision reads and where its outcomes go. */
export interface DecisionParts {
  readonly cs: CompiledScenario;
  readonly policies: CompiledPolicies;
  readonly params: PeriodParams;
  readonly tables: PeriodTables;
  readonly market: MarketState;
  readonly agents: AgentColumns;
  readonly counts: EventCounts;
  readonly moves: Moves;
  readonly programs: ProgramBatches;
  /** The admission streams of the period, one per destination (filled by {@link Decision.beginPeriod}). */
  readonly admitKeys: Int32Array;
  readonly seed: number;
}

/** The decision of one agent at a time, on the period's tables and keyed draws; no allocation. */
export class Decision {
  private readonly agents: AgentColumns;
  private readonly tables: PeriodTables;
  private readonly R: number;
  private readonly ppy: number;
  private readonly pp: PeriodParams;
  private readonly cs: CompiledScenario;
  private readonly cp: CompiledPolicies;
  private readonly market: MarketState;
  private readonly applications: Float64Array;
  private readonly admissions: Float64Array;
  private readonly lotteryEntrants: Float64Array;
  private readonly moves: Moves;
  private readonly programs: ProgramBatches;
  private readonly seed: number;
  /** Keyed streams of the current period: the options' shocks, and per destination admission and extra draws. */
  private gumbelKey = 0;
  private readonly admitKeys: Int32Array;
  private readonly extraKeys: Int32Array;
  /**
   * Nests of the period (docs/model.md 3.3.4): each region's nest, -1 where it is in none or its
   * nest's lambda is 1 (no draw, the plain logit); per nest its lambda and stream; the nests with
   * lambda < 1 (`activeNests` of them, listed in `nestList`); and per decision each active nest's
   * factor S^-lambda.
   */
  private readonly nestOf: Int32Array;
  private readonly nestLambda: Float64Array;
  private readonly nestKeys: Int32Array;
  private readonly nestList: Int32Array;
  private readonly nestFactor: Float64Array;
  private activeNests = 0;

  constructor(parts: DecisionParts) {
    this.cs = parts.cs;
    this.cp = parts.policies;
    this.pp = parts.params;
    this.tables = parts.tables;
    this.market = parts.market;
    this.agents = parts.agents;
    this.applications = parts.counts.applications;
    this.admissions = parts.counts.admissions;
    this.lotteryEntrants = parts.counts.lotteryEntrants;
    this.moves = parts.moves;
    this.programs = parts.programs;
    this.admitKeys = parts.admitKeys;
    this.seed = parts.seed;
    this.R = parts.cs.regions.length;
    this.ppy = parts.cs.scenario.periodsPerYear;
    this.extraKeys = new Int32Array(this.R);
    const nests = parts.cs.nests.length;
    this.nestOf = new Int32Array(this.R).fill(-1);
    this.nestLambda = new Float64Array(nests);
    this.nestKeys = new Int32Array(nests);
    this.nestList = new Int32Array(nests);
    this.nestFactor = new Float64Array(nests);
  }

  /** The keyed streams of period t, and the nests' lambdas after policies. */
  beginPeriod(t: number): void {
    const seed = this.seed;
    this.gumbelKey = streamKey(seed, t, Purpose.Gumbel, 0);
    for (let j = 0; j < this.R; j++) {
      this.admitKeys[j] = streamKey(seed, t, Purpose.Admit, j);
      this.extraKeys[j] = streamKey(seed, t, Purpose.GumbelExtra, j);
    }
    const { nestOf: nestOfRegion, off } = this.cs;
    let active = 0;
    for (let n = 0; n < this.nestLambda.length; n++) {
      const lambda = this.pp.vec[off.nestLambda + n];
      this.nestLambda[n] = lambda;
      this.nestKeys[n] = streamKey(seed, t, Purpose.Nest, n);
      if (lambda < 1) this.nestList[active++] = n;
    }
    this.activeNests = active;
    for (let j = 0; j < this.R; j++) {
      const n = nestOfRegion[j];
      this.nestOf[j] = n >= 0 && this.nestLambda[n] < 1 ? n : -1;
    }
  }

  /**
   * Region j's exponential draw E for the decision whose keyed hash is `base`, as e^(V_j) / E
   * compares it: E for a region in no nest, E^lambda S_n^-lambda in nest n (drawNests first).
   */
  private shock(base: number, j: number, id: number): number {
    const e = exponentialOfHash(optionHash(base, j), this.extraKeys[j], id);
    const nest = this.nestOf[j];
    if (nest < 0) return e;
    // E^(1/2) by its square root where lambda is 1/2: the same double as the pow (fdlibm's pow,
    // which V8 uses, returns sqrt(x) for the exponent 1/2), at a tenth of the cost.
    const lambda = this.nestLambda[nest];
    return (lambda === 0.5 ? Math.sqrt(e) : e ** lambda) * this.nestFactor[nest];
  }

  /** Each active nest's factor S^-lambda for the agent with this id (one keyed stable draw per nest). */
  private drawNests(id: number): void {
    for (let k = 0; k < this.activeNests; k++) {
      const n = this.nestList[k];
      const lambda = this.nestLambda[n];
      this.nestFactor[n] = Math.exp(-lambda * keyedLogPositiveStable(this.nestKeys[n], id, lambda));
    }
  }

  /**
   * The decision of docs/model.md 3.3.4 for one agent that looks around. Returns whether the
   * agent moved this period. No allocation: tables and keyed draws only.
   */
  decide(i: number, id: number, r: number, t: number): boolean {
    const a = this.agents;
    const T = this.tables;
    const R = this.R;
    const { T: value, betaSigma, admit: admitRule, program: programOf } = T;
    const c = a.citizenship[i];
    const f = a.flags[i];
    const z = a.skill[i];
    const row = a.type[i] * R;
    const age = t - a.bornPeriod[i];
    const over30 = age - 30 * this.ppy;
    const ageTerm = over30 > 0 ? over30 * T.ageCostPerPeriod : 0;
    let stay = value[row + r] + betaSigma[r] * z;
    if ((f & Flag.Arrived) !== 0 && this.pp.taxWindow[r] > t - a.arrivedPeriod[i]) {
      const citizen = this.cs.citizenCountry[c] === this.cs.regionCountry[r] ? 1 : 0;
      stay += T.taxStayBonus[r * 2 + citizen];
    }
    // Gumbel-max in exponential form: with G = -ln(E), E ~ Exp(1), the option with the largest
    // V + G is the one with the largest e^V / E. Values are taken relative to staying, so each
    // option costs one exponential draw (ziggurat, no logarithm) and at most one exp.
    // One keyed hash per decision; each option's shock comes from it (see optionHash).
    // Nested options (docs/model.md 3.3.4) are worth e^V (S_n / E)^lambda: their draw E becomes
    // E^lambda S_n^-lambda, and the comparisons below are unchanged. Regions in no nest keep E.
    const base = keyedHash(this.gumbelKey, id);
    if (this.activeNests > 0) this.drawNests(id);
    const wStay = 1 / this.shock(base, r, id);
    let best = wStay;
    let choice = r;
    for (let j = 0; j < R; j++) {
      if (j === r) continue;
      const at = row + j;
      const admit = admitRule[at];
      if (admit === Admit.Closed) continue;
      const d = value[at] + betaSigma[j] * z - ageTerm - stay;
      const e = this.shock(base, j, id);
      // Options a power-of-two bound shows cannot beat staying are passed over without exp:
      // exactly those the comparison below would pass over.
      if (cannotBeatStaying(d, e, wStay)) continue;
      const w = Math.exp(d) / e;
      if (w <= wStay) continue; // with any admission risk, worth less than staying
      let pi = admissionChance(T, admit, at, c * R + j, z);
      const program = programOf[at];
      if (program >= 0 && pi < 1) pi += (1 - pi) * this.market.programChance[program];
      // Anticipated admission: ln(pi e^U_j + (1 - pi) e^U_r), here before the logarithm.
      const worth = pi >= 1 ? w : pi * w + (1 - pi) * wStay;
      if (worth > best) {
        best = worth;
        choice = j;
      }
    }
    if (choice === r) return false;

    const at = row + choice;
    const admit = T.admit[at];
    if (admit === Admit.None) {
      this.moveAgent(i, choice, t, T.moveTemp[at]);
      return true;
    }
    this.applications[choice]++;
    const draw = keyedUniform(this.admitKeys[choice], id);
    if (admit === Admit.Lottery) {
      if (draw < T.petition[at]) {
        a.pending[i] = choice + 1;
        this.lotteryEntrants[choice]++;
      }
      return false;
    }
    const program = T.program[at];
    // An open work permit or exchange is tried first (its places are allocated after the pass,
    // and those without one fall back on the rule); other programs are a fallback for the refused.
    if (program >= 0 && this.cp.programs[program].fallsBackToRule) {
      this.pushBatch(i, program);
      return false;
    }
    const pi = drawChance(T, at, c * R + choice, z);
    if (draw < pi) {
      this.admissions[choice]++;
      this.moveAgent(i, choice, t, T.moveTemp[at]);
      return true;
    }
    if (program >= 0) this.pushBatch(i, program);
    return false;
  }

  /**
   * The forced decision of a holder whose temporary status expired and was not renewed
   * (docs/model.md 3.3.9): the same choice as {@link decide} among the regions of other countries,
   * with staying and the regions of its own country closed and going home in the place of staying.
   * Its home region is in the country of its citizenship, never the current one (a holder is not
   * a citizen where it holds the status), so going home needs no admission. A destination is
   * anticipated at its rule's chance; a lottery (which needs a wait in the pool) and the places of
   * programs are not open to it. A refused applicant goes home. Always moves.
   */
  decideForced(i: number, id: number, r: number, t: number): void {
    const a = this.agents;
    const T = this.tables;
    const R = this.R;
    const { T: value, betaSigma, admit: admitRule } = T;
    const regionCountry = this.cs.regionCountry;
    const c = a.citizenship[i];
    const z = a.skill[i];
    const h = a.home[i];
    const row = a.type[i] * R;
    const rc = regionCountry[r];
    // Every option is a move, so the age cost is common to all and cancels.
    const home = value[row + h] + betaSigma[h] * z;
    const base = keyedHash(this.gumbelKey, id);
    // The shocks of any decision, nests included (see decide).
    if (this.activeNests > 0) this.drawNests(id);
    const wHome = 1 / this.shock(base, h, id);
    let best = wHome;
    let choice = h;
    for (let j = 0; j < R; j++) {
      if (j === h || regionCountry[j] === rc) continue;
      const at = row + j;
      const admit = admitRule[at];
      if (admit === Admit.Closed || admit === Admit.Lottery) continue;
      const d = value[at] + betaSigma[j] * z - home;
      const e = this.shock(base, j, id);
      if (cannotBeatStaying(d, e, wHome)) continue;
      const w = Math.exp(d) / e;
      if (w <= wHome) continue;
      const pi = admissionChance(T, admit, at, c * R + j, z);
      if (!(pi > 0)) continue;
      const worth = pi >= 1 ? w : pi * w + (1 - pi) * wHome;
      if (worth > best) {
        best = worth;
        choice = j;
      }
    }
    const at = row + choice;
    if (choice !== h && T.admit[at] !== Admit.None) {
      this.applications[choice]++;
      if (keyedUniform(this.admitKeys[choice], id) < drawChance(T, at, c * R + choice, z)) {
        this.admissions[choice]++;
      } else {
        choice = h;
      }
    }
    this.moveAgent(i, choice, t, T.moveTemp[row + choice]);
  }

  private moveAgent(i: number, j: number, t: number, temporary: number): void {
    this.moves.move(i, j, t, temporary);
  }

  private pushBatch(i: number, program: number): void {
    this.programs.push(i, program);
  }
}
