/**
 * The per-period tables the agent loop reads (the architecture rule: "everything that does not depend on the
 * agent is computed once per period"). Utility is split as
 *
 *   V_ij = T[type, j] + beta * sigma_j * z_i - [j != r] * nu * max(0, age_i - 30)
 *
 * where the agent's type is (citizenship, region, home, temporary, German, researcher): every
 * other term of docs/model.md 3.3.2 depends on the type and the destination only, so it lives in
 * T, built here once per period.
 */
import { NonFiniteError } from "../errors";
import type { CompiledScenario } from "./_compile";
import { typeCount } from "./_agentType";
import { freeMover } from "./_freeMover";
import { RuleKind } from "./_visaRule";
import type { PeriodParams, Program } from "./_period";

/** What moving to j needs: nothing, an admission draw, a lottery, or impossible. */
export const Admit = { None: 0, Draw: 1, Lottery: 2, Closed: 3 } as const;

/** The tables of one period, allocated once per run. */
export interface PeriodTables {
  /** Deterministic utility per (type, destination), without the skill and age terms. */
  T: Float64Array;
  /** beta * sigma_j: the utility slope in skill. */
  betaSigma: Float64Array;
  /** sigma_j, the return to skill. */
  sigma: Float64Array;
  /** mu_j: log gross wage at z = 0. */
  mu: Float64Array;
  /** How moving to j is admitted, per (type, j). */
  admit: Uint8Array;
  /**
   * Admission probability below and at/above the salary threshold, per (type, j), before any
   * program place (the engine adds the program's chance when the agent anticipates admission).
   */
  piLow: Float64Array;
  piHigh: Float64Array;
  /** Skill at which the gross wage in j meets c's salary threshold, per (c, j). */
  zCut: Float64Array;
  /** Probability that an employer files a lottery petition despite the fee, per (type, j). */
  petition: Float64Array;
  /** Temporary status after a move to j, per (type, j). */
  moveTemp: Uint8Array;
  /** Program (open work permit, exchange slots) an agent refused in j may fall back on, -1 none. */
  program: Int16Array;
  /** Per-period probability that a temporary status becomes permanent, per (c, region). */
  permanence: Float64Array;
  /** Per (c, j): ln(1 - permanence), the log-stay of the status-change waiting time. */
  permanenceLogStay: Float64Array;
  /** Per (c, j): periods a temporary status granted now runs before it expires (0: never). */
  expiryPeriods: Int32Array;
  /** Per (c, j): probability that an expiring temporary status is renewed. */
  renewal: Float64Array;
  /** Logit bonus of a stayer whose tax incentive still runs, per (region, citizen 0/1). */
  taxStayBonus: Float64Array;
  exitProbability: number;
  considerProbability: number;
  /** Age cost per period of age above 30, logit units. */
  ageCostPerPeriod: number;
  /** Working arrays of {@link buildTables}, allocated here once and overwritten every period. */
  readonly scratch: TableScratch;
}

/**
 * What {@link buildTables} computes on the way to the tables: per-region and per-(c, j) terms,
 * and per (c, r, temp, j) how a move is admitted and what it costs (the blocks), before they are
 * spread over home, language and role.
 */
export interface TableScratch {
  /** Utility of region j before diaspora, language, role and home terms. */
  readonly regionBase: Float64Array;
  /** regionBase plus the diaspora term, per (c, j). */
  readonly cj: Float64Array;
  /** Research ecosystem bonus per region (researchers only). */
  readonly ecosystem: Float64Array;
  /** Language penalty per region (non-German speakers). */
  readonly language: Float64Array;
  readonly blockAdmit: Uint8Array;
  readonly blockTemp: Uint8Array;
  readonly blockPi: Float64Array;
  readonly blockPiHigh: Float64Array;
  readonly blockPetition: Float64Array;
  readonly blockProgram: Int16Array;
  /** Friction, tax bonus (negative), temporary penalty, moving cost. */
  readonly blockCost: Float64Array;
  /** blockCost with the researchers' moving-cost cut. */
  readonly blockCostResearcher: Float64Array;
}

