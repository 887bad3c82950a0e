/**
 * The calibration of record of the baseline: ten tuned parameters fitted jointly to the fitted
 * moments of core's BASELINE_MOMENTS by the method of moments, with the deterministic mean-field
 * projection as the simulator and Levenberg–Marquardt as the search; standard errors, the
 * over-identification test, a profile of the objective around each estimate, every moment
 * (fitted and validation) and the burn-in drift (docs/recalibration.md).
 *
 *   pnpm recalibrate                 # checks that the baseline is the minimum (a few minutes)
 *   pnpm recalibrate --from start    # the fit from the values before it (about 5 minutes more)
 *
 * Why the projection and not `calibrate`: a candidate costs about 0.5 s by the projection against
 * seconds for ABM runs, and it has no simulation noise, so derivatives by finite differences are
 * exact enough for a Gauss–Newton search. The objective is MSM's, Σ ((model − data) / se)² over
 * the fitted moments; with no simulation noise the sandwich of docs/experiments.md reduces to
 * V = (G'WG)⁻¹, and at an interior minimum J = Q(θ̂) is χ² with (moments − parameters) degrees of
 * freedom.
 */
import {
  BASELINE_MOMENTS,
  type BaselineMoment,
  burnInDrift,
  type DriftResult,
  getParameter,
  type MeanFieldResult,
  meanField,
  momentValue,
  type Scenario,
  scenarios,
  setParameter,
  simulate,
  ValidationError,
} from "@talentflow/core";
import { chiSquarePValue, inverseSpd, leastSquares, symmetricEigen } from "@talentflow/core/internal";
import { pathToFileURL } from "node:url";
import { driftTables } from "./drift";

/** One parameter of the fit: its bounds, how it is read from and written into the scenario. */
export interface FitParameter {
  name: string;
  lower: number;
  upper: number;
  /** The value before the fit (the start of `--from start`). */
  before: number;
  get: (s: Scenario) => number;
  set: (s: Scenario, value: number) => Scenario;
  /** The moments meant to identify it, in a phrase. */
  why: string;
}

function byPath(path: string, lower: number, upper: number, before: number, why: string): FitParameter {
  return {
    name: path,
    lower,
    upper,
    before,
    why,
    get: (s) => getParameter(s, path),
    set: (s, v) => setParameter(s, path, v),
  };
}

/** One value written into several paths (a moving cost in both US regions). */
function tied(paths: readonly string[], lower: number, upper: number, before: number, why: string): FitParameter {
  return {
    name: paths.join(" = "),
    lower,
    upper,
    before,
    why,
    get: (s) => getParameter(s, paths[0]),
    set: (s, v) => paths.reduce((t, p) => setParameter(t, p, v), s),
  };
}

/**
 * New entrants per year per worker of the US stock at the start, one rate for SV and USR: the two
 * regions' graduates and first hires are not told apart by any source (a separate SV rate ends at 0,
 * a corner where Silicon Valley hires no graduates at all).
 */
function usEntrantRate(lower: number, upper: number, before: number, why: string): FitParameter {
  const stock = (s: Scenario) => s.regions.SV.initialStock + s.regions.USR.initialStock;
  return {
    name: "regions.SV.entrants + regions.USR.entrants per US worker",
    lower,
    upper,
    before,
    why,
    get: (s) => (s.regions.SV.entrants + s.regions.USR.entrants) / stock(s),
    set: (s, v) =>
      setParameter(
        setParameter(s, "regions.SV.entrants", v * s.regions.SV.initialStock),
        "regions.USR.entrants",
        v * s.regions.USR.initialStock,
      ),
  };
}

/**
 * The ten parameters of the fit. USR's and ROW's amenities stay 0: amenities are identified
 * only relative to a reference. `before` is the value each had before this fit (the entrants at
 * the rates of the previous baseline, its stocks scaled to the core definition).
 */
