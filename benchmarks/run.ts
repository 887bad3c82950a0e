/**
 * TalentFlow benchmark suite: the engine on its own (stepping, the whole `simulate` call, every
 * agent deciding, world scale), floors for each kind of work its step does, and peers (the same
 * model written as naive TypeScript, with flocc and with AgentScript), each checked against the
 * engine before its speed ratio is reported.
 *
 *   pnpm bench            full suite (under 10 minutes on 2 cores)
 *   pnpm bench --quick    every case at small sizes (about 2 minutes); `pnpm bench -- --quick` works too
 *   pnpm bench --case parallel   one case only (with or without --quick); repeat --case for several
 *   pnpm bench --scaling  the engine and each peer once at 25,000, 50,000 and 100,000 agents
 *
 * Prints a table and writes benchmarks/results/latest.json (temp file + rename); `--scaling`
 * writes results/scaling.json and results/scaling.svg. See README.md and docs/performance.md.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { compare, planCompare, scenarios } from "@talentflow/core";
import { HERE, PERIODS, ROOT, SEED, collect, seconds, stat } from "./_measure";
import { fmtRate, formatResults, judgeTargets, writeAtomically } from "./_format";
import type { CaseResult, Results, Size } from "./_results";
import { scalingChart, scalingSubtitle } from "./_scalingChart";
import { memoryCase, parallelCase, worldCase } from "./cases/children";
import { countLoopWork, loopCase, simulateCase } from "./cases/engine";
import { floorDecideCase, floorEnterCase, floorScanCase, floorSink, modelledFloorSeconds } from "./cases/floors";
import { PEERS, peerCase, scaling } from "./cases/peers";

export { PEERS } from "./cases/peers";
export type { CaseResult, Results, ScalingPoint, Size, TargetResult } from "./_results";
export { formatResults } from "./_format";

export interface MainOptions {
  /** Every case at small sizes (about 2 minutes). */
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

/**
 * The cases, by the name `--case` takes: `floor` is the three floors (`floor:decide`,
 * `floor:scan`, `floor:enter`) at each `loop` size, `peers` every peer.
 */
export const CASES = [
  "loop",
  "floor",
  "decide",
  "simulate",
  "compare",
  "memory",
  "peers",
  "parallel",
  "world",
] as const;
export type CaseName = (typeof CASES)[number];

interface Sized {
  agents: number;
  size: Size;
}

interface Plan {
  mode: "full" | "quick" | "tiny";
  runs: number;
  loop: Sized[];
  decide: Sized[];
  simulate: Sized[];
  compare: Sized & { replications: number };
  memory: Sized[];
  /** Peer cases: agents, the peers (by name) and seeds of the correctness check (also the timed runs). */
  peers: Array<Sized & { seeds: number; only?: readonly string[] }>;
  /** Replications of the default scenario on 1 worker, then on 2. */
  parallel: Sized & { replications: number };
  /** The loop at world scale over `years`, its timed runs alternating with runs at `reference` agents. */
  world: Sized & { reference: number; runs: number; years: number };
}

function plan(options: MainOptions): Plan {
  if (options.tiny) {
    const small = [{ agents: 2_000, size: "small" as const }];
    return {
      mode: "tiny",
      runs: 5,
      loop: small,
      decide: small,
      simulate: small,
      compare: { agents: 2_000, size: "small", replications: 2 },
      memory: small,
      // The smoke test leaves the peers to benchmarks/test/peers.test.ts.
      peers: [],
      parallel: { agents: 2_000, size: "small", replications: 6 },
      world: { agents: 20_000, size: "small", reference: 2_000, runs: 3, years: 2 },
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
      simulate: [{ agents: 50_000, size: "small" }],
      compare: { agents: 10_000, size: "small", replications: 4 },
      memory: [{ agents: 100_000, size: "small" }],
      peers: [{ agents: 10_000, size: "small", seeds: 5 }],
      parallel: { agents: 100_000, size: "medium", replications: 8 },
      world: { agents: 1_000_000, size: "large", reference: 100_000, runs: 3, years: 5 },
    };
  }
  return {
    mode: "full",
    runs: 5,
    loop: [
      { agents: 10_000, size: "small" },
      { agents: 25_000, size: "small" },
      { agents: 100_000, size: "medium" },
      { agents: 1_000_000, size: "large" },
    ],
    decide: [{ agents: 300_000, size: "medium" }],
    simulate: [
      { agents: 100_000, size: "medium" },
      { agents: 1_000_000, size: "large" },
    ],
    compare: { agents: 10_000, size: "small", replications: 5 },
    memory: [
      { agents: 1_000_000, size: "large" },
      { agents: 5_000_000, size: "large" },
    ],
    peers: [
      { agents: 25_000, size: "small", seeds: 5 },
      { agents: 100_000, size: "medium", seeds: 5, only: ["naive-ts"] },
    ],
    parallel: { agents: 1_000_000, size: "large", replications: 8 },
    world: { agents: 30_000_000, size: "world", reference: 1_000_000, runs: 3, years: 5 },
  };
}