/** Allocates the tables for a compiled scenario. */
export function createTables(cs: CompiledScenario): PeriodTables {
  const R = cs.regions.length;
  const C = cs.citizenships.length;
  const NT = typeCount(R, C);
  const blocks = C * R * 2 * R;
  return {
    T: new Float64Array(NT * R),
    betaSigma: new Float64Array(R),
    sigma: new Float64Array(R),
    mu: new Float64Array(R),
    admit: new Uint8Array(NT * R),
    piLow: new Float64Array(NT * R),
    piHigh: new Float64Array(NT * R),
    zCut: new Float64Array(C * R),
    petition: new Float64Array(NT * R),
    moveTemp: new Uint8Array(NT * R),
    program: new Int16Array(NT * R),
    permanence: new Float64Array(C * R),
    permanenceLogStay: new Float64Array(C * R),
    expiryPeriods: new Int32Array(C * R),
    renewal: new Float64Array(C * R),
    taxStayBonus: new Float64Array(R * 2),
    exitProbability: 0,
    considerProbability: 0,
    ageCostPerPeriod: 0,
    scratch: {
      regionBase: new Float64Array(R),
      cj: new Float64Array(C * R),
      ecosystem: new Float64Array(R),
      language: new Float64Array(R),
      blockAdmit: new Uint8Array(blocks),
      blockTemp: new Uint8Array(blocks),
      blockPi: new Float64Array(blocks),
      blockPiHigh: new Float64Array(blocks),
      blockPetition: new Float64Array(blocks),
      blockProgram: new Int16Array(blocks),
      blockCost: new Float64Array(blocks),
      blockCostResearcher: new Float64Array(blocks),
    },
  };
}

/** Lagged market state the tables need. */
export interface MarketState {
  /** Skill-weighted headcount S_j at the end of the previous period (people). */
  supply: Float64Array;
  /** S_j at the start (people). */
  supply0: Float64Array;
  /** Investment at the first period, USD billion. */
  investment0: Float64Array;
  /** Citizens of c working in j at the end of the previous period, people: c * R + j. */
  diaspora: Float64Array;
  /** Anticipated lottery selection rate per lottery. */
  selectionRate: Float64Array;
  /** Anticipated chance of a place per program. */
  programChance: Float64Array;
}

/**
 * Builds the period's tables from its parameters and the lagged market state.
 * `yearsSinceStart` drives trend demand growth; `reportPeriod` names the period in errors.
 * Allocates nothing: every step writes into `tables` and its scratch arrays.
 */
export function buildTables(
  cs: CompiledScenario,
  pp: PeriodParams,
  programs: readonly Program[],
  market: MarketState,
  tables: PeriodTables,
  yearsSinceStart: number,
  reportPeriod: number,
): void {
  const ppy = cs.scenario.periodsPerYear;
  const { vec } = pp;
  const b = cs.off.behavior;
  tables.exitProbability = 1 - Math.exp(-vec[b.exitRate] / ppy);
  tables.considerProbability = 1 - Math.exp(-vec[b.considerRate] / ppy);
  tables.ageCostPerPeriod = vec[b.ageCost] / ppy;

  buildRegionTerms(cs, pp, market, tables, yearsSinceStart, reportPeriod);
  buildRuleTerms(cs, pp, tables);
  buildCitizenshipTerms(cs, pp, market, tables, reportPeriod);
  buildMoveBlocks(cs, pp, programs, market, tables);
  buildTypeTable(cs, pp, tables);
  const R = cs.regions.length;
  for (let at = 0; at < tables.T.length; at++) {
    if (!Number.isFinite(tables.T[at])) checkFinite(tables.T[at], cs, at % R, "utility table", reportPeriod);
  }
}

/** Stops the run at a non-finite quantity, naming the period, the region and the quantity. */
function checkFinite(
  value: number,
  cs: CompiledScenario,
  region: number,
  quantity: string,
  reportPeriod: number,
): void {
  if (!Number.isFinite(value)) throw new NonFiniteError(reportPeriod, cs.regions[region], quantity, value);
}

