/**
 * An exploratory joint fit of the baseline's tuned parameters to the recalibration's moments
 * (core's BASELINE_MOMENTS), with the deterministic mean-field projection as the simulator. It
 * does not change the baseline: it asks what the current model structure can reach, above all
 * whether the Canada–US net flow can take the sign of the data, and at what cost to the other
 * moments (docs/recalibration.md).
 *
 *   pnpm recalibrate:explore
 *   pnpm recalibrate:explore --evaluations 700 --restarts 0 --from '{"regions.CA.amenity": -0.08}'
 *
 * Why not `calibrate`: it runs the ABM and moves parameters by path, and a citizenship mix must
 * sum to 1, so no path can move one share of it. The objective here is the same as MSM's,
 * Σ ((model − data) / se)² over the fitted moments, minimised with core's Nelder–Mead on the unit
 * cube of the bounds; the projection has no simulation noise, so the sandwich of
 * docs/experiments.md reduces to V = (G'WG)⁻¹ and, at an interior minimum, J = Q(θ̂).
 */
import {
  BASELINE_MOMENTS,
  ValidationError,
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
} from "@talentflow/core";
import { chiSquarePValue, minimize } from "@talentflow/core/internal";
import { pathToFileURL } from "node:url";
import { driftTables } from "./drift";

/** One parameter of the fit: its bounds and how a value is written into the scenario. */
export interface FitParameter {
  name: string;
  lower: number;
  upper: number;
  /** The baseline's value. */
  start: (s: Scenario) => number;
  apply: (s: Scenario, value: number) => Scenario;
  /** The moments meant to identify it, in a phrase. */
  why: string;
}

const byPath = (path: string, lower: number, upper: number, why: string): FitParameter => ({
  name: path,
  lower,
  upper,
  why,
  start: (s) => getParameter(s, path),
  apply: (s, v) => setParameter(s, path, v),
});

/**
 * The share of citizenship `c` in region `r`'s initial *and* entrant mixes, set to `v`; the other
 * citizenships keep their proportions among themselves, so the mix still sums to 1. One knob for
 * both mixes: the moments are read two years after the start, and entrants that differ from the
 * stock would show up as burn-in drift.
 */
function mixShare(r: string, c: string, lower: number, upper: number, why: string): FitParameter {
  const setMix = (mix: Record<string, number>, v: number): Record<string, number> => {
    const rest = 1 - (mix[c] ?? 0);
    const out: Record<string, number> = {};
    for (const [k, x] of Object.entries(mix)) out[k] = k === c ? v : rest > 0 ? (x * (1 - v)) / rest : 0;
    if (!(c in out)) out[c] = v;
    return out;
  };
  return {
    name: `regions.${r}.mix.${c}`,
    lower,
    upper,
    why,
    start: (s) => s.regions[r].initialCitizenship[c] ?? 0,
    apply: (s, v) => ({
      ...s,
      regions: {
        ...s.regions,
        [r]: {
          ...s.regions[r],
          initialCitizenship: setMix(s.regions[r].initialCitizenship, v),
          entrantCitizenship: setMix(s.regions[r].entrantCitizenship, v),
        },
      },
    }),
  };
}

/**
 * The twelve parameters of the exploratory fit (USR's amenity stays 0: amenities are identified
 * only relative to one region).
 */
export const FIT_PARAMETERS: readonly FitParameter[] = [
  byPath("regions.CA.amenity", -1.5, 1, "CA–US net flow (m01), CA burn-in growth (m13)"),
  byPath("regions.SV.amenity", -1, 1, "SV share of US AI (m16), US growth (m14)"),
  byPath("regions.DE.amenity", -1, 1.5, "DE burn-in growth (m15)"),
  byPath("movingCost.CA<->SV", 0.3, 4, "CA–US net flow (m01), young Canadians abroad (m02)"),
  byPath("movingCost.CA<->USR", 0.3, 4, "CA–US net flow (m01), young Canadians abroad (m02)"),
  byPath("movingCost.DE<->ROW", 1, 4, "DE non-German share (m04), DE growth (m15)"),
  byPath("behavior.homeBias", 0, 2, "mobility rate (m17), young Canadians abroad (m02)"),
  mixShare("CA", "CA", 0.3, 0.8, "CA foreign-born share (m03)"),
  mixShare("DE", "DE", 0.6, 0.95, "DE non-German share (m04)"),
  mixShare("SV", "US", 0.2, 0.6, "SV foreign-born share (m05)"),
  mixShare("SV", "CN", 0.05, 0.3, "SV Chinese share (m06b)"),
  mixShare("USR", "CA", 0, 0.03, "young Canadians abroad (m02): Canadians hired straight into US jobs"),
];

