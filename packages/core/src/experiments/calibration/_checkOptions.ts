/**
 * The checks of calibrate's options: every problem reported at once, naming the option's path.
 * @internal
 * @module
 */
import { unknownKeyIssues } from "../../_knownKeys";
import { Issues, showValue } from "../../_issues";
import { ValidationError } from "../../errors";
import type { Scenario } from "../../scenario/types";
import type { CalibrateOptions, CalibrationTarget } from "../calibrate";
import { checkMetricSelector } from "../metric";
import { getParameter } from "../paths";
import { DEFAULT_PROFILE, DEFAULT_STEP, type InferenceSettings } from "./_inference";

/** A parameter to estimate, checked: its path, its box and where the search starts. @internal */
export interface EstimatedParameter {
  readonly path: string;
  readonly lower: number;
  readonly upper: number;
  readonly start: number;
}

/** Options of calibrate after the checks, with their defaults. @internal */
export interface CheckedCalibrateOptions {
  readonly params: EstimatedParameter[];
  readonly replications: number;
  readonly seed: number | string;
  /** MSM's inference settings; undefined for ABC or with `inference: false`. */
  readonly inference: InferenceSettings | undefined;
}

const DEFAULT_REPLICATIONS = 2;

const CALIBRATE_OPTION_KEYS: readonly (keyof CalibrateOptions)[] = [
  "parameters",
  "targets",
  "method",
  "replications",
  "seed",
  "maxEvaluations",
  "metrics",
  "msm",
  "abc",
  "inference",
  "onProgress",
];
const TARGET_KEYS: readonly (keyof CalibrationTarget)[] = ["name", "value", "se", "selector", "moment", "derive"];
const MSM_KEYS = ["initialStep", "xTol", "fTol"] as const;
const INFERENCE_KEYS = ["step", "profile", "simulationNoise"] as const;
const MAX_PROFILE_POINTS = 20;
const ABC_KEYS = ["algorithm", "particles", "generations", "quantile", "draws", "acceptFraction"] as const;

/**
 * Checks calibrate's options against the scenario (parameter paths, metric selectors) and
 * returns the parameters with their start points.
 * @throws ValidationError (context "calibrate") listing every problem.
 * @internal
 */
export function checkCalibrateOptions(scenario: Scenario, options: CalibrateOptions): CheckedCalibrateOptions {
  const issues = new Issues("calibrate");
  if (typeof options !== "object" || options === null) {
    issues.add("options", "must be an object");
    issues.throwIfAny();
  }
  issues.addAll(unknownKeyIssues(options, CALIBRATE_OPTION_KEYS));
  issues.addAll(unknownKeyIssues(options.msm, MSM_KEYS, "msm."));
  issues.addAll(unknownKeyIssues(options.abc, ABC_KEYS, "abc."));
  if (options.onProgress !== undefined && typeof options.onProgress !== "function")
    issues.add("onProgress", "must be a function (progress) => void");
  if (options.method !== "msm" && options.method !== "abc")
    issues.add("method", `must be "msm" or "abc", got ${showValue(options.method)}`);
  const replications = options.replications ?? DEFAULT_REPLICATIONS;
  if (!Number.isInteger(replications) || replications < 1)
    issues.add("replications", `must be a whole number >= 1, got ${showValue(replications)}`);
  const seed = options.seed ?? 1;
  if (!(typeof seed === "string" || (typeof seed === "number" && Number.isFinite(seed))))
    issues.add("seed", `must be a number or a string, got ${showValue(seed)}`);
  if (
    options.maxEvaluations !== undefined &&
    !(Number.isInteger(options.maxEvaluations) && options.maxEvaluations >= 1)
  ) {
    issues.add("maxEvaluations", `must be a whole number >= 1, got ${showValue(options.maxEvaluations)}`);
  }
  const params = checkParameters(issues, scenario, options.parameters);
  checkTargets(issues, scenario, options.targets);
  const inference = checkInference(issues, options, replications);
  issues.throwIfAny();
  return { params, replications, seed, inference };
}

function checkParameters(
  issues: Issues,
  scenario: Scenario,
  parameters: CalibrateOptions["parameters"],
): EstimatedParameter[] {
  const params: EstimatedParameter[] = [];
  const entries = typeof parameters === "object" && parameters !== null ? Object.entries(parameters) : [];
  if (entries.length === 0)
    issues.add(
      "parameters",
      'needs at least one parameter to estimate, e.g. { "behavior.homeBias": { lower: 0, upper: 3 } }',
    );
  for (const [path, spec] of entries) {
    const at = `parameters.${path}`;
    let current: number;
    try {
      current = getParameter(scenario, path);
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      const reason = e.issues.map((i) => i.message).join("; ");
      issues.add(at, e.message.includes("ambiguous") ? reason : `unknown parameter path: ${reason}`);
      continue;
    }
    const hasPrior = Boolean(spec) && "prior" in spec;
    issues.addAll(unknownKeyIssues(spec, hasPrior ? ["prior", "start"] : ["lower", "upper", "start"], `${at}.`));
    if (hasPrior && "prior" in spec) {
      issues.addAll(unknownKeyIssues(spec.prior, ["kind", "lower", "upper"], `${at}.prior.`));
      if (spec.prior?.kind !== "uniform")
        issues.add(`${at}.prior.kind`, `must be "uniform", got ${showValue(spec.prior?.kind)}`);
    }
    const box = spec && "prior" in spec ? spec.prior : spec;
    const lower = box?.lower;
    const upper = box?.upper;
    if (typeof lower !== "number" || !Number.isFinite(lower))
      issues.add(`${at}.lower`, `must be a finite number, got ${showValue(lower)}`);
    if (typeof upper !== "number" || !Number.isFinite(upper))
      issues.add(`${at}.upper`, `must be a finite number, got ${showValue(upper)}`);
    if (typeof lower !== "number" || typeof upper !== "number" || !Number.isFinite(lower) || !Number.isFinite(upper))
      continue;
    if (!(lower < upper)) {
      issues.add(at, `bounds reversed or empty: lower ${lower} must be below upper ${upper}`);
      continue;
    }
    const start = spec.start ?? (current >= lower && current <= upper ? current : (lower + upper) / 2);
    if (!(start >= lower && start <= upper))
      issues.add(`${at}.start`, `${start} is outside the bounds [${lower}, ${upper}]`);
    params.push({ path, lower, upper, start });
  }
  return params;
}

