/**
 * Quickstart: run the baseline and the Germany-Canada alliance, read the tidy rows.
 *
 *   node --conditions=@talentflow/source --import tsx examples/quickstart.ts
 */
import { scenarios, simulate } from "@talentflow/core";
import { pathToFileURL } from "node:url";

/** Runs both scenarios with the same seed and prints where the alliance changes Canada's stock. */
export function main({ agents = 100_000, print = console.log } = {}) {
  const base = simulate(scenarios.baseline({ agents }), { seed: 42 });
  const alliance = simulate(scenarios.alliance2026({ agents }), { seed: 42 });

  // Every output is one tidy row shape: filter it like a data frame.
  const canada = (run: typeof base) =>
    run.rows
      .filter((r) => r.metric === "stock" && r.region === "CA" && r.period % 4 === 3)
      .map((r) => [Math.floor(r.year), r.value]);
  print("People working in AI in Canada at the end of each year (baseline, alliance):");
  const a = canada(alliance);
  canada(base).forEach(([year, value], k) => print(`  ${year}: ${value.toFixed(0)}  ${a[k][1].toFixed(0)}`));
  print(`DE -> CA movers over ${base.summary.startYear}-${base.summary.endYear}:`, {
    baseline: base.rows
      .filter((r) => r.metric === "flow" && r.origin === "DE" && r.destination === "CA")
      .reduce((s, r) => s + r.value, 0),
    alliance: alliance.rows
      .filter((r) => r.metric === "flow" && r.origin === "DE" && r.destination === "CA")
      .reduce((s, r) => s + r.value, 0),
  });
  return { base, alliance };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) main();
