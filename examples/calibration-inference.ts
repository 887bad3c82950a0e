/**
 * Inference after a calibration by the method of simulated moments: standard errors of the
 * estimates, the over-identification test and the objective around the estimate, for the
 * baseline's four hand-tuned parameters and its six targets (examples/calibrate-baseline.ts).
 *
 *   node --conditions=@talentflow/source --import tsx examples/calibration-inference.ts
 */
import { calibrate, scenarios } from "@talentflow/core";
import { pathToFileURL } from "node:url";
import { calibrationTargets, METRICS, PARAMETERS } from "./calibrate-baseline";

/** Calibrates at the given size and prints the inference; returns the result. */
export function main({ agents = 19_000, replications = 2, maxEvaluations = 20, print = console.log } = {}) {
  // region: inference
  // After the search: a central-difference Jacobian (2 candidates per parameter, same seeds),
  // the sandwich standard errors, the J test and the objective at ±1 and ±2 SE of each estimate.
  const fit = calibrate(scenarios.baseline({ agents }), {
    method: "msm",
    parameters: PARAMETERS,
    targets: calibrationTargets(),
    replications,
    seed: 1,
    maxEvaluations,
    metrics: METRICS,
    inference: { step: 0.01, profile: [-2, -1, 1, 2] },
  });
  const { standardErrors, overidentification, profile } = fit.inference!;
  print(
    `Nelder-Mead ${fit.converged ? "converged" : "stopped at maxEvaluations"}; objective ${fit.objective.toFixed(2)}`,
  );
  for (const [path, se] of Object.entries(standardErrors)) {
    print(`  ${path}: ${fit.estimate[path].toPrecision(4)} (SE ${se.toPrecision(2)})`);
  }
  const j = overidentification!;
  print(`  J = ${j.statistic.toFixed(2)} on ${j.df} degrees of freedom, p = ${j.pValue.toPrecision(2)}`);
  for (const slice of profile) {
    const points = slice.points.map((p) => `${p.offset}: ${p.objective.toFixed(2)} (${p.predicted.toFixed(2)})`);
    print(`  ${slice.parameter}: ${points.join(", ")}`);
  }
  // endregion
  return fit;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) main();
