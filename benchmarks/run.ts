/**
 * TalentFlow benchmark suite: the engine on its own, and peers (the same model written as naive
 * TypeScript, with flocc and with AgentScript), each checked against the engine before its speed
 * ratio is reported.
 *
 *   pnpm bench            full suite (a few minutes on 2 cores)
 *   pnpm bench --quick    every case at small sizes (under a minute); `pnpm bench -- --quick` works too
 *   pnpm bench --case parallel   one case only (with or without --quick): loop, floor, decide,
 *                         compare, memory, peers or parallel
 *
 * Prints a table and writes benchmarks/results/latest.json (temp file + rename). See README.md.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import os from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { compare, createSimulation, keyedUniform, planCompare, scenarios, streamKey } from "@talentflow/core";
import type { Peer } from "./peers/_kit";
import { agentscript } from "./peers/agentscript";
import { checkPeer, formatCheck, peerRuns, peerScenario, type PeerCheck } from "./peers/check";
import { flocc } from "./peers/flocc";
import { naiveTs } from "./peers/naive-ts";

/** The peers, in the order the suite runs them. */
export const PEERS: readonly Peer[] = [naiveTs, flocc, agentscript];

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, "..");

/** Fixed seed of every case. */
const SEED = 1;
/** Quarterly periods in the timed cases: 10 years, no burn-in. */
const YEARS = 10;
const PERIODS = YEARS * 4;

export type Size = "small" | "medium" | "large";

export interface Stat {
  median: number;
  min: number;
  max: number;
}

export interface CaseResult {
  name: string;
  size: Size;
  agents: number;
  periods: number;
  runs: number;
  agentPeriodsPerSecond: Stat;
  /** Peak heapUsed + arrayBuffers over the baseline, per agent (memory case only). */
  memoryBytesPerAgent?: number;
  /**
   * RSS (sampled after creation and after the first period) over the baseline, per agent (memory
   * case only). Can be small or negative: the engine's allocations reuse pages V8 freed after
   * start-up, and untouched typed-array pages are not resident.
   */
  rssBytesPerAgent?: number;
  /** heapUsed + arrayBuffers after a full GC, per agent (memory case only). */
  retainedBytesPerAgent?: number;
  /** Peak RSS (maxRSS) of the child process since its start, bytes (memory case only). */
  peakRssBytes?: number;
  /** Simulation runs per second (compare case only). */
  runsPerSecond?: Stat;
  /** Distinct simulations in one timed repetition: the runs of the plan of `compare` (compare case only). */
  simulationsPerRun?: number;
  /** `loop` median as a fraction of `floor` median at the same agent count (loop case only). */
  fractionOfFloor?: number;
  /** Peer cases: did the peer pass the correctness check (stocks per region within 5 SE)? */
  valid?: boolean;
  /** Parallel case only: seconds of the replications with 1 worker over seconds with 2. */
  speedup?: number;
  /** Parallel case only: seconds with 1 worker and with 2. */
  secondsByWorkers?: { one: number; two: number };
  /** Parallel case only: CPU seconds of the process (all threads) with 1 worker and with 2. */
  cpuSecondsByWorkers?: { one: number; two: number };
  /** Parallel case only: did 1 and 2 workers give the same statistics, number for number? */
  identical?: boolean;
  /** Peer cases, only when valid: `loop` median over the peer's median at the same agent count. */
  ratio?: number;
  /** Peer cases: the correctness check, per region. */
  check?: PeerCheck;
}

export interface Results {
  suite: "talentflow-benchmarks";
  mode: "full" | "quick" | "tiny";
  node: string;
  cpu: string;
  cores: number;
  commit: string;
  /** True when packages/ had uncommitted changes, so the figures are not those of `commit` alone. */
  dirty: boolean;
  date: string;
  totalSeconds: number;
  cases: CaseResult[];
}

