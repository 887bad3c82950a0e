/**
 * The headline of the Germany–Canada AI alliance with its uncertainty: the effect of
 * `scenarios.alliance2026()` against the baseline (paired, common random numbers) on Canada's and
 * Germany's stocks, German and Canadian brain drain and welfare, in 2031 and 2036, three ways
 * (docs/alliance.md):
 *
 * (a) Monte Carlo: paired agent runs over replicate seeds (the model's own randomness);
 * (b) Sobol' indices (core's `sensitivity` design and estimator) over assumed parameters and the
 *     pillar sizes, by the mean-field projection;
 * (c) the calibration's uncertainty: the eight fitted parameters drawn from the MSM estimate's
 *     sampling distribution N(θ̂, V), truncated to their bounds, by the mean-field projection.
 *
 *   pnpm alliance            # the documented run; writes the charts into docs/img/
 *   pnpm alliance --pillars     # only "What each pillar does" (examples/alliancePillars.ts)
 *   pnpm alliance --no-pillars  # everything but it
 *
 * The runs and projections go to worker threads (option `workers`, default one per core); the
 * numbers do not depend on how many.
 */
import {
  executeRunSpec,
  keyedUniform,
  planCompare,
  planSensitivity,
  type RunOutput,
  type RunSpec,
  runSeed,
  type Scenario,
  type SobolParameter,
  scenarioHash,
  scenarios,
  selectValue,
  streamKey,
  ValidationError,
} from "@talentflow/core";
import { createWorkerPool, runSpecsParallel, type WorkerPool } from "@talentflow/adapters";
import { availableParallelism } from "node:os";
import { pathToFileURL } from "node:url";
import { EFFECT_METRICS, type PairSpec, baselineOf, execute as executePair } from "./allianceWorker";
import { type PillarEffect, pillarChart, pillarEffects, pillarTable } from "./alliancePillars";
import { charts, tables } from "./allianceReport";
import { type SobolRange, sobolRanges } from "./allianceRanges";

export { charts, tables } from "./allianceReport";
export { type SobolRange, sobolRanges } from "./allianceRanges";
import { FIT_PARAMETERS, samplingDistribution } from "./recalibrate";

/** Options of {@link main}; the defaults are the documented run. */
export interface AllianceOptions {
  /** Agents of the Monte Carlo runs (default 477,600: one per person). */
  agents?: number;
  /** Paired replications of the Monte Carlo (default 10). */
  replications?: number;
  /** Master seed of every random element (default 1). */
  seed?: number | string;
  /** Years simulated after the burn-in (default 10: 2026–2035, the horizon 1 January 2036). */
  years?: number;
  /** Years whose 1 January the effects are read at (default [2031, 2036]). */
  reportYears?: readonly number[];
  /** Skill bins of the mean-field projection (default 16, as in the calibration). */
  skillBins?: number;
  /** Sobol' base samples N (default 32): N·(k + 2) design points. */
  sobolSamples?: number;
  /** Bootstrap resamples of the Sobol' intervals (default 500). */
  bootstrap?: number;
  /** Draws of the fitted parameters (default 64). */
  draws?: number;
  /** Folder for the SVG charts (default docs/img); `null` writes none. */
  out?: string | null;
  print?: (line: string) => void;
  /** Also compute "What each pillar does" (default true; examples/alliancePillars.ts). */
  pillars?: boolean;
  /**
   * Worker threads for the runs and projections (default: the machine's available parallelism);
   * 0 runs everything in this thread. The results do not depend on it.
   */
  workers?: number;
}

/** One effect: an outcome read at 1 January of a year. */
export interface EffectKey {
  id: string;
  /** "Canada's stock", … */
  outcome: string;
  unit: "people" | "share" | "utils";
  year: number;
  /** The reported period whose end is 1 January of `year`. */
  period: number;
  selector: { metric: string; region?: string; citizenship?: string; period: number };
}