export const FIT_PARAMETERS: readonly FitParameter[] = [
  // regions.CA.amenity is held at -0.908, its value in the fit before graduates (docs/recalibration.md):
  // fitted with the others it went to -1.254 (J 0.43 lower), where Canada's own-citizen share rises
  // 3.3 points in burn-in, beyond the baseline's drift bound of 2.5; the moments cannot tell the two apart.
  byPath("regions.SV.amenity", -2, 2, 0, "SV share of US AI (m16), SV growth (m14), SV composition (m05, m06)"),
  byPath("regions.DE.amenity", -2, 2, 0, "Germans abroad (m27), DE non-German share (m04)"),
  tied(
    ["movingCost.CA<->SV", "movingCost.CA<->USR"],
    0,
    5,
    1.846,
    "CA–US net flow (m01), young Canadians abroad (m02)",
  ),
  // behavior.homeBias is held at 1.509 (docs/recalibration.md): fitted with the others it went to
  // 1.775 (joint SE 0.66), where Canada's own-citizen share rises 2.8 points in burn-in and German
  // brain drain falls to 6.3% by 2049; the moments cannot tell the two values apart.
  byPath("regions.DE.entrants", 1_000, 20_000, 4_347, "DE growth (m15)"),
  byPath("regions.CA.entrants", 1_000, 20_000, 2_700, "CA growth (m13)"),
  usEntrantRate(0.01, 0.3, 0.0596, "SV and USR growth (m14, m14b), SV share of US AI (m16)"),
  byPath("regions.ROW.entrants", 2_000, 40_000, 11_000, "ROW growth (m26)"),
  byPath("lotteries.US-H1B.cap", 100, 4_000, 750, "H-1B selection rate (m09)"),
];

/** The moments the projection computes (not the cohort exits m07, m08 nor top researchers m19). */
export const MEAN_FIELD_MOMENTS: readonly BaselineMoment[] = BASELINE_MOMENTS.filter((m) =>
  m.metrics.every((x) => x !== "cohortExit5y" && x !== "topResearchersAbroad"),
);
const ABM_ONLY: readonly BaselineMoment[] = BASELINE_MOMENTS.filter((m) => !MEAN_FIELD_MOMENTS.includes(m));
const FITTED = (): BaselineMoment[] => MEAN_FIELD_MOMENTS.filter((m) => m.use === "fit");

/** Options of {@link main}; the defaults are the documented run. */
export interface RecalibrateOptions {
  /** Where the search starts: `"baseline"` (default: checks the baseline is the minimum) or `"before"`. */
  from?: "baseline" | "before";
  /** Skill bins of the projection (default 16, the bins of the documented fit). */
  skillBins?: number;
  /** Levenberg–Marquardt iterations at most (default 40). */
  maxIterations?: number;
  /** Years of the long run of the burn-in drift (default 25). */
  driftYears?: number;
  /** Agents of the ABM run for m07, m08, m19 (default 20,000); 0 skips it. */
  abmAgents?: number;
  /** Whether to compute the profiles (default true: 4 projections per parameter). */
  profiles?: boolean;
  /**
   * Parameters (by name) whose profile is also computed with the other parameters re-fitted at each
   * point (a true profile, about a minute per point; default none).
   */
  refitProfiles?: readonly string[];
  print?: (line: string) => void;
}

/** A moment's row of the fit table. */
export interface MomentFit {
  id: string;
  name: string;
  use: string;
  value: number;
  se: number;
  model: number;
  distance: number;
  /** "meanField", or "abm" for the moments the projection does not compute. */
  by: "meanField" | "abm";
}

/**
 * The objective along one parameter, the others held at the estimate, at ±1 and ±2 of its
 * conditional standard error (the SE it would have if the others were known, 1/√(JᵀJ)ᵢᵢ): where
 * the objective is quadratic it rises by steps², so the slice checks the approximation behind the
 * standard errors.
 */
export interface Profile {
  parameter: string;
  /** The conditional standard error, the unit of `steps`. */
  conditionalSe: number;
  /** Steps (−2, −1, 1, 2), the value there (clamped to the bounds) and the objective. */
  points: { steps: number; value: number; objective: number }[];
  /** With `refitProfiles`: the objective at the same points with the other parameters re-fitted. */
  refitted?: number[];
}

/** The direction of the parameters along which the objective is flattest (smallest eigenvalue of JᵀJ, box units). */
export interface WeakestDirection {
  eigenvalue: number;
  /** Loadings by parameter name (a unit vector in box-scaled units). */
  loadings: Record<string, number>;
}

