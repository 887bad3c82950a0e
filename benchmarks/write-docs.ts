/**
 * Writes the figures of the latest suite run into docs/performance.md: the results table (between
 * `<!-- bench:start -->` and `<!-- bench:end -->`), the targets (`targets:`) and the scaling table
 * (`scaling:`), from results/latest.json and results/scaling.json, and draws the scaling chart from
 * the latter into docs/img/bench-scaling.svg. Prose around the markers is left as it is.
 *
 *   pnpm bench:docs            after `pnpm bench` (and `pnpm bench --scaling`)
 *
 * A run in quick or tiny mode, or from a working tree with uncommitted changes to the packages'
 * sources or benchmarks/, is refused: the page shows runs of record only.
 */
import { existsSync, readFileSync } from "node:fs";
import { writeFileAtomic } from "@talentflow/adapters";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { fmtRate } from "./_format";
import { HERE, ROOT } from "./_measure";
import type { CaseResult, Results } from "./_results";
import { scalingChart, scalingSubtitle } from "./_scalingChart";

const PAGE = join(ROOT, "docs", "performance.md");

const n = (x: number): string => x.toLocaleString("en-US");
const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

/** One results table row's notes, in the page's words. */
function note(c: CaseResult): string {
  const parts: string[] = [];
  if (c.unit !== undefined) parts.push(`${c.unit} per second`);
  if (c.work !== undefined)
    parts.push(
      `${pct(c.fractionOfFloor ?? Number.NaN)} of its modelled floor (${n(c.work.decisions)} decisions, ` +
        `${n(c.work.entries)} entrants, ${n(c.work.slotsScanned)} slots scanned)`,
    );
  else if (c.fractionOfFloor !== undefined) parts.push(`${pct(c.fractionOfFloor)} of floor:decide`);
  if (c.name === "simulate")
    parts.push(
      `${c.secondsPerRun!.median.toFixed(2)} s a run; stepping is ${pct(c.steppingShare ?? Number.NaN)} of it`,
    );
  if (c.name === "world")
    parts.push(
      `${c.secondsPerRun!.median.toFixed(1)} s a run; ${pct(c.ratioToReference!)} of the rate at ` +
        `${n(c.referenceAgents!)} agents in the same process (${fmtRate(c.referenceAgentPeriodsPerSecond!.median)}); ` +
        `peak RSS ${(c.peakRssBytes! / 2 ** 30).toFixed(2)} GiB`,
    );
  if (c.runsPerSecond !== undefined)
    parts.push(`${c.runsPerSecond.median.toFixed(2)} runs/s (${c.simulationsPerRun} simulations)`);
  if (c.name === "memory")
    parts.push(
      `heap + array buffers ${c.memoryBytesPerAgent!.toFixed(1)} B/agent, ` +
        `peak RSS ${(c.peakRssBytes! / 2 ** 20).toFixed(0)} MiB`,
    );
  if (c.speedup !== undefined)
    parts.push(
      `${c.runs} replications: 2 workers ${c.speedup.toFixed(2)}× 1 worker (${c.secondsByWorkers!.one.toFixed(1)} s ` +
        `and ${c.secondsByWorkers!.two.toFixed(1)} s), ${c.identical ? "identical results" : "RESULTS DIFFER"}`,
    );
  if (c.valid === false) parts.push("failed the correctness check: no ratio");
  if (c.recordShare !== undefined) parts.push(`the record is ${pct(c.recordShare)} of \`loop\`'s time`);
  if (c.ratio !== undefined)
    parts.push(
      `\`loop:no-record\` is ${c.ratio.toFixed(1)}× faster (\`loop\` ${c.ratioWithRecord?.toFixed(1)}×); ` +
        `check passed (max \\|diff\\|/se ` +
        `${Math.max(...c.check!.regions.map((r) => r.z)).toFixed(2)})`,
    );
  return parts.join("; ");
}