/** The moments the projection computes (not the cohort exits m07, m08 nor top researchers m19). */
export const MEAN_FIELD_MOMENTS: readonly BaselineMoment[] = BASELINE_MOMENTS.filter((m) =>
  m.metrics.every((x) => x !== "cohortExit5y" && x !== "topResearchersAbroad"),
);
const ABM_ONLY: readonly BaselineMoment[] = BASELINE_MOMENTS.filter((m) => !MEAN_FIELD_MOMENTS.includes(m));

/** Options of {@link main}; the defaults are the documented run. */
export interface RecalibrateOptions {
  /** Skill bins of the projection during the search (default 16; the final table uses 32). */
  skillBins?: number;
  /** Nelder–Mead evaluations per start (default 700). */
  maxEvaluations?: number;
  /** Restarts from the best point with a fresh simplex (default 1). */
  restarts?: number;
  /** Years of the long run of the burn-in drift (default 25). */
  driftYears?: number;
  /** Where Nelder–Mead starts, by parameter name (default: the baseline's values); to continue a fit. */
  from?: Readonly<Record<string, number>>;
  /** Agents of the small ABM run for m07, m08, m19 at the estimate; 0 skips it (default 20,000). */
  abmAgents?: number;
  print?: (line: string) => void;
}

/** A fitted or validation moment's row of the fit table. */
export interface MomentFit {
  id: string;
  name: string;
  use: string;
  value: number;
  se: number;
  baseline: number;
  model: number;
  distance: number;
  /** "meanField" or "abm" (the ABM rows are evaluated once, at the estimate and at the baseline). */
  by: "meanField" | "abm";
}

/** What {@link main} returns. */
export interface RecalibrateResult {
  estimate: Record<string, number>;
  start: Record<string, number>;
  standardErrors: Record<string, number>;
  objective: { start: number; estimate: number };
  converged: boolean;
  evaluations: number;
  overidentification: { statistic: number; df: number; pValue: number } | null;
  moments: MomentFit[];
  drift: DriftResult;
  scenario: Scenario;
}

const FITTED = () => MEAN_FIELD_MOMENTS.filter((m) => m.use === "fit");
const base3 = () => scenarios.baseline({ years: 3 });

function build(x: readonly number[]): Scenario {
  return FIT_PARAMETERS.reduce((s, p, i) => p.apply(s, x[i]), base3());
}

/** The mean-field value of every computable moment of `s`; a moment with `derive` on its variant. */
function mfMoments(s: Scenario, skillBins: number): number[] {
  const own = meanField(s, { skillBins });
  const derived = new Map<BaselineMoment["derive"], MeanFieldResult>();
  return MEAN_FIELD_MOMENTS.map((m) => {
    if (!m.derive) return momentValue(m, own);
    if (!derived.has(m.derive)) derived.set(m.derive, meanField(m.derive(s), { skillBins }));
    return momentValue(m, derived.get(m.derive)!);
  });
}

function objectiveOf(values: readonly number[]): number {
  let q = 0;
  MEAN_FIELD_MOMENTS.forEach((m, k) => {
    if (m.use === "fit") q += ((values[k] - m.value) / m.se) ** 2;
  });
  return q;
}

const toUnit = (v: number, p: FitParameter) => (v - p.lower) / (p.upper - p.lower);
const fromUnit = (u: number, p: FitParameter) => p.lower + u * (p.upper - p.lower);

/** Inverse of a small symmetric positive definite matrix by Gauss–Jordan; null when singular. */
function invert(a: number[][]): number[][] | null {
  const n = a.length;
  const m = a.map((row, i) => [...row, ...row.map((_, j) => (i === j ? 1 : 0))]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[p][c])) p = r;
    if (Math.abs(m[p][c]) < 1e-12 * Math.max(1, Math.abs(a[c][c]))) return null;
    [m[c], m[p]] = [m[p], m[c]];
    const d = m[c][c];
    for (let j = 0; j < 2 * n; j++) m[c][j] /= d;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r][c];
      for (let j = 0; j < 2 * n; j++) m[r][j] -= f * m[c][j];
    }
  }
  return m.map((row) => row.slice(n));
}

/**
 * Standard errors of the estimate: G by central differences (1% of each box, clamped), W =
 * diag(1/se²), V = (G'WG)⁻¹ (no simulation noise in a projection).
 */
