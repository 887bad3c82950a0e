/**
 * The lotteries of the mean-field projection.
 * @internal
 * @module
 */
import type { CompiledScenario } from "../kernel/_compile";
import type { PeriodParams } from "../kernel/_period";
import type { MarketState } from "../kernel/_tables";
import type { PeriodCounts } from "../engine/_periodCounts";
import type { Graduates } from "./_graduates";

/**
 * A lottery admits its applicants at once, at the selection rate of the last draw for their wage
 * level (no pool or start delay): the decision files petitions into `pool` (per lottery and wage
 * level) and `poolRegion` (the same per destination), and moves `levelRate` of them; each draw
 * sets the rates from the year's applicants and the graduates waiting for it (who are a real pool:
 * they win at the draw's rate, and the others wait for the next draw).
 */
export class LotteryPools {
  /** Petitions filed since the last draw, per (lottery l, wage level): l * 4 + level. */
  readonly pool: Float64Array;
  /** The same per destination: (l * 4 + level) * R + j. */
  readonly poolRegion: Float64Array;
  /** Selection rate of the last draw per (lottery, wage level). */
  readonly levelRate: Float64Array;
  private readonly cs: CompiledScenario;
  private readonly market: MarketState;
  private readonly graduates: Graduates | undefined;
  /** The graduates in the pool of the lottery being drawn, per wage level. */
  private readonly graduatePool = new Float64Array(4);

  constructor(cs: CompiledScenario, market: MarketState, graduates?: Graduates) {
    const L = cs.lotteries.length;
    this.cs = cs;
    this.market = market;
    this.graduates = graduates;
    this.levelRate = new Float64Array(L * 4);
    for (let l = 0; l < L; l++) this.levelRate.fill(market.selectionRate[l], l * 4, l * 4 + 4);
    this.pool = new Float64Array(L * 4);
    this.poolRegion = new Float64Array(L * 4 * cs.regions.length);
  }

  /**
   * (3) The draws of internal period t: the rate of this year's applicants and the waiting
   * graduates who do not exit (`stay` = 1 − the exit probability), by wage level when weighted;
   * winners and selection rates into `flows`, the anticipated rate into the market.
   */
  draw(t: number, params: PeriodParams, flows: PeriodCounts, stay: number): void {
    const { cs, pool, poolRegion, levelRate, graduates, graduatePool } = this;
    const R = cs.regions.length;
    for (let l = 0; l < cs.lotteries.length; l++) {
      if (t % cs.scenario.periodsPerYear !== cs.lotteryPeriod[l]) continue;
      let applicants = 0;
      for (let k = 0; k < 4; k++) applicants += pool[l * 4 + k];
      if (graduates) {
        graduatePool.fill(0);
        graduates.pool(l, stay, graduatePool);
        for (let k = 0; k < 4; k++) pool[l * 4 + k] += graduatePool[k];
        for (let k = 0; k < 4; k++) applicants += graduatePool[k];
      }
      if (applicants <= 0) continue;
      const cap = params.vec[cs.off.lottery.cap + l];
      const winners = Math.min(cap, applicants);
      const rate = winners / applicants;
      if (params.lotteryWeighted[l] && winners < applicants) this.weightedRates(l, winners);
      else levelRate.fill(rate, l * 4, l * 4 + 4);
      graduates?.win(l, levelRate, stay, t + cs.lotteryStartDelay[l], flows);
      this.market.selectionRate[l] = rate;
      for (let j = 0; j < R; j++) {
        if (cs.regionLottery[j] !== l) continue;
        flows.selectionRate[j] = rate;
        for (let k = 0; k < 4; k++) flows.lotteryWinners[j] += poolRegion[(l * 4 + k) * R + j] * levelRate[l * 4 + k];
      }
      pool.fill(0, l * 4, l * 4 + 4);
      poolRegion.fill(0, l * 4 * R, (l + 1) * 4 * R);
    }
  }

  /** Closed form 5: rate_L = 1 - exp(-w_L t*) with sum_L N_L (1 - exp(-w_L t*)) = cap, by bisection. */
  private weightedRates(l: number, winners: number): void {
    const pool = this.pool;
    const f = (x: number) => {
      let sum = 0;
      for (let k = 0; k < 4; k++) sum += pool[l * 4 + k] * (1 - Math.exp(-(k + 1) * x));
      return sum - winners;
    };
    let lo = 0;
    let hi = 1;
    while (f(hi) < 0 && hi < 1e6) hi *= 2;
    for (let it = 0; it < 100; it++) {
      const mid = (lo + hi) / 2;
      if (f(mid) < 0) lo = mid;
      else hi = mid;
    }
    for (let k = 0; k < 4; k++) this.levelRate[l * 4 + k] = 1 - Math.exp(-(k + 1) * ((lo + hi) / 2));
  }
}
