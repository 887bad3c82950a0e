/**
 * Design your own policy: a Canadian tax break for newcomers, a German investment path written
 * as an expression, and a larger talent exchange, compared with the baseline on paired seeds
 * (common random numbers: every arm sees the same shocks).
 *
 *   node --conditions=@talentflow/source --import tsx examples/design-your-own-policy.ts
 */
import { policies, scenarios, simulate, withPolicies } from "@talentflow/core";
import { pathToFileURL } from "node:url";

/** Builds the policy package, runs both arms over a few seeds, prints the paired differences. */
export function main({ agents = 60_000, seeds = 3, print = console.log } = {}) {
  const base = scenarios.baseline({ agents });
  const mine = withPolicies(
    base,
    [
      // Ten points less income tax for five years after arriving in Canada, from 2027.
      policies.taxIncentive({ region: "CA", reduction: 0.1, years: 5, target: "newcomers", from: 2027 }),
      // Germany's AI investment grows 8% a year from 2027 (any numeric field, any expression of year, t and base).
      policies.custom({ path: "regions.DE.investment", expression: "base * 1.08 ^ max(0, year - 2027)", from: 2027 }),
      // 1,000 guaranteed places a year each way between Germany and Canada.
      policies.talentExchange({ partners: ["DE", "CA"], from: 2027, slots: 1000 }),
    ],
    { name: "my-package" },
  );

  const differences: Record<string, number[]> = { DE: [], CA: [], "brain drain CA (points)": [] };
  for (let replicate = 0; replicate < seeds; replicate++) {
    const a = simulate(base, { seed: 7, replicate });
    const b = simulate(mine, { seed: 7, replicate });
    differences.DE.push(b.summary.endStock.DE - a.summary.endStock.DE);
    differences.CA.push(b.summary.endStock.CA - a.summary.endStock.CA);
    differences["brain drain CA (points)"].push((b.summary.brainDrain.CA - a.summary.brainDrain.CA) * 100);
  }
  print(`Effect of my policy package in ${base.startYear + base.years} (paired over ${seeds} replicates):`);
  for (const [what, values] of Object.entries(differences)) {
    const mean = values.reduce((x, y) => x + y, 0) / values.length;
    print(`  ${what}: ${mean.toFixed(2)}  (replicates: ${values.map((v) => v.toFixed(1)).join(", ")})`);
  }
  return differences;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) main();
