/**
 * Calibration: fitting a scenario's parameters to observed moments with their standard errors,
 * by the method of simulated moments (Nelder–Mead on a weighted distance, common random numbers
 * across candidates) or by approximate Bayesian computation (ABC-SMC or rejection, a posterior
 * sample). Both run in batches of keyed runs (ask, run, tell), so the result does not depend on
 * the order in which runs finish.
 *
 * The public API lives here; calibration/ holds the parts: the options' checks, the
 * `CalibrationRunner` that hands out and collects the runs, the candidates' scores, and one
 * search strategy per method (Nelder–Mead for MSM, ABC-SMC or rejection ABC).
 * @module
 */
import { NonFiniteError, ValidationError } from "../errors";
import { simulate } from "../simulate";
import type { RunResult } from "../simulation";
import type { Scenario } from "../scenario/types";
import { assertValidScenario } from "../scenario/validate";
import { abcStrategy } from "./calibration/_abcStrategy";
import { CalibrationRunner } from "./calibration/_calibrationRunner";
import { checkCalibrateOptions } from "./calibration/_checkOptions";
import { msmStrategy } from "./calibration/_msmStrategy";
import type { MetricSelector } from "./metric";
import { setParameter } from "./paths";
import type { ProgressOptions } from "./progress";

/**
 * A parameter to estimate: its bounds (the search box of MSM, the uniform prior of ABC), given
 * either as `{ lower, upper }` or as `{ prior: { kind: "uniform", lower, upper } }`. `start` is
 * where Nelder–Mead starts (default: the scenario's current value if it lies within the
 * bounds, else the midpoint).
 */
export type CalibrationParameter =
  | { readonly lower: number; readonly upper: number; readonly start?: number }
  | {
      readonly prior: { readonly kind: "uniform"; readonly lower: number; readonly upper: number };
      readonly start?: number;
    };

/**
 * An observed moment and how the model computes it. Give a `selector` (one metric of the rows,
 * reduced to a number per run, then averaged over replications) or a `moment` function of the
 * replicate runs (for moments that need several metrics). `derive` runs this target on a
 * variant of each candidate scenario instead (e.g. the regime before a policy), with the same
 * seeds.
 */
export interface CalibrationTarget {
  /** Name of the moment, e.g. `"h1b_selection_rate"`. */
  readonly name: string;
  /** Observed value. */
  readonly value: number;
  /** Its standard error, > 0: the distance weighs the target by 1 / se². */
  readonly se: number;
  /**
   * One number per run from the rows (`selectValue`), e.g. `{ metric: "brainDrain", citizenship: "CA", aggregate:
   * "mean" }`.
   */
  readonly selector?: MetricSelector;
  /** The model's moment from the replicate runs of a candidate (in replicate order). */
  readonly moment?: (runs: readonly RunResult[]) => number;
  /** A variant of the candidate scenario that this target is measured on. */
  readonly derive?: (scenario: Scenario) => Scenario;
}

/**
 * Options of {@link calibrate} and {@link createCalibration}. Unknown keys are refused, here and
 * in `parameters`, `targets`, `msm` and `abc`. `onProgress` is called by `calibrate` after each
 * run (its `total` grows with each batch of candidates); when you drive `createCalibration`
 * yourself, report progress from your own loop.
 */