export interface MainOptions {
  /** Every case at small sizes (under a minute). */
  quick?: boolean;
  /** Even smaller (2,000 agents, 5 timed runs): for the smoke test only. */
  tiny?: boolean;
  /** Write benchmarks/results/latest.json (default true). */
  write?: boolean;
  /** Print progress and the table (default true). */
  print?: boolean;
  /** Run only these cases (names as in {@link CASES}); default all. */
  cases?: readonly CaseName[];
}

/** The cases, by the name `--case` takes. */
export const CASES = ["loop", "floor", "decide", "compare", "memory", "peers", "parallel"] as const;
export type CaseName = (typeof CASES)[number];

interface Plan {
  mode: Results["mode"];
  runs: number;
  loop: Array<{ agents: number; size: Size }>;
  decide: Array<{ agents: number; size: Size }>;
  compare: { agents: number; size: Size; replications: number };
  memory: Array<{ agents: number; size: Size }>;
  /** Peer cases: agents, and seeds of the correctness check (also the timed runs). Empty: none. */
  peers: Array<{ agents: number; size: Size; seeds: number }>;
  /** Replications of the default scenario on 1 worker, then on 2. */
  parallel: { agents: number; size: Size; replications: number };
}

function plan(options: MainOptions): Plan {
  if (options.tiny) {
    return {
      mode: "tiny",
      runs: 5,
      loop: [{ agents: 2_000, size: "small" }],
      decide: [{ agents: 2_000, size: "small" }],
      compare: { agents: 2_000, size: "small", replications: 2 },
      memory: [{ agents: 2_000, size: "small" }],
      // The smoke test leaves the peers to benchmarks/test/peers.test.ts.
      peers: [],
      parallel: { agents: 2_000, size: "small", replications: 6 },
    };
  }
  if (options.quick) {
    return {
      mode: "quick",
      runs: 5,
      loop: [
        { agents: 10_000, size: "small" },
        { agents: 50_000, size: "small" },
      ],
      decide: [{ agents: 20_000, size: "small" }],
      compare: { agents: 10_000, size: "small", replications: 4 },
      memory: [{ agents: 100_000, size: "small" }],
      peers: [{ agents: 10_000, size: "small", seeds: 5 }],
      parallel: { agents: 100_000, size: "medium", replications: 8 },
    };
  }
  return {
    mode: "full",
    runs: 5,
    loop: [
      { agents: 10_000, size: "small" },
      { agents: 100_000, size: "medium" },
      { agents: 1_000_000, size: "large" },
    ],
    decide: [{ agents: 1_000_000, size: "large" }],
    compare: { agents: 10_000, size: "small", replications: 20 },
    memory: [
      { agents: 1_000_000, size: "large" },
      { agents: 5_000_000, size: "large" },
    ],
    peers: [{ agents: 100_000, size: "medium", seeds: 5 }],
    parallel: { agents: 1_000_000, size: "large", replications: 20 },
  };
}

// -------------------------------------------------------------------------------------------------
// Helpers

function stat(values: number[]): Stat {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1] };
}

