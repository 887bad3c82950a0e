/**
 * Paired comparison of policy arms against a baseline under common random numbers.
 * @module
 */
import { scenarioHash } from "../scenario/scenarioHash";
import type { Scenario } from "../scenario/types";
import {
  Issues,
  checkConfidence,
  checkKnownKeys,
  checkProgress,
  checkMetrics,
  checkScenario,
  checkSeed,
  seriesOfRun,
  statistics,
  variance,
  type SeriesKey,
  type SeriesStatistic,
} from "./_runs";
import { showValue } from "../_issues";
import { outputsByKey, runPlan, runSpec, type ExperimentPlan, type RunSpec } from "./runSpec";
import type { ProgressOptions } from "./progress";

/** Options of {@link compare} and {@link planCompare}. Unknown keys are refused. */
export interface CompareOptions extends ProgressOptions {
  /** Paired replications (>= 2). */
  readonly replications: number;
  /** Master seed: replicate r of every arm has seed `runSeed(seed, r)`. */
  readonly seed: number | string;
  /** Metrics to compare (default: all). Welfare is always run for the compensating variation. */
  readonly metrics?: readonly string[];
  /**
   * Measure the variance-reduction factor with a second set of runs on independent streams
   * (default true; doubles the number of runs).
   */
  readonly varianceReduction?: boolean;
  /** Confidence level of the intervals (default 0.95). */
  readonly confidence?: number;
}

/** One arm's paired difference from the baseline in one series. */
export interface PairedDifference extends SeriesStatistic {
  readonly arm: string;
  /** Mean of the baseline and of the arm over the replications. */
  readonly baselineMean: number;
  readonly armMean: number;
  /**
   * var(arm − baseline on independent streams) / var(arm − baseline under common random numbers),
   * both measured (the first with a second set of runs): how many times more replications
   * independent runs would need for the same precision. `null` when the paired differences do not
   * vary at all (the arm leaves this series unchanged in every replicate), or when not measured.
   */
  readonly varianceReduction: number | null;
}

/** Welfare difference of an arm, in logit units and as compensating variation in income. */
export interface WelfareDifference {
  readonly arm: string;
  /** behavior.beta of the baseline: logit units per log of income. */
  readonly beta: number;
  /** Paired difference in mean welfare (logsum, region "") over the reported periods: mean, sd, interval. */
  readonly dW: Omit<SeriesStatistic, keyof SeriesKey>;
  /**
   * `exp(dW / beta) - 1`: the proportional change in every worker's income that would change
   * welfare as much as the arm does (0.01 = worth 1% of income). The interval is the t interval
   * of dW carried through the same increasing function.
   */
  readonly compensatingVariation: { readonly estimate: number; readonly ciLow: number; readonly ciHigh: number };
}

/** The result of {@link compare}. */
export interface CompareResult {
  readonly seed: number | string;
  readonly replications: number;
  readonly confidence: number;
  /** The arms other than the baseline, in the order given. */
  readonly arms: readonly string[];
  /** Paired differences (arm − baseline), per arm and series. */
  readonly differences: readonly PairedDifference[];
  readonly welfare: readonly WelfareDifference[];
  /** How the variance-reduction factors were obtained. */
  readonly varianceReductionMethod: string;
  /** Number of distinct runs done. */
  readonly runs: number;
}

const COMPARE_OPTION_KEYS: readonly (keyof CompareOptions)[] = [
  "replications",
  "seed",
  "metrics",
  "varianceReduction",
  "confidence",
  "onProgress",
];

interface ArmSpecs {
  name: string;
  crn: RunSpec[];
  independent: RunSpec[];
}

const METHOD =
  "measured: every arm was run a second time on independent streams (seed independentRunSeed(seed, r, arm)); " +
  "the factor is the sample variance of the arm-minus-baseline differences on those runs over the sample variance " +
  "of the paired differences under common random numbers, both over the same number of replications";

/**
 * Plans a comparison (see {@link compare}): the run specs and the pure aggregation.
 *
 * @example
 * const plan = planCompare({ baseline, alliance }, { replications: 10, seed: 1 });
 * plan.specs.length // => 40 (2 arms × 10 replicates, twice: common and independent streams)
 * const result = plan.aggregate(plan.specs.map(executeRunSpec));
 */
