/**
 * The rejection ABC sampler behind {@link abcRejection}: prior draws, their distances, and the
 * acceptance rule applied when the result is asked for.
 * @internal
 * @module
 */
import { Issues, showValue } from "../../_issues";
import type { AbcRejectionOptions, AbcResult, AbcSampler } from "./abc";
import { checkBounds, checkDistances, drawPrior, type Prior } from "./_abcPrior";
import { buildResult, toRecord } from "./_abcResult";
import { makeRng, type Rng } from "./_rng";

/** Settings of a rejection ABC run after the checks: the share to keep, or else the tolerance. @internal */
export interface AbcRejectionSettings {
  readonly prior: Prior;
  readonly seed: string;
  readonly draws: number;
  readonly batchSize: number;
  readonly tolerance: number | undefined;
  readonly fraction: number | undefined;
}

/**
 * Checks the options of {@link abcRejection}.
 * @throws ValidationError (context "abcRejection") listing every problem.
 * @internal
 */
export function checkAbcRejectionOptions(options: AbcRejectionOptions): AbcRejectionSettings {
  const issues = new Issues("abcRejection");
  if (typeof options !== "object" || options === null) {
    issues.add("options", `must be an object, got ${showValue(options)}`);
    issues.throwIfAny();
  }
  const prior = checkBounds(issues, options.bounds);
  issues.string("seed", options.seed);
  issues.integer("draws", options.draws, 1, 100_000_000);
  const batchSize = options.batchSize ?? options.draws;
  issues.integer("batchSize", batchSize, 1);
  if (options.tolerance !== undefined && options.acceptFraction !== undefined) {
    issues.add("tolerance", "give either tolerance or acceptFraction, not both");
  }
  if (options.tolerance !== undefined && !(typeof options.tolerance === "number" && options.tolerance >= 0)) {
    issues.add("tolerance", `must be a number >= 0, got ${showValue(options.tolerance)}`);
  }
  const fraction = options.tolerance === undefined ? (options.acceptFraction ?? 0.01) : undefined;
  if (fraction !== undefined && !(typeof fraction === "number" && fraction > 0 && fraction <= 1)) {
    issues.add("acceptFraction", `must be in (0, 1], got ${showValue(fraction)}`);
  }
  issues.throwIfAny();
  return { prior, seed: options.seed, draws: options.draws, batchSize, tolerance: options.tolerance, fraction };
}

/** A rejection ABC run in ask/tell form (see {@link abcRejection}). @internal */
export class AbcRejectionSampler implements AbcSampler {
  private readonly rng: Rng;
  private readonly xs: number[][] = [];
  private readonly ds: number[] = [];
  private pending: number[][] = [];

  constructor(private readonly s: AbcRejectionSettings) {
    this.rng = makeRng(`abcRejection:${s.seed}`);
  }

  get done(): boolean {
    return this.ds.length === this.s.draws;
  }

  ask(): Record<string, number>[] {
    const { draws, batchSize, prior } = this.s;
    if (this.ds.length === draws) return [];
    if (this.pending.length === 0) {
      const size = Math.min(batchSize, draws - this.ds.length);
      for (let i = 0; i < size; i++) this.pending.push(drawPrior(prior, this.rng));
    }
    return this.pending.map((x) => toRecord(prior.names, x));
  }

  tell(values: readonly number[]): void {
    checkDistances("abcRejection", values, this.pending.length);
    this.pending.forEach((x, i) => {
      this.xs.push(x);
      this.ds.push(values[i]);
    });
    this.pending = [];
  }

  result(): AbcResult {
    const { draws } = this.s;
    const ds = this.ds;
    const e = new Issues("abcRejection.result");
    if (ds.length < draws) {
      e.add("", `only ${ds.length} of ${draws} draws have been told`);
      e.throwIfAny();
    }
    const { keep, tolerance } = this.accepted(e);
    const w = new Array<number>(keep.length).fill(1 / keep.length);
    return buildResult(
      this.s.prior,
      keep.map((i) => this.xs[i]),
      w,
      keep.map((i) => ds[i]),
      [tolerance],
      [keep.length / draws],
      ds.length,
    );
  }

  /** The draws kept, in draw order: the closest share (ties to the earlier draw), or those within the tolerance. */
  private accepted(e: Issues): { keep: number[]; tolerance: number } {
    const ds = this.ds;
    const { fraction } = this.s;
    if (fraction !== undefined) {
      const m = Math.max(1, Math.round(fraction * this.s.draws));
      const keep = ds
        .map((_, i) => i)
        .sort((a, b) => ds[a] - ds[b] || a - b)
        .slice(0, m)
        .sort((a, b) => a - b);
      return { keep, tolerance: keep.reduce((m, i) => Math.max(m, ds[i]), 0) };
    }
    const tolerance = this.s.tolerance as number;
    const keep = ds.map((_, i) => i).filter((i) => ds[i] <= tolerance);
    if (keep.length === 0) {
      e.add(
        "tolerance",
        `no draw came within tolerance ${tolerance}; the smallest ` +
          `distance was ${ds.reduce((m, d) => Math.min(m, d), Infinity)}`,
      );
      e.throwIfAny();
    }
    return { keep, tolerance };
  }
}