function standardErrors(x: readonly number[], skillBins: number): number[] {
  const fitted = FITTED();
  const idx = fitted.map((m) => MEAN_FIELD_MOMENTS.indexOf(m));
  const cols = FIT_PARAMETERS.map((p, i) => {
    const h = 0.01 * (p.upper - p.lower);
    const lo = Math.max(p.lower, x[i] - h);
    const hi = Math.min(p.upper, x[i] + h);
    const at = (v: number) => {
      const y = [...x];
      y[i] = v;
      return mfMoments(build(y), skillBins);
    };
    const a = at(lo);
    const b = at(hi);
    return idx.map((k) => (b[k] - a[k]) / (hi - lo));
  });
  const k = FIT_PARAMETERS.length;
  const gwg = Array.from({ length: k }, (_, i) =>
    Array.from({ length: k }, (_, j) => fitted.reduce((s, m, r) => s + (cols[i][r] * cols[j][r]) / m.se ** 2, 0)),
  );
  const v = invert(gwg);
  return FIT_PARAMETERS.map((_, i) => (v ? Math.sqrt(Math.max(0, v[i][i])) : Number.NaN));
}

/** The ABM-only moments of `s` (m07, m08, m19) from one run at `agents`, seed 1. */
function abmMoments(s: Scenario, agents: number): number[] {
  const run = simulate({ ...s, agents, years: 10 }, { seed: 1 });
  return ABM_ONLY.map((m) => momentValue(m, run));
}

const fmt = (x: number) => (Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 1 ? x.toFixed(3) : x.toFixed(4));

const OPTION_LIMITS: Record<string, [number, number]> = {
  skillBins: [2, 256],
  maxEvaluations: [1, 100_000],
  restarts: [0, 20],
  driftYears: [3, 500],
  abmAgents: [0, 10_000_000],
};

/** Refuses unknown options and values that are not whole numbers in their range, naming each. */
function checkOptions(options: RecalibrateOptions): void {
  const issues: { path: string; message: string }[] = [];
  for (const [key, value] of Object.entries(options)) {
    if (key === "from") {
      for (const [name, v] of Object.entries(value as Record<string, number>)) {
        const p = FIT_PARAMETERS.find((q) => q.name === name);
        if (!p) issues.push({ path: `from.${name}`, message: "not a parameter of the fit (FIT_PARAMETERS)" });
        else if (typeof v !== "number" || !(v >= p.lower && v <= p.upper))
          issues.push({
            path: `from.${name}`,
            message: `must be a number in [${p.lower}, ${p.upper}], got ${String(v)}`,
          });
      }
      continue;
    }
    if (key === "print") {
      if (typeof value !== "function") issues.push({ path: key, message: "must be a function" });
      continue;
    }
    const limits = OPTION_LIMITS[key];
    if (!limits)
      issues.push({
        path: key,
        message: `unknown option (known: ${Object.keys(OPTION_LIMITS).join(", ")}, from, print)`,
      });
    else if (!Number.isInteger(value) || value < limits[0] || value > limits[1])
      issues.push({
        path: key,
        message: `must be a whole number in [${limits[0]}, ${limits[1]}], got ${String(value)}`,
      });
  }
  if (issues.length > 0) throw new ValidationError(issues, "recalibrate-meanfield: invalid options");
}

/**
 * Runs the fit, prints estimates, fit table and burn-in drift, and returns them.
 *
 * @throws ValidationError naming the option: an unknown key, or a value that is not a whole
 *   number in its range.
 * @example
 * const r = main({ maxEvaluations: 10, restarts: 0, abmAgents: 0, driftYears: 3 });
 * r.moments.find((m) => m.id === "m01")!.distance; // the Canada–US net flow's distance in SE
 */