function seconds(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

/** Collects garbage between runs when node runs with --expose-gc (the bench script does not). */
function collect(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function commit(): string {
  try {
    return execFileSync("git", ["rev-parse", "HEAD"], {
      cwd: ROOT,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    }).trim();
  } catch {
    return "unknown";
  }
}

function dirty(): boolean {
  try {
    const out = execFileSync("git", ["status", "--porcelain", "--", "packages"], {
      cwd: ROOT,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    });
    return out.trim().length > 0;
  } catch {
    return false;
  }
}

// -------------------------------------------------------------------------------------------------
// Cases

/** Seconds to step a simulation to its horizon; the simulation is created outside the timed region. */
function timeStepping(agents: number, considerRate: number | undefined): number {
  const scenario = scenarios.alliance2026({ agents, burnInYears: 0, years: YEARS });
  if (considerRate !== undefined) scenario.behavior.considerRate = considerRate;
  const sim = createSimulation(scenario, { seed: SEED });
  collect();
  const start = process.hrtime.bigint();
  while (!sim.done) sim.step();
  return seconds(start);
}

function loopCase(name: string, agents: number, size: Size, runs: number, considerRate?: number): CaseResult {
  timeStepping(agents, considerRate); // warm-up, untimed
  const rates: number[] = [];
  for (let r = 0; r < runs; r++) rates.push((agents * PERIODS) / timeStepping(agents, considerRate));
  return { name, size, agents, periods: PERIODS, runs, agentPeriodsPerSecond: stat(rates) };
}

/** Agent columns of the floor case, filled once per size. */
interface Columns {
  region: Uint8Array;
  skill: Float32Array;
  flags: Uint8Array;
  id: Uint32Array;
}

function makeColumns(agents: number): Columns {
  const region = new Uint8Array(agents);
  const skill = new Float32Array(agents);
  const flags = new Uint8Array(agents);
  const id = new Uint32Array(agents);
  const key = streamKey(SEED, 0, 99, 0);
  for (let i = 0; i < agents; i++) {
    region[i] = i % 5;
    skill[i] = keyedUniform(key, i);
    flags[i] = i & 3;
    id[i] = i;
  }
  return { region, skill, flags, id };
}

/**
 * The least work one period of any implementation must do: read four columns of every agent,
 * draw one keyed random number, write one column back. Returns a checksum so the JIT cannot drop
 * the reads.
 */
function floorPeriods(c: Columns, periods: number): number {
  const { region, skill, flags, id } = c;
  const n = region.length;
  let checksum = 0;
  for (let period = 0; period < periods; period++) {
    const key = streamKey(SEED, period, 1, 0);
    for (let i = 0; i < n; i++) {
      const r = region[i];
      const u = keyedUniform(key, id[i]);
      const move = u < 0.01 && skill[i] >= 0 && flags[i] !== 255;
      region[i] = move ? (r + 1) % 5 : r;
    }
    checksum += region[period % n];
  }
  return checksum;
}

let sink = 0;

function floorCase(agents: number, size: Size, runs: number): CaseResult {
  const columns = makeColumns(agents);
  sink += floorPeriods(columns, PERIODS); // warm-up, untimed
  const rates: number[] = [];
  for (let r = 0; r < runs; r++) {
    const start = process.hrtime.bigint();
    sink += floorPeriods(columns, PERIODS);
    rates.push((agents * PERIODS) / seconds(start));
  }
  return { name: "floor", size, agents, periods: PERIODS, runs, agentPeriodsPerSecond: stat(rates) };
}

/**
 * `compare({ baseline, alliance }, { replications })` with its defaults, the call a user makes:
 * the paired runs on common random numbers and the second set on independent streams that
 * measures the variance reduction. One timed run is the whole comparison; runs per second count
 * the distinct simulations of its plan (`planCompare(...).specs`).
 */
function compareCase(agents: number, size: Size, replications: number, runs: number): CaseResult {
  const arms = { baseline: scenarios.baseline({ agents }), alliance: scenarios.alliance2026({ agents }) };
  const options = { replications, seed: SEED };
  const simulations = new Set(planCompare(arms, options).specs.map((spec) => spec.key)).size;
  const periodsPerRun = (arms.baseline.years + arms.baseline.burnInYears) * arms.baseline.periodsPerYear;
  const once = (): number => {
    collect();
    const start = process.hrtime.bigint();
    compare(arms, options);
    return seconds(start);
  };
  once(); // warm-up, untimed
  const times: number[] = [];
  for (let r = 0; r < runs; r++) times.push(once());
  return {
    name: `compare (2 arms x ${replications} replications)`,
    size,
    agents,
    periods: periodsPerRun,
    runs,
    simulationsPerRun: simulations,
    runsPerSecond: stat(times.map((t) => simulations / t)),
    agentPeriodsPerSecond: stat(times.map((t) => (simulations * agents * periodsPerRun) / t)),
  };
}

interface ChildReport {
  memoryBytesPerAgent: number;
  retainedBytesPerAgent: number;
  rssBytesPerAgent: number;
  peakRssBytes: number;
  periodSeconds: number[];
}

function memoryCase(agents: number, size: Size, runs: number): CaseResult {
  const child = spawnSync(
    process.execPath,
    [
      "--expose-gc",
      "--conditions=@talentflow/source",
      "--import",
      "tsx",
      join(HERE, "memory-child.ts"),
      String(agents),
      String(SEED),
      String(runs),
    ],
    { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 20 },
  );
  if (child.status !== 0)
    throw new Error(`memory child for ${agents} agents failed (status ${child.status}): ${child.stderr}`);
  const report = JSON.parse(child.stdout.trim().split("\n").pop()!) as ChildReport;
  return {
    name: "memory",
    size,
    agents,
    periods: 1,
    runs: report.periodSeconds.length,
    agentPeriodsPerSecond: stat(report.periodSeconds.map((t) => agents / t)),
    memoryBytesPerAgent: report.memoryBytesPerAgent,
    retainedBytesPerAgent: report.retainedBytesPerAgent,
    rssBytesPerAgent: report.rssBytesPerAgent,
    peakRssBytes: report.peakRssBytes,
  };
}

interface ParallelReport {
  agents: number;
  replications: number;
  periods: number;
  secondsOneWorker: number;
  secondsTwoWorkers: number;
  cpuSecondsOneWorker: number;
  cpuSecondsTwoWorkers: number;
  identical: boolean;
}

/**
 * `replicateParallel` of the default scenario on 1 worker, then 2 (benchmarks/parallel-child.ts,
 * in its own process): one timed repetition each, with the workers started and warmed up
 * outside the timed region. The runs are the replications.
 */
function parallelCase(agents: number, size: Size, replications: number): CaseResult {
  const child = spawnSync(
    process.execPath,
    [
      "--conditions=@talentflow/source",
      "--import",
      "tsx",
      join(HERE, "parallel-child.ts"),
      String(agents),
      String(replications),
      String(SEED),
    ],
    { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 20 },
  );
  if (child.status !== 0)
    throw new Error(`parallel child for ${agents} agents failed (status ${child.status}): ${child.stderr}`);
  const r = JSON.parse(child.stdout.trim().split("\n").pop()!) as ParallelReport;
  const work = r.agents * r.periods * r.replications;
  const two = work / r.secondsTwoWorkers;
  return {
    name: "parallel",
    size,
    agents,
    periods: r.periods,
    runs: r.replications,
    agentPeriodsPerSecond: { median: two, min: two, max: two },
    speedup: r.secondsOneWorker / r.secondsTwoWorkers,
    secondsByWorkers: { one: r.secondsOneWorker, two: r.secondsTwoWorkers },
    cpuSecondsByWorkers: { one: r.cpuSecondsOneWorker, two: r.cpuSecondsTwoWorkers },
    identical: r.identical,
  };
}

/**
 * A peer at one size: one untimed warm-up run (its own seed), then the correctness check's runs
 * (one per seed, the full horizon each), whose stepping is timed: they are the case's timed runs.
 * The check is judged before any ratio exists; a peer that fails gets `valid: false` and no ratio.
 */
function peerCase(peer: Peer, agents: number, size: Size, seeds: number, log: (m: string) => void): CaseResult {
  const options = { agents, years: YEARS, seeds };
  const warm = peer.create(peerScenario(agents, YEARS), 0x5eed);
  while (!warm.done) warm.step(); // warm-up, untimed
  collect();
  const runs = peerRuns(peer, options);
  const check = checkPeer(peer, options, runs.stocks);
  log(formatCheck(check));
  if (!check.pass) log(`  peer:${peer.name} FAILED the correctness check: no ratio is reported for it`);
  return {
    name: `peer:${peer.name}`,
    size,
    agents,
    periods: PERIODS,
    runs: runs.seconds.length,
    agentPeriodsPerSecond: stat(runs.seconds.map((t) => (agents * PERIODS) / t)),
    valid: check.pass,
    check,
  };
}

// -------------------------------------------------------------------------------------------------
// Output

function fmtRate(x: number): string {
  if (x >= 1e6) return `${(x / 1e6).toFixed(2)} M`;
  if (x >= 1e3) return `${(x / 1e3).toFixed(1)} k`;
  return x.toFixed(2);
}

export function formatResults(results: Results): string {
  const header = ["case", "size", "agents", "periods", "runs", "agent-periods/s median", "min", "max", "notes"];
  const rows = results.cases.map((c) => {
    const notes: string[] = [];
    if (c.fractionOfFloor !== undefined) notes.push(`${(c.fractionOfFloor * 100).toFixed(1)}% of floor`);
    if (c.runsPerSecond !== undefined)
      notes.push(
        `${c.runsPerSecond.median.toFixed(2)} runs/s ` +
          `(${c.runsPerSecond.min.toFixed(2)}-${c.runsPerSecond.max.toFixed(2)})`,
      );
    if (c.memoryBytesPerAgent !== undefined) notes.push(`heap+ab ${c.memoryBytesPerAgent.toFixed(1)} B/agent`);
    if (c.rssBytesPerAgent !== undefined) notes.push(`rss ${c.rssBytesPerAgent.toFixed(1)} B/agent`);
    if (c.peakRssBytes !== undefined) notes.push(`peak rss ${(c.peakRssBytes / 2 ** 20).toFixed(0)} MiB`);
    if (c.valid === false) notes.push("FAILED the correctness check: no ratio");
    if (c.speedup !== undefined)
      notes.push(
        `${c.runs} replications: 2 workers ${c.speedup.toFixed(2)}x 1 worker ` +
          `(${c.secondsByWorkers!.one.toFixed(1)} s vs ${c.secondsByWorkers!.two.toFixed(1)} s; ` +
          `CPU ${c.cpuSecondsByWorkers!.one.toFixed(1)} s vs ${c.cpuSecondsByWorkers!.two.toFixed(1)} ` +
          `s), ${c.identical ? "identical results" : "RESULTS DIFFER"}`,
      );
    if (c.ratio !== undefined)
      notes.push(
        `ratio ${c.ratio.toFixed(2)} (loop median / peer median); check passed, max ` +
          `|diff|/se ${Math.max(...c.check!.regions.map((r) => r.z)).toFixed(2)} over ${c.check!.seeds} seeds`,
      );
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
      notes.join(", "),
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]): string =>
    cells
      .map((cell, i) => (i >= 2 && i <= 7 ? cell.padStart(widths[i]) : cell.padEnd(widths[i])))
      .join("  ")
      .trimEnd();
  return [
    `TalentFlow benchmarks (${results.mode}) - node ${results.node}, ${results.cpu}, ${results.cores} cores, ` +
      `commit ${results.commit.slice(0, 12)}${results.dirty ? " (+ uncommitted changes in packages/)" : ""},` +
      ` ${results.date}`,
    line(header),
    widths.map((w) => "-".repeat(w)).join("  "),
    ...rows.map(line),
    `total ${results.totalSeconds.toFixed(1)} s`,
  ].join("\n");
}

function writeAtomically(results: Results): string {
  const dir = join(HERE, "results");
  mkdirSync(dir, { recursive: true });
  const target = join(dir, "latest.json");
  const temp = join(dir, `.latest.json.${process.pid}.tmp`);
  writeFileSync(temp, JSON.stringify(results, null, 2) + "\n");
  renameSync(temp, target);
  return target;
}

// -------------------------------------------------------------------------------------------------
// Main

export function main(options: MainOptions = {}): Results {
  const print = options.print ?? true;
  const log = (message: string): void => {
    if (print) process.stderr.write(`${message}\n`);
  };
  const p = plan(options);
  // Read at the start: the modules under test are loaded by now, and others may commit meanwhile.
  const startCommit = commit();
  const startDirty = dirty();
  const suiteStart = process.hrtime.bigint();
  const cases: CaseResult[] = [];
  const push = (c: CaseResult): CaseResult => {
    cases.push(c);
    log(`  ${c.name} ${c.agents}: ${fmtRate(c.agentPeriodsPerSecond.median)} agent-periods/s`);
    return c;
  };

  const want = (name: CaseName): boolean => !options.cases || options.cases.includes(name);

  if (want("loop") || want("floor")) log(`loop + floor (${p.mode})`);
  for (const { agents, size } of p.loop) {
    const loop = want("loop") ? push(loopCase("loop", agents, size, p.runs)) : undefined;
    const floor = want("floor") ? push(floorCase(agents, size, p.runs)) : undefined;
    if (loop && floor) loop.fractionOfFloor = loop.agentPeriodsPerSecond.median / floor.agentPeriodsPerSecond.median;
  }
  if (want("decide")) {
    log("decide");
    for (const { agents, size } of p.decide) push(loopCase("decide", agents, size, p.runs, 1000));
  }
  if (want("compare")) {
    log("compare");
    push(compareCase(p.compare.agents, p.compare.size, p.compare.replications, p.runs));
  }
  if (want("memory")) {
    log("memory");
    for (const { agents, size } of p.memory) push(memoryCase(agents, size, p.runs));
  }
  if (want("parallel")) {
    log(
      `parallel (${p.parallel.replications} replications of the default scenario ` +
        `at ${p.parallel.agents.toLocaleString("en-US")} agents, 1 worker then 2)`,
    );
    push(parallelCase(p.parallel.agents, p.parallel.size, p.parallel.replications));
  }
  for (const { agents, size, seeds } of want("peers") ? p.peers : []) {
    log(
      `peers (${agents.toLocaleString("en-US")} agents, ${PERIODS} periods; check and timed runs over ${seeds} seeds)`,
    );
    let loop = cases.find((c) => c.name === "loop" && c.agents === agents);
    if (!loop) loop = push(loopCase("loop", agents, size, p.runs)); // the ratio's reference, same size
    for (const peer of PEERS) {
      const c = push(peerCase(peer, agents, size, seeds, log));
      if (c.valid) c.ratio = loop.agentPeriodsPerSecond.median / c.agentPeriodsPerSecond.median;
    }
  }

  const results: Results = {
    suite: "talentflow-benchmarks",
    mode: p.mode,
    node: process.version,
    cpu: os.cpus()[0]?.model ?? "unknown",
    cores: os.cpus().length,
    commit: startCommit,
    dirty: startDirty,
    date: new Date().toISOString(),
    totalSeconds: seconds(suiteStart),
    cases,
  };
  if (sink === -1) log(""); // keeps the floor checksum observable
  if (print) process.stdout.write(`${formatResults(results)}\n`);
  if (options.write ?? true) {
    const path = writeAtomically(results);
    log(`wrote ${path}`);
  }
  return results;
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  const argv = process.argv.slice(2);
  const cases = argv.flatMap((a, i) =>
    a === "--case" ? [argv[i + 1] ?? ""] : a.startsWith("--case=") ? [a.slice("--case=".length)] : [],
  );
  const unknown = cases.filter((c) => !(CASES as readonly string[]).includes(c));
  if (unknown.length > 0) {
    process.stderr.write(
      `unknown case ${unknown.map((c) => JSON.stringify(c)).join(", ")}; cases: ${CASES.join(", ")}\n`,
    );
    process.exit(2);
  }
  main({
    quick: argv.includes("--quick"),
    tiny: argv.includes("--tiny"),
    ...(cases.length > 0 ? { cases: cases as CaseName[] } : {}),
  });
}
