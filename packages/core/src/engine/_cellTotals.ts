/**
 * The population and its welfare by cell: stocks by region, citizenship and research status, and
 * the expected maximum utility (docs/model.md 3.3.13) of every active agent, summed per region,
 * from the aggregates' (type, skill bin, age band) counts.
 */
import { admissionChance } from "../kernel/_admission";
import { typeCitizenship, typeRegion, typeResearcher } from "../kernel/_agentType";
import type { CompiledScenario } from "../kernel/_compile";
import { Admit, type PeriodTables } from "../kernel/_tables";
import { PopulationTotals } from "./_periodRecord";
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
 * type, with the period's tables T and age cost.
 */
export function cellTotals(
  cs: CompiledScenario,
  T: PeriodTables,
  cells: Int32Array,
  typeCounts: Int32Array,
  ageCost: number,
): CellTotals {
  const R = cs.regions.length;
  const C = cs.citizenships.length;
  const NT = typeCounts.length;
  const totals = new CellTotals(R, C);
  const { stock, byCitizenship: byCit, researchers, citizens, abroad, citizensYoung, abroadYoung, welfareSum } = totals;
  let welfareTotal = 0;
  // exp(-ageTerm) of each age band, for the logsum's factor per band.
  const ageFactor = AGE_BAND_MID.map((age) => Math.exp(-ageCost * Math.max(0, age - 30)));
  for (let type = 0; type < NT; type++) {
    if (typeCounts[type] === 0) continue;
    const base = type * SKILL_BINS * AGE_BANDS;
    const res = typeResearcher(type);
    const r = typeRegion(type, R);
    const c = typeCitizenship(type, R);
    const away = cs.citizenCountry[c] !== cs.regionCountry[r];
    for (let sb = 0; sb < SKILL_BINS; sb++) {
      let stay = NaN;
      let others = 0;
      let logOthers = NaN;
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
          others = otherOptions(T, R, type, c, r, z, stay);
        }
        // Expected maximum utility: stay + ln(1 + e^(-ageTerm) * sum_j pi_j e^(V_j - V_stay)).
        // Where the sum overflows (an option hundreds of logit units better than staying),
        // the same quantity in log-sum-exp form: ln(1 + e^x) with x = ln(sum) - ageTerm.
        const scaled = ageFactor[ab] * others;
        let gain: number;
        if (scaled < Infinity) {
          gain = Math.log(1 + scaled);
        } else {
          if (Number.isNaN(logOthers))
            logOthers = logOtherOptions(T, R, type, c, r, SKILL_LO + (sb + 0.5) * SKILL_WIDTH, stay);
          const x = logOthers - ageCost * Math.max(0, AGE_BAND_MID[ab] - 30);
          gain = x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
        }
        const w = n * (stay + gain);
        welfareSum[r] += w;
        welfareTotal += w;
      }
    }
  }
  totals.welfareTotal = welfareTotal;
  return totals;
}

/**
 * The part of the expected maximum utility (docs/model.md 3.3.13) that the
 * destinations contribute, relative to staying and before the age cost: sum over destinations
 * j of pi_j e^(V_j - V_stay), with V at skill z and no age term, each destination weighted by its
 * admission probability. The expected maximum utility at age a is then
 * V_stay + ln(1 + e^(-ageTerm(a)) * this sum); with every pi = 1 it is the logit logsum.
 */
function otherOptions(T: PeriodTables, R: number, type: number, c: number, r: number, z: number, stay: number): number {
  const row = type * R;
  let sum = 0;
  for (let j = 0; j < R; j++) {
    if (j === r) continue;
    const at = row + j;
    const admit = T.admit[at];
    if (admit === Admit.Closed) continue;
    const pi = admissionChance(T, admit, at, c * R + j, z);
    sum += pi * Math.exp(T.T[at] + T.betaSigma[j] * z - stay);
  }
  return sum;
}

/**
 * ln of {@link otherOptions}' sum, computed without overflow (each term relative to the largest),
 * for the periods where the plain sum is not finite. Options with no chance of admission are left
 * out. -Infinity when there is no option.
 */
function logOtherOptions(
  T: PeriodTables,
  R: number,
  type: number,
  c: number,
  r: number,
  z: number,
  stay: number,
): number {
  const row = type * R;
  const exponent = (j: number): number => {
    const at = row + j;
    const admit = T.admit[at];
    if (j === r || admit === Admit.Closed) return -Infinity;
    const pi = admissionChance(T, admit, at, c * R + j, z);
    return pi > 0 ? Math.log(pi) + T.T[at] + T.betaSigma[j] * z - stay : -Infinity;
  };
  let largest = -Infinity;
  for (let j = 0; j < R; j++) largest = Math.max(largest, exponent(j));
  if (largest === -Infinity) return -Infinity;
  let sum = 0;
  for (let j = 0; j < R; j++) sum += Math.exp(exponent(j) - largest);
  return largest + Math.log(sum);
}
