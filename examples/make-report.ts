/**
 * A report with charts: replicate the baseline, compare it with the Germany-Canada alliance, and
 * write both as report.html plus one SVG per chart.
 *
 *   node --conditions=@talentflow/source --import tsx examples/make-report.ts [out-folder]
 */
import { compare, replicate, scenarios } from "@talentflow/core";
import { reportFromResult, writeReport } from "@talentflow/adapters";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

/** Writes `<out>/baseline/report.html` and `<out>/alliance/report.html` with their charts. */
export async function main({
  agents = 20_000,
  years = 10,
  replications = 5,
  out = "reports",
  print = console.log,
} = {}) {
  const options = { agents, years };

  // Talent stock with 95% bands, flows between regions, brain drain by citizenship.
  const rep = replicate(scenarios.baseline(options), { replications, seed: 1 });
  const baseline = await writeReport(join(out, "baseline"), await reportFromResult(rep));

  // The alliance's effect on each region's stock, on brain drain and on welfare, with intervals.
  const cmp = compare(
    { baseline: scenarios.baseline(options), alliance: scenarios.alliance2026(options) },
    { replications, seed: 1, metrics: ["stock", "brainDrain"] },
  );
  const alliance = await writeReport(
    join(out, "alliance"),
    await reportFromResult(cmp, { title: "The Germany-Canada AI alliance" }),
  );

  print(`open ${baseline.html} (${baseline.charts.length} charts)`);
  print(`open ${alliance.html} (${alliance.charts.length} charts)`);
  return { baseline, alliance };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await main({ out: process.argv[2] ?? "reports" });