/** An effect's distribution over replicates or draws. */
export interface EffectSummary {
  id: string;
  n: number;
  mean: number;
  /** The 5% and 95% quantiles of the effect over replicates or draws: the 90% interval. */
  lower: number;
  upper: number;
  /** Shares of replicates or draws with an effect above, below and exactly at zero (they sum to 1). */
  pPositive: number;
  pNegative: number;
  pZero: number;
}

/** The Monte Carlo summary of one effect, with the 90% t interval of its mean beside the spread. */
export interface MonteCarloSummary extends EffectSummary {
  sd: number;
  /** 90% Student t interval of the mean effect (core's `compare`, confidence 0.9). */
  meanLow: number;
  meanHigh: number;
}

/** One paired replicate: the values of each effect's outcome in both arms, in `effects` order. */
export interface PairedReplicate {
  replicate: number;
  seed: number;
  baseline: number[];
  alliance: number[];
  effect: number[];
}

/** What {@link main} returns. */
export interface AllianceResult {
  effects: EffectKey[];
  /** "What each pillar does", when computed. */
  pillars?: PillarEffect[];
  monteCarlo: {
    agents: number;
    replications: number;
    replicates: PairedReplicate[];
    summaries: MonteCarloSummary[];
    seconds: number;
  };
  sobol: {
    samples: number;
    points: number;
    projections: number;
    ranges: SobolRange[];
    /** Per effect, in `effects` order: S1 and ST of each parameter with bootstrap intervals. */
    indices: { id: string; parameters: SobolParameter[] }[];
    seconds: number;
  };
  draws: {
    draws: number;
    /** Candidates drawn from N(θ̂, V) to keep `draws` inside the bounds. */
    candidates: number;
    /** √diag V by parameter name: the joint standard errors of the fit (docs/recalibration.md). */
    standardErrors: Record<string, number>;
    /** The mean-field effects at the estimate (the baseline's values), in `effects` order. */
    atEstimate: number[];
    /** The fitted parameters of each draw, by name. */
    parameters: Record<string, number>[];
    /** Effects per draw, in `effects` order. */
    values: number[][];
    summaries: EffectSummary[];
    seconds: number;
  };
  charts: string[];
}

/** A parameter of the Sobol' analysis: its path, range and why that range. */
const OUTCOMES = [
  { key: "stockCA", outcome: "Canada's stock", unit: "people", metric: "stock", region: "CA" },
  { key: "stockDE", outcome: "Germany's stock", unit: "people", metric: "stock", region: "DE" },
  { key: "brainDrainDE", outcome: "German brain drain", unit: "share", metric: "brainDrain", citizenship: "DE" },
  { key: "brainDrainCA", outcome: "Canadian brain drain", unit: "share", metric: "brainDrain", citizenship: "CA" },
  { key: "welfare", outcome: "Welfare", unit: "utils", metric: "welfare" },
] as const;

const OPTION_KEYS = [
  "pillars",
  "agents",
  "replications",
  "seed",
  "years",
  "reportYears",
  "skillBins",
  "sobolSamples",
  "bootstrap",
  "draws",
  "out",
  "print",
  "workers",
];
const INTEGER_LIMITS: Record<string, [number, number]> = {
  agents: [100, 10_000_000],
  replications: [2, 100_000],
  years: [1, 50],
  skillBins: [2, 256],
  sobolSamples: [2, 2 ** 20],
  bootstrap: [1, 1_000_000],
  draws: [2, 1_000_000],
  workers: [0, 1024],
};

