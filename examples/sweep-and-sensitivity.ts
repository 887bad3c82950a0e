/**
 * A parameter sweep and a sensitivity analysis: how Canada's AI workforce depends on the income
 * elasticity beta and the Canadian tax rate, and which of three parameters matters most.
 *
 *   node --conditions=@talentflow/source --import tsx examples/sweep-and-sensitivity.ts
 */
import { scenarios, sensitivity, sweep } from "@talentflow/core";
import { pathToFileURL } from "node:url";

/** Runs a grid sweep, a Morris screening and a Sobol' analysis and prints their results. */
export function main({
  agents = 20_000,
  years = 5,
  replications = 3,
  trajectories = 10,
  samples = 32,
  print = console.log,
} = {}) {
  const base = scenarios.baseline({ agents, years });

  // region: sweep
  // A full grid: every combination; every point runs the same replicate seeds.
  const grid = sweep(base, {
    vary: { "behavior.beta": [0.5, 0.65, 0.8], "regions.CA.taxRate": [0.25, 0.33] },
    replications,
    seed: 1,
    metrics: ["stock"],
  });
  const last = years * 4 - 1;
  for (const s of grid.statistics.filter((x) => x.region === "CA" && x.period === last)) {
    print(
      `  beta ${s["behavior.beta"]}, CA tax ${s["regions.CA.taxRate"]}: ` +
        `Canada ${s.mean.toFixed(0)} ± ${s.halfWidth.toFixed(0)}`,
    );
  }
  // endregion

  // region: morris
  const parameters = {
    "regions.CA.taxRate": { min: 0.25, max: 0.4 },
    "behavior.homeBias": { min: 0.5, max: 2 },
    "movingCost.DE->CA": { min: 1.5, max: 4 },
  };
  const morris = sensitivity(base, {
    method: "morris",
    parameters,
    metric: "stock",
    region: "CA",
    seed: 1,
    trajectories,
  });
  for (const p of morris.parameters)
    print(`  Morris ${p.path}: mu* ${p.muStar.toFixed(0)}, sigma ${p.sigma.toFixed(0)}`);
  // endregion

  // region: sobol
  const sobol = sensitivity(base, { method: "sobol", parameters, metric: "stock", region: "CA", seed: 1, samples });
  for (const p of sobol.parameters)
    print(
      `  Sobol ${p.path}: S1 ${p.s1.toFixed(2)} [${p.s1Low.toFixed(2)}, ${p.s1High.toFixed(2)}], ST ${p.st.toFixed(2)}`,
    );
  // endregion
  return { grid, morris, sobol };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) main();