/** What {@link main} returns. */
export interface RecalibrateResult {
  estimate: Record<string, number>;
  standardErrors: Record<string, number>;
  /** Parameters that end on a bound with the objective pushing outward (their SE does not apply). */
  atBound: string[];
  objective: { start: number; estimate: number };
  converged: boolean;
  reason: string;
  iterations: number;
  evaluations: number;
  overidentification: { statistic: number; df: number; pValue: number } | null;
  profiles: Profile[];
  /** Conditional standard errors (each parameter alone, the others known). */
  conditionalStandardErrors: Record<string, number>;
  weakestDirection: WeakestDirection;
  moments: MomentFit[];
  drift: DriftResult;
  scenario: Scenario;
}

/** The baseline with the fit's parameters at `x`; the reported years are the three the moments read. */
function build(base: Scenario, x: readonly number[]): Scenario {
  return FIT_PARAMETERS.reduce((s, p, i) => p.set(s, x[i]), base);
}

/** The projection's value of every computable moment of `s`; a moment with `derive` on its variant. */
function mfMoments(s: Scenario, skillBins: number): number[] {
  const own = meanField(s, { skillBins, welfare: false });
  const derived = new Map<BaselineMoment["derive"], MeanFieldResult>();
  return MEAN_FIELD_MOMENTS.map((m) => {
    if (!m.derive) return momentValue(m, own);
    if (!derived.has(m.derive)) derived.set(m.derive, meanField(m.derive(s), { skillBins, welfare: false }));
    return momentValue(m, derived.get(m.derive)!);
  });
}

const residualsOf = (values: readonly number[]) =>
  FITTED().map((m) => (values[MEAN_FIELD_MOMENTS.indexOf(m)] - m.value) / m.se);
const sumSq = (r: readonly number[]) => r.reduce((s, v) => s + v * v, 0);

/** JᵀJ of the Jacobian of the residuals (already divided by each moment's SE). */
function information(jacobian: readonly (readonly number[])[]): number[][] {
  const k = FIT_PARAMETERS.length;
  return Array.from({ length: k }, (_, i) =>
    Array.from({ length: k }, (_, j) => jacobian.reduce((s, row) => s + row[i] * row[j], 0)),
  );
}

/** Standard errors V = (JᵀJ)⁻¹ (joint) and 1/√(JᵀJ)ᵢᵢ (conditional: the others known). */
function standardErrors(a: number[][]): { joint: number[]; conditional: number[] } {
  const inv = inverseSpd(a);
  return {
    joint: FIT_PARAMETERS.map((_, i) => (inv ? Math.sqrt(Math.max(0, inv[i][i])) : Number.NaN)),
    conditional: FIT_PARAMETERS.map((_, i) => (a[i][i] > 0 ? 1 / Math.sqrt(a[i][i]) : Number.NaN)),
  };
}

/** The eigenvector of the smallest eigenvalue of JᵀJ with the parameters scaled to their boxes. */
function weakestDirection(a: number[][]): WeakestDirection {
  const w = FIT_PARAMETERS.map((p) => p.upper - p.lower);
  const scaled = a.map((row, i) => row.map((v, j) => v * w[i] * w[j]));
  const { values, vectors } = symmetricEigen(scaled);
  let k = 0;
  values.forEach((v, i) => {
    if (v < values[k]) k = i;
  });
  return { eigenvalue: values[k], loadings: Object.fromEntries(FIT_PARAMETERS.map((p, i) => [p.name, vectors[k][i]])) };
}

const fmt = (x: number) => (Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 1 ? x.toFixed(3) : x.toFixed(4));

const OPTION_LIMITS: Record<string, [number, number]> = {
  skillBins: [2, 256],
  maxIterations: [1, 1_000],
  driftYears: [3, 500],
  abmAgents: [0, 10_000_000],
};

