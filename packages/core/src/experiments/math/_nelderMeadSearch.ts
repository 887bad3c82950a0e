/**
 * The Nelder–Mead state machine behind {@link nelderMead}: which points are pending, which move
 * of the iteration they belong to, and the rules of Lagarias et al. (1998) that pick the next move.
 * @internal
 * @module
 */
import { Issues, showValue } from "../../_issues";
import type { NelderMead, NelderMeadResult, NelderMeadStop } from "./nelderMead";
import type { NelderMeadSettings } from "./_nelderMeadSettings";
import { initialSimplex, shrinkPoints, sortSimplex, trialPoints, withinTolerance } from "./_simplex";

type Phase = "init" | "reflect" | "expand" | "outside" | "inside" | "speculative" | "shrink" | "done";
type Move = "reflect" | "expand" | "outside" | "inside";
/** Index of each move's point among the trial points (0 is the reflection). */
const TRIAL_INDEX = { expand: 1, outside: 2, inside: 3 } as const;

/** A Nelder–Mead run in ask/tell form (see {@link nelderMead}). @internal */
export class NelderMeadSearch implements NelderMead {
  /** Simplex, kept sorted by value (best first) at the start of each iteration. */
  private xs: number[][] = [];
  private fs: number[] = [];
  private pending: number[][];
  private phase: Phase = "init";
  private iterations = 0;
  private evaluations = 0;
  private stop: NelderMeadStop | undefined;
  /** Trial points of the current iteration: reflection, expansion, outside and inside contraction. */
  private trial: number[][] = [];
  /** Value at the reflection point. */
  private fr = Infinity;

  constructor(private readonly s: NelderMeadSettings) {
    this.pending = initialSimplex(s);
  }

  get done(): boolean {
    return this.phase === "done";
  }

  ask(): number[][] {
    return this.pending.map((p) => p.slice());
  }

  tell(values: readonly number[]): void {
    this.checkValues(values);
    const f = values.map((v) => (Number.isNaN(v) ? Infinity : v));
    this.evaluations += f.length;
    const batch = this.pending;
    this.pending = [];
    switch (this.phase) {
      case "init":
        this.xs = batch;
        this.fs = f;
        this.startIteration();
        break;
      case "shrink":
        for (let i = 1; i <= this.s.n; i++) {
          this.xs[i] = batch[i - 1];
          this.fs[i] = f[i - 1];
        }
        this.startIteration();
        break;
      case "speculative": {
        let next = this.decide("reflect", f[0]);
        while (next) next = this.decide(next, f[TRIAL_INDEX[next]]);
        break;
      }
      case "reflect":
      case "expand":
      case "outside":
      case "inside": {
        const next = this.decide(this.phase, f[0]);
        if (next) {
          this.pending = [this.trial[TRIAL_INDEX[next]]];
          this.phase = next;
        }
        break;
      }
    }
  }

  result(): NelderMeadResult {
    if (this.xs.length === 0)
      throw Issues.single("", "no values yet: tell() the first batch before asking for a result", "nelderMead.result");
    let best = 0;
    for (let i = 1; i < this.fs.length; i++) if (this.fs[i] < this.fs[best]) best = i;
    return {
      x: this.xs[best].slice(),
      f: this.fs[best],
      iterations: this.iterations,
      evaluations: this.evaluations,
      converged: this.stop === "tolerance",
      reason: this.stop ?? "running",
    };
  }

  private checkValues(values: readonly number[]): void {
    const issues = new Issues("nelderMead.tell");
    if (this.phase === "done" || this.pending.length === 0) {
      issues.add("values", "no batch is pending: call ask() before tell(), and stop once done is true");
    } else if (!Array.isArray(values) || values.length !== this.pending.length) {
      issues.add(
        "values",
        `must hold one value per point of the batch (${this.pending.length}), got ${showValue(values)}`,
      );
    } else {
      values.forEach((v: unknown, i) => {
        if (typeof v !== "number" || v === -Infinity)
          issues.add(`values[${i}]`, `must be a number and not -Infinity, got ${showValue(v)}`);
      });
    }
    issues.throwIfAny();
  }

  /** Sorts the simplex, stops if a stopping rule holds, else asks for the iteration's trial points. */
  private startIteration(): void {
    ({ xs: this.xs, fs: this.fs } = sortSimplex(this.xs, this.fs));
    if (withinTolerance(this.s, this.xs, this.fs)) this.stop = "tolerance";
    else if (this.iterations >= this.s.maxIterations) this.stop = "maxIterations";
    else if (this.evaluations >= this.s.maxEvaluations) this.stop = "maxEvaluations";
    if (this.stop) {
      this.phase = "done";
      this.pending = [];
      return;
    }
    this.iterations++;
    this.trial = trialPoints(this.s, this.xs);
    if (this.s.batchMode === "speculative") {
      this.pending = this.trial;
      this.phase = "speculative";
    } else {
      this.pending = [this.trial[0]];
      this.phase = "reflect";
    }
  }

  /** Replaces the worst vertex and starts the next iteration. */
  private accept(x: number[], f: number): void {
    this.xs[this.s.n] = x;
    this.fs[this.s.n] = f;
    this.startIteration();
  }

  private startShrink(): void {
    this.pending = shrinkPoints(this.s, this.xs);
    this.phase = "shrink";
  }

  /** Applies the rule of one move to its trial value; returns the move that needs a value next, if any. */
  private decide(move: Move, f: number): Exclude<Move, "reflect"> | undefined {
    const { n } = this.s;
    const { fs, trial } = this;
    switch (move) {
      case "reflect":
        this.fr = f;
        if (f < fs[0]) return "expand";
        if (f < fs[n - 1]) this.accept(trial[0], f);
        else if (f < fs[n]) return "outside";
        else return "inside";
        return undefined;
      case "expand":
        if (f < this.fr) this.accept(trial[1], f);
        else this.accept(trial[0], this.fr);
        return undefined;
      case "outside":
        if (f <= this.fr) this.accept(trial[2], f);
        else this.startShrink();
        return undefined;
      case "inside":
        if (f < fs[n]) this.accept(trial[3], f);
        else this.startShrink();
        return undefined;
    }
  }
}
