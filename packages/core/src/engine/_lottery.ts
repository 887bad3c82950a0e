/**
 * Visa lotteries (docs/model.md 1.3 step 3): once a year each lottery draws its winners from the
 * pool of waiting applicants who do not exit this period, weighted by wage level where the policy
 * says so; winners start work in the period the lottery names.
 */
import type { CompiledScenario } from "../kernel/_compile";
import type { PeriodParams } from "../kernel/_period";
import { wageLevel, type MarketState } from "../kernel/_tables";
import { Purpose, keyedUniform, streamKey } from "../random/keyed";
import { Flag, type AgentColumns } from "./_agentColumns";
import type { Aggregates } from "./_aggregates";
import type { EventCounts } from "./_eventCounts";

/** What the lottery reads and where its outcomes go. */
export interface LotteryParts {
  readonly cs: CompiledScenario;
  readonly params: PeriodParams;
  readonly market: MarketState;
  readonly agents: AgentColumns;
  readonly aggregates: Aggregates;
  readonly counts: EventCounts;
  readonly seed: number;
  readonly scale: number;
}

/** Every lottery of a scenario: its draws, and when its winners start. */
export class Lottery {
  /** Per lottery: the period in which the current winners start (-1: none waiting). */
  readonly start: Int32Array;
  /** Scratch: the slots of a lottery's pool (grown when a pool is larger). */
  private poolSlots = new Int32Array(1024);
  /** Per lottery: 1 if its winners start in the current period. */
  private readonly startsNow: Uint8Array;
  private readonly parts: LotteryParts;

  constructor(parts: LotteryParts) {
    this.parts = parts;
    this.start = new Int32Array(parts.cs.lotteries.length).fill(-1);
    this.startsNow = new Uint8Array(parts.cs.lotteries.length);
  }

  /** Draws every lottery whose draw falls in period t; agents born by `retireBorn` retire now. */
  drawDue(t: number, retireBorn: number): void {
    const cs = this.parts.cs;
    const ppy = cs.scenario.periodsPerYear;
    for (let l = 0; l < cs.lotteries.length; l++) {
      if (t % ppy === cs.lotteryPeriod[l]) this.draw(l, t, retireBorn);
    }
  }

  /** Per lottery, 1 if its winners start in period t (a buffer reused every period). */
  startsAt(t: number): Uint8Array {
    for (let l = 0; l < this.start.length; l++) this.startsNow[l] = this.start[l] === t ? 1 : 0;
    return this.startsNow;
  }

  private draw(l: number, t: number, retireBorn: number): void {
    const { cs, agents: a, params, market, aggregates, counts, seed, scale } = this.parts;
    // The pool: agents waiting for this lottery who do not exit this period. Only slots with an
    // application are looked at closely.
    const { flags, pending, bornPeriod, exitAt } = a;
    const regionLottery = cs.regionLottery;
    let size = 0;
    let slots = this.poolSlots;
    for (let i = 0; i < a.used; i++) {
      const p = pending[i];
      if (p === 0) continue;
      const f = flags[i];
      if ((f & Flag.Active) === 0 || (f & Flag.Won) !== 0 || regionLottery[p - 1] !== l) continue;
      if (bornPeriod[i] <= retireBorn || exitAt[i] <= t) continue; // exits this period
      if (size === slots.length) {
        const bigger = new Int32Array(slots.length * 2);
        bigger.set(slots);
        slots = this.poolSlots = bigger;
      }
      slots[size++] = i;
    }
    const pool = slots.subarray(0, size);
    const cap = params.vec[cs.off.lottery.cap + l] / scale;
    const extra = keyedUniform(streamKey(seed, t, Purpose.LotteryCap, l), 0) < cap - Math.floor(cap) ? 1 : 0;
    const winners = Math.min(pool.length, Math.floor(cap) + extra);
    const keys = new Float64Array(pool.length);
    const kKey = streamKey(seed, t, Purpose.LotteryKey, l);
    const weighted = params.lotteryWeighted[l] === 1;
    for (let k = 0; k < pool.length; k++) {
      const i = pool[k];
      let weight = 1;
      if (weighted) {
        // Wage levels I-IV, from the wage's place in the destination's distribution, get 1-4 entries.
        const j = pending[i] - 1;
        weight = wageLevel((a.skill[i] - aggregates.skillMean[j]) / aggregates.skillSd[j]) + 1;
      }
      // Weighted sampling without replacement: the smallest Exp(1)/w keys win (Efraimidis-Spirakis).
      keys[k] = -Math.log(keyedUniform(kKey, a.id[i])) / weight;
    }
    const ids = a.id;
    const order = Int32Array.from({ length: pool.length }, (_, k) => k);
    order.sort((x, y) => keys[x] - keys[y] || ids[pool[x]] - ids[pool[y]]);
    const start = t + cs.lotteryStartDelay[l];
    for (let k = 0; k < order.length; k++) {
      const i = pool[order[k]];
      const j = a.pending[i] - 1;
      if (k < winners) {
        a.flags[i] = a.flags[i] | Flag.Won;
        if (start < a.nextAt[i]) a.nextAt[i] = start;
        counts.lotteryWinners[j]++;
      } else if (!a.isGraduate(i)) {
        // A mover who loses leaves the pool; a graduate (applying to its own region) stays (3.3.6).
        a.pending[i] = 0;
      }
    }
    if (pool.length > 0) market.selectionRate[l] = winners / pool.length;
    const R = cs.regions.length;
    for (let j = 0; j < R; j++)
      if (cs.regionLottery[j] === l) counts.selectionRate[j] = pool.length > 0 ? winners / pool.length : NaN;
    this.start[l] = start;
  }
}