export interface CalibrateOptions extends ProgressOptions {
  /** Parameters to estimate, by dotted path (`behavior.homeBias`, `movingCost.CA<->SV`, ...). */
  readonly parameters: Readonly<Record<string, CalibrationParameter>>;
  /** Moments to fit. */
  readonly targets: readonly CalibrationTarget[];
  /** `"msm"`: method of simulated moments with Nelder–Mead; `"abc"`: approximate Bayesian computation. */
  readonly method: "msm" | "abc";
  /** Replicate runs per candidate, integer >= 1; default 2. */
  readonly replications?: number;
  /** Master seed; replicate r of every candidate runs on runSeed(seed, r) (common random numbers). Default 1. */
  readonly seed?: number | string;
  /**
   * Most candidates to simulate (each costs `replications` runs per scenario variant).
   * MSM default 40 × dimension (Nelder–Mead may overshoot by dimension + 4); ABC default: the
   * sampler's own budget.
   */
  readonly maxEvaluations?: number;
  /** Keep only these metrics in the runs' rows (saves memory); default all. */
  readonly metrics?: readonly string[];
  /** Nelder–Mead settings, in the unit cube of the bounds: initial step (default 0.15), tolerances. */
  readonly msm?: { readonly initialStep?: number; readonly xTol?: number; readonly fTol?: number };
  /**
   * MSM only: inference after the search ({@link CalibrationInference}): standard errors by the
   * sandwich formula from a central-difference Jacobian, the slices of the objective around the
   * estimate and the over-identification test. Costs 2k more candidates for k parameters (the
   * Jacobian) plus one per profile point inside the bounds (default 4k). `false` skips it all.
   *
   * - `step`: half the distance between the two points of a central difference, as a share of
   *   each parameter's range `upper − lower`, in (0, 0.5]; default 0.01. Points are clamped into
   *   the bounds (the difference then spans less than 2·step of the range).
   * - `profile`: offsets of the profile points in standard errors of each parameter (default
   *   `[-2, -1, 1, 2]`; 5% of the range per unit where the SE is not finite); `false` for none.
   * - `simulationNoise`: how the noise of the simulated moments enters the covariance:
   *   `"measured"` (default with `replications` >= 2): the covariance of the moments across the
   *   replicate runs at the estimate, divided by `replications`; `"asData"`: the textbook
   *   assumption that one run has the data's sampling variance, the factor 1 + 1/S.
   */
  readonly inference?:
    | false
    | {
        readonly step?: number;
        readonly profile?: readonly number[] | false;
        readonly simulationNoise?: "measured" | "asData";
      };
  /**
   * ABC settings: `"smc"` (default; `particles` 40, `generations` 4, `quantile` 0.5) or
   * `"rejection"` (`draws` 200, `acceptFraction` 0.1).
   */
  readonly abc?: {
    readonly algorithm?: "smc" | "rejection";
    readonly particles?: number;
    readonly generations?: number;
    readonly quantile?: number;
    readonly draws?: number;
    readonly acceptFraction?: number;
  };
}

/** One unit of work: a keyed run of a candidate scenario (or of a target's variant of it). */
export interface CalibrationRun {
  /** scenarioHash(scenario) + "/r" + replicate. */
  readonly key: string;
  readonly scenario: Scenario;
  /** Master seed and replicate: pass both to `simulate`. */
  readonly seed: number | string;
  readonly replicate: number;
  /** runSeed(seed, replicate), for the record. */
  readonly runSeed: number;
  /** Metrics to keep, if restricted. */
  readonly metrics?: readonly string[];
}

/** A failed run, told instead of its result: the candidate's distance becomes Infinity. */
export interface CalibrationRunFailure {
  readonly run: string;
  readonly error: string;
}

/** The fit of one target at the estimate. */
export interface TargetFit {
  readonly name: string;
  /** Observed value and its standard error. */
  readonly value: number;
  readonly se: number;
  /** The model's value: mean over replications. */
  readonly model: number;
  /** Standard deviation of the model's value across replications (NaN with one replication or a pooled moment). */
  readonly modelSd: number;
  /** (model − value) / se. */
  readonly distance: number;
}

/**
 * The objective Σ ((model − value) / se)² along one parameter, the others held at the estimate (a
 * slice, not re-optimised). `predicted` is the Gauss–Newton quadratic from the Jacobian,
 * Q(θ̂) + 2δ·(G'Wg)ᵢ + δ²·(G'WG)ᵢᵢ for a move δ: where `objective` rises faster or slower than
 * `predicted`, the moments are not linear in the parameter over that range.
 */
export interface ObjectiveProfile {
  /** The parameter's path. */
  readonly parameter: string;
  /** One unit of `offset`, in the parameter's units: its standard error, or 5% of its range. */
  readonly width: number;
  /** What `width` is: `"se"`, or `"range"` where the standard error is not finite. */
  readonly unit: "se" | "range";
  /** The points inside the bounds, by offset; offset 0 is the estimate. */
  readonly points: ReadonlyArray<{
    readonly offset: number;
    readonly value: number;
    readonly objective: number;
    readonly predicted: number;
  }>;
}

/**
 * Inference after an MSM search (docs/experiments.md, "Inference after MSM"). With G the
 * Jacobian of the simulated moments, W = diag(1/se²) the weights of the objective and Ω the
 * variance of simulated − observed moments, the covariance of the estimate is the sandwich
 * V = (G'WG)⁻¹ G'W Ω W G (G'WG)⁻¹. Ω = diag(se²) + Σ/S, with Σ the covariance of one run's
 * moments (measured across the replicates, or Σ = diag(se²) "asData", giving (1 + 1/S)(G'WG)⁻¹).
 */