/** Refuses unknown options and bad values, naming each field; returns the options with defaults. */
function checkOptions(options: AllianceOptions) {
  const issues: { path: string; message: string }[] = [];
  const o = options as Record<string, unknown>;
  for (const key of Object.keys(o))
    if (!OPTION_KEYS.includes(key))
      issues.push({ path: key, message: `unknown option (known: ${OPTION_KEYS.join(", ")})` });
  for (const [key, [lo, hi]] of Object.entries(INTEGER_LIMITS)) {
    const v = o[key];
    if (v !== undefined && !(Number.isInteger(v) && (v as number) >= lo && (v as number) <= hi))
      issues.push({ path: key, message: `must be a whole number in [${lo}, ${hi}], got ${String(v)}` });
  }
  const seed = o.seed;
  if (seed !== undefined && !(typeof seed === "string" || (typeof seed === "number" && Number.isFinite(seed))))
    issues.push({ path: "seed", message: `must be a finite number or a string, got ${String(seed)}` });
  if (o.out !== undefined && o.out !== null && typeof o.out !== "string")
    issues.push({ path: "out", message: "must be a folder path or null" });
  if (o.pillars !== undefined && typeof o.pillars !== "boolean")
    issues.push({ path: "pillars", message: "must be true or false" });
  if (o.print !== undefined && typeof o.print !== "function")
    issues.push({ path: "print", message: "must be a function" });
  const years = (Number.isInteger(o.years) ? o.years : 10) as number;
  const start = scenarios.baseline({ agents: 100, years }).startYear;
  const reportYears = o.reportYears ?? [2031, 2036];
  if (!Array.isArray(reportYears) || reportYears.length === 0)
    issues.push({ path: "reportYears", message: "must be a non-empty array of years" });
  else
    reportYears.forEach((y, i) => {
      if (!Number.isInteger(y) || y <= start || y > start + years)
        issues.push({
          path: `reportYears.${i}`,
          message:
            `must be a whole year in [${start + 1}, ${start + years}] (1 January within the run), ` +
            `got ${String(y)}`,
        });
    });
  if (issues.length > 0) throw new ValidationError(issues, "alliance: invalid options");
  return {
    agents: options.agents ?? 477_600,
    replications: options.replications ?? 10,
    seed: options.seed ?? 1,
    years,
    reportYears: reportYears as readonly number[],
    skillBins: options.skillBins ?? 16,
    sobolSamples: options.sobolSamples ?? 32,
    bootstrap: options.bootstrap ?? 500,
    draws: options.draws ?? 64,
    out: options.out === undefined ? "docs/img" : options.out,
    print: options.print ?? console.log,
    pillars: options.pillars ?? true,
    workers: options.workers ?? availableParallelism(),
  };
}

/** The effects: every outcome at 1 January of every report year (the end of the quarter before). */
function effectKeys(base: Scenario, reportYears: readonly number[]): EffectKey[] {
  return reportYears.flatMap((year) =>
    OUTCOMES.map((o) => {
      const period = (year - base.startYear) * base.periodsPerYear - 1;
      const { key, outcome, unit, ...filters } = o;
      return { id: `${key}${year}`, outcome, unit, year, period, selector: { ...filters, period } };
    }),
  );
}

