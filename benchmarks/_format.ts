/** The suite's printed table, its targets, and the atomic write of results/latest.json. */
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { HERE } from "./_measure";
import type { CaseResult, Results, TargetResult } from "./_results";

export function fmtRate(x: number): string {
  if (x >= 1e6) return `${(x / 1e6).toFixed(2)} M`;
  if (x >= 1e3) return `${(x / 1e3).toFixed(1)} k`;
  return x.toFixed(2);
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

/** The notes column of one case. */
function notes(c: CaseResult): string {
  const out: string[] = [];
  if (c.unit !== undefined) out.push(`${c.unit} per second`);
  if (c.work !== undefined)
    out.push(
      `${c.work.decisions.toLocaleString("en-US")} decisions, ${c.work.entries.toLocaleString("en-US")} entrants, ` +
        `${c.work.visits.toLocaleString("en-US")} visits`,
    );
  if (c.fractionOfFloor !== undefined)
    out.push(`${pct(c.fractionOfFloor)} of ${c.name === "decide" ? "floor:decide" : "its modelled floor"}`);
  if (c.secondsPerRun !== undefined) out.push(`${c.secondsPerRun.median.toFixed(2)} s a run`);
  if (c.steppingShare !== undefined) out.push(`stepping alone (loop) is ${pct(c.steppingShare)} of it`);
  if (c.ratioToReference !== undefined)
    out.push(
      `${pct(c.ratioToReference)} of the rate at ${c.referenceAgents!.toLocaleString("en-US")} agents in the same ` +
        `process (${fmtRate(c.referenceAgentPeriodsPerSecond!.median)})`,
    );
  if (c.runsPerSecond !== undefined)
    out.push(
      `${c.runsPerSecond.median.toFixed(2)} runs/s ` +
        `(${c.runsPerSecond.min.toFixed(2)}-${c.runsPerSecond.max.toFixed(2)})`,
    );
  if (c.memoryBytesPerAgent !== undefined) out.push(`heap+ab ${c.memoryBytesPerAgent.toFixed(1)} B/agent`);
  if (c.rssBytesPerAgent !== undefined) out.push(`rss ${c.rssBytesPerAgent.toFixed(1)} B/agent`);
  if (c.peakRssBytes !== undefined) out.push(`peak rss ${mib(c.peakRssBytes)}`);
  if (c.valid === false) out.push("FAILED the correctness check: no ratio");
  if (c.speedup !== undefined)
    out.push(
      `${c.runs} replications: 2 workers ${c.speedup.toFixed(2)}x 1 worker ` +
        `(${c.secondsByWorkers!.one.toFixed(1)} s vs ${c.secondsByWorkers!.two.toFixed(1)} s; ` +
        `CPU ${c.cpuSecondsByWorkers!.one.toFixed(1)} s vs ${c.cpuSecondsByWorkers!.two.toFixed(1)} s), ` +
        `${c.identical ? "identical results" : "RESULTS DIFFER"}`,
    );
  if (c.recordShare !== undefined) out.push(`the record is ${pct(c.recordShare)} of loop's time`);
  if (c.ratio !== undefined)
    out.push(
      `loop:no-record is ${c.ratio.toFixed(1)}x faster (loop ${c.ratioWithRecord?.toFixed(1) ?? "-"}x); ` +
        "check passed, max " +
        `|diff|/se ${Math.max(...c.check!.regions.map((r) => r.z)).toFixed(2)} over ${c.check!.seeds} seeds`,
    );
  return out.join(", ");
}

export function formatResults(results: Results): string {
  const header = ["case", "size", "agents", "periods", "runs", "per second median", "min", "max", "notes"];
  const rows = results.cases.map((c) => {
    const r = c.agentPeriodsPerSecond;
    return [
      c.name,
      c.size,
      c.agents.toLocaleString("en-US"),
      String(c.periods),
      String(c.runs),
      fmtRate(r.median),
      fmtRate(r.min),
      fmtRate(r.max),
      notes(c),
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]): string =>
    cells
      .map((cell, i) => (i >= 2 && i <= 7 ? cell.padStart(widths[i]) : cell.padEnd(widths[i])))
      .join("  ")
      .trimEnd();
  const targets = (results.targets ?? []).map(
    (t) => `  ${t.met ? "met   " : "missed"}  ${t.target}: ${t.measured.toFixed(3)} (bound ${t.bound})`,
  );
  const scaling = (results.scaling ?? []).map(
    (p) =>
      `  ${p.implementation.padEnd(18)} ${p.agents.toLocaleString("en-US").padStart(9)}  ` +
      `${p.nsPerAgentPeriod.toFixed(1)} ns`,
  );
  return [
    `TalentFlow benchmarks (${results.mode}) - node ${results.node}, ${results.cpu}, ${results.cores} cores, ` +
      `commit ${results.commit.slice(0, 12)}${results.dirty ? " (+ uncommitted changes)" : ""},` +
      ` ${results.date}`,
    ...(rows.length > 0 ? [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)] : []),
    ...(scaling.length > 0 ? ["scaling: nanoseconds per agent-period of stepping", ...scaling] : []),
    ...(targets.length > 0 ? ["targets (ratios within this run):", ...targets] : []),
    `total ${results.totalSeconds.toFixed(1)} s`,
  ].join("\n");
}

/** The targets of docs/performance.md that this run's cases can judge (ratios within the run). */
export function judgeTargets(cases: readonly CaseResult[]): TargetResult[] {
  const find = (name: string, agents?: number) =>
    cases.find((c) => c.name === name && (agents === undefined || c.agents === agents));
  const out: TargetResult[] = [];
  const add = (target: string, measured: number | undefined, bound: number, atMost = false): void => {
    if (measured !== undefined && Number.isFinite(measured))
      out.push({ target, measured, bound, met: atMost ? measured <= bound : measured >= bound });
  };
  add("decide / floor:decide", find("decide")?.fractionOfFloor, 0.5);
  const largestLoop = cases.filter((c) => c.name === "loop").sort((a, b) => b.agents - a.agents)[0];
  if (largestLoop)
    add(
      `loop / modelled floor (${largestLoop.agents.toLocaleString("en-US")} agents)`,
      largestLoop.fractionOfFloor,
      0.5,
    );
  const peer = (name: string, bound: number, agents: number): void => {
    const c = find(`peer:${name}`, agents);
    if (c) add(`loop:no-record / peer:${name} (${agents.toLocaleString("en-US")} agents)`, c.ratio, bound);
  };
  peer("naive-ts", 10, 100_000);
  peer("flocc", 200, 25_000);
  peer("agentscript", 500, 25_000);
  const world = find("world");
  add(
    `world: agent-periods/s / those at ${world?.referenceAgents?.toLocaleString("en-US")} agents`,
    world?.ratioToReference,
    0.75,
  );
  if (world?.peakRssBytes !== undefined) add("world: peak RSS in GiB", world.peakRssBytes / 2 ** 30, 4, true);
  add("parallel: 2 workers / 1 worker", find("parallel")?.speedup, 1.7);
  return out;
}

export function writeAtomically(results: Results, name = "latest.json"): string {
  const dir = join(HERE, "results");
  mkdirSync(dir, { recursive: true });
  const target = join(dir, name);
  const temp = join(dir, `.${name}.${process.pid}.tmp`);
  writeFileSync(temp, JSON.stringify(results, null, 2) + "\n");
  renameSync(temp, target);
  return target;
}