export interface CalibrationInference {
  /** Parameter paths: the columns of `jacobian`, the rows and columns of `covariance`. */
  readonly parameters: string[];
  /** Target names: the rows of `jacobian` and of `momentCovariance`. */
  readonly targets: string[];
  /** How the simulation noise entered Ω (see {@link CalibrateOptions.inference}). */
  readonly simulationNoise: "measured" | "asData";
  /** Distance between the two points of each central difference, in the parameter's units. */
  readonly steps: Record<string, number>;
  /** G: d(model moment) / d(parameter), by central differences on the same seeds. targets × parameters. */
  readonly jacobian: number[][];
  /** Ω: the variance of (simulated − observed) moments used by the sandwich. targets × targets. */
  readonly momentCovariance: number[][];
  /** False when G'WG is singular (some parameter moves no moment): covariance and SEs are NaN. */
  readonly identified: boolean;
  /** V, the sandwich covariance of the estimate. parameters × parameters. */
  readonly covariance: number[][];
  /** √diag(V) by parameter path. */
  readonly standardErrors: Record<string, number>;
  /**
   * Parameters within one step of a bound: there the estimate may sit on the bound and the
   * normal approximation behind the standard errors does not hold.
   */
  readonly atBound: string[];
  /**
   * Hansen–Sargan test of the over-identifying restrictions when targets outnumber parameters:
   * J = g'(MΩM')⁺g with g the residuals and M = I − G(G'WG)⁻¹G'W, chi-square with
   * targets − parameters degrees of freedom under a correct model; `null` when exactly identified.
   */
  readonly overidentification: { readonly statistic: number; readonly df: number; readonly pValue: number } | null;
  /** The objective along each parameter around the estimate; empty with `profile: false`. */
  readonly profile: ObjectiveProfile[];
}

/** The result of {@link calibrate}. */
export interface CalibrationResult {
  readonly method: "msm" | "abc";
  /** The point estimate: the minimiser for MSM, the posterior mean for ABC. */
  readonly estimate: Record<string, number>;
  /** ABC only: the posterior sample, its weights, and the sampler's diagnostics. */
  readonly posterior?: {
    readonly particles: Record<string, number>[];
    readonly weights: number[];
    readonly sd: Record<string, number>;
    readonly tolerances: number[];
    readonly ess: number;
  };
  /** Target by target, at the estimate. */
  readonly fit: TargetFit[];
  /** Σ ((model − value) / se)² at the estimate. */
  readonly objective: number;
  /** Candidates simulated (distinct parameter points). */
  readonly evaluations: number;
  /** Simulation runs made. */
  readonly runs: number;
  /** MSM only: whether Nelder–Mead met its tolerances (else it stopped at maxEvaluations). */
  readonly converged?: boolean;
  /**
   * MSM only, unless `inference: false`: standard errors, Jacobian, profiles and the
   * over-identification test at the estimate. Read `converged` first: at an unconverged point
   * the first-order condition does not hold and the standard errors describe that point only.
   */
  readonly inference?: CalibrationInference;
  /** Every candidate evaluated, in order (the inference's points last): parameters and objective. */
  readonly history: Array<{ parameters: Record<string, number>; objective: number }>;
}

/**
 * A calibration in ask/tell form: `ask()` lists the runs of the next batch, `tell(results)` takes
 * their results (any order; matched by run key). Use it to run the batches in parallel.
 */
export interface Calibration {
  ask(): CalibrationRun[];
  tell(results: ReadonlyArray<RunResult | CalibrationRunFailure>): void;
  readonly done: boolean;
  /**
   * Whether the pending batch belongs to the search (candidates the method proposes) rather than
   * to the final runs of the estimate. Rejection ABC proposes every candidate from the prior alone,
   * so its search runs are known before any result: a cluster can split them into shards.
   */
  readonly searching: boolean;
  result(): CalibrationResult;
}

/**
 * Starts a calibration in ask/tell form (see {@link calibrate} for the method): `ask()` returns
 * the keyed runs of the next batch of candidates, `tell()` takes their results in any order.
 * Candidates already simulated are not run again.
 *
 * @example
 * const cal = createCalibration(scenarios.baseline({ agents: 20_000 }), {
 *   method: "msm",
 *   parameters: { "behavior.homeBias": { lower: 0, upper: 3 } },
 *   targets: [{ name: "CA brain drain", value: 0.2, se: 0.02, selector: { metric: "brainDrain", citizenship: "CA" } }],
 * });
 * while (!cal.done) {
 *   const runs = cal.ask();
 *   cal.tell(runs.map((r) => simulate(r.scenario, { seed: r.seed, replicate: r.replicate, runKey: r.key })));
 * }
 * cal.result().estimate // { "behavior.homeBias": ... }
 */