/** Region terms: wages with lagged feedback, income, investment per worker, the tax-incentive bonus. */
function buildRegionTerms(
  cs: CompiledScenario,
  pp: PeriodParams,
  market: MarketState,
  tables: PeriodTables,
  yearsSinceStart: number,
  reportPeriod: number,
): void {
  const R = cs.regions.length;
  const { vec } = pp;
  const off = cs.off;
  const b = off.behavior;
  const beta = vec[b.beta];
  const alpha = vec[b.alpha];
  const epsilon = vec[b.wageElasticity];
  const eta = vec[b.demandElasticity];
  const regionBase = tables.scratch.regionBase;
  for (let j = 0; j < R; j++) {
    const sigma = vec[off.region.skillReturn + j];
    const investment = vec[off.region.investment + j];
    const supply = Math.max(market.supply[j], 1);
    let mu = Math.log(vec[off.region.grossWage + j]);
    if (Number.isFinite(epsilon)) {
      const demand =
        market.supply0[j] *
        (investment / market.investment0[j]) ** eta *
        (1 + vec[off.region.demandGrowth + j]) ** yearsSinceStart;
      mu += Math.log(Math.max(demand, 1) / supply) / epsilon;
    }
    checkFinite(mu, cs, j, "wage level mu (log gross wage at average skill)", reportPeriod);
    tables.mu[j] = mu;
    tables.sigma[j] = sigma;
    tables.betaSigma[j] = beta * sigma;
    const netLog = Math.log(1 - vec[off.region.taxRate + j]) + mu - Math.log(vec[off.region.costOfLiving + j]);
    const investLog = Math.log((investment * 1e9) / supply);
    checkFinite(investLog, cs, j, "log investment per worker", reportPeriod);
    regionBase[j] = beta * netLog + alpha * investLog + vec[off.region.amenity + j];
    checkFinite(regionBase[j], cs, j, "utility of the region", reportPeriod);
    const reduction = pp.taxReduction[j];
    const bonus =
      reduction > 0
        ? beta * Math.log((1 - vec[off.region.taxRate + j] + reduction) / (1 - vec[off.region.taxRate + j]))
        : 0;
    tables.taxStayBonus[j * 2] = pp.taxTarget[j] & 1 ? bonus : 0; // newcomers: non-citizens
    tables.taxStayBonus[j * 2 + 1] = pp.taxTarget[j] & 2 ? bonus : 0; // returnees: citizens
  }
}

/** Per (c, j): salary-threshold cut, permanence, status term. */
function buildRuleTerms(cs: CompiledScenario, pp: PeriodParams, tables: PeriodTables): void {
  const R = cs.regions.length;
  const C = cs.citizenships.length;
  const { vec } = pp;
  const off = cs.off;
  const ppy = cs.scenario.periodsPerYear;
  for (let c = 0; c < C; c++) {
    for (let j = 0; j < R; j++) {
      const at = j * C + c;
      const kind = pp.ruleKind[at];
      tables.zCut[c * R + j] =
        kind === RuleKind.Threshold
          ? (Math.log(vec[off.rule.threshold + at]) - tables.mu[j]) / tables.sigma[j]
          : -Infinity;
      tables.permanence[c * R + j] = 1 - Math.exp(-vec[off.rule.permanence + at] / ppy);
      tables.permanenceLogStay[c * R + j] = Math.log1p(-tables.permanence[c * R + j]);
      // A status term counts in whole periods (validation requires at least one).
      tables.expiryPeriods[c * R + j] = Math.round(vec[off.rule.duration + at] * ppy);
      tables.renewal[c * R + j] = vec[off.rule.renewal + at];
    }
  }
}

/**
 * Terms of (citizenship, destination): the region's value and the diaspora abroad; and per
 * destination the research ecosystem and the language penalty.
 */
function buildCitizenshipTerms(
  cs: CompiledScenario,
  pp: PeriodParams,
  market: MarketState,
  tables: PeriodTables,
  reportPeriod: number,
): void {
  const R = cs.regions.length;
  const C = cs.citizenships.length;
  const { vec } = pp;
  const off = cs.off;
  const gamma = vec[off.behavior.gamma];
  const langPenalty = vec[off.behavior.languagePenalty];
  const { regionBase, cj, ecosystem, language } = tables.scratch;
  for (let c = 0; c < C; c++) {
    const network = vec[off.network + c];
    for (let j = 0; j < R; j++) {
      const abroad = cs.regionCountry[j] !== cs.citizenCountry[c];
      cj[c * R + j] = regionBase[j] + (abroad ? gamma * network * Math.log(1 + market.diaspora[c * R + j] / 1000) : 0);
      checkFinite(cj[c * R + j], cs, j, "diaspora term of the utility", reportPeriod);
    }
  }
  for (let j = 0; j < R; j++) {
    ecosystem[j] = vec[off.region.researchEcosystem + j];
    language[j] = langPenalty * (1 - vec[off.region.englishJobShare + j]);
  }
}

