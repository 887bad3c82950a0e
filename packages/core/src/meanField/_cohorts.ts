/**
 * The cohorts of the mean-field projection: expected masses of people per cell instead of agents.
 * @internal
 * @module
 */
import type { CompiledScenario } from "../kernel/_compile";
import {
  typeCitizenship,
  typeCount,
  typeGerman,
  typeHome,
  typeIndex,
  typeRegion,
  typeResearcher,
  typeTemporary,
} from "../kernel/_agentType";
import type { AgeBands } from "./_ageBands";
import type { FirstJobs } from "./_firstJobs";
import type { Graduates } from "./_graduates";
import type { StatusTerms } from "./_terms";
import { normalCdf, normalPdf } from "./_quadrature";

/** People of one citizenship added to one region with that region's shares. */
export interface CohortEntry {
  readonly region: number;
  readonly citizenship: number;
  readonly people: number;
  /** Share of the people per age band. */
  readonly ages: readonly number[];
  /** Mean of their skill, distributed N(mean, 1) over the bins. */
  readonly skillMean: number;
  /** Share who speak German (citizens of a German-speaking country all do). */
  readonly germanShare: number;
  readonly researcherShare: number;
  /** Share who hold a temporary status. */
  readonly tempShare: number;
  /** Periods a temporary status granted now runs before it expires (0 or absent: never). */
  readonly term?: number;
  /** Share of the temporary people who are graduates waiting for their region's lottery (0 or absent: none). */
  readonly graduateShare?: number;
  /** Whether they are the period's entrants (who may choose their first job next period), not the initial stock. */
  readonly entrants?: boolean;
}

/**
 * The cells (type × skill bin × age band) with the people in each and the sum of their skill, so
 * that each cell keeps and moves its own mean skill. A type is the engine's agent type
 * (citizenship, region, home, temporary, German, researcher); cell k = (type · B + b) · A + a.
 */
export class Cohorts {
  readonly R: number;
  readonly C: number;
  /** Skill bins. */
  readonly B: number;
  /** Age bands, the last (retired) included. */
  readonly A: number;
  /** Age bands that choose (all but the last). */
  readonly working: number;
  readonly types: number;
  readonly cellsPerType: number;
  readonly bands: AgeBands;
  /** Width of a skill bin (the outer bins take everything beyond the range). */
  readonly binWidth: number;
  /** People per cell. */
  readonly mass: Float64Array;
  /** Sum of the skill of the people per cell. */
  readonly zm: Float64Array;
  /** Moves and status changes of the decision, added to the cells after it. */
  readonly dMass: Float64Array;
  readonly dZ: Float64Array;
  /** 1 for the types that hold people: a type becomes live when people are added and stays live. */
  readonly live: Uint8Array;
  /** The live types, ascending; the first {@link Cohorts.nLive} are valid. */
  readonly liveList: Int32Array;
  nLive = 0;
  /** The periods left of temporary statuses with a term, when the scenario grants any. */
  terms: StatusTerms | undefined;
  /** The graduates waiting for a lottery, when a lottery of the scenario has them. */
  graduates: Graduates | undefined;
  /** Last period's entrants who choose their first job this period (docs/model.md 3.3.12). */
  firstJobs: FirstJobs | undefined;
  /** Each type's citizenship, region, home, temporary status, German, researcher. */
  readonly tC: Int32Array;
  readonly tR: Int32Array;
  readonly tH: Int32Array;
  readonly tTemp: Int32Array;
  readonly tG: Int32Array;
  readonly tRes: Int32Array;
  /** 1 when the type's citizens live outside their country. */
  readonly tAway: Uint8Array;
  private readonly cs: CompiledScenario;
  private readonly skillLow: number;
  private readonly germanCitizen: readonly number[];
  private readonly splits = new Map<number, { p: Float64Array; zp: Float64Array }>();

  constructor(cs: CompiledScenario, bands: AgeBands, skillBins: number, skillRange: readonly [number, number]) {
    this.cs = cs;
    const R = (this.R = cs.regions.length);
    const C = (this.C = cs.citizenships.length);
    const NT = (this.types = typeCount(R, C));
    this.B = skillBins;
    this.A = bands.count;
    this.working = bands.working;
    this.bands = bands;
    this.cellsPerType = this.B * this.A;
    const [zLo, zHi] = skillRange;
    this.skillLow = zLo;
    this.binWidth = (zHi - zLo) / skillBins;
    const N = NT * this.B * this.A;
    this.mass = new Float64Array(N);
    this.zm = new Float64Array(N);
    this.dMass = new Float64Array(N);
    this.dZ = new Float64Array(N);
    // Sparse list of the types that hold people: most (citizenship, region, home) combinations are empty.
    this.live = new Uint8Array(NT);
    this.liveList = new Int32Array(NT);
    this.tC = new Int32Array(NT);
    this.tR = new Int32Array(NT);
    this.tH = new Int32Array(NT);
    this.tTemp = new Int32Array(NT);
    this.tG = new Int32Array(NT);
    this.tRes = new Int32Array(NT);
    this.tAway = new Uint8Array(NT);
    this.decodeTypes();
    this.germanCitizen = cs.citizenships.map((c) => (cs.scenario.citizenships[c].german ? 1 : 0));
  }

