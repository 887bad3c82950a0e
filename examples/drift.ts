/**
 * Burn-in drift: how far each region's stock, share of own citizens and each citizenship's brain
 * drain move from the scenario's starting state during burn-in and over a long run under its own
 * policies, by the mean-field projection and by the agents.
 *
 *   node --conditions=@talentflow/source --import tsx examples/drift.ts
 *   node --conditions=@talentflow/source --import tsx examples/drift.ts --agents 95000 --replications 2 --years 25
 */
import { burnInDrift, type DriftResult, type Scenario, scenarios } from "@talentflow/core";
import { pathToFileURL } from "node:url";

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const int = (x: number) => Math.round(x).toLocaleString("en-US");

/** The drift as two markdown tables: regions (stock, growth, own citizens) and brain drain by citizenship. */
export function driftTables(d: DriftResult): string[] {
  const { start, burnIn, longRun } = d.times;
  const lines = [
    `| region | stock ${start} | stock ${burnIn} | stock ${longRun} | ` +
      `growth/yr burn-in | growth/yr ${start}–${longRun} | ` +
      `own citizens ${start} | ${burnIn} | ${longRun} |`,
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
  ];
  for (const r of d.regions) {
    const o = r.ownCitizenShare;
    lines.push(
      `| ${r.region} | ${int(r.stock.start)} | ${int(r.stock.burnIn)} | ${int(r.stock.longRun)} | ` +
        `${pct(r.growthPerYear.burnIn)} | ${pct(r.growthPerYear.longRun)} | ` +
        `${pct(o.start)} | ${pct(o.burnIn)} | ${pct(o.longRun)} |`,
    );
  }
  lines.push("", `| citizenship | brain drain ${start} | ${burnIn} | ${longRun} |`, "| --- | ---: | ---: | ---: |");
  for (const c of d.citizenships) {
    lines.push(
      `| ${c.citizenship} | ${pct(c.brainDrain.start)} | ${pct(c.brainDrain.burnIn)} | ${pct(c.brainDrain.longRun)} |`,
    );
  }
  return lines;
}

/** Measures the drift of `scenario` (default: the baseline) by meanField and by the ABM, and prints both. */
export function main({
  scenario = undefined as Scenario | undefined,
  agents = 95_000,
  replications = 2,
  years = 25,
  print = console.log,
} = {}) {
  const s = scenario ?? scenarios.baseline({ agents });
  const mf = burnInDrift(s, { years });
  print(`Mean-field projection, ${years} years from ${mf.times.start} (burn-in to ${mf.times.burnIn}):\n`);
  for (const line of driftTables(mf)) print(line);
  const abm = burnInDrift(s, { years, method: "abm", replications, seed: 1 });
  print(`\nABM, ${s.agents ?? "one agent per person"} agents, mean of ${replications} replications (master seed 1):\n`);
  for (const line of driftTables(abm)) print(line);
  return { mf, abm };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const arg = (name: string, fallback: number) => {
    const k = process.argv.indexOf(`--${name}`);
    return k > 0 ? Number(process.argv[k + 1]) : fallback;
  };
  main({ agents: arg("agents", 95_000), replications: arg("replications", 2), years: arg("years", 25) });
}