/** Refuses unknown options and values out of their range, naming each. */
function checkOptions(options: RecalibrateOptions): void {
  const issues: { path: string; message: string }[] = [];
  for (const [key, value] of Object.entries(options)) {
    if (key === "from") {
      if (value !== "baseline" && value !== "before")
        issues.push({ path: key, message: `must be "baseline" or "before", got ${JSON.stringify(value)}` });
    } else if (key === "print") {
      if (typeof value !== "function") issues.push({ path: key, message: "must be a function" });
    } else if (key === "refitProfiles") {
      const names = FIT_PARAMETERS.map((p) => p.name);
      if (!Array.isArray(value)) issues.push({ path: key, message: "must be an array of parameter names" });
      else
        value.forEach((v, i) => {
          if (!names.includes(v))
            issues.push({ path: `${key}.${i}`, message: `not a parameter of the fit: ${String(v)}` });
        });
    } else if (key === "profiles") {
      if (typeof value !== "boolean")
        issues.push({ path: key, message: `must be true or false, got ${String(value)}` });
    } else {
      const limits = OPTION_LIMITS[key];
      if (!limits)
        issues.push({
          path: key,
          message:
            `unknown option (known: ${Object.keys(OPTION_LIMITS).join(", ")}, ` +
            "from, profiles, refitProfiles, print)",
        });
      else if (!Number.isInteger(value) || value < limits[0] || value > limits[1])
        issues.push({
          path: key,
          message: `must be a whole number in [${limits[0]}, ${limits[1]}], got ${String(value)}`,
        });
    }
  }
  if (issues.length > 0) throw new ValidationError(issues, "recalibrate: invalid options");
}

/** The objective at ±1 and ±2 conditional SE of each estimate, the others held (clamped to the bounds). */
function profilesAt(base: Scenario, x: readonly number[], se: readonly number[], skillBins: number): Profile[] {
  return FIT_PARAMETERS.map((p, i) => ({
    parameter: p.name,
    conditionalSe: se[i],
    points: (Number.isFinite(se[i]) && se[i] > 0 ? [-2, -1, 1, 2] : []).map((steps) => {
      const y = [...x];
      y[i] = Math.min(p.upper, Math.max(p.lower, x[i] + steps * se[i]));
      let objective = Number.POSITIVE_INFINITY;
      try {
        objective = sumSq(residualsOf(mfMoments(build(base, y), skillBins)));
      } catch {
        // a point whose projection fails (an empty stock) is worse than any
      }
      return { steps, value: y[i], objective };
    }),
  }));
}

/** The objective with parameter `i` held at `value` and the others re-fitted from the estimate. */
function refit(
  base: Scenario,
  x: readonly number[],
  i: number,
  value: number,
  skillBins: number,
  maxIterations: number,
): number {
  const others = FIT_PARAMETERS.filter((_, j) => j !== i);
  const full = (y: readonly number[]) => {
    const z = [...y];
    z.splice(i, 0, value);
    return z;
  };
  const r = leastSquares(
    (y) => residualsOf(mfMoments(build(base, full(y)), skillBins)),
    x.filter((_, j) => j !== i),
    { bounds: { lower: others.map((p) => p.lower), upper: others.map((p) => p.upper) }, maxIterations, fTol: 1e-5 },
  );
  return r.sumOfSquares;
}

/**
 * Runs the fit and prints estimates, standard errors, the J test, the profiles, every moment and
 * the burn-in drift; returns them.
 *
 * @throws ValidationError naming the option: an unknown key, or a value out of its range.
 * @example
 * const r = main({ maxIterations: 1, abmAgents: 0, profiles: false, driftYears: 3 });
 * r.moments.find((m) => m.id === "m01")!.distance; // the Canada–US net flow's distance in SE
 */