  private decodeTypes(): void {
    const { R, cs } = this;
    for (let t = 0; t < this.types; t++) {
      const c = (this.tC[t] = typeCitizenship(t, R));
      const r = (this.tR[t] = typeRegion(t, R));
      this.tH[t] = typeHome(t, R);
      this.tTemp[t] = typeTemporary(t);
      this.tG[t] = typeGerman(t);
      this.tRes[t] = typeResearcher(t);
      this.tAway[t] = cs.citizenCountry[c] !== cs.regionCountry[r] ? 1 : 0;
    }
  }

  /** Lists the live types again (after people were added to new types). */
  refreshLive(): void {
    let n = 0;
    for (let t = 0; t < this.types; t++) if (this.live[t]) this.liveList[n++] = t;
    this.nLive = n;
  }

  /** Skill split of N(mean, 1) over the bins: mass and first moment per bin (cached per mean). */
  private skillSplit(mean: number): { p: Float64Array; zp: Float64Array } {
    let out = this.splits.get(mean);
    if (out) return out;
    const { B, skillLow: zLo, binWidth: width } = this;
    const p = new Float64Array(B);
    const zp = new Float64Array(B);
    for (let b = 0; b < B; b++) {
      const lo = b === 0 ? -Infinity : zLo + b * width;
      const hi = b === B - 1 ? Infinity : zLo + (b + 1) * width;
      p[b] = normalCdf(hi - mean) - normalCdf(lo - mean);
      zp[b] = mean * p[b] + normalPdf(lo - mean) - normalPdf(hi - mean);
    }
    out = { p, zp };
    this.splits.set(mean, out);
    return out;
  }

  /** Adds people of one citizenship to one region (initial population or entrants). */
  add(entry: CohortEntry): void {
    const { R, B, A, cs, mass, zm } = this;
    const { region: j, citizenship: c, people, ages } = entry;
    const citizen = cs.citizenCountry[c] === cs.regionCountry[j];
    const home = citizen ? j : cs.citizenHome[c];
    const pg = this.germanCitizen[c] ? 1 : entry.germanShare;
    const { p, zp } = this.skillSplit(entry.skillMean);
    for (let g = 0; g < 2; g++) {
      const wg = g ? pg : 1 - pg;
      if (wg <= 0) continue;
      for (let res = 0; res < 2; res++) {
        const wr = res ? entry.researcherShare : 1 - entry.researcherShare;
        if (wr <= 0) continue;
        for (let temp = 0; temp < 2; temp++) {
          const wt = temp ? entry.tempShare : 1 - entry.tempShare;
          if (wt <= 0) continue;
          const type = typeIndex(R, c, j, home, temp, g, res);
          this.live[type] = 1;
          const w = people * wg * wr * wt;
          const graduates = temp && entry.graduateShare ? entry.graduateShare : 0;
          if (temp && entry.term) this.terms?.enter(type, graduates ? w * (1 - graduates) : w, ages, entry.term);
          // Graduates wait for their lottery: their first-job choice is to wait (docs/model.md 3.3.12).
          const firstJobs = entry.entrants && this.firstJobs?.active ? this.firstJobs : undefined;
          const term = temp ? (entry.term ?? 0) : 0;
          for (let a = 0; a < A; a++) {
            if (ages[a] <= 0) continue;
            for (let b = 0; b < B; b++) {
              const k = (type * B + b) * A + a;
              mass[k] += w * ages[a] * p[b];
              zm[k] += w * ages[a] * zp[b];
              if (graduates) this.graduates!.enter(type, b, a, w * ages[a] * p[b] * graduates);
              firstJobs?.enter(type, k, w * ages[a] * p[b] * (1 - graduates), term);
            }
          }
        }
      }
    }
  }

  /** Adds the moves and status changes of the decision to the cells. */
  mergeMoves(): void {
    const { liveList, nLive, cellsPerType, mass, zm, dMass, dZ } = this;
    for (let li = 0; li < nLive; li++) {
      const type = liveList[li];
      const end = (type + 1) * cellsPerType;
      for (let k = type * cellsPerType; k < end; k++) {
        if (dMass[k] === 0) continue;
        mass[k] += dMass[k];
        zm[k] += dZ[k];
        dMass[k] = 0;
        dZ[k] = 0;
      }
    }
  }

  /** Ageing between bands; those who reach retirementAge wait in the last band and exit next period. */
  age(): void {
    const { liveList, nLive, B, A, mass, zm } = this;
    const ageOut = this.bands.ageOut;
    for (let li = 0; li < nLive; li++) {
      const type = liveList[li];
      for (let b = 0; b < B; b++) {
        const base = (type * B + b) * A;
        for (let a = A - 2; a >= 0; a--) {
          const k = base + a;
          const m = mass[k];
          if (m <= 0) continue;
          const f = ageOut[a];
          mass[k + 1] += m * f;
          zm[k + 1] += zm[k] * f;
          mass[k] = m * (1 - f);
          zm[k] = zm[k] * (1 - f);
        }
      }
    }
  }
}