/** Linear-interpolation quantile (type 7) of sorted values. */
function quantile(sorted: readonly number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/**
 * Mean, 90% interval (5% and 95% quantiles, linear interpolation) and sign shares of one effect's
 * values; an effect of exactly 0 counts as neither sign.
 *
 * @example
 * summarize("x", [1, 0, -1, 0]);
 * // { id: "x", n: 4, mean: 0, lower: -0.85, upper: 0.85, pPositive: 0.25, pNegative: 0.25, pZero: 0.5 }
 */
export function summarize(id: string, values: readonly number[]): EffectSummary {
  const n = values.length;
  const sorted = [...values].sort((a, b) => a - b);
  const count = (f: (v: number) => boolean) => values.filter(f).length;
  return {
    id,
    n,
    mean: values.reduce((s, v) => s + v, 0) / n,
    lower: quantile(sorted, 0.05),
    upper: quantile(sorted, 0.95),
    pPositive: count((v) => v > 0) / n,
    pNegative: count((v) => v < 0) / n,
    pZero: count((v) => v === 0) / n,
  };
}

/**
 * Runs specs, distinct by key, and returns their outputs by key: on the worker pool when there is
 * one, else one after the other in this thread. `pairs` runs each spec as a mean-field pair
 * (examples/allianceWorker.ts) instead of an agent run. The outputs do not depend on the pool.
 */
function runnerOf(pool: WorkerPool | undefined) {
  const pairModule = new URL("./allianceWorker.ts", import.meta.url);
  return async (specs: readonly RunSpec[], pairs = false): Promise<Map<string, RunOutput>> => {
    const outputs = new Map<string, RunOutput>();
    if (pool) {
      const results = await runSpecsParallel(specs, { pool, ...(pairs ? { executeModule: pairModule } : {}) });
      for (const r of results) outputs.set(r.run, r);
      return outputs;
    }
    for (const spec of specs)
      if (!outputs.has(spec.key)) outputs.set(spec.key, pairs ? executePair(spec as PairSpec) : executeRunSpec(spec));
    return outputs;
  };
}

type Runner = ReturnType<typeof runnerOf>;

/** (a) Paired agent runs through core's planCompare: per-replicate effects and the t interval of the mean. */
async function monteCarlo(
  effects: EffectKey[],
  o: ReturnType<typeof checkOptions>,
  run: Runner,
): Promise<AllianceResult["monteCarlo"]> {
  const t0 = performance.now();
  const sizes = { agents: o.agents, years: o.years };
  const plan = planCompare(
    { baseline: scenarios.baseline(sizes), alliance: scenarios.alliance2026(sizes) },
    { replications: o.replications, seed: o.seed, metrics: EFFECT_METRICS, varianceReduction: false, confidence: 0.9 },
  );
  const outputs = await run(plan.specs);
  const result = plan.aggregate([...outputs.values()]);
  const baselineHash = scenarioHash(scenarios.baseline(sizes));
  const baselineSpecs = plan.specs.filter((s) => s.key.startsWith(`${baselineHash}/`));
  const allianceSpecs = plan.specs.filter((s) => !baselineSpecs.includes(s));
  const replicates: PairedReplicate[] = baselineSpecs.map((b) => {
    const a = allianceSpecs.find((s) => s.replicate === b.replicate && s.seed === b.seed)!;
    const bv = effects.map((e) => selectValue(outputs.get(b.key)!.rows, e.selector));
    const av = effects.map((e) => selectValue(outputs.get(a.key)!.rows, e.selector));
    return { replicate: b.replicate, seed: b.seed, baseline: bv, alliance: av, effect: av.map((v, i) => v - bv[i]) };
  });
  const summaries = effects.map((e, i) => {
    const d = result.differences.find(
      (x) =>
        x.metric === e.selector.metric &&
        x.period === e.period &&
        x.region === (e.selector.region ?? "") &&
        x.citizenship === (e.selector.citizenship ?? "") &&
        x.origin === "" &&
        x.destination === "",
    )!;
    return {
      ...summarize(
        e.id,
        replicates.map((r) => r.effect[i]),
      ),
      sd: d.sd,
      meanLow: d.ciLow,
      meanHigh: d.ciHigh,
    };
  });
  return {
    agents: o.agents,
    replications: o.replications,
    replicates,
    summaries,
    seconds: (performance.now() - t0) / 1000,
  };
}

/**
 * (b) Sobol' indices of every effect with core's planSensitivity: one design over the alliance
 * scenario; each point's "run" is the mean-field effect, the alliance at the point minus the
 * baseline at the point's non-policy parameters (the pillar sizes exist only in the alliance).
 */
async function sobol(
  effects: EffectKey[],
  o: ReturnType<typeof checkOptions>,
  run: Runner,
): Promise<AllianceResult["sobol"]> {
  const t0 = performance.now();
  const alliance = scenarios.alliance2026({ years: o.years });
  const ranges = sobolRanges(alliance);
  const parameters = Object.fromEntries(ranges.map((r) => [r.path, { min: r.min, max: r.max }]));
  const plans = effects.map((e) =>
    planSensitivity(alliance, {
      method: "sobol",
      parameters,
      metric: e.selector,
      seed: o.seed,
      samples: o.sobolSamples,
      bootstrap: o.bootstrap,
    }),
  );
  const specs: PairSpec[] = plans[0].specs.map((spec) => ({ ...spec, skillBins: o.skillBins }));
  const outputs = await run(specs, true);
  // Projections made: each distinct point's alliance, and each distinct baseline among them.
  const baselines = new Set(specs.map((spec) => scenarioHash(baselineOf(spec.scenario))));
  const projections = outputs.size + baselines.size;
  const all = [...outputs.values()];
  const indices = effects.map((e, i) => {
    const r = plans[i].aggregate(all);
    if (r.method !== "sobol") throw new Error("unreachable: a Sobol' plan");
    return { id: e.id, parameters: [...r.parameters] };
  });
  return {
    samples: o.sobolSamples,
    points: plans[0].specs.length,
    projections,
    ranges,
    indices,
    seconds: (performance.now() - t0) / 1000,
  };
}

/** Lower-triangular L with L Lᵀ = a (a symmetric positive definite). */
function cholesky(a: readonly (readonly number[])[]): number[][] {
  const n = a.length;
  const l = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let j = 0; j < n; j++) {
    let d = a[j][j];
    for (let k = 0; k < j; k++) d -= l[j][k] * l[j][k];
    if (!(d > 0)) throw new Error(`the calibration covariance is not positive definite (pivot ${j})`);
    l[j][j] = Math.sqrt(d);
    for (let i = j + 1; i < n; i++) {
      let s = a[i][j];
      for (let k = 0; k < j; k++) s -= l[i][k] * l[j][k];
      l[i][j] = s / l[j][j];
    }
  }
  return l;
}

