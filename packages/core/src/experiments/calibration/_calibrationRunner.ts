/**
 * A calibration in ask/tell form: batches of candidates from a {@link SearchStrategy}, each
 * candidate's keyed runs handed out by `ask()` and collected by `tell()`, then one final batch
 * at the estimate for the fit.
 * @internal
 * @module
 */
import { Issues } from "../../_issues";
import { runSeed } from "../../random/seeds";
import type { RunResult } from "../../simulation";
import type { Scenario } from "../../scenario/types";
import type {
  Calibration,
  CalibrateOptions,
  CalibrationInference,
  CalibrationResult,
  CalibrationRun,
  CalibrationRunFailure,
  TargetFit,
} from "../calibrate";
import { makeCandidate, scoreCandidate, type Candidate, type Evaluated } from "./_candidate";
import type { EstimatedParameter } from "./_checkOptions";
import {
  assembleProfile,
  differencePoints,
  type InferenceSettings,
  profilePoints,
  type Sandwich,
  sandwich,
} from "./_inference";
import type { SearchStrategy } from "./_searchStrategy";

/** What the runner needs besides the strategy: the checked parameters and the seeding. @internal */
export interface CalibrationSetup {
  readonly params: readonly EstimatedParameter[];
  readonly replications: number;
  readonly seed: number | string;
  /** The scenario of a point (the checked scenario with the parameters set). */
  readonly candidateScenario: (theta: readonly number[]) => Scenario;
  /** Inference after the search (MSM), or undefined to skip it. */
  readonly inference?: InferenceSettings | undefined;
}

/**
 * Drives a search strategy through batches of keyed runs (see {@link Calibration}). Candidates
 * already scored are not run again; a batch is told to the strategy only once all its runs are
 * in, in batch order, so the result does not depend on the order runs finish. @internal
 */
export class CalibrationRunner implements Calibration {
  private readonly targets: CalibrateOptions["targets"];
  /** Arm of each target: 0 = the candidate, k = the k-th distinct derive function. */
  private readonly targetArm: number[];
  private readonly derives: Array<(s: Scenario) => Scenario> = [];
  private readonly seeds: number[];
  private readonly cache = new Map<string, Evaluated>();
  private readonly history: CalibrationResult["history"] = [];
  private runsMade = 0;
  private phase: "search" | "final" | "jacobian" | "profile" | "done" = "search";
  private batch: Candidate[] = [];
  private outstanding = new Map<string, CalibrationRun>();
  private received = new Map<string, RunResult | CalibrationRunFailure>();
  private finalTheta: number[] = [];
  private finalResult: CalibrationResult | undefined;
  private atEstimate: Evaluated | undefined;
  private differences: { minus: number[][]; plus: number[][] } | undefined;
  private sandwich: Sandwich | undefined;
  private profileBatch: ReturnType<typeof profilePoints> = [];

  constructor(
    private readonly setup: CalibrationSetup,
    private readonly strategy: SearchStrategy,
    private readonly options: CalibrateOptions,
  ) {
    this.targets = options.targets;
    this.targetArm = this.targets.map((t) => {
      if (!t.derive) return 0;
      let k = this.derives.indexOf(t.derive);
      if (k < 0) k = this.derives.push(t.derive) - 1;
      return k + 1;
    });
    this.seeds = Array.from({ length: setup.replications }, (_, r) => runSeed(setup.seed, r));
    this.advance();
  }

  get done(): boolean {
    return this.phase === "done";
  }

  get searching(): boolean {
    return this.phase === "search";
  }

  ask(): CalibrationRun[] {
    return [...this.outstanding.values()].filter((r) => !this.received.has(r.key));
  }

  tell(results: ReadonlyArray<RunResult | CalibrationRunFailure>): void {
    for (const r of results) {
      const key = r.run;
      if (!this.outstanding.has(key)) {
        throw Issues.single("results", `run "${key}" is not part of the pending batch`, "calibration.tell");
      }
      this.received.set(key, r);
    }
    this.advance();
  }

  result(): CalibrationResult {
    if (!this.finalResult)
      throw Issues.single("", "the calibration has not finished: ask() and tell() until done", "calibration.result");
    return this.finalResult;
  }

