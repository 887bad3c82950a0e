/**
 * The ABC-SMC sampler behind {@link abcSmc}: its settings, the generation under way (tolerance,
 * perturbation kernel, proposals and acceptances) and the last complete generation.
 * @internal
 * @module
 */
import { Issues, showValue } from "../../_issues";
import type { AbcResult, AbcSampler, AbcSmcOptions } from "./abc";
import { checkBounds, checkDistances, drawPrior, type Prior } from "./_abcPrior";
import { buildResult, toRecord } from "./_abcResult";
import { makeRng, sortedQuantile, type Rng } from "./_rng";

/** Settings of an ABC-SMC run after the checks, with their defaults. @internal */
export interface AbcSmcSettings {
  readonly prior: Prior;
  readonly seed: string;
  /** Particles per generation. */
  readonly N: number;
  readonly maxGenerations: number;
  /** Quantile of the previous distances that makes the next tolerance. */
  readonly alpha: number;
  readonly targetTolerance: number;
  readonly minAcceptanceRate: number;
  readonly maxEvaluations: number;
  readonly batchSize: number;
}

/**
 * Checks the options of {@link abcSmc}.
 * @throws ValidationError (context "abcSmc") listing every problem.
 * @internal
 */
export function checkAbcSmcOptions(options: AbcSmcOptions): AbcSmcSettings {
  const issues = new Issues("abcSmc");
  if (typeof options !== "object" || options === null) {
    issues.add("options", `must be an object, got ${showValue(options)}`);
    issues.throwIfAny();
  }
  const prior = checkBounds(issues, options.bounds);
  issues.string("seed", options.seed);
  const N = options.particles ?? 1000;
  const maxGenerations = options.generations ?? 10;
  const alpha = options.quantile ?? 0.5;
  const targetTolerance = options.targetTolerance ?? 0;
  const minAcceptanceRate = options.minAcceptanceRate ?? 0;
  const maxEvaluations = options.maxEvaluations ?? Infinity;
  const batchSize = options.batchSize ?? N;
  const nOk = issues.integer("particles", N, 2, 10_000_000);
  issues.integer("generations", maxGenerations, 1, 100_000);
  issues.openUnit("quantile", alpha);
  if (!(typeof targetTolerance === "number" && targetTolerance >= 0))
    issues.add("targetTolerance", `must be a number >= 0, got ${showValue(targetTolerance)}`);
  if (!(typeof minAcceptanceRate === "number" && minAcceptanceRate >= 0 && minAcceptanceRate < 1)) {
    issues.add("minAcceptanceRate", `must be in [0, 1), got ${showValue(minAcceptanceRate)}`);
  }
  if (maxEvaluations !== Infinity && nOk) issues.integer("maxEvaluations", maxEvaluations, N);
  issues.integer("batchSize", batchSize, 1);
  issues.throwIfAny();
  return {
    prior,
    seed: options.seed,
    N,
    maxGenerations,
    alpha,
    targetTolerance,
    minAcceptanceRate,
    maxEvaluations,
    batchSize,
  };
}

/** An ABC-SMC run in ask/tell form (see {@link abcSmc}). @internal */
export class AbcSmcSampler implements AbcSampler {
  // The last complete generation.
  private popX: number[][] = [];
  private popW: number[] = [];
  private popD: number[] = [];
  private readonly tolerances: number[] = [];
  private readonly acceptanceRates: number[] = [];
  private evaluations = 0;
  private finished = false;

  // The generation under way.
  private gen = 0;
  private rng: Rng;
  private epsilon = Infinity;
  private kernelSd: number[] = [];
  private cumulative: number[] = [];
  private proposed = 0;
  private accX: number[][] = [];
  private accD: number[] = [];
  private pending: number[][] = [];

  constructor(private readonly s: AbcSmcSettings) {
    this.rng = makeRng(`abcSmc:${s.seed}:0`);
  }

  get done(): boolean {
    return this.finished;
  }

  ask(): Record<string, number>[] {
    if (this.finished) return [];
    if (this.pending.length === 0) this.nextBatch();
    return this.pending.map((x) => toRecord(this.s.prior.names, x));
  }

  tell(values: readonly number[]): void {
    const { N, maxEvaluations } = this.s;
    checkDistances("abcSmc", values, this.finished ? 0 : this.pending.length);
    this.evaluations += values.length;
    const batch = this.pending;
    this.pending = [];
    for (let i = 0; i < batch.length && this.accX.length < N; i++) {
      this.proposed++;
      if (values[i] <= this.epsilon) {
        this.accX.push(batch[i]);
        this.accD.push(values[i]);
      }
    }
    // maxEvaluations >= N is checked, so generation 0 always completes before a stop.
    if (this.accX.length === N) this.finishGeneration();
    else if (this.evaluations >= maxEvaluations) this.finished = true;
  }

  result(): AbcResult {
    if (this.popX.length === 0) {
      const e = new Issues("abcSmc.result");
      e.add("", "no complete generation yet: keep asking and telling until the prior sample is evaluated");
      e.throwIfAny();
    }
    return buildResult(
      this.s.prior,
      this.popX,
      this.popW,
      this.popD,
      this.tolerances,
      this.acceptanceRates,
      this.evaluations,
    );
  }