const DRAW_PURPOSE = 0x5eed;

/**
 * (c) The fitted parameters drawn from N(θ̂, V) truncated to their bounds (rejection: a draw
 * outside the box is redrawn), each draw's pair projected by the mean field.
 */
async function calibrationDraws(
  effects: EffectKey[],
  o: ReturnType<typeof checkOptions>,
  run: Runner,
): Promise<AllianceResult["draws"]> {
  const t0 = performance.now();
  const dist = samplingDistribution({ skillBins: o.skillBins });
  if (!dist.covariance) throw new Error("the calibration's JᵀJ is singular: no sampling distribution");
  const l = cholesky(dist.covariance);
  const k = dist.estimate.length;
  const master = runSeed(o.seed, 0);
  const alliance = scenarios.alliance2026({ years: o.years });
  // The draw's pair: the alliance with the draw's fitted parameters, and the baseline with the
  // same (examples/allianceWorker.ts); the key is the draw's index ("estimate" for θ̂).
  const pairAt = (key: string, x: readonly number[]): PairSpec => ({
    key,
    scenario: FIT_PARAMETERS.reduce((t, p, i) => p.set(t, x[i]), alliance),
    seed: 0,
    replicate: 0,
    skillBins: o.skillBins,
  });
  const specs = [pairAt("estimate", dist.estimate)];
  const parameters: Record<string, number>[] = [];
  let candidates = 0;
  const maxCandidates = 1000 * o.draws;
  while (parameters.length < o.draws) {
    if (candidates >= maxCandidates)
      throw new Error(`only ${parameters.length} of ${candidates} draws of N(θ̂, V) fell inside the bounds`);
    const key = streamKey(master, candidates++, DRAW_PURPOSE, 0);
    const z = Array.from({ length: k }, (_, j) => {
      const u1 = keyedUniform(key, 2 * j);
      const u2 = keyedUniform(key, 2 * j + 1);
      return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    });
    const x = dist.estimate.map((m, i) => m + l[i].reduce((s, v, j) => s + v * z[j], 0));
    if (x.some((v, i) => v < dist.lower[i] || v > dist.upper[i])) continue;
    specs.push(pairAt(`draw/${parameters.length}`, x));
    parameters.push(Object.fromEntries(dist.names.map((n, i) => [n, x[i]])));
  }
  const outputs = await run(specs, true);
  const effectsOf = (key: string) => effects.map((e) => selectValue(outputs.get(key)!.rows, e.selector));
  const atEstimate = effectsOf("estimate");
  const values = parameters.map((_, d) => effectsOf(`draw/${d}`));
  const summaries = effects.map((e, i) =>
    summarize(
      e.id,
      values.map((v) => v[i]),
    ),
  );
  return {
    draws: o.draws,
    candidates,
    standardErrors: Object.fromEntries(dist.names.map((n, i) => [n, Math.sqrt(dist.covariance?.[i][i] ?? Number.NaN)])),
    atEstimate,
    parameters,
    values,
    summaries,
    seconds: (performance.now() - t0) / 1000,
  };
}

