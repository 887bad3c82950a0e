/**
 * The aggregates the next period reads and the record reports: counts by type x coarse skill bin
 * x age band, counts per type, a fine skill histogram and skill sums per region, kept up to date
 * event by event. An agent is removed (-1) before its type changes and added (+1) after, added
 * when it enters, removed when it exits, and moved to the next age band in the period it crosses
 * one. Agents with no event cost nothing, and the counts equal a full recount of the active
 * agents at the end of every period (a test checks it).
 */
import type { CompiledScenario } from "../kernel/_compile";
import { typeCitizenship, typeCount, typeRegion, typeResearcher } from "../kernel/_agentType";
import type { MarketState, PeriodTables } from "../kernel/_tables";
import { Flag, type AgentColumns } from "./_agentColumns";

/**
 * Fine skill histogram: 256 bins over [-4, 4), skills beyond clamped to the edge bins (a share
 * of about 1e-4 of agents). Each agent's bin is computed once, when it is created.
 */
export const FINE_BINS = 256;
const FINE_LO = -4;
const FINE_WIDTH = 8 / FINE_BINS;
/** Coarse skill bins for welfare cells: 16 over [-4, 4), each 16 fine bins (coarse = fine >> 4). */
export const SKILL_BINS = 16;
/** Lower edge of the first coarse skill bin. */
export const SKILL_LO = -4;
/** Width of a coarse skill bin. */
export const SKILL_WIDTH = 0.5;
const FINE_PER_SKILL_SHIFT = 4;
/** Age bands: under 30, 30-39, 40-49, 50 and over. */
export const AGE_BANDS = 4;
/** Midpoint age of each band, for welfare's age term (the first band pays none). */
export const AGE_BAND_MID = [0, 35, 45, 57.5];

/**
 * Skill sums are kept in units of 2^-24 (a float32 skill in (-8, 8) rounded to 24 fractional
 * bits): integers below 2^53, so adding and removing agents in any order gives the same sum, and
 * a run restored from a checkpoint matches the uninterrupted one to the bit.
 */
export const SKILL_UNITS = 2 ** 24;

/** Fine skill bin of a skill value. */
export function skillBin(z: number): number {
  const b = Math.floor((z - FINE_LO) / FINE_WIDTH);
  return b < 0 ? 0 : b >= FINE_BINS ? FINE_BINS - 1 : b;
}

/** The aggregates' four buffers, as {@link Aggregates.recount} returns them. */
export interface AggregateCounts {
  cells: Int32Array;
  typeCounts: Int32Array;
  fine: Int32Array;
  zsum: Float64Array;
}

/** The aggregates of the active agents, and the market state and skill moments derived from them. */
export class Aggregates {
  /** Active agents per (type, coarse skill bin, age band). */
  readonly cells: Int32Array;
  /** Active agents per type (the cells summed over skill bins and age bands). */
  readonly typeCounts: Int32Array;
  /** Fine skill histogram per group (region, researcher, abroad). */
  readonly fine: Int32Array;
  /** Skill sums per region, in SKILL_UNITS. */
  readonly zsum: Float64Array;
  /** Mean and standard deviation of skill per region at the end of the previous period. */
  readonly skillMean: Float64Array;
  readonly skillSd: Float64Array;
  /** Age-band birth-period edges of the current period (born <= edge means at least that old). */
  edge30 = 0;
  edge40 = 0;
  edge50 = 0;
  /** Fine-histogram group of each type: (region, researcher, abroad). */
  private readonly fineGroup: Uint8Array;
  private readonly cs: CompiledScenario;
  private readonly agents: AgentColumns;
  private readonly market: MarketState;
  private readonly tables: PeriodTables;
  private readonly R: number;
  private readonly ppy: number;
  private readonly scale: number;

  constructor(cs: CompiledScenario, agents: AgentColumns, market: MarketState, tables: PeriodTables, scale: number) {
    const R = (this.R = cs.regions.length);
    const C = cs.citizenships.length;
    this.cs = cs;
    this.agents = agents;
    this.market = market;
    this.tables = tables;
    this.scale = scale;
    this.ppy = cs.scenario.periodsPerYear;
    this.cells = new Int32Array(typeCount(R, C) * SKILL_BINS * AGE_BANDS);
    this.typeCounts = new Int32Array(typeCount(R, C));
    this.fine = new Int32Array(R * 4 * FINE_BINS);
    this.zsum = new Float64Array(R);
    this.skillMean = new Float64Array(R);
    this.skillSd = new Float64Array(R).fill(1);
    this.fineGroup = new Uint8Array(typeCount(R, C));
    for (let type = 0; type < this.fineGroup.length; type++) {
      const r = typeRegion(type, R);
      const abroad = cs.citizenCountry[typeCitizenship(type, R)] !== cs.regionCountry[r] ? 1 : 0;
      this.fineGroup[type] = (r * 2 + typeResearcher(type)) * 2 + abroad;
    }
  }