  /**
   * Generation 0: a draw from the prior; later: a particle drawn by weight, perturbed until it lies within the bounds.
   */
  private propose(): number[] {
    const { prior, N } = this.s;
    if (this.gen === 0) return drawPrior(prior, this.rng);
    const { cumulative, popX, kernelSd, rng } = this;
    for (;;) {
      // Draw an ancestor by weight (inverse CDF with binary search), then perturb it.
      const u = rng.uniform() * cumulative[N - 1];
      let a = 0;
      let b = N - 1;
      while (a < b) {
        const m = (a + b) >> 1;
        if (cumulative[m] > u) b = m;
        else a = m + 1;
      }
      const parent = popX[a];
      const x = parent.map((v, d) => v + kernelSd[d] * rng.normal());
      if (x.every((v, d) => v >= prior.lo[d] && v <= prior.hi[d])) return x;
    }
  }

  /** The next generation's stream, tolerance, kernel (twice the weighted variance, floored) and ancestor CDF. */
  private startGeneration(): void {
    const { prior, N } = this.s;
    const { popW, popX } = this;
    this.gen++;
    this.rng = makeRng(`abcSmc:${this.s.seed}:${this.gen}`);
    this.epsilon = sortedQuantile(
      this.popD.slice().sort((x, y) => x - y),
      this.s.alpha,
    );
    this.kernelSd = [];
    for (let d = 0; d < prior.names.length; d++) {
      let m = 0;
      for (let j = 0; j < N; j++) m += popW[j] * popX[j][d];
      let v = 0;
      for (let j = 0; j < N; j++) v += popW[j] * (popX[j][d] - m) ** 2;
      const floor = 1e-9 * (prior.hi[d] - prior.lo[d]);
      this.kernelSd.push(Math.max(Math.sqrt(2 * v), floor));
    }
    this.cumulative = [];
    let c = 0;
    for (const w of popW) this.cumulative.push((c += w));
    this.proposed = 0;
    this.accX = [];
    this.accD = [];
  }

  /**
   * The accepted particles become the population (weighted after generation 0); stops or starts the next generation.
   */
  private finishGeneration(): void {
    const { N, maxGenerations, targetTolerance, minAcceptanceRate } = this.s;
    if (this.gen === 0) {
      this.popX = this.accX;
      this.popD = this.accD;
      this.popW = new Array<number>(N).fill(1 / N);
      this.startGeneration();
      return;
    }
    const w = importanceWeights(this.accX, this.popX, this.popW, this.kernelSd);
    this.popX = this.accX;
    this.popD = this.accD;
    this.popW = w;
    this.tolerances.push(this.epsilon);
    const rate = N / this.proposed;
    this.acceptanceRates.push(rate);
    if (this.gen >= maxGenerations || this.epsilon <= targetTolerance || rate < minAcceptanceRate) this.finished = true;
    else this.startGeneration();
  }

  /**
   * Proposals for the rest of the generation, scaled by the acceptance rate so far (at most batchSize and the budget).
   */
  private nextBatch(): void {
    const { N, alpha, batchSize, maxEvaluations } = this.s;
    if (this.evaluations >= maxEvaluations) {
      this.finished = true;
      this.pending = [];
      return;
    }
    const accepted = this.accX.length;
    const remaining = N - accepted;
    let size: number;
    if (this.gen === 0) size = remaining;
    else {
      const rates = this.acceptanceRates;
      const rate = accepted > 0 ? accepted / this.proposed : rates.length > 0 ? rates[rates.length - 1] : alpha;
      size = Math.ceil((1.2 * remaining) / Math.max(rate, 1e-6));
    }
    size = Math.max(1, Math.min(size, batchSize, maxEvaluations - this.evaluations));
    this.pending = [];
    for (let i = 0; i < size; i++) this.pending.push(this.propose());
  }
}

/**
 * Importance weights of accepted particles, normalised: prior (constant) over the proposal
 * mixture Σ_j w_j K(θ | θ_j) with a Gaussian kernel of the given standard deviations, in logs.
 * @internal
 */
export function importanceWeights(
  accX: readonly number[][],
  popX: readonly number[][],
  popW: readonly number[],
  kernelSd: readonly number[],
): number[] {
  const N = popX.length;
  const dims = kernelSd.length;
  const logW = accX.map((x) => {
    let max = -Infinity;
    const terms = new Array<number>(N);
    for (let j = 0; j < N; j++) {
      let q = 0;
      const p = popX[j];
      for (let d = 0; d < dims; d++) {
        const z = (x[d] - p[d]) / kernelSd[d];
        q += z * z;
      }
      terms[j] = Math.log(popW[j]) - 0.5 * q;
      if (terms[j] > max) max = terms[j];
    }
    let s = 0;
    for (let j = 0; j < N; j++) s += Math.exp(terms[j] - max);
    return -(max + Math.log(s));
  });
  let maxLog = -Infinity;
  for (const l of logW) if (l > maxLog) maxLog = l;
  const w = logW.map((l) => Math.exp(l - maxLog));
  const total = w.reduce((a, b) => a + b, 0);
  return w.map((v) => v / total);
}