export function main(options: RecalibrateOptions = {}): RecalibrateResult {
  checkOptions(options);
  const {
    from = "baseline",
    skillBins = 16,
    maxIterations = 40,
    driftYears = 25,
    abmAgents = 20_000,
    profiles: withProfiles = true,
    print = console.log,
  } = options;
  const t0 = Date.now();
  const base = scenarios.baseline({ years: 3 });
  const x0 = FIT_PARAMETERS.map((p) => (from === "before" ? p.before : p.get(base)));
  const fit = leastSquares((x) => residualsOf(mfMoments(build(base, x), skillBins)), x0, {
    bounds: { lower: FIT_PARAMETERS.map((p) => p.lower), upper: FIT_PARAMETERS.map((p) => p.upper) },
    maxIterations,
    fTol: 1e-5,
    onIteration: (i, f) =>
      print(`iteration ${i}: objective ${f.toFixed(4)} (${((Date.now() - t0) / 1000).toFixed(0)} s)`),
  });
  const x = fit.x;
  const q0 = sumSq(residualsOf(mfMoments(build(base, x0), skillBins)));
  const q = fit.sumOfSquares;
  const info = information(fit.jacobian);
  const { joint: se, conditional } = standardErrors(info);
  const weakest = weakestDirection(info);
  const atBound = FIT_PARAMETERS.filter((_, i) => fit.atBound[i]).map((p) => p.name);
  const df = FITTED().length - (FIT_PARAMETERS.length - atBound.length);
  const overidentification = df > 0 ? { statistic: q, df, pValue: chiSquarePValue(q, df) } : null;
  const profiles = withProfiles ? profilesAt(base, x, conditional, skillBins) : [];
  for (const name of options.refitProfiles ?? []) {
    const i = FIT_PARAMETERS.findIndex((p) => p.name === name);
    const profile = profiles.find((p) => p.parameter === name);
    if (profile) profile.refitted = profile.points.map((pt) => refit(base, x, i, pt.value, skillBins, maxIterations));
  }

  const fitted = build(base, x);
  const values = mfMoments(fitted, skillBins);
  const moments: MomentFit[] = MEAN_FIELD_MOMENTS.map((m, k) => ({
    id: m.id,
    name: m.name,
    use: m.use,
    value: m.value,
    se: m.se,
    model: values[k],
    distance: (values[k] - m.value) / m.se,
    by: "meanField" as const,
  }));
  if (abmAgents > 0) {
    const run = simulate({ ...fitted, agents: abmAgents, years: 10 }, { seed: 1 });
    for (const m of ABM_ONLY) {
      const v = momentValue(m, run);
      moments.push({
        id: m.id,
        name: m.name,
        use: m.use,
        value: m.value,
        se: m.se,
        model: v,
        distance: (v - m.value) / m.se,
        by: "abm",
      });
    }
  }
  const drift = burnInDrift({ ...fitted, years: 10 }, { years: driftYears, meanField: { skillBins } });

  const record = (v: readonly number[]) => Object.fromEntries(FIT_PARAMETERS.map((p, i) => [p.name, v[i]]));
  print(
    `\nObjective over ${FITTED().length} fitted moments (${skillBins} skill bins): ${q0.toFixed(3)} at the start ` +
      `(${from}), ${q.toFixed(3)} at the estimate; ${fit.iterations} iterations, ${fit.evaluations} projections, ` +
      `${fit.converged ? `converged (${fit.reason})` : "not converged"}; ${((Date.now() - t0) / 1000).toFixed(0)} s`,
  );
  if (overidentification)
    print(`J = ${q.toFixed(3)} on ${df} degrees of freedom, p = ${overidentification.pValue.toFixed(3)}`);
  if (atBound.length > 0) print(`On a bound (the minimum there is a corner; no SE): ${atBound.join(", ")}`);
  print("\n| parameter | lower | upper | before | estimate | SE | SE, others known | identified by |");
  print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
  FIT_PARAMETERS.forEach((p, i) =>
    print(
      `| ${p.name} | ${p.lower} | ${p.upper} | ${fmt(p.before)} | ${fmt(x[i])} | ` +
        `${fit.atBound[i] || !Number.isFinite(se[i]) ? "—" : fmt(se[i])} | ${fmt(conditional[i])} | ${p.why} |`,
    ),
  );
  print(
    `\nFlattest direction (smallest eigenvalue of J'J in box units, ${weakest.eigenvalue.toExponential(2)}): ` +
      Object.entries(weakest.loadings)
        .filter(([, v]) => Math.abs(v) >= 0.15)
        .map(([k, v]) => `${v >= 0 ? "+" : ""}${v.toFixed(2)} ${k}`)
        .join(", "),
  );
  print(`\nestimate (full precision): ${JSON.stringify(record(x))}`);
  if (profiles.length > 0) {
    print(
      `\nProfiles: the objective at −2, −1, +1, +2 conditional SE of each estimate, the others held ` +
        `(estimate: ${q.toFixed(3)}; a quadratic objective gives +4, +1, +1, +4)\n`,
    );
    print("| parameter | −2 | −1 | +1 | +2 |");
    print("| --- | ---: | ---: | ---: | ---: |");
    for (const p of profiles) {
      if (p.points.length > 0) print(`| ${p.parameter} | ${p.points.map((o) => o.objective.toFixed(3)).join(" | ")} |`);
      if (p.refitted)
        print(`| ${p.parameter}, others re-fitted | ${p.refitted.map((o) => o.toFixed(3)).join(" | ")} |`);
    }
  }
  print("\n| use | id | moment | data | SE | model | distance (SE) | by |");
  print("| --- | --- | --- | ---: | ---: | ---: | ---: | --- |");
  for (const m of moments)
    print(
      `| ${m.use} | ${m.id} | ${m.name} | ${fmt(m.value)} | ${fmt(m.se)} | ${fmt(m.model)} | ` +
        `${m.distance.toFixed(2)} | ${m.by} |`,
    );
  print(`\nBurn-in drift of the estimate (mean-field projection, ${driftYears} years):\n`);
  for (const line of driftTables(drift)) print(line);
  return {
    estimate: record(x),
    standardErrors: record(se),
    atBound,
    objective: { start: q0, estimate: q },
    converged: fit.converged,
    reason: fit.reason,
    iterations: fit.iterations,
    evaluations: fit.evaluations,
    overidentification,
    profiles,
    conditionalStandardErrors: record(conditional),
    weakestDirection: weakest,
    moments,
    drift,
    scenario: { ...fitted, years: 10 },
  };
}