  /** The age-band edges of period t. */
  edgesFor(t: number): void {
    this.edge30 = t - 30 * this.ppy;
    this.edge40 = t - 40 * this.ppy;
    this.edge50 = t - 50 * this.ppy;
  }

  /** Recounts the aggregates from the agent columns, with the age bands of period t. */
  rebuild(t: number): void {
    this.cells.fill(0);
    this.typeCounts.fill(0);
    this.fine.fill(0);
    this.zsum.fill(0);
    this.edgesFor(t);
    const a = this.agents;
    for (let i = 0; i < a.used; i++) if ((a.flags[i] & Flag.Active) !== 0) this.accumulate(i, 1);
  }

  /** Adds (sign 1) or removes (sign -1) an agent's current state from the aggregates. */
  accumulate(i: number, sign: number): void {
    const a = this.agents;
    const type = a.type[i];
    const bin = a.bin[i];
    const born = a.bornPeriod[i];
    const ab = (born <= this.edge30 ? 1 : 0) + (born <= this.edge40 ? 1 : 0) + (born <= this.edge50 ? 1 : 0);
    this.cells[(((type << FINE_PER_SKILL_SHIFT) | (bin >> FINE_PER_SKILL_SHIFT)) << 2) | ab] += sign;
    this.typeCounts[type] += sign;
    this.fine[this.fineGroup[type] * FINE_BINS + bin] += sign;
    this.zsum[a.region[i]] += sign * Math.round(a.skill[i] * SKILL_UNITS);
  }

  /** Moves an agent born in period `born`, with `type` and `bin`, that turns 30, 40 or 50 now to its new age band. */
  crossAgeBand(type: number, bin: number, born: number): void {
    const ab = (born <= this.edge30 ? 1 : 0) + (born <= this.edge40 ? 1 : 0) + (born <= this.edge50 ? 1 : 0);
    const cell = ((type << FINE_PER_SKILL_SHIFT) | (bin >> FINE_PER_SKILL_SHIFT)) << 2;
    this.cells[cell | (ab - 1)]--;
    this.cells[cell | ab]++;
  }

  /**
   * The aggregates as a full recount of the active agents would give them at the end of period t
   * (the last one run), and as they are kept: for tests of the event-by-event bookkeeping.
   */
  recount(t: number): AggregateCounts & { kept: AggregateCounts } {
    const kept = {
      cells: this.cells.slice(),
      typeCounts: this.typeCounts.slice(),
      fine: this.fine.slice(),
      zsum: this.zsum.slice(),
    };
    this.rebuild(t);
    const counted = {
      cells: this.cells.slice(),
      typeCounts: this.typeCounts.slice(),
      fine: this.fine.slice(),
      zsum: this.zsum.slice(),
    };
    this.cells.set(kept.cells);
    this.typeCounts.set(kept.typeCounts);
    this.fine.set(kept.fine);
    this.zsum.set(kept.zsum);
    return { ...counted, kept };
  }

  /** Supply, diaspora and skill moments for the next period's tables, from the aggregates. */
  updateMarket(): void {
    const R = this.R;
    const m = this.market;
    const NT = this.typeCounts.length;
    m.diaspora.fill(0);
    for (let type = 0; type < NT; type++) {
      const n = this.typeCounts[type];
      if (n === 0) continue;
      m.diaspora[typeCitizenship(type, R) * R + typeRegion(type, R)] += n * this.scale;
    }
    for (let r = 0; r < R; r++) {
      const sigma = this.tables.sigma[r] || this.cs.scenario.regions[this.cs.regions[r]].skillReturn;
      let supply = 0;
      let n = 0;
      let sq = 0;
      for (let b = 0; b < FINE_BINS; b++) {
        // The four histogram groups of the region share the bin.
        const base = r * 4 * FINE_BINS + b;
        const count =
          this.fine[base] +
          this.fine[base + FINE_BINS] +
          this.fine[base + 2 * FINE_BINS] +
          this.fine[base + 3 * FINE_BINS];
        if (count === 0) continue;
        const z = FINE_LO + (b + 0.5) * FINE_WIDTH;
        supply += count * Math.exp(sigma * z);
        n += count;
        sq += count * z * z;
      }
      m.supply[r] = supply * this.scale;
      const mean = n > 0 ? this.zsum[r] / SKILL_UNITS / n : 0;
      this.skillMean[r] = mean;
      this.skillSd[r] = n > 1 ? Math.sqrt(Math.max(sq / n - mean * mean, 1e-6)) : 1;
    }
  }
}