function checkTargets(issues: Issues, scenario: Scenario, targets: CalibrateOptions["targets"]): void {
  if (!Array.isArray(targets) || targets.length === 0) issues.add("targets", "needs at least one target moment");
  const names = new Set<string>();
  (Array.isArray(targets) ? targets : []).forEach((t: CalibrationTarget, k) => {
    const at = `targets[${k}]`;
    if (typeof t !== "object" || t === null) {
      issues.add(at, "must be an object { name, value, se, selector | moment }");
      return;
    }
    issues.addAll(unknownKeyIssues(t, TARGET_KEYS, `${at}.`));
    if (typeof t.name !== "string" || t.name.length === 0) issues.add(`${at}.name`, "must be a non-empty string");
    else if (names.has(t.name)) issues.add(`${at}.name`, `duplicate target name "${t.name}"`);
    else names.add(t.name);
    if (typeof t.value !== "number" || !Number.isFinite(t.value))
      issues.add(`${at}.value`, `must be a finite number, got ${showValue(t.value)}`);
    if (typeof t.se !== "number" || !(t.se > 0) || !Number.isFinite(t.se))
      issues.add(`${at}.se`, `must be a finite number > 0, got ${showValue(t.se)}`);
    if ((t.selector === undefined) === (t.moment === undefined))
      issues.add(at, "give exactly one of selector (a metric of the rows) or moment (a function of the runs)");
    if (t.selector !== undefined) issues.addAll(checkMetricSelector(t.selector, scenario, `${at}.selector`));
    if (t.moment !== undefined && typeof t.moment !== "function")
      issues.add(`${at}.moment`, "must be a function (runs) => number");
    if (t.derive !== undefined && typeof t.derive !== "function")
      issues.add(`${at}.derive`, "must be a function (scenario) => scenario");
  });
}

function checkInference(
  issues: Issues,
  options: CalibrateOptions,
  replications: number,
): InferenceSettings | undefined {
  const given = options.inference;
  if (given === false) return undefined;
  if (given === undefined) {
    if (options.method !== "msm") return undefined;
    return { step: DEFAULT_STEP, profile: DEFAULT_PROFILE, simulationNoise: replications >= 2 ? "measured" : "asData" };
  }
  if (typeof given !== "object" || given === null || Array.isArray(given)) {
    const expected = "must be false or an object { step?, profile?, simulationNoise? }";
    issues.add("inference", `${expected}, got ${showValue(given)}`);
    return undefined;
  }
  if (options.method !== "msm") {
    issues.add("inference", `is computed for method "msm" only (ABC returns a posterior); remove it`);
  }
  issues.addAll(unknownKeyIssues(given, INFERENCE_KEYS, "inference."));
  const step = given.step ?? DEFAULT_STEP;
  if (typeof step !== "number" || !(step > 0 && step <= 0.5)) {
    const expected = "must be a number in (0, 0.5], a share of each parameter's range";
    issues.add("inference.step", `${expected}, got ${showValue(step)}`);
  }
  const profile = given.profile ?? DEFAULT_PROFILE;
  if (profile !== false) {
    if (!Array.isArray(profile) || profile.length > MAX_PROFILE_POINTS) {
      const expected = `must be false or an array of at most ${MAX_PROFILE_POINTS} offsets in SE`;
      issues.add("inference.profile", `${expected}, got ${showValue(profile)}`);
    } else {
      profile.forEach((x: unknown, i) => {
        if (typeof x !== "number" || !Number.isFinite(x) || x === 0) {
          const expected = "must be a finite non-zero offset in SE (the estimate itself is always included)";
          issues.add(`inference.profile[${i}]`, `${expected}, got ${showValue(x)}`);
        }
      });
    }
  }
  const noise = given.simulationNoise ?? (replications >= 2 ? "measured" : "asData");
  if (noise !== "measured" && noise !== "asData") {
    issues.add("inference.simulationNoise", `must be "measured" or "asData", got ${showValue(noise)}`);
  } else if (noise === "measured" && !(replications >= 2)) {
    const why = `"measured" needs replications >= 2 to measure the runs' covariance`;
    issues.add("inference.simulationNoise", `${why}, got ${showValue(replications)}; use "asData"`);
  }
  return { step, profile: profile === false ? [] : profile, simulationNoise: noise };
}
