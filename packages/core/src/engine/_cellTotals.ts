/**
 * The population and its welfare by cell: stocks by region, citizenship and research status, and
 * the expected utility of the decision's outcome (docs/model.md 3.3.13) of every active agent,
 * summed per region and citizenship,
 * from the aggregates' (type, skill bin, age band) counts.
 */
import { admissionChance } from "../kernel/_admission";
import { typeCitizenship, typeRegion, typeResearcher } from "../kernel/_agentType";
import type { CompiledScenario } from "../kernel/_compile";
import { Admit, type PeriodTables } from "../kernel/_tables";
import { PopulationTotals } from "./_periodRecord";
import { CellWelfare } from "../kernel/_welfareCell";
import { AGE_BANDS, AGE_BAND_MID, SKILL_BINS, SKILL_LO, SKILL_WIDTH } from "./_aggregates";

/** Sums over the active agents of one period, in agents. */
export class CellTotals extends PopulationTotals {
  /** Active agents per region. */
  readonly stock: Float64Array;

  /** Zero totals for R regions and C citizenships. */
  constructor(R: number, C: number) {
    super(R, C);
    this.stock = new Float64Array(R);
  }
}

/**
 * Stocks and welfare from the aggregates' `cells` (type x skill bin x age band) and counts per
 * type, with the period's tables T, age cost and each nest's lambda.
 */
export function cellTotals(
  cs: CompiledScenario,
  T: PeriodTables,
  cells: Int32Array,
  typeCounts: Int32Array,
  ageCost: number,
  nestLambda: ArrayLike<number>,
): CellTotals {
  const R = cs.regions.length;
  const C = cs.citizenships.length;
  const NT = typeCounts.length;
  const totals = new CellTotals(R, C);
  const { stock, byCitizenship: byCit, researchers, citizens, abroad, citizensYoung, abroadYoung, welfareSum } = totals;
  const { welfareByCitizenshipSum } = totals;
  let welfareTotal = 0;
  // The age term of each band, by which every destination's value falls relative to staying.
  const ageShift = AGE_BAND_MID.map((age) => -ageCost * Math.max(0, age - 30));
  const options = new CellWelfare(R, cs.nestOf, cs.nests.length);
  for (let n = 0; n < cs.nests.length; n++) options.setLambda(n, nestLambda[n]);
  for (let type = 0; type < NT; type++) {
    if (typeCounts[type] === 0) continue;
    const base = type * SKILL_BINS * AGE_BANDS;
    const res = typeResearcher(type);
    const r = typeRegion(type, R);
    const c = typeCitizenship(type, R);
    const away = cs.citizenCountry[c] !== cs.regionCountry[r];
    for (let sb = 0; sb < SKILL_BINS; sb++) {
      let stay = NaN;
      for (let ab = 0; ab < AGE_BANDS; ab++) {
        const n = cells[base + sb * AGE_BANDS + ab];
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
          stay = T.T[type * R + r] + T.betaSigma[r] * z;
          collectOptions(options, T, R, type, c, r, z, stay);
        }
        // Expected utility of the decision's outcome (docs/model.md 3.3.13).
        const w = n * (stay + options.gain(ageShift[ab]));
        welfareSum[r] += w;
        welfareByCitizenshipSum[c] += w;
        welfareTotal += w;
      }
    }
  }
  totals.welfareTotal = welfareTotal;
  return totals;
}

/**
 * The destinations of a type at skill z (docs/model.md 3.3.13): each open destination's
 * V_j − V_stay before the age cost and its admission chance (without program chances or tax
 * bonuses), into `options`.
 */
function collectOptions(
  options: CellWelfare,
  T: PeriodTables,
  R: number,
  type: number,
  c: number,
  r: number,
  z: number,
  stay: number,
): void {
  const row = type * R;
  options.begin(r);
  for (let j = 0; j < R; j++) {
    if (j === r) continue;
    const at = row + j;
    const admit = T.admit[at];
    if (admit === Admit.Closed) continue;
    options.add(j, T.T[at] + T.betaSigma[j] * z - stay, admissionChance(T, admit, at, c * R + j, z));
  }
  options.finish();
}