  /** Completes batches whose runs are all in (or cached), and asks the strategy for more. */
  private advance(): void {
    for (;;) {
      if (this.phase === "done") return;
      if (this.batch.length === 0) {
        if (this.phase === "search" && this.strategy.done) {
          this.phase = "final";
          this.finalTheta = this.strategy.estimate();
          this.startBatch([this.finalTheta]);
        } else if (this.phase === "search") {
          this.startBatch(this.strategy.ask());
        }
      }
      if ([...this.outstanding.keys()].some((k) => !this.received.has(k))) return;
      const objectives = this.batch.map((c) => this.score(c).objective);
      this.runsMade += this.outstanding.size;
      if (this.phase === "search") {
        this.strategy.tell(objectives);
        this.batch = [];
      } else if (this.phase === "final") {
        this.atEstimate = this.cache.get(this.batch[0].key)!;
        const settings = this.setup.inference;
        if (!settings) {
          this.complete();
          return;
        }
        this.phase = "jacobian";
        this.differences = differencePoints(this.setup.params, this.finalTheta, settings.step);
        this.startBatch([...this.differences.minus, ...this.differences.plus]);
      } else if (this.phase === "jacobian") {
        this.sandwich = this.computeSandwich();
        const se = this.setup.params.map((p) => this.sandwich!.inference.standardErrors[p.path]);
        this.profileBatch = profilePoints(this.setup.params, this.finalTheta, se, this.setup.inference!.profile);
        if (this.profileBatch.length === 0) {
          this.complete();
          return;
        }
        this.phase = "profile";
        this.startBatch(this.profileBatch.map((p) => p.point));
      } else {
        this.complete(objectives);
        return;
      }
    }
  }

  /** Ends the calibration: the result, with the inference if it was computed. */
  private complete(objectives: readonly number[] = []): void {
    const ev = this.atEstimate!;
    let inference: CalibrationInference | undefined;
    if (this.sandwich) {
      const se = this.setup.params.map((p) => this.sandwich!.inference.standardErrors[p.path]);
      const { params } = this.setup;
      const batch = this.profileBatch;
      const profile = assembleProfile(params, this.finalTheta, ev.objective, batch, objectives, this.sandwich, se);
      inference = { ...this.sandwich.inference, profile };
    }
    this.finalResult = this.finish(ev, inference);
    this.phase = "done";
    this.batch = [];
    this.outstanding = new Map();
    this.received = new Map();
  }

  /** The sandwich from the moments at the estimate and at the central differences' points. */
  private computeSandwich(): Sandwich {
    const { minus, plus } = this.differences!;
    // The batch is the minus points, then the plus points, each scored (and cached) by now.
    const means = (c: Candidate) => this.cache.get(c.key)!.means;
    const k = this.setup.params.length;
    const ev = this.atEstimate!;
    return sandwich({
      params: this.setup.params,
      theta: this.finalTheta,
      targets: this.targets,
      means: ev.means,
      perRun: ev.perRun,
      replications: this.setup.replications,
      minus,
      plus,
      momentsMinus: this.batch.slice(0, k).map(means),
      momentsPlus: this.batch.slice(k).map(means),
      settings: this.setup.inference!,
    });
  }

  /** The candidate's score, computed once: the first time it is recorded in the history. */
  private score(c: Candidate): Evaluated {
    let ev = this.cache.get(c.key);
    if (!ev) {
      ev = scoreCandidate(c, this.targets, this.targetArm, this.received);
      this.cache.set(c.key, ev);
      this.history.push({ parameters: this.toRecord(c.theta), objective: ev.objective });
    }
    return ev;
  }

  /** Makes the batch's candidates and lists the runs of those not scored before. */
  private startBatch(thetas: number[][]): void {
    const { seed, candidateScenario } = this.setup;
    const metrics = this.options.metrics;
    this.batch = thetas.map((theta) => makeCandidate(theta, candidateScenario, this.derives, this.setup.replications));
    this.outstanding = new Map();
    this.received = new Map();
    for (const c of this.batch) {
      if (this.cache.has(c.key)) continue;
      c.arms.forEach((scenario, arm) =>
        this.seeds.forEach((rs, replicate) => {
          const key = c.runKeys[arm][replicate];
          if (!this.outstanding.has(key)) {
            this.outstanding.set(key, { key, scenario, seed, replicate, runSeed: rs, ...(metrics ? { metrics } : {}) });
          }
        }),
      );
    }
  }

  private finish(ev: Evaluated, inference: CalibrationInference | undefined): CalibrationResult {
    const fit: TargetFit[] = this.targets.map((t, k) => ({
      name: t.name,
      value: t.value,
      se: t.se,
      model: ev.means[k],
      modelSd: ev.sds[k],
      distance: (ev.means[k] - t.value) / t.se,
    }));
    return {
      method: this.options.method,
      estimate: this.toRecord(this.finalTheta),
      fit,
      objective: ev.objective,
      evaluations: this.cache.size,
      runs: this.runsMade,
      history: this.history,
      ...this.strategy.report(),
      ...(inference ? { inference } : {}),
    };
  }

  private toRecord(theta: readonly number[]): Record<string, number> {
    return Object.fromEntries(this.setup.params.map((p, i) => [p.path, theta[i]]));
  }
}
