/**
 * One cell's welfare problem (docs/model.md 3.3.13), with or without nests: the destinations of
 * a (type, skill) cell are collected once, and the gain is then evaluated per age band.
 *
 * Without nests (or with every lambda = 1) the options go to {@link WelfareOptions} (closed form or
 * the numerical rule). A nest of destinations with one admission chance, the stay region being
 * outside it, is one option worth its inclusive value lambda ln Σ e^(v_k / lambda): the nest's
 * maximum shock is then a standard Gumbel shock at that value, independent of the other options,
 * and the agent tries the nest's best member. Otherwise (the stay region shares a nest with a
 * destination, or a nest's chances differ) the nested integral of {@link NestedWelfareOptions}.
 * @internal
 * @module
 */
import { WelfareOptions, outcomeGain } from "./_welfareGain";
import { NestedWelfareOptions } from "./_welfareNested";

/** Collects one cell's destinations and evaluates its welfare gain per age shift. */
export class CellWelfare {
  private readonly flat: WelfareOptions;
  private readonly nested: NestedWelfareOptions;
  private readonly nestOf: Int32Array;
  /** Per nest: lambda this period (1 = no nesting). */
  private readonly lambda: Float64Array;
  /** The cell's raw options: region, V_j − V_stay, chance. */
  private readonly region: Int32Array;
  private readonly logRatio: Float64Array;
  private readonly pi: Float64Array;
  private count = 0;
  private stay = -1;
  private useNested = false;
  /** Per nest, while merging: options seen, their common chance (NaN if they differ), Σ e^(v/λ) scaled. */
  private readonly members: Int32Array;
  private readonly chance: Float64Array;
  private readonly top: Float64Array;
  private readonly sum: Float64Array;

  /** For R regions, with each region's nest index (−1 for none) and the number of nests. */
  constructor(R: number, nestOf: Int32Array, nests: number) {
    this.flat = new WelfareOptions(R);
    this.nested = new NestedWelfareOptions(R);
    this.nestOf = nestOf;
    this.lambda = new Float64Array(nests).fill(1);
    this.region = new Int32Array(R);
    this.logRatio = new Float64Array(R);
    this.pi = new Float64Array(R);
    this.members = new Int32Array(nests);
    this.chance = new Float64Array(nests);
    this.top = new Float64Array(nests);
    this.sum = new Float64Array(nests);
  }

  /** Sets this period's lambda of nest n. */
  setLambda(n: number, lambda: number): void {
    this.lambda[n] = lambda;
    this.nested.lambda[n] = lambda;
  }

  /** Starts the cell of an agent who stays in region `stay`. */
  begin(stay: number): void {
    this.count = 0;
    this.stay = stay;
  }

  /** Adds destination region j with V_j − V_stay and admission chance pi (pi <= 0: never tried). */
  add(j: number, logRatio: number, pi: number): void {
    if (!(pi > 0)) return;
    this.region[this.count] = j;
    this.logRatio[this.count] = logRatio;
    this.pi[this.count] = pi;
    this.count++;
  }

  /** Decides how the cell is evaluated, after its last {@link add}. */
  finish(): void {
    const { lambda, members, chance, top, sum } = this;
    const nestOfStay = this.nestIndex(this.stay);
    members.fill(0);
    let nestedNeeded = false;
    for (let k = 0; k < this.count; k++) {
      const m = this.nestIndex(this.region[k]);
      if (m < 0) continue;
      if (m === nestOfStay) nestedNeeded = true;
      if (members[m] === 0) {
        chance[m] = this.pi[k];
        top[m] = this.logRatio[k];
      } else {
        if (chance[m] !== this.pi[k]) nestedNeeded = true;
        top[m] = Math.max(top[m], this.logRatio[k]);
      }
      members[m]++;
    }
    this.useNested = nestedNeeded;
    if (nestedNeeded) {
      const o = this.nested;
      o.reset(nestOfStay);
      for (let k = 0; k < this.count; k++) o.add(this.logRatio[k], this.pi[k], this.nestIndex(this.region[k]));
      return;
    }
    const o = this.flat;
    o.reset();
    sum.fill(0);
    for (let k = 0; k < this.count; k++) {
      const m = this.nestIndex(this.region[k]);
      if (m < 0) o.add(this.logRatio[k], this.pi[k]);
      else sum[m] += Math.exp((this.logRatio[k] - top[m]) / lambda[m]);
    }
    // One option per nest at its inclusive value, λ ln Σ e^(v/λ) = top + λ ln Σ e^((v − top)/λ).
    for (let m = 0; m < members.length; m++) {
      if (members[m] > 0) o.add(top[m] + lambda[m] * Math.log(sum[m]), chance[m]);
    }
  }

  /** The gain over staying with every V_j − V_stay shifted by `shift` (the age term). */
  gain(shift: number): number {
    return this.useNested ? this.nested.gain(shift) : outcomeGain(this.flat, shift);
  }

  /** Region j's nest if its lambda is below 1, else −1. */
  private nestIndex(j: number): number {
    const m = this.nestOf[j];
    return m >= 0 && this.lambda[m] < 1 ? m : -1;
  }
}