/** The MSM estimate's large-sample distribution: the centre and V = (JᵀJ)⁻¹, in FIT_PARAMETERS' order. */
export interface SamplingDistribution {
  /** Parameter names, as in {@link FIT_PARAMETERS}. */
  names: string[];
  /** The estimate of record: the baseline's values of the parameters. */
  estimate: number[];
  lower: number[];
  upper: number[];
  /** V = (JᵀJ)⁻¹, J the Jacobian of the SE-scaled residuals at the estimate; `null` if JᵀJ is singular. */
  covariance: number[][] | null;
}

/**
 * The sampling distribution of the fitted parameters at the baseline (the estimate of record):
 * the Jacobian of the residuals by the same central differences as {@link main}'s search (a step
 * of 1e-3 of each box, clamped to it), and V = (JᵀJ)⁻¹, whose diagonal gives main's standard
 * errors when the search ends at the baseline. 2·10 + 1 projections of three years.
 *
 * @example
 * const d = samplingDistribution({ skillBins: 16 });
 * Math.sqrt(d.covariance![0][0]); // the joint SE of regions.SV.amenity
 */
export function samplingDistribution(options: { skillBins?: number } = {}): SamplingDistribution {
  const skillBins = options.skillBins ?? 16;
  if (!Number.isInteger(skillBins) || skillBins < OPTION_LIMITS.skillBins[0] || skillBins > OPTION_LIMITS.skillBins[1])
    throw new ValidationError(
      [{ path: "skillBins", message: `must be a whole number in [2, 256], got ${String(skillBins)}` }],
      "samplingDistribution: invalid options",
    );
  const base = scenarios.baseline({ years: 3 });
  const x = FIT_PARAMETERS.map((p) => p.get(base));
  const lower = FIT_PARAMETERS.map((p) => p.lower);
  const upper = FIT_PARAMETERS.map((p) => p.upper);
  const residualsAt = (y: readonly number[]) => residualsOf(mfMoments(build(base, y), skillBins));
  const r = residualsAt(x);
  const columns = FIT_PARAMETERS.map((_, i) => {
    const h = 1e-3 * (upper[i] - lower[i]);
    const a = [...x];
    const b = [...x];
    a[i] = Math.max(lower[i], x[i] - h);
    b[i] = Math.min(upper[i], x[i] + h);
    const ra = a[i] === x[i] ? r : residualsAt(a);
    const rb = b[i] === x[i] ? r : residualsAt(b);
    return ra.map((v, k) => (rb[k] - v) / (b[i] - a[i]));
  });
  const jacobian = r.map((_, k) => columns.map((c) => c[k]));
  return {
    names: FIT_PARAMETERS.map((p) => p.name),
    estimate: x,
    lower,
    upper,
    covariance: inverseSpd(information(jacobian)) ?? null,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 ? process.argv[i + 1] : undefined;
  };
  const from = arg("from");
  main({
    ...(from ? { from: from === "start" ? "before" : (from as "baseline") } : {}),
    ...(arg("iterations") ? { maxIterations: Number(arg("iterations")) } : {}),
    ...(arg("abm-agents") ? { abmAgents: Number(arg("abm-agents")) } : {}),
    ...(arg("refit-profiles") ? { refitProfiles: arg("refit-profiles")!.split(",") } : {}),
  });
}
