/**
 * Calibrates the baseline's assumed, hand-tuned parameters to the six targets of core's
 * `BASELINE_TARGETS` (with their stated standard errors) by the method of simulated moments, and
 * prints the fit moment by moment. The moments are those of examples/moments.ts.
 *
 *   pnpm calibrate                                   # 95,000 agents, 2 replications, 40 candidates
 *   node --conditions=@talentflow/source --import tsx examples/calibrate-baseline.ts --agents 19000 --evaluations 10
 */
import {
  calibrate,
  getParameter,
  preFeeRegime,
  scenarios,
  type CalibrationResult,
  type CalibrationTarget,
  type RunResult,
} from "@talentflow/core";
import { formatTable } from "@talentflow/adapters";
import { pathToFileURL } from "node:url";
import { TARGETS, modelMoments } from "./moments";

/**
 * The parameters estimated, with their search box. Starts are the current defaults, so each box
 * holds the baseline's value (calibrate starts at the midpoint of a box that does not). The moving
 * cost is the two-way Canada–Silicon Valley key the baseline sets.
 */
export const PARAMETERS = {
  "behavior.homeBias": { lower: 0.3, upper: 2.5 },
  "regions.CA.amenity": { lower: -1, upper: 0.4 },
  "movingCost.CA<->SV": { lower: 0.3, upper: 3 },
  "lotteries.US-H1B.cap": { lower: 100, upper: 4000 },
} as const;

/** Metrics the moments need; the runs keep only these rows. */
export const METRICS = ["flow", "stock", "cohortExit5y", "brainDrainYoung", "topResearchersAbroad", "selectionRate"];

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** The six targets as calibration targets: moments of the baseline runs, the H-1B rate of the pre-fee regime. */
export function calibrationTargets(): CalibrationTarget[] {
  return TARGETS.map((t) => {
    const base = { name: t.moment, value: t.value, se: t.se };
    if (t.moment === "h1b_selection_rate") {
      // The FY2026 draw: the baseline without the September 2025 fee, one year (examples/moments.ts).
      return {
        ...base,
        derive: preFeeRegime,
        moment: (runs: readonly RunResult[]) =>
          mean(runs.map((r) => r.rows.find((x) => x.metric === "selectionRate" && x.region === "SV")!.value)),
      };
    }
    // modelMoments reads the H-1B rate from its second run; the other five come from the first.
    return { ...base, moment: (runs: readonly RunResult[]) => mean(runs.map((r) => modelMoments(r, r)[t.moment])) };
  });
}

/** Options of {@link main}. */
export interface CalibrateBaselineOptions {
  agents?: number;
  replications?: number;
  maxEvaluations?: number;
  seed?: number;
  print?: (text: string) => void;
}

/** Calibrates and prints the estimates and the fit, target by target; returns the result. */
export function main(options: CalibrateBaselineOptions = {}): CalibrationResult {
  const print = options.print ?? ((text: string) => console.log(text));
  const agents = options.agents ?? 95_000;
  const replications = options.replications ?? 2;
  const maxEvaluations = options.maxEvaluations ?? 40;
  const base = scenarios.baseline({ agents });
  const started = Date.now();
  const result = calibrate(base, {
    method: "msm",
    parameters: PARAMETERS,
    targets: calibrationTargets(),
    replications,
    seed: options.seed ?? 1,
    maxEvaluations,
    metrics: METRICS,
  });
  const seconds = (Date.now() - started) / 1000;
  print(
    formatTable(
      ["parameter", "default", "estimate", "lower", "upper"],
      Object.entries(PARAMETERS).map(([path, box]) => [
        path,
        String(getParameter(base, path)),
        result.estimate[path].toPrecision(4),
        String(box.lower),
        String(box.upper),
      ]),
    ),
  );
  print("");
  print(
    formatTable(
      ["moment", "target", "SE", "model", "model SD", "distance (SE)"],
      result.fit.map((f) => [
        f.name,
        f.value.toFixed(3),
        f.se.toFixed(3),
        f.model.toFixed(3),
        Number.isNaN(f.modelSd) ? "" : f.modelSd.toFixed(3),
        f.distance.toFixed(2),
      ]),
    ),
  );
  print("");
  for (const line of inferenceLines(result)) print(line);
  print(
    `\nobjective ${result.objective.toFixed(3)} (sum of squared distances; ` +
      `${result.history[0].objective.toFixed(3)} at the defaults); ` +
      `${result.evaluations} candidates, ${result.runs} runs, ` +
      `${agents.toLocaleString("en-US")} agents, ${replications} replications of master seed ${options.seed ?? 1}; ` +
      `Nelder-Mead ${result.converged ? "converged" : "stopped at maxEvaluations"}; ${seconds.toFixed(0)} s`,
  );
  return result;
}

/**
 * The inference of an MSM result as text: estimates with standard errors, the J test and, per
 * parameter, the objective at each profile point next to its Gauss–Newton prediction.
 */
export function inferenceLines(result: CalibrationResult): string[] {
  const inf = result.inference;
  if (!inf) return ["(no inference: inference: false)"];
  const rows = inf.parameters.map((p) => [
    p,
    result.estimate[p].toPrecision(4),
    inf.standardErrors[p].toPrecision(2),
    inf.steps[p].toPrecision(2),
  ]);
  const lines = [formatTable(["parameter", "estimate", "SE", "step"], rows)];
  const v = inf.covariance;
  const corr = (a: number, b: number) => v[a][b] / Math.sqrt(v[a][a] * v[b][b]);
  const pairs = inf.parameters.flatMap((p, a) =>
    inf.parameters.slice(a + 1).map((q, d) => `${p} ~ ${q} ${corr(a, a + 1 + d).toFixed(2)}`),
  );
  if (pairs.length > 0) lines.push(`correlations of the estimates: ${pairs.join("; ")}`);
  const j = inf.overidentification;
  if (j) {
    const test = `J = ${j.statistic.toFixed(2)} on ${j.df} degrees of freedom, p = ${j.pValue.toPrecision(2)}`;
    lines.push(`${test} (simulation noise: ${inf.simulationNoise})`);
  }
  if (!inf.identified) lines.push("G'WG is singular: some parameter moves no moment; the standard errors are NaN");
  if (inf.atBound.length > 0) lines.push(`at a bound: ${inf.atBound.join(", ")}`);
  for (const slice of inf.profile) {
    const points = slice.points.map((p) => `${p.offset}: ${p.objective.toFixed(2)} (${p.predicted.toFixed(2)})`);
    const unit = slice.unit === "se" ? "SE" : "5% of the range";
    lines.push(`profile ${slice.parameter}, offsets in ${unit}: ${points.join(", ")}`);
  }
  return lines;
}

function argument(name: string): string | undefined {
  const k = process.argv.indexOf(`--${name}`);
  return k >= 0 ? process.argv[k + 1] : undefined;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main({
    agents: Number(argument("agents") ?? 95_000),
    replications: Number(argument("replications") ?? 2),
    maxEvaluations: Number(argument("evaluations") ?? 40),
  });
}