/** The first active program in j open to a mover from r (temporary status `temp`), -1 none. */
function programOf(pp: PeriodParams, programs: readonly Program[], r: number, j: number, temp: number): number {
  for (let q = 0; q < programs.length; q++) {
    const p = programs[q];
    if (pp.programActive[q] && p.region === j && p.origins[r] && (!p.temporaryOnly || temp)) return q;
  }
  return -1;
}

/**
 * How a move from r to j is admitted, and what it costs, per (c, r, temp, j): independent of
 * home, language and role except the researchers' moving-cost cut, kept apart.
 */
function buildMoveBlocks(
  cs: CompiledScenario,
  pp: PeriodParams,
  programs: readonly Program[],
  market: MarketState,
  tables: PeriodTables,
): void {
  const R = cs.regions.length;
  const C = cs.citizenships.length;
  const { vec } = pp;
  const off = cs.off;
  const tempPenalty = vec[off.behavior.tempPenalty];
  const s = tables.scratch;
  for (let c = 0; c < C; c++) {
    const cc = cs.citizenCountry[c];
    for (let r = 0; r < R; r++) {
      const rc = cs.regionCountry[r];
      for (let temp = 0; temp < 2; temp++) {
        for (let j = 0; j < R; j++) {
          const at = ((c * R + r) * 2 + temp) * R + j;
          const jc = cs.regionCountry[j];
          let moveTemp = temp;
          let cost = 0;
          s.blockAdmit[at] = Admit.None;
          s.blockPi[at] = 1;
          s.blockPiHigh[at] = 1;
          s.blockPetition[at] = 1;
          s.blockProgram[at] = -1;
          if (j !== r && jc !== rc) {
            const citizen = jc === cc || freeMover(cs, c, j);
            if (citizen) {
              moveTemp = 0;
            } else {
              moveTemp = pp.rulePermanent[j * C + c] ? 0 : 1;
              cost += admitForeigner(cs, pp, programs, market, s, at, c, r, temp, j);
            }
            // Newcomers' and returnees' tax incentive, for the first years after arrival. Returnees
            // are citizens of j's country; a free mover is a newcomer there, as for a stayer.
            if (pp.taxReduction[j] > 0) cost -= tables.taxStayBonus[j * 2 + (jc === cc ? 1 : 0)];
          }
          if (moveTemp) cost += tempPenalty;
          let costResearcher = cost;
          if (j !== r) {
            const kappa = vec[off.movingCost + r * R + j];
            cost += kappa;
            costResearcher += Math.max(0, kappa - pp.researcherMoveCut[r * R + j]);
          }
          s.blockTemp[at] = moveTemp;
          s.blockCost[at] = cost;
          s.blockCostResearcher[at] = costResearcher;
        }
      }
    }
  }
}

/**
 * The admission of a non-citizen of j's country moving from r to j under the rule for (j, c):
 * writes the block's admission kind, chances, petition chance and program at `at`, and returns
 * the friction the move costs (visa process, processing delays, less between partners).
 */