export function planCompare(
  arms: Readonly<Record<string, Scenario>>,
  options: CompareOptions,
): ExperimentPlan<CompareResult> {
  const o = (options ?? {}) as CompareOptions;
  const confidence = checkCompare(arms, o);
  const measure = o.varianceReduction ?? true;
  const runMetrics = o.metrics ? [...new Set([...o.metrics, "welfare"])] : undefined;
  const names = ["baseline", ...Object.keys(arms).filter((n) => n !== "baseline")];
  const armSpecs: ArmSpecs[] = names.map((name) => {
    const scenario = arms[name];
    const hash = scenarioHash(scenario);
    const extra = { hash, ...(runMetrics ? { metrics: runMetrics } : {}) };
    const crn: RunSpec[] = [];
    const independent: RunSpec[] = [];
    for (let r = 0; r < o.replications; r++) {
      crn.push(runSpec(scenario, r, { seed: o.seed }, extra));
      if (measure) independent.push(runSpec(scenario, r, { seed: o.seed, stream: name }, extra));
    }
    return { name, crn, independent };
  });
  const specs = armSpecs.flatMap((a) => [...a.crn, ...a.independent]);
  const plan: ComparePlan = {
    specs,
    armSpecs,
    measure,
    report: o.metrics ? new Set(o.metrics) : undefined,
    confidence,
    beta: arms.baseline.behavior.beta,
  };
  return {
    specs,
    ...(o.onProgress ? { onProgress: o.onProgress } : {}),
    aggregate(outputs) {
      const { differences, welfare } = compareArms(plan, outputs);
      return {
        seed: o.seed,
        replications: o.replications,
        confidence,
        arms: names.slice(1),
        differences,
        welfare,
        varianceReductionMethod: measure ? METHOD : "not measured (varianceReduction: false)",
        runs: new Set(specs.map((s) => s.key)).size,
      };
    },
  };
}

/** Checks the arms and the options of {@link planCompare}; returns the confidence level. */
function checkCompare(arms: Readonly<Record<string, Scenario>>, o: CompareOptions): number {
  const issues = new Issues("compare");
  if (arms === null || typeof arms !== "object") {
    issues.add("arms", `must be { baseline, ...arms } of scenarios, got ${showValue(arms)}`);
    issues.throwIfAny();
  }
  if (!Object.hasOwn(arms, "baseline"))
    issues.add("arms.baseline", "is missing: name the reference scenario `baseline`");
  if (Object.keys(arms).length < 2) issues.add("arms", "needs at least one arm besides the baseline");
  for (const [name, s] of Object.entries(arms)) checkScenario(issues, `arms.${name}`, s);
  checkKnownKeys(issues, o, COMPARE_OPTION_KEYS);
  checkProgress(issues, "options.onProgress", o.onProgress);
  issues.integer("options.replications", o.replications, 2, 1_000_000);
  checkSeed(issues, "options.seed", o.seed);
  checkMetrics(issues, "options.metrics", o.metrics);
  const confidence = checkConfidence(issues, "options.confidence", o.confidence);
  issues.throwIfAny();
  return confidence;
}

/** What the aggregation of a comparison needs from its plan. */
interface ComparePlan {
  readonly specs: readonly RunSpec[];
  /** The baseline first. */
  readonly armSpecs: readonly ArmSpecs[];
  /** Whether the arms also ran on independent streams, to measure the variance reduction. */
  readonly measure: boolean;
  /** The metrics to report, or all. */
  readonly report: ReadonlySet<string> | undefined;
  readonly confidence: number;
  /** The baseline's beta, for the compensating variation. */
  readonly beta: number;
}

/** One run's series by series id. */
type RunSeries = Map<string, number>;

/** Every arm against the baseline: paired differences per series and the welfare difference. */
function compareArms(
  plan: ComparePlan,
  outputs: Parameters<ExperimentPlan<CompareResult>["aggregate"]>[0],
): { differences: PairedDifference[]; welfare: WelfareDifference[] } {
  const byKey = outputsByKey(plan.specs, outputs);
  // Filled as the runs are read: an arm's differences cover the series of the baseline and of
  // the arms read so far, in the order first seen.
  const keys = new Map<string, SeriesKey>();
  const series = (list: readonly RunSpec[]) => list.map((s) => seriesOfRun(byKey.get(s.key)!.rows, keys));
  const base = plan.armSpecs[0];
  const baseCrn = series(base.crn);
  const baseInd = plan.measure ? series(base.independent) : [];
  const differences: PairedDifference[] = [];
  const welfare: WelfareDifference[] = [];
  for (const arm of plan.armSpecs.slice(1)) {
    const armCrn = series(arm.crn);
    const armInd = plan.measure ? series(arm.independent) : [];
    for (const [id, key] of keys) {
      if (plan.report && !plan.report.has(key.metric)) continue;
      const difference = pairedDifference(plan, arm.name, id, key, baseCrn, armCrn, baseInd, armInd);
      if (difference) differences.push(difference);
    }
    const w = welfareDifference(arm.name, baseCrn, armCrn, plan.beta, plan.confidence);
    if (w) welfare.push(w);
  }
  return { differences, welfare };
}

