/**
 * The lagged market state of the mean-field projection, observed from the cohorts.
 * @internal
 * @module
 */
import type { MarketState } from "../kernel/_tables";
import type { Cohorts } from "./_cohorts";

/**
 * (8) The market at the end of a period, from the cohorts: supply S_j = Σ exp(sigma_j z) and the
 * diaspora into the period kernel's {@link MarketState} (the next period's tables read them), and
 * the stocks and skill moments per region (the lottery's wage levels and the record read them).
 */
export class MarketObservation {
  /** People per region. */
  readonly stock: Float64Array;
  /** Mean and SD of skill per region (the SD includes the within-bin spread). */
  readonly skillMean: Float64Array;
  readonly skillSd: Float64Array;
  private readonly cohorts: Cohorts;
  private readonly market: MarketState;

  constructor(cohorts: Cohorts, market: MarketState) {
    const R = cohorts.R;
    this.cohorts = cohorts;
    this.market = market;
    this.stock = new Float64Array(R);
    this.skillMean = new Float64Array(R);
    this.skillSd = new Float64Array(R).fill(1);
  }

  /** Observes the cohorts with the returns to skill `sigma` of the period (per region). */
  observe(sigma: Float64Array): void {
    const { market, stock, cohorts } = this;
    const R = cohorts.R;
    const width = cohorts.binWidth;
    market.supply.fill(0);
    market.diaspora.fill(0);
    stock.fill(0);
    const zs = new Float64Array(R);
    const zz = new Float64Array(R);
    this.sum(sigma, zs, zz);
    for (let r = 0; r < R; r++) {
      const mean = stock[r] > 0 ? zs[r] / stock[r] : 0;
      this.skillMean[r] = mean;
      // Within-bin spread approximated by width² / 12.
      this.skillSd[r] =
        stock[r] > 0 ? Math.sqrt(Math.max(zz[r] / stock[r] - mean * mean + (width * width) / 12, 1e-6)) : 1;
    }
  }

  /** Supply, diaspora, stocks and skill moments (sums of z and z²) per region, over the live types. */
  private sum(sigma: Float64Array, zs: Float64Array, zz: Float64Array): void {
    const { liveList, nLive, cellsPerType, R, tR, tC, mass, zm } = this.cohorts;
    const { supply, diaspora } = this.market;
    const stock = this.stock;
    for (let li = 0; li < nLive; li++) {
      const type = liveList[li];
      const r = tR[type];
      const c = tC[type];
      const sr = sigma[r];
      let sup = 0;
      let n = 0;
      let z1 = 0;
      let z2 = 0;
      const end = (type + 1) * cellsPerType;
      for (let k = type * cellsPerType; k < end; k++) {
        const m = mass[k];
        if (m <= 0) continue;
        const z = zm[k] / m;
        sup += m * Math.exp(sr * z);
        n += m;
        z1 += zm[k];
        z2 += m * z * z;
      }
      supply[r] += sup;
      diaspora[c * R + r] += n;
      stock[r] += n;
      zs[r] += z1;
      zz[r] += z2;
    }
  }
}
