/**
 * What the mean-field projection observes of its cohorts at the end of a reported period.
 * @internal
 * @module
 */
import { PopulationTotals } from "../engine/_periodRecord";
import { admissionChance } from "../kernel/_admission";
import { Admit, type PeriodTables } from "../kernel/_tables";
import type { CellWelfare } from "../kernel/_welfareCell";
import { AGE_BAND_MID } from "../engine/_aggregates";
import type { Cohorts } from "./_cohorts";

/** Sums over the cohorts at the end of a period, in people (welfare in utility units times people). */
export class CohortTotals extends PopulationTotals {
  /** Sum of skill per region. */
  readonly skillSum: Float64Array;

  /** Zero totals for R regions and C citizenships. */
  constructor(R: number, C: number) {
    super(R, C);
    this.skillSum = new Float64Array(R);
  }
}

/**
 * Stocks by citizenship, researchers, skill sums, brain drain and welfare of the live types. Welfare
 * (docs/model.md 3.3.13): the stay utility at each cell's own skill plus the expected gain of the
 * decision's outcome at the group's mean skill, with every destination's value lowered by the age
 * term of the engine's welfare band that holds the band's middle age (`bandShift`, see
 * {@link welfareShifts}): the engine's approximation, and one evaluation of the gain per (group,
 * engine band) instead of one per age band. Without `bandShift`, welfare is left at 0 (not
 * computed; the rows leave it out).
 */
export function observeCohorts(
  cohorts: Cohorts,
  tables: PeriodTables,
  bandShift: Float64Array | undefined,
  options: CellWelfare,
): CohortTotals {
  const { R, C, B, A, tC, tR, tRes, tAway, mass, zm, liveList, nLive } = cohorts;
  const young = cohorts.bands.young;
  const out = new CohortTotals(R, C);
  const T = tables.T;
  const betaSigma = tables.betaSigma;
  for (let li = 0; li < nLive; li++) {
    const type = liveList[li];
    const r = tR[type];
    const c = tC[type];
    const row = type * R;
    const Tr = T[row + r];
    const bsr = betaSigma[r];
    const away = tAway[type];
    const res = tRes[type];
    for (let b = 0; b < B; b++) {
      const base = (type * B + b) * A;
      let M = 0;
      let Z = 0;
      for (let a = 0; a < A; a++) {
        const m = mass[base + a];
        if (m <= 1e-12) continue;
        M += m;
        Z += zm[base + a];
      }
      if (M <= 0) continue;
      if (bandShift) collectOptions(options, tables, row, c, r, Z / M);
      let w = 0;
      // Bands come in age order, so the bands of one engine band are neighbours: one gain each.
      let shift = Number.NaN;
      let gain = 0;
      for (let a = 0; a < A; a++) {
        const k = base + a;
        const m = mass[k];
        if (m <= 1e-12) continue;
        if (young[a]) {
          out.citizensYoung[c] += m;
          if (away) out.abroadYoung[c] += m;
        }
        if (!bandShift) continue;
        if (bandShift[a] !== shift) {
          shift = bandShift[a];
          gain = options.gain(shift);
        }
        w += m * Tr + bsr * zm[k] + m * gain;
      }
      out.byCitizenship[c * R + r] += M;
      if (res) out.researchers[r] += M;
      out.skillSum[r] += Z;
      out.citizens[c] += M;
      if (away) out.abroad[c] += M;
      out.welfareSum[r] += w;
      out.welfareByCitizenshipSum[c] += w;
      out.welfareTotal += w;
    }
  }
  return out;
}

/**
 * Per age band of the projection, the age term of welfare: that of the engine's welfare band
 * (under 30, 30–39, 40–49, 50 and over, evaluated at ages 0, 35, 45 and 57.5; docs/model.md
 * 3.3.13) holding the band's middle age, −ageCost · max(0, age − 30), into `out`.
 */
export function welfareShifts(mid: readonly number[], ageCost: number, out: Float64Array): void {
  for (let a = 0; a < mid.length; a++) {
    const band = mid[a] < 30 ? 0 : mid[a] < 40 ? 1 : mid[a] < 50 ? 2 : 3;
    out[a] = -ageCost * Math.max(0, AGE_BAND_MID[band] - 30);
  }
}

/** Every open destination of a type (tables row `row`) at skill `zbar`: V_k − V_stay and pi_k, into `options`. */
function collectOptions(
  options: CellWelfare,
  tables: PeriodTables,
  row: number,
  c: number,
  r: number,
  zbar: number,
): void {
  const { T, betaSigma, admit: admitT } = tables;
  const R = betaSigma.length;
  const Tr = T[row + r];
  const bsr = betaSigma[r];
  options.begin(r);
  for (let j = 0; j < R; j++) {
    if (j === r) continue;
    const at = row + j;
    const admit = admitT[at];
    if (admit === Admit.Closed) continue;
    options.add(j, T[at] - Tr + (betaSigma[j] - bsr) * zbar, admissionChance(tables, admit, at, c * R + j, zbar));
  }
  options.finish();
}