const mean = (xs: number[]) => xs.reduce((x, y) => x + y, 0) / xs.length;

/**
 * The arm-minus-baseline difference of series `id` over the common-stream replications, with the
 * variance-reduction factor from the independent ones; undefined when no replication has it.
 */
function pairedDifference(
  plan: ComparePlan,
  arm: string,
  id: string,
  key: SeriesKey,
  baseCrn: readonly RunSeries[],
  armCrn: readonly RunSeries[],
  baseInd: readonly RunSeries[],
  armInd: readonly RunSeries[],
): PairedDifference | undefined {
  const diffs: number[] = [];
  const bs: number[] = [];
  const as: number[] = [];
  for (let r = 0; r < armCrn.length; r++) {
    const a = armCrn[r].get(id);
    const b = baseCrn[r].get(id);
    if (a === undefined || b === undefined) continue;
    diffs.push(a - b);
    as.push(a);
    bs.push(b);
  }
  const s = statistics(diffs, plan.confidence);
  if (!s) return undefined;
  let vrf: number | null = null;
  if (plan.measure) {
    const ind: number[] = [];
    for (let r = 0; r < armInd.length; r++) {
      const a = armInd[r].get(id);
      const b = baseInd[r].get(id);
      if (a !== undefined && b !== undefined) ind.push(a - b);
    }
    const vCrn = variance(diffs);
    const vInd = variance(ind);
    vrf = vCrn > 0 && Number.isFinite(vInd) ? vInd / vCrn : null;
  }
  return {
    ...key,
    ...s,
    arm,
    baselineMean: mean(bs),
    armMean: mean(as),
    varianceReduction: vrf,
  };
}

/** Each run's mean welfare over its reported periods (series `welfare`, region ""). */
function meanWelfare(runs: readonly RunSeries[]): number[] {
  return runs.map((run) => {
    let sum = 0;
    let n = 0;
    for (const [id, v] of run) {
      if (id.startsWith("welfare|||||")) {
        sum += v;
        n++;
      }
    }
    return n > 0 ? sum / n : NaN;
  });
}

/** The paired difference in mean welfare and its compensating variation; undefined if none. */
function welfareDifference(
  arm: string,
  baseCrn: readonly RunSeries[],
  armCrn: readonly RunSeries[],
  beta: number,
  confidence: number,
): WelfareDifference | undefined {
  const wb = meanWelfare(baseCrn);
  const wa = meanWelfare(armCrn);
  const dW = wa.map((w, r) => w - wb[r]).filter(Number.isFinite);
  const s = statistics(dW, confidence);
  if (!s) return undefined;
  const cv = (x: number) => Math.expm1(x / beta);
  return {
    arm,
    beta,
    dW: s,
    compensatingVariation: { estimate: cv(s.mean), ciLow: cv(s.ciLow), ciHigh: cv(s.ciHigh) },
  };
}

/**
 * Compares policy arms with a baseline on paired replications: replicate r of every arm runs with
 * the same seed `runSeed(seed, r)`, so every arm sees the same shocks (common random numbers,
 * docs/model.md 4) and the difference arm − baseline in each replicate is the policy's effect
 * on the same simulated people. Reports, per arm and series, the mean paired difference with its
 * 95% t interval, and the variance-reduction factor: how much smaller the variance of the paired
 * differences is than it would be with independent runs — measured, with a second set of runs on
 * independent streams (switch off with `varianceReduction: false`).
 *
 * Welfare: the paired difference dW in mean welfare (docs/model.md 3.3.13, region "", averaged over the
 * reported periods) and its compensating variation `exp(dW / beta) - 1` with the baseline's beta:
 * the change in income, as a share, that is worth as much to the average worker as the policy.
 *
 * @throws ValidationError naming the argument: no `baseline` arm, no other arm, fewer than 2
 *   replications, an unknown metric.
 * @example
 * const cmp = compare(
 *   { baseline: scenarios.baseline(o), alliance: scenarios.alliance2026(o) },
 *   { replications: 10, seed: 1, metrics: ["stock"] },
 * );
 * cmp.differences.filter((d) => d.arm === "alliance" && d.region === "CA") // effect on Canada's stock, per quarter
 * cmp.welfare[0].compensatingVariation.estimate                          // e.g. 0.002: worth 0.2% of income
 */
export function compare(arms: Readonly<Record<string, Scenario>>, options: CompareOptions): CompareResult {
  return runPlan(planCompare(arms, options));
}