export function createCalibration(scenario: Scenario, options: CalibrateOptions): Calibration {
  const valid = assertValidScenario(scenario);
  const { params, replications, seed, inference } = checkCalibrateOptions(valid, options);
  const candidateScenario = (theta: readonly number[]): Scenario => {
    let s = valid;
    params.forEach((p, i) => (s = setParameter(s, p.path, theta[i])));
    return s;
  };
  // The start must make a valid scenario: errors name the parameter's path.
  assertValidScenario(candidateScenario(params.map((p) => p.start)));
  const strategy = options.method === "msm" ? msmStrategy(params, options) : abcStrategy(params, options, seed);
  return new CalibrationRunner({ params, replications, seed, candidateScenario, inference }, strategy, options);
}

/**
 * Fits parameters of a scenario to observed moments with their standard errors.
 *
 * - `method: "msm"`, the method of simulated moments: minimises Σ ((model − value) / se)² (a
 *   diagonal weight matrix) with Nelder–Mead on the unit cube of the bounds. Every candidate
 *   runs the same replicate seeds, runSeed(seed, r) for r < replications (common random
 *   numbers), so the objective is a smooth function of the parameters rather than noise.
 * - `method: "abc"`, approximate Bayesian computation: ABC-SMC (default) or rejection ABC with
 *   uniform priors on the bounds and the distance √(Σ ((model − value) / se)²); returns the
 *   posterior sample and its mean as the estimate.
 *
 * After an MSM search, `result.inference` holds the standard errors of the estimates (sandwich
 * formula from a central-difference Jacobian on the same seeds), the slices of the objective
 * around the estimate and the over-identification test; `inference: false` skips its 2k + 4k
 * candidates (see {@link CalibrationInference}).
 *
 * A target's model value is the mean over replications of its selector's value per run
 * (`selectValue`: the metric at the horizon unless the selector says `period` or `aggregate`), or its
 * `moment` function of the runs. The fit is evaluated at the estimate (for ABC, one more
 * candidate: the posterior mean). Runs are keyed `scenarioHash(candidate) + "/r" + replicate`;
 * candidates already simulated are not run again. Deterministic for a seed. To spread the runs
 * over workers, use {@link createCalibration}.
 *
 * @throws ValidationError naming the argument: an unknown parameter path, reversed bounds, an
 *   unknown metric, region or citizenship in a selector, a standard error ≤ 0, zero
 *   replications.
 * @example
 * const fit = calibrate(scenarios.baseline({ agents: 20_000, years: 3 }), {
 *   method: "msm",
 *   parameters: { "behavior.homeBias": { lower: 0, upper: 3 }, "regions.CA.amenity": { lower: -1, upper: 0.5 } },
 *   targets: [
 *     {
 *       name: "CA citizens under 30 abroad", value: 0.25, se: 0.05,
 *       selector: { metric: "brainDrainYoung", citizenship: "CA", aggregate: "mean" },
 *     },
 *     {
 *       name: "CA 5-year exit", value: 0.21, se: 0.03,
 *       selector: { metric: "cohortExit5y", region: "CA", aggregate: "mean" },
 *     },
 *   ],
 *   replications: 2,
 *   maxEvaluations: 30,
 * });
 * fit.estimate // { "behavior.homeBias": ..., "regions.CA.amenity": ... }
 * fit.fit      // [{ name, value, se, model, modelSd, distance }, ...]
 * fit.inference!.standardErrors // { "behavior.homeBias": ..., "regions.CA.amenity": ... }
 */
export function calibrate(scenario: Scenario, options: CalibrateOptions): CalibrationResult {
  const cal = createCalibration(scenario, options);
  let done = 0;
  while (!cal.done) {
    const runs = cal.ask();
    const total = done + runs.length;
    cal.tell(
      runs.map((r): RunResult | CalibrationRunFailure => {
        let out: RunResult | CalibrationRunFailure;
        try {
          out = simulate(r.scenario, {
            seed: r.seed,
            replicate: r.replicate,
            runKey: r.key,
            ...(r.metrics ? { metrics: r.metrics } : {}),
          });
        } catch (e) {
          if (!(e instanceof NonFiniteError || e instanceof ValidationError)) throw e;
          out = { run: r.key, error: e.message };
        }
        done++;
        options.onProgress?.({
          done,
          total,
          runKey: r.key,
          ...("agentPeriods" in out ? { agentPeriods: out.agentPeriods } : {}),
        });
        return out;
      }),
    );
  }
  return cal.result();
}
