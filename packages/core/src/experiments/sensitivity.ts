/**
 * Global sensitivity analysis of a model outcome: Morris screening and Sobol' indices, wired to
 * scenarios by parameter path and to runs by a metric selector.
 * @module
 */
import { scenarioHash } from "../scenario/scenarioHash";
import type { Scenario } from "../scenario/types";
import { Issues, checkKnownKeys, checkPath, checkProgress, checkRange, checkScenario, checkSeed } from "./_runs";
import { showValue } from "../_issues";
import { morrisDesign, morrisIndices } from "./math/morris";
import { SALTELLI_MAX_FACTORS, saltelliDesign, sobolIndices } from "./math/saltelli";
import {
  METRIC_FILTER_KEYS,
  checkMetricSelector,
  pickFilters,
  selectValue,
  toSelector,
  type MetricArgument,
  type MetricFilters,
  type MetricSelector,
} from "./metric";
import type { ProgressOptions } from "./progress";
import { setParameters } from "./paths";
import { outputsByKey, runPlan, runSpec, type ExperimentPlan, type RunSpec } from "./runSpec";

/**
 * Options of {@link sensitivity} and {@link planSensitivity}. The metric's filters (`region`, …)
 * sit beside it. Unknown keys are refused.
 */
export interface SensitivityOptions extends MetricFilters, ProgressOptions {
  readonly method: "morris" | "sobol";
  /** Parameter paths and the range each is varied over. */
  readonly parameters: Readonly<Record<string, { readonly min: number; readonly max: number }>>;
  /** The outcome: a metric name with filters beside it, or a selector. */
  readonly metric: MetricArgument;
  readonly seed: number | string;
  /** Replications per design point (default 1); the point's value is their mean, common random numbers throughout. */
  readonly replications?: number;
  /** Morris: number of trajectories r (default 10); r·(k+1) points. */
  readonly trajectories?: number;
  /** Morris: grid levels p, even (default 4). */
  readonly levels?: number;
  /** Sobol: base samples N (default 64; a power of two); N·(k+2) points. */
  readonly samples?: number;
  /** Sobol: bootstrap resamples for the intervals (default 500). */
  readonly bootstrap?: number;
}

const SENSITIVITY_OPTION_KEYS: readonly (keyof SensitivityOptions)[] = [
  "method",
  "parameters",
  "metric",
  "seed",
  "replications",
  "trajectories",
  "levels",
  "samples",
  "bootstrap",
  "onProgress",
  ...METRIC_FILTER_KEYS,
];

/** Morris statistics of one parameter. */
export interface MorrisParameter {
  readonly path: string;
  readonly min: number;
  readonly max: number;
  /** Mean elementary effect (signed), in metric units per full range of the parameter. */
  readonly mu: number;
  /** Mean absolute elementary effect: the parameter's overall importance. */
  readonly muStar: number;
  /** Spread of the elementary effects: non-linearity or interactions. */
  readonly sigma: number;
}

/** Sobol' indices of one parameter with bootstrap intervals. */
export interface SobolParameter {
  readonly path: string;
  readonly min: number;
  readonly max: number;
  /** First-order index: share of the outcome's variance due to this parameter alone. */
  readonly s1: number;
  readonly s1Low: number;
  readonly s1High: number;
  /** Total index: share due to this parameter including all its interactions. */
  readonly st: number;
  readonly stLow: number;
  readonly stHigh: number;
}

/** The result of a Morris screening. */
export interface MorrisSensitivity {
  readonly method: "morris";
  readonly metric: MetricSelector;
  /** Distinct runs done. */
  readonly runs: number;
  /** Design points. */
  readonly points: number;
  readonly parameters: readonly MorrisParameter[];
}

/** The result of a Sobol' analysis. */
export interface SobolSensitivity {
  readonly method: "sobol";
  readonly metric: MetricSelector;
  readonly runs: number;
  readonly points: number;
  readonly parameters: readonly SobolParameter[];
}

/** The result of {@link sensitivity}. */
export type SensitivityResult = MorrisSensitivity | SobolSensitivity;

