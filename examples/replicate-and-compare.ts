/**
 * Replications, a paired comparison and an elasticity: how precise is a projection, what does the
 * Germany-Canada alliance change, and how strongly does Canada's AI workforce respond to its wage.
 *
 *   node --conditions=@talentflow/source --import tsx examples/replicate-and-compare.ts
 */
import { compare, elasticity, replicate, scenarios } from "@talentflow/core";
import { pathToFileURL } from "node:url";

/** Runs the three methods at the given scale and prints the headline numbers. */
export function main({ agents = 50_000, years = 10, replications = 10, print = console.log } = {}) {
  const o = { agents, years };
  const last = years * 4 - 1;

  // region: replicate
  // Replications: Canada's AI workforce at the horizon, with a 95% interval over seeds; keep
  // adding replications until that interval is within ±500 people (or 4x the first batch).
  const rep = replicate(scenarios.baseline(o), {
    replications,
    seed: 1,
    metrics: ["stock"],
    targetHalfWidth: { stock: 500 },
    maxReplications: 4 * replications,
  });
  const ca = rep.statistics.find((s) => s.region === "CA" && s.period === last)!;
  print(
    `Canada, ${2026 + years}: ${ca.mean.toFixed(0)} (95% CI ${ca.ciLow.toFixed(0)} to ${ca.ciHigh.toFixed(0)}), ` +
      `${rep.replications} replications, stopped: ${rep.stopping!.reason}`,
  );
  // endregion

  // region: compare
  // A paired comparison: both arms see the same shocks in each replicate (common random numbers).
  const cmp = compare(
    { baseline: scenarios.baseline(o), alliance: scenarios.alliance2026(o) },
    {
      replications,
      seed: 1,
      metrics: ["stock", "welfare"],
    },
  );
  for (const d of cmp.differences.filter((x) => x.metric === "stock" && x.period === last)) {
    print(
      `  alliance - baseline, ${d.region}: ${d.mean.toFixed(0)} [${d.ciLow.toFixed(0)}, ${d.ciHigh.toFixed(0)}], ` +
        `variance reduction x${d.varianceReduction?.toFixed(0) ?? "-"}`,
    );
  }
  const w = cmp.welfare[0];
  print(
    `  welfare: worth ${(100 * w.compensatingVariation.estimate).toFixed(2)}% of income ` +
      `[${(100 * w.compensatingVariation.ciLow).toFixed(2)}, ${(100 * w.compensatingVariation.ciHigh).toFixed(2)}]`,
  );
  // endregion

  // region: elasticity
  // The arc elasticity of Canada's AI workforce to the Canadian wage, by paired runs.
  const e = elasticity(scenarios.baseline(o), {
    parameter: "regions.CA.grossWage",
    metric: "stock",
    region: "CA",
    step: 0.1,
    replications,
    seed: 1,
  });
  print(
    `Elasticity of Canada's stock to its wage: ${e.elasticity.mean.toFixed(3)} ` +
      `[${e.elasticity.ciLow.toFixed(3)}, ${e.elasticity.ciHigh.toFixed(3)}]`,
  );
  // endregion
  return { rep, cmp, e };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) main();