/**
 * Computes the alliance's effects three ways, prints the tables and writes the charts.
 *
 * @throws ValidationError naming the option: an unknown key or a value out of its range.
 * @example
 * const r = await main({ agents: 2_000, replications: 2, sobolSamples: 2, draws: 3, out: null });
 * r.monteCarlo.summaries[0].mean; // the mean effect on Canada's stock on 1 January 2031
 */
export async function main(options: AllianceOptions = {}): Promise<AllianceResult> {
  const o = checkOptions(options);
  const t0 = performance.now();
  const effects = effectKeys(scenarios.baseline({ agents: 100, years: o.years }), o.reportYears);
  const pool = o.workers > 0 ? createWorkerPool({ workers: o.workers }) : undefined;
  let result: AllianceResult;
  try {
    const run = runnerOf(pool);
    // A line as each part ends: the documented run takes the better part of an hour.
    const mc = await monteCarlo(effects, o, run);
    o.print(`(a) Monte Carlo: ${2 * o.replications} runs in ${mc.seconds.toFixed(0)} s`);
    const sb = await sobol(effects, o, run);
    o.print(`(b) Sobol': ${sb.projections} projections in ${sb.seconds.toFixed(0)} s`);
    const dr = await calibrationDraws(effects, o, run);
    o.print(`(c) calibration: ${dr.draws + 1} pairs of projections in ${dr.seconds.toFixed(0)} s`);
    result = { effects, monteCarlo: mc, sobol: sb, draws: dr, charts: [] };
    result.charts = o.out === null ? [] : await charts(result, o.out);
    for (const line of tables(result)) o.print(line);
    if (o.pillars) await runPillars(result, o, run);
  } finally {
    await pool?.close();
  }
  o.print(`\n${((performance.now() - t0) / 1000).toFixed(0)} s in all; charts: ${result.charts.join(", ") || "none"}`);
  return result;
}

/** "What each pillar does": the pillars' paired effects at the Monte Carlo's size, its table and chart. */
async function runPillars(result: AllianceResult, o: ReturnType<typeof checkOptions>, run: Runner): Promise<void> {
  result.pillars = await pillarEffects(o, run);
  if (o.out !== null) result.charts.push(await pillarChart(result.pillars, o.out));
  for (const line of pillarTable(result.pillars)) o.print(line);
}

/**
 * Only "What each pillar does", at the documented size unless options say otherwise.
 *
 * @throws ValidationError naming the option: an unknown key or a value out of its range.
 */
export async function mainPillars(options: AllianceOptions = {}): Promise<PillarEffect[]> {
  const o = checkOptions(options);
  const result = { charts: [] as string[] } as unknown as AllianceResult;
  const pool = o.workers > 0 ? createWorkerPool({ workers: o.workers }) : undefined;
  try {
    await runPillars(result, o, runnerOf(pool));
  } finally {
    await pool?.close();
  }
  return result.pillars ?? [];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  if (process.argv.includes("--pillars")) await mainPillars();
  else await main({ pillars: !process.argv.includes("--no-pillars") });
}