/**
 * Plans a sensitivity analysis (see {@link sensitivity}): one spec per design point and
 * replicate, and the aggregation.
 *
 * @example
 * const plan = planSensitivity(base, {
 *   method: "morris", parameters: { "behavior.beta": { min: 0.4, max: 0.9 } }, metric: "stock", region: "CA", seed: 1,
 * });
 * plan.specs.length // => 20 (10 trajectories × 2 points)
 */
export function planSensitivity(scenario: Scenario, options: SensitivityOptions): ExperimentPlan<SensitivityResult> {
  const o = (options ?? {}) as SensitivityOptions;
  const checked = checkSensitivity(scenario, o);
  const { method, parameters, paths, selector, replications } = checked;
  const design =
    method === "morris"
      ? morrisDesign(paths.length, checked.trajectories, checked.levels, `morris:${String(o.seed)}`)
      : saltelliDesign(paths.length, checked.samples, { seed: `saltelli:${String(o.seed)}` });
  const metrics = [selector.metric];
  const specsByPoint: RunSpec[][] = design.points.map((u) => {
    const point: Record<string, number> = {};
    paths.forEach((path, d) => {
      const { min, max } = parameters[path];
      point[path] = min + u[d] * (max - min);
    });
    const s = setParameters(scenario, point);
    const hash = scenarioHash(s);
    return Array.from({ length: replications }, (_, r) => runSpec(s, r, { seed: o.seed }, { hash, point, metrics }));
  });
  const specs = specsByPoint.flat();

  return {
    specs,
    ...(o.onProgress ? { onProgress: o.onProgress } : {}),
    aggregate(outputs) {
      const byKey = outputsByKey(specs, outputs);
      const values = specsByPoint.map(
        (list) => list.reduce((sum, s) => sum + selectValue(byKey.get(s.key)!.rows, selector), 0) / list.length,
      );
      const runs = new Set(specs.map((s) => s.key)).size;
      const range = (path: string) => ({ path, min: parameters[path].min, max: parameters[path].max });
      if (method === "morris") {
        const idx = morrisIndices(design as ReturnType<typeof morrisDesign>, values);
        return {
          method,
          metric: selector,
          runs,
          points: values.length,
          parameters: paths.map((p, k) => ({ ...range(p), mu: idx[k].mu, muStar: idx[k].muStar, sigma: idx[k].sigma })),
        };
      }
      const idx = sobolIndices(design as ReturnType<typeof saltelliDesign>, values, {
        bootstrap: checked.bootstrap,
        seed: `bootstrap:${String(o.seed)}`,
      });
      return {
        method,
        metric: selector,
        runs,
        points: values.length,
        parameters: paths.map((p, k) => {
          const i = idx[k];
          return {
            ...range(p),
            s1: i.s1,
            s1Low: i.s1Low,
            s1High: i.s1High,
            st: i.st,
            stLow: i.stLow,
            stHigh: i.stHigh,
          };
        }),
      };
    },
  };
}

/** The options of {@link planSensitivity}, checked, with their defaults filled in. */
interface CheckedSensitivity {
  readonly method: "morris" | "sobol";
  readonly parameters: SensitivityOptions["parameters"];
  readonly paths: readonly string[];
  readonly selector: MetricSelector;
  readonly replications: number;
  readonly trajectories: number;
  readonly levels: number;
  readonly samples: number;
  readonly bootstrap: number;
}

