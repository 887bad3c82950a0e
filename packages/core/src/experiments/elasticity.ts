/**
 * Arc elasticity of a metric to a parameter, by paired runs.
 * @module
 */

import { scenarioHash } from "../scenario/scenarioHash";
import type { Scenario } from "../scenario/types";
import {
  Issues,
  checkConfidence,
  checkKnownKeys,
  checkPath,
  checkProgress,
  checkScenario,
  checkSeed,
  statistics,
  type SeriesStatistic,
  type SeriesKey,
} from "./_runs";
import { showValue } from "../_issues";
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
import { getParameter, setParameter } from "./paths";
import { outputsByKey, runPlan, runSpec, type ExperimentPlan, type RunSpec } from "./runSpec";

/**
 * Options of {@link elasticity} and {@link planElasticity}: the metric's filters (`region`,
 * `citizenship`, `period`, `aggregate`, …) sit beside it. Unknown keys are refused.
 */
export interface ElasticityOptions extends MetricFilters, ProgressOptions {
  /** Parameter path, e.g. `regions.CA.taxRate`. */
  readonly parameter: string;
  /** The outcome: a metric name with filters beside it, or a selector. */
  readonly metric: MetricArgument;
  /** Relative change of the parameter, x1 = x0 × (1 + step); default 0.1. Not 0, above -1. */
  readonly step?: number;
  /** Paired replications (>= 2). */
  readonly replications: number;
  readonly seed: number | string;
  readonly confidence?: number;
}

const ELASTICITY_OPTION_KEYS: readonly (keyof ElasticityOptions)[] = [
  "parameter",
  "metric",
  "step",
  "replications",
  "seed",
  "confidence",
  "onProgress",
  ...METRIC_FILTER_KEYS,
];

/** The result of {@link elasticity}. */
export interface ElasticityResult {
  readonly parameter: string;
  readonly metric: MetricSelector;
  /** The parameter's value in the scenario and after the step. */
  readonly x0: number;
  readonly x1: number;
  /** Mean outcome at x0 and at x1 over the replications. */
  readonly y0: number;
  readonly y1: number;
  /** Arc elasticity per replicate, summarised: mean, sd and t interval. */
  readonly elasticity: Omit<SeriesStatistic, keyof SeriesKey>;
  /** The arc elasticity of the mean outcomes (a point estimate). */
  readonly ofMeans: number;
  readonly replications: number;
}

/** (Δy / mean y) / (Δx / mean x): the midpoint (arc) elasticity. */
function arc(x0: number, x1: number, y0: number, y1: number): number {
  return (y1 - y0) / ((y1 + y0) / 2) / ((x1 - x0) / ((x1 + x0) / 2));
}

/**
 * Plans an elasticity (see {@link elasticity}): the specs of both points and the aggregation.
 *
 * @example
 * const plan = planElasticity(base, {
 *   parameter: "regions.CA.taxRate", metric: "stock", region: "CA", replications: 5, seed: 1,
 * });
 * plan.specs.length // => 10
 */
export function planElasticity(scenario: Scenario, options: ElasticityOptions): ExperimentPlan<ElasticityResult> {
  const issues = new Issues("elasticity");
  if (!checkScenario(issues, "scenario", scenario)) issues.throwIfAny();
  const o = (options ?? {}) as ElasticityOptions;
  const { parameter } = o;
  const filters = pickFilters(o);
  checkKnownKeys(issues, o, ELASTICITY_OPTION_KEYS);
  checkProgress(issues, "options.onProgress", o.onProgress);
  const pathOk = checkPath(issues, "options.parameter", scenario, parameter);
  const selector = o.metric === undefined ? undefined : toSelector(o.metric, filters as MetricFilters);
  if (selector === undefined) issues.add("options.metric", 'is missing: name a metric, e.g. "stock" with region "CA"');
  else for (const i of checkMetricSelector(selector, scenario, "options.metric")) issues.add(i.path, i.message);
  const step = o.step ?? 0.1;
  if (!(typeof step === "number" && Number.isFinite(step) && step !== 0 && step > -1))
    issues.add("options.step", `must be a relative change other than 0 and above -1, got ${showValue(step)}`);
  issues.integer("options.replications", o.replications, 2, 1_000_000);
  checkSeed(issues, "options.seed", o.seed);
  const confidence = checkConfidence(issues, "options.confidence", o.confidence);
  issues.throwIfAny();
  const x0 = getParameter(scenario, parameter);
  if (x0 === 0 && pathOk) {
    throw Issues.single(
      "options.parameter",
      `${parameter} is 0 in the scenario: an elasticity (a ratio of relative changes) is not defined there`,
      "elasticity",
    );
  }
  const x1 = x0 * (1 + step);
  const stepped = setParameter(scenario, parameter, x1);
  const metrics = [selector!.metric];
  const h0 = scenarioHash(scenario);
  const h1 = scenarioHash(stepped);
  const at0: RunSpec[] = [];
  const at1: RunSpec[] = [];
  for (let r = 0; r < o.replications; r++) {
    at0.push(runSpec(scenario, r, { seed: o.seed }, { hash: h0, metrics, point: { [parameter]: x0 } }));
    at1.push(runSpec(stepped, r, { seed: o.seed }, { hash: h1, metrics, point: { [parameter]: x1 } }));
  }
  const specs = [...at0, ...at1];
  return {
    specs,
    ...(o.onProgress ? { onProgress: o.onProgress } : {}),
    aggregate(outputs) {
      const byKey = outputsByKey(specs, outputs);
      const y0s = at0.map((s) => selectValue(byKey.get(s.key)!.rows, selector!));
      const y1s = at1.map((s) => selectValue(byKey.get(s.key)!.rows, selector!));
      const es = y0s.map((y0, r) => arc(x0, x1, y0, y1s[r]));
      if (!es.every(Number.isFinite)) {
        throw Issues.single(
          "options.metric",
          "is 0 at both points in some replicate: its elasticity is not defined",
          "elasticity",
        );
      }
      const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
      const y0 = mean(y0s);
      const y1 = mean(y1s);
      return {
        parameter,
        metric: selector!,
        x0,
        x1,
        y0,
        y1,
        elasticity: statistics(es, confidence)!,
        ofMeans: arc(x0, x1, y0, y1),
        replications: o.replications,
      };
    },
  };
}

/**
 * The arc elasticity of an outcome to a parameter: the percentage change of the metric per
 * percentage change of the parameter, measured between the scenario's value x0 and
 * x1 = x0 × (1 + step) with midpoint percentages, (Δy / ȳ) / (Δx / x̄). Each replicate runs both
 * points with the same seed (paired runs under common random numbers), so the per-replicate
 * elasticities are free of most sampling noise; the result gives their mean with a t interval,
 * and the elasticity of the mean outcomes.
 *
 * @throws ValidationError naming the argument: an unknown parameter path or metric, a parameter
 *   that is 0, a zero step, fewer than 2 replications.
 * @example
 * const e = elasticity(scenarios.baseline({ agents: 5000, years: 2 }), {
 *   parameter: "regions.CA.grossWage", metric: "stock", region: "CA", step: 0.1, replications: 5, seed: 1,
 * });
 * e.elasticity.mean // => e.g. 0.3: a 1% higher Canadian wage, 0.3% more AI workers in Canada at the horizon
 */
export function elasticity(scenario: Scenario, options: ElasticityOptions): ElasticityResult {
  return runPlan(planElasticity(scenario, options));
}