function git(args: string[]): string | undefined {
  try {
    return execFileSync("git", args, { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return undefined;
  }
}

/** What the figures depend on: the packages' sources and the benchmarks, not their results. */
const MEASURED_PATHS = ["packages/core/src", "packages/adapters/src", "benchmarks", ":!benchmarks/results"];

/** The machine, the commit and whether the measured code had uncommitted changes, read at the start. */
function header(mode: Results["mode"]): Omit<Results, "totalSeconds" | "cases" | "date"> {
  return {
    suite: "talentflow-benchmarks",
    mode,
    node: process.version,
    cpu: os.cpus()[0]?.model ?? "unknown",
    cores: os.cpus().length,
    commit: git(["rev-parse", "HEAD"]) ?? "unknown",
    dirty: (git(["status", "--porcelain", "--", ...MEASURED_PATHS]) ?? "").length > 0,
  };
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

/**
 * The results file of a run: `latest.json` for a full run of every case (the run of record, which
 * docs/performance.md shows), `<mode>.json` or `<mode>-<cases>.json` otherwise, so that a quick or
 * partial run never overwrites the record.
 */
export function resultsFile(mode: Results["mode"], cases?: readonly string[]): string {
  if (mode === "full" && cases === undefined) return "latest.json";
  return `${mode}${cases === undefined ? "" : `-${cases.join("+")}`}.json`;
}

export function main(options: MainOptions = {}): Results {
  const print = options.print ?? true;
  const log = (message: string): void => {
    if (print) process.stderr.write(`${message}\n`);
  };
  const p = plan(options);
  // Read at the start: the modules under test are loaded by now, and others may commit meanwhile.
  const head = header(p.mode);
  const suiteStart = process.hrtime.bigint();
  const cases: CaseResult[] = [];
  const push = (c: CaseResult): CaseResult => {
    cases.push(c);
    log(`  ${c.name} ${c.agents.toLocaleString("en-US")}: ${fmtRate(c.agentPeriodsPerSecond.median)} per second`);
    return c;
  };
  const want = (name: CaseName): boolean => !options.cases || options.cases.includes(name);

  if (want("loop") || want("floor")) log(`loop and its floors (${p.mode})`);
  for (const { agents, size } of p.loop) {
    const loop = want("loop") ? push(loopCase("loop", agents, size, p.runs)) : undefined;
    if (!want("floor")) continue;
    const work = countLoopWork(agents);
    const decide = push(floorDecideCase(agents, size, p.runs));
    const scan = push(floorScanCase(agents, size, p.runs));
    const enter = push(floorEnterCase(agents, Math.max(1, Math.round(work.entries / PERIODS)), size, p.runs));
    if (loop) {
      loop.work = work;
      loop.fractionOfFloor =
        modelledFloorSeconds(work, decide, scan, enter) / ((agents * PERIODS) / loop.agentPeriodsPerSecond.median);
    }
  }
  if (want("decide")) {
    log("decide (every agent decides every period)");
    for (const { agents, size } of p.decide) {
      const decide = push(loopCase("decide", agents, size, p.runs, 1000));
      const floor = push(floorDecideCase(agents, size, p.runs));
      decide.fractionOfFloor = decide.agentPeriodsPerSecond.median / floor.agentPeriodsPerSecond.median;
    }
  }
  if (want("simulate")) {
    log("simulate (scenario in, rows out)");
    for (const { agents, size } of p.simulate) {
      const c = push(simulateCase(agents, size, p.runs));
      const loop = cases.find((x) => x.name === "loop" && x.agents === agents);
      if (loop) c.steppingShare = (agents * PERIODS) / loop.agentPeriodsPerSecond.median / c.secondsPerRun!.median;
    }
  }
  if (want("compare")) {
    log("compare");
    push(compareCase(p.compare.agents, p.compare.size, p.compare.replications, p.runs));
  }
  if (want("memory")) {
    log("memory");
    for (const { agents, size } of p.memory) push(memoryCase(agents, size, p.runs));
  }
  if (want("world")) {
    const w = p.world;
    log(
      `world (${w.agents.toLocaleString("en-US")} agents, ${w.years} years, ${w.runs} runs ` +
        `alternating with ${w.reference.toLocaleString("en-US")})`,
    );
    push(worldCase(w.agents, w.reference, w.size, w.runs, w.years));
  }
  if (want("parallel")) {
    const q = p.parallel;
    log(`parallel (${q.replications} replications at ${q.agents.toLocaleString("en-US")} agents, 1 worker then 2)`);
    push(parallelCase(q.agents, q.size, q.replications));
  }
  for (const { agents, size, seeds, only } of want("peers") ? p.peers : []) {
    log(
      `peers (${agents.toLocaleString("en-US")} agents, ${PERIODS} periods; check and timed runs over ${seeds} seeds)`,
    );
    // The ratio's reference: the loop at the same size without the period's record, the work the
    // peers' timing covers (stepping; stocks and event totals, no rows or welfare), timed in this run.
    const bare = push(loopCase("loop:no-record", agents, size, p.runs, undefined, false));
    const loop = cases.find((c) => c.name === "loop" && c.agents === agents);
    if (loop) bare.recordShare = 1 - loop.agentPeriodsPerSecond.median / bare.agentPeriodsPerSecond.median;
    for (const peer of PEERS.filter((x) => only === undefined || only.includes(x.name))) {
      const c = push(peerCase(peer, agents, size, seeds, log));
      if (c.valid) {
        c.ratio = bare.agentPeriodsPerSecond.median / c.agentPeriodsPerSecond.median;
        if (loop) c.ratioWithRecord = loop.agentPeriodsPerSecond.median / c.agentPeriodsPerSecond.median;
      }
    }
  }

  const results: Results = {
    ...head,
    date: new Date().toISOString(),
    totalSeconds: seconds(suiteStart),
    cases,
    targets: judgeTargets(cases),
  };
  if (floorSink() === -1) log(""); // keeps the floors' checksums observable
  if (print) process.stdout.write(`${formatResults(results)}\n`);
  if (options.write ?? true) log(`wrote ${writeAtomically(results, resultsFile(p.mode, options.cases))}`);
  return results;
}

/** Sizes of `--scaling` (the peers' common sizes), and of its warm-up runs. */
export const SCALING_SIZES = [25_000, 50_000, 100_000] as const;

/**
 * `pnpm bench --scaling`: the engine and each peer once at each of `sizes`; writes
 * results/scaling.json and results/scaling.svg (unless `write` is false) and returns the results.
 */
export async function mainScaling(
  options: { sizes?: readonly number[]; warmAgents?: number; write?: boolean; print?: boolean } = {},
): Promise<Results & { svg: string }> {
  const print = options.print ?? true;
  const log = (message: string): void => {
    if (print) process.stderr.write(`${message}\n`);
  };
  const head = header("scaling");
  const start = process.hrtime.bigint();
  log("scaling: the engine and each peer once per size");
  const points = scaling(options.sizes ?? SCALING_SIZES, options.warmAgents ?? 5_000, log);
  const results: Results = {
    ...head,
    date: new Date().toISOString(),
    totalSeconds: seconds(start),
    cases: [],
    scaling: points,
  };
  const svg = await scalingChart(points, scalingSubtitle(head));
  if (print) process.stdout.write(`${formatResults(results)}\n`);
  if (options.write ?? true) {
    // Sizes other than the suite's are not the run of record.
    const name = options.sizes === undefined ? "scaling" : "scaling-custom";
    log(`wrote ${writeAtomically(results, `${name}.json`)}`);
    const dir = join(HERE, "results");
    mkdirSync(dir, { recursive: true });
    const temp = join(dir, `.${name}.svg.${process.pid}.tmp`);
    writeFileSync(temp, svg);
    renameSync(temp, join(dir, `${name}.svg`));
    log(`wrote ${join(dir, `${name}.svg`)}`);
  }
  return { ...results, svg };
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
  if (argv.includes("--scaling")) {
    await mainScaling({ ...(argv.includes("--quick") ? { sizes: [5_000, 10_000, 20_000], warmAgents: 2_000 } : {}) });
  } else {
    main({
      quick: argv.includes("--quick"),
      tiny: argv.includes("--tiny"),
      ...(cases.length > 0 ? { cases: cases as CaseName[] } : {}),
    });
  }
}