export function resultsTable(r: Results): string {
  const rows = r.cases.map(
    (c) =>
      `| ${c.name} | ${n(c.agents)} | ${fmtRate(c.agentPeriodsPerSecond.median)} | ` +
      `${fmtRate(c.agentPeriodsPerSecond.min)} | ${fmtRate(c.agentPeriodsPerSecond.max)} | ${note(c)} |`,
  );
  return [
    `Full run, \`pnpm bench\`: ${r.cpu}, ${r.cores} cores, Node ${r.node.replace(/^v/, "")}, commit ` +
      `${r.commit.slice(0, 7)}${r.dirty ? " (with uncommitted changes)" : ""}, ${r.date.slice(0, 10)}; ` +
      `the suite took ${n(Math.round(r.totalSeconds))} s.`,
    "",
    "| case | agents | per second (median) | min | max | notes |",
    "| --- | ---: | ---: | ---: | ---: | --- |",
    ...rows,
  ].join("\n");
}

export function targetsTable(r: Results): string {
  return [
    "| target (a ratio within one run) | measured | bound | met? |",
    "| --- | ---: | ---: | --- |",
    ...(r.targets ?? []).map(
      (t) =>
        `| ${t.target} | ${t.measured.toFixed(3)} | ` +
        `${t.target.includes("RSS") ? "≤ " : "≥ "}${t.bound} | ${t.met ? "yes" : "no"} |`,
    ),
  ].join("\n");
}

export function scalingTable(r: Results): string {
  const points = r.scaling ?? [];
  const sizes = [...new Set(points.map((p) => p.agents))].sort((a, b) => a - b);
  const names = [...new Set(points.map((p) => p.implementation))];
  const at = (name: string, agents: number) =>
    points.find((p) => p.implementation === name && p.agents === agents)?.nsPerAgentPeriod;
  const first = sizes[0];
  const last = sizes[sizes.length - 1];
  return [
    `\`pnpm bench --scaling\`: ${r.cpu}, ${r.cores} cores, Node ${r.node.replace(/^v/, "")}, ` +
      `commit ${r.commit.slice(0, 7)}, ` +
      `${r.date.slice(0, 10)}; one run per point, nanoseconds per agent-period of stepping.`,
    "",
    `| implementation | ${sizes.map(n).join(" | ")} | ${n(last)} / ${n(first)} |`,
    `| --- | ${sizes.map(() => "---:").join(" | ")} | ---: |`,
    ...names.map(
      (name) =>
        `| ${name} | ${sizes.map((s) => (at(name, s) ?? Number.NaN).toFixed(1)).join(" | ")} | ` +
        `${((at(name, last) ?? Number.NaN) / (at(name, first) ?? Number.NaN)).toFixed(2)}× |`,
    ),
  ].join("\n");
}

/** `page` with the text between `<!-- name:start -->` and `<!-- name:end -->` replaced by `body`. */
export function replaceSection(page: string, name: string, body: string): string {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const from = page.indexOf(start);
  const to = page.indexOf(end);
  if (from < 0 || to < from) throw new Error(`docs/performance.md has no ${start} ... ${end} section`);
  return `${page.slice(0, from + start.length)}\n${body}\n${page.slice(to)}`;
}

function read(name: string): Results | undefined {
  const path = join(HERE, "results", name);
  return existsSync(path) ? (JSON.parse(readFileSync(path, "utf8")) as Results) : undefined;
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  let page = readFileSync(PAGE, "utf8");
  const latest = read("latest.json");
  const scale = read("scaling.json");
  for (const r of [latest, scale]) {
    if (r && (r.mode === "quick" || r.mode === "tiny" || r.dirty))
      throw new Error(`bench:docs: results/${r.mode === "scaling" ? "scaling" : "latest"}.json is not a run of record`);
  }
  if (latest)
    page = replaceSection(replaceSection(page, "bench", resultsTable(latest)), "targets", targetsTable(latest));
  if (scale) {
    page = replaceSection(page, "scaling", scalingTable(scale));
    const svg = await scalingChart(scale.scaling ?? [], scalingSubtitle(scale));
    await writeFileAtomic(join(ROOT, "docs", "img", "bench-scaling.svg"), svg);
  }
  await writeFileAtomic(PAGE, page);
  process.stderr.write(`wrote ${PAGE}${scale ? " and docs/img/bench-scaling.svg" : ""}\n`);
}