export function main(options: RecalibrateOptions = {}): RecalibrateResult {
  checkOptions(options);
  const {
    skillBins = 16,
    maxEvaluations = 700,
    restarts = 1,
    driftYears = 25,
    abmAgents = 20_000,
    print = console.log,
  } = options;
  const t0 = Date.now();
  const base = base3();
  const x0 = FIT_PARAMETERS.map((p) => p.start(base));
  const first = FIT_PARAMETERS.map((p, i) => options.from?.[p.name] ?? x0[i]);
  const f = (u: number[]) => {
    try {
      return objectiveOf(mfMoments(build(u.map((v, i) => fromUnit(v, FIT_PARAMETERS[i]))), skillBins));
    } catch {
      return Number.POSITIVE_INFINITY; // a point whose run fails (an empty stock) is worse than any
    }
  };
  let u = first.map((v, i) => Math.min(1, Math.max(0, toUnit(v, FIT_PARAMETERS[i]))));
  let evaluations = 0;
  let converged = false;
  let best = f(u);
  for (let round = 0; round <= restarts; round++) {
    const r = minimize(f, u, {
      bounds: { lower: u.map(() => 0), upper: u.map(() => 1) },
      initialStep: round === 0 && !options.from ? 0.15 : 0.05,
      adaptive: true,
      xTol: 1e-3,
      fTol: 1e-3,
      maxEvaluations,
    });
    evaluations += r.evaluations;
    converged = r.converged;
    if (r.f < best) {
      best = r.f;
      u = r.x;
    }
    print(
      `Nelder-Mead start ${round + 1}: objective ${r.f.toFixed(3)} after ${r.evaluations} evaluations (${r.reason})`,
    );
  }
  const x = u.map((v, i) => fromUnit(v, FIT_PARAMETERS[i]));
  const fitted = build(x);
  const se = standardErrors(x, skillBins);
  const atBase = mfMoments(base, 32);
  const atFit = mfMoments(fitted, 32);
  const q0 = objectiveOf(atBase);
  const q = objectiveOf(atFit);
  const df = FITTED().length - FIT_PARAMETERS.length;
  const overidentification = df > 0 ? { statistic: q, df, pValue: chiSquarePValue(q, df) } : null;

  const moments: MomentFit[] = MEAN_FIELD_MOMENTS.map((m, k) => ({
    id: m.id,
    name: m.name,
    use: m.use,
    value: m.value,
    se: m.se,
    baseline: atBase[k],
    model: atFit[k],
    distance: (atFit[k] - m.value) / m.se,
    by: "meanField" as const,
  }));
  if (abmAgents > 0) {
    const b = abmMoments(base, abmAgents);
    const a = abmMoments(fitted, abmAgents);
    ABM_ONLY.forEach((m, k) =>
      moments.push({
        id: m.id,
        name: m.name,
        use: m.use,
        value: m.value,
        se: m.se,
        baseline: b[k],
        model: a[k],
        distance: (a[k] - m.value) / m.se,
        by: "abm",
      }),
    );
  }
  const drift = burnInDrift({ ...fitted, years: 10 }, { years: driftYears });

  const record = (v: readonly number[]) => Object.fromEntries(FIT_PARAMETERS.map((p, i) => [p.name, v[i]]));
  print(
    `\nObjective (fitted moments, 32 skill bins): ${q0.toFixed(2)} at the baseline, ${q.toFixed(2)} at the estimate; ` +
      `${evaluations} evaluations, last start ${converged ? "converged" : "not converged"}; ` +
      `${((Date.now() - t0) / 1000).toFixed(0)} s`,
  );
  if (overidentification)
    print(`J = ${q.toFixed(2)} on ${df} degree(s) of freedom, p = ${overidentification.pValue.toExponential(2)}`);
  print("\n| parameter | lower | upper | baseline | estimate | SE | identified by |");
  print("| --- | ---: | ---: | ---: | ---: | ---: | --- |");
  FIT_PARAMETERS.forEach((p, i) =>
    print(
      `| ${p.name} | ${p.lower} | ${p.upper} | ${fmt(x0[i])} | ${fmt(x[i])} | ` +
        `${Number.isFinite(se[i]) ? fmt(se[i]) : "—"} | ${p.why} |`,
    ),
  );
  print(`\nestimate (full precision, for --from): ${JSON.stringify(record(x))}`);
  print("\n| use | id | moment | data | SE | baseline | estimate | distance (SE) | by |");
  print("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | --- |");
  for (const m of moments)
    print(
      `| ${m.use} | ${m.id} | ${m.name} | ${fmt(m.value)} | ${fmt(m.se)} | ${fmt(m.baseline)} | ${fmt(m.model)} | ` +
        `${m.distance.toFixed(2)} | ${m.by} |`,
    );
  print(`\nBurn-in drift of the fitted scenario (mean-field projection, ${driftYears} years):\n`);
  for (const line of driftTables(drift)) print(line);
  return {
    estimate: record(x),
    start: record(x0),
    standardErrors: record(se),
    objective: { start: q0, estimate: q },
    converged,
    evaluations,
    overidentification,
    moments,
    drift,
    scenario: { ...fitted, years: 10 },
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const arg = (name: string, fallback: number) => {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 ? Number(process.argv[i + 1]) : fallback;
  };
  main({
    maxEvaluations: arg("evaluations", 700),
    restarts: arg("restarts", 1),
    abmAgents: arg("abm-agents", 20_000),
    skillBins: arg("skill-bins", 16),
    ...(process.argv.includes("--from") ? { from: JSON.parse(process.argv[process.argv.indexOf("--from") + 1]) } : {}),
  });
}