/** Checks the scenario and the options of {@link planSensitivity}; throws every issue at once. */
function checkSensitivity(scenario: Scenario, o: SensitivityOptions): CheckedSensitivity {
  const issues = new Issues("sensitivity");
  if (!checkScenario(issues, "scenario", scenario)) issues.throwIfAny();
  const { method, parameters } = o;
  const filters = pickFilters(o);
  checkKnownKeys(issues, o, SENSITIVITY_OPTION_KEYS);
  checkProgress(issues, "options.onProgress", o.onProgress);
  if (method !== "morris" && method !== "sobol")
    issues.add("options.method", `must be "morris" or "sobol", got ${showValue(method)}`);
  if (parameters === null || typeof parameters !== "object" || Object.keys(parameters).length === 0) {
    issues.add(
      "options.parameters",
      `must map at least one parameter path to { min, max }, got ${showValue(parameters)}`,
    );
    issues.throwIfAny();
  }
  const paths = Object.keys(parameters);
  for (const path of paths) {
    checkPath(issues, `options.parameters.${path}`, scenario, path);
    checkKnownKeys(issues, parameters[path], ["min", "max"], `options.parameters.${path}.`);
    checkRange(issues, `options.parameters.${path}`, parameters[path]);
  }
  if (method === "sobol" && paths.length > SALTELLI_MAX_FACTORS)
    issues.add(
      "options.parameters",
      `Sobol' indices support at most ${SALTELLI_MAX_FACTORS} parameters, got ${paths.length}`,
    );
  const selector = o.metric === undefined ? undefined : toSelector(o.metric, filters as MetricFilters);
  if (selector === undefined) issues.add("options.metric", 'is missing: name a metric, e.g. "stock" with region "CA"');
  else for (const i of checkMetricSelector(selector, scenario, "options.metric")) issues.add(i.path, i.message);
  checkSeed(issues, "options.seed", o.seed);
  const replications = o.replications ?? 1;
  issues.integer("options.replications", replications, 1, 100_000);
  const trajectories = o.trajectories ?? 10;
  const levels = o.levels ?? 4;
  const samples = o.samples ?? 64;
  const bootstrap = o.bootstrap ?? 500;
  if (method === "morris") {
    issues.integer("options.trajectories", trajectories, 2, 1_000_000);
    if (issues.integer("options.levels", levels, 2, 1000) && levels % 2 !== 0)
      issues.add("options.levels", `must be even, got ${levels}`);
  } else {
    issues.integer("options.samples", samples, 2, 2 ** 20);
    issues.integer("options.bootstrap", bootstrap, 1, 1_000_000);
  }
  issues.throwIfAny();
  return { method, parameters, paths, selector: selector!, replications, trajectories, levels, samples, bootstrap };
}

/**
 * Which parameters move an outcome, over ranges rather than at one point.
 *
 * `method: "morris"` (elementary effects, Morris 1991): `trajectories` random one-at-a-time paths
 * through the parameter box; each step moves one parameter by a fixed share of its range and
 * records how much the outcome changes. μ* (the mean absolute change, in metric units per full
 * range) ranks the parameters; σ (their spread) flags non-linear effects or interactions.
 * Cheap: trajectories × (parameters + 1) points — a screening tool.
 *
 * `method: "sobol"` (variance decomposition): Saltelli's sampling with `samples` base points;
 * S1 is the share of the outcome's variance a parameter explains alone, ST the share it explains
 * with all its interactions (Jansen's estimator); bootstrap intervals. Costs
 * samples × (parameters + 2) points. The estimators are checked against the Ishigami function,
 * whose indices are known in closed form.
 *
 * Every point runs the same replicate seeds (common random numbers), so the effects measured are
 * the parameters', not seed noise; with `replications` > 1 each point's value is the mean.
 *
 * @throws ValidationError naming the argument: an unknown parameter path, a range with bounds
 *   reversed or empty, an unknown metric, an unknown method.
 * @example
 * const s = sensitivity(scenarios.baseline({ agents: 5000, years: 2 }), {
 *   method: "morris", metric: "stock", region: "CA", seed: 1, trajectories: 4,
 *   parameters: { "regions.CA.taxRate": { min: 0.2, max: 0.4 }, "behavior.homeBias": { min: 0.5, max: 2 } },
 * });
 * s.parameters.map((p) => [p.path, p.muStar]) // => the larger μ*, the more the parameter matters
 */
export function sensitivity(
  scenario: Scenario,
  options: SensitivityOptions & { readonly method: "morris" },
): MorrisSensitivity;
export function sensitivity(
  scenario: Scenario,
  options: SensitivityOptions & { readonly method: "sobol" },
): SobolSensitivity;
export function sensitivity(scenario: Scenario, options: SensitivityOptions): SensitivityResult;
export function sensitivity(scenario: Scenario, options: SensitivityOptions): SensitivityResult {
  return runPlan(planSensitivity(scenario, options));
}
