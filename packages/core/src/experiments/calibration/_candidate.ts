/**
 * A candidate of a calibration: its scenario arms and run keys, and its score once the runs are
 * in (each target's model value, its spread over replications, and the objective).
 * @internal
 * @module
 */
import { ValidationError } from "../../errors";
import { scenarioHash } from "../../scenario/scenarioHash";
import type { RunResult } from "../../simulation";
import type { Scenario } from "../../scenario/types";
import type { CalibrationRunFailure, CalibrationTarget } from "../calibrate";
import { selectValue } from "../metric";

/** A candidate point and the runs it needs. @internal */
export interface Candidate {
  readonly theta: number[];
  /** The arms' scenario hashes joined by "+"; `invalid:…` when the point makes no valid scenario. */
  readonly key: string;
  /** One scenario per arm: arm 0 is the candidate, others are targets' variants. */
  readonly arms: Scenario[];
  /** runKeys[arm][replicate]. */
  readonly runKeys: string[][];
}

/** A candidate's score. @internal */
export interface Evaluated {
  readonly means: number[];
  readonly sds: number[];
  /** Per target, the moment of each replicate run (for the simulation noise of the inference). */
  readonly perRun: number[][];
  readonly objective: number;
}

/**
 * The candidate of point `theta`: its scenario, one variant per derive function, and the run
 * keys `scenarioHash(arm) + "/r" + replicate`. A point whose scenario is invalid has no arms
 * (it scores Infinity without a run). @internal
 */
export function makeCandidate(
  theta: number[],
  candidateScenario: (theta: readonly number[]) => Scenario,
  derives: ReadonlyArray<(s: Scenario) => Scenario>,
  replications: number,
): Candidate {
  let arms: Scenario[];
  let key: string;
  try {
    const s = candidateScenario(theta);
    arms = [s, ...derives.map((f) => f(s))];
    key = arms.map((x) => scenarioHash(x)).join("+");
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    return { theta, key: `invalid:${theta.join(",")}`, arms: [], runKeys: [] };
  }
  const runKeys = arms.map((x) => {
    const h = scenarioHash(x);
    return Array.from({ length: replications }, (_, r) => `${h}/r${r}`);
  });
  return { theta, key, arms, runKeys };
}

/**
 * Scores a candidate from its received runs: per target, the mean over replications of the
 * selector's value (or the moment of the runs) and its standard deviation; the objective is
 * Σ ((model − value) / se)², Infinity when a run failed or a value is not finite. @internal
 */
export function scoreCandidate(
  c: Candidate,
  targets: readonly CalibrationTarget[],
  targetArm: readonly number[],
  received: ReadonlyMap<string, RunResult | CalibrationRunFailure>,
): Evaluated {
  const failed = () => ({
    means: targets.map(() => NaN),
    sds: targets.map(() => NaN),
    perRun: targets.map(() => []),
    objective: Infinity,
  });
  if (c.arms.length === 0) return failed();
  const runsOf = (arm: number): RunResult[] | undefined => {
    const out: RunResult[] = [];
    for (const k of c.runKeys[arm]) {
      const r = received.get(k);
      if (!r || !("rows" in r)) return undefined;
      out.push(r);
    }
    return out;
  };
  const means: number[] = [];
  const sds: number[] = [];
  const perRuns: number[][] = [];
  let objective = 0;
  for (let k = 0; k < targets.length; k++) {
    const t = targets[k];
    const runs = runsOf(targetArm[k]);
    if (!runs) return failed();
    const perRun = runs.map((run) => valueOfRun(t, run));
    const mean = t.selector ? perRun.reduce((a, b) => a + b, 0) / perRun.length : t.moment!(runs);
    const m = perRun.reduce((a, b) => a + b, 0) / perRun.length;
    const sd = perRun.length > 1 ? Math.sqrt(perRun.reduce((a, b) => a + (b - m) ** 2, 0) / (perRun.length - 1)) : NaN;
    means.push(mean);
    sds.push(sd);
    perRuns.push(perRun);
    const z = (mean - t.value) / t.se;
    objective += Number.isFinite(z) ? z * z : Infinity;
  }
  return { means, sds, perRun: perRuns, objective };
}

function valueOfRun(t: CalibrationTarget, run: RunResult): number {
  if (!t.selector) return t.moment!([run]);
  try {
    return selectValue(run.rows, t.selector);
  } catch (e) {
    if (e instanceof ValidationError) return NaN; // no row: this candidate cannot be scored
    throw e;
  }
}