function admitForeigner(
  cs: CompiledScenario,
  pp: PeriodParams,
  programs: readonly Program[],
  market: MarketState,
  s: TableScratch,
  at: number,
  c: number,
  r: number,
  temp: number,
  j: number,
): number {
  const R = cs.regions.length;
  const C = cs.citizenships.length;
  const { vec } = pp;
  const off = cs.off;
  const rule = j * C + c;
  const kind = pp.ruleKind[rule];
  const fee = vec[off.behavior.feeAdmissionFactor] ** (vec[off.rule.fee + rule] / 100_000);
  const boost = pp.pairAdmissionBoost[r * R + j];
  const program = programOf(pp, programs, r, j, temp);
  let admit: number = Admit.None;
  let pi = 1;
  let piHigh = 1;
  let petition = 1;
  if (kind === RuleKind.Open) {
    admit = Admit.None;
  } else if (kind === RuleKind.Lottery) {
    admit = Admit.Lottery;
    petition = fee;
    pi = piHigh = market.selectionRate[pp.ruleLottery[rule]] * fee;
  } else {
    admit = Admit.Draw;
    const low = (kind === RuleKind.Threshold ? vec[off.rule.low + rule] : vec[off.rule.admission + rule]) * fee;
    const high = (kind === RuleKind.Threshold ? vec[off.rule.high + rule] : vec[off.rule.admission + rule]) * fee;
    pi = low + (1 - low) * boost;
    piHigh = high + (1 - high) * boost;
  }
  // A program (open work permit, exchange slots) is an admission route of its own: a
  // draw rule that admits nobody leaves the route open to it, anticipated at the
  // program's chance (docs/model.md 3.3.8). A lottery applicant never reaches a
  // program, so a lottery with no chance stays closed.
  if (admit === Admit.Draw && pi <= 0 && piHigh <= 0 && program < 0) admit = Admit.Closed;
  if (admit === Admit.Lottery && pi <= 0) admit = Admit.Closed;
  s.blockAdmit[at] = admit;
  s.blockPi[at] = pi;
  s.blockPiHigh[at] = piHigh;
  s.blockPetition[at] = petition;
  s.blockProgram[at] = program;
  const friction = vec[off.visaFriction + c * R + j] + pp.delayFriction[rule];
  return Math.max(0, friction - pp.pairFrictionCut[r * R + j]);
}

/** The table per type: (c, r, h, temp, german, researcher) x destination, from the blocks. */
function buildTypeTable(cs: CompiledScenario, pp: PeriodParams, tables: PeriodTables): void {
  const R = cs.regions.length;
  const C = cs.citizenships.length;
  const homeBias = pp.vec[cs.off.behavior.homeBias];
  const s = tables.scratch;
  const { cj, ecosystem, language } = s;
  let row = 0;
  for (let c = 0; c < C; c++) {
    for (let r = 0; r < R; r++) {
      for (let h = 0; h < R; h++) {
        for (let temp = 0; temp < 2; temp++) {
          const block = ((c * R + r) * 2 + temp) * R;
          for (let german = 0; german < 2; german++) {
            for (let researcher = 0; researcher < 2; researcher++, row += R) {
              for (let j = 0; j < R; j++) {
                const at = row + j;
                const k = block + j;
                let v = cj[c * R + j] - (researcher ? s.blockCostResearcher[k] : s.blockCost[k]);
                if (researcher) v += ecosystem[j];
                if (!german) v -= language[j];
                if (j === h) v += homeBias;
                tables.T[at] = v;
                tables.admit[at] = s.blockAdmit[k];
                tables.piLow[at] = s.blockPi[k];
                tables.piHigh[at] = s.blockPiHigh[k];
                tables.petition[at] = s.blockPetition[k];
                tables.moveTemp[at] = s.blockTemp[k];
                tables.program[at] = s.blockProgram[k];
              }
            }
          }
        }
      }
    }
  }
}

/**
 * The market state before the first period: empty aggregates, each lottery's anticipated
 * selection rate from the scenario, and `programChance` for every capped program.
 */
export function createMarketState(cs: CompiledScenario, programs: number, programChance = 1): MarketState {
  const R = cs.regions.length;
  const C = cs.citizenships.length;
  return {
    supply: new Float64Array(R),
    supply0: new Float64Array(R),
    investment0: new Float64Array(R),
    diaspora: new Float64Array(C * R),
    selectionRate: Float64Array.from(cs.lotteries, (name) => cs.scenario.lotteries[name].initialSelectionRate),
    programChance: new Float64Array(programs).fill(programChance),
  };
}

/**
 * H-1B wage level (0-3 for levels I-IV) of a wage whose skill lies `zScore` standard deviations
 * from the destination's mean: the prevailing-wage levels sit near the 17th, 34th, 50th and
 * 67th percentiles, so a wage at or above the 67th percentile (z >= 0.4399) is level IV, and so
 * on down. The weighted lottery gives level L + 1 entries.
 */
export function wageLevel(zScore: number): number {
  return zScore >= 0.4399 ? 3 : zScore >= 0 ? 2 : zScore >= -0.4125 ? 1 : 0;
}
