/**
 * A/B timing of two versions of `@talentflow/core` in one process (`pnpm bench:ab`): bundles each
 * version's core (esbuild, resolved with the source export condition), loads both bundles, runs
 * one untimed warm-up of each, then times a case alternately, A then B, B then A, ..., in CPU time
 * (`process.cpuUsage`). Alternating in one process keeps the machine's drift (other work on the
 * same cores) out of the ratio as far as it can be.
 *
 *   pnpm bench:ab <git-ref> [--case loop|decide|simulate] [--agents N] [--pairs N] [--json FILE]
 *   pnpm bench:ab --a <checkout> [--b <checkout>] [--case ...] [--agents N] [--pairs N] [--json FILE]
 *
 * With a git ref, A is that commit (unpacked into a temporary folder with `pnpm install` run in
 * it, removed again once its core is bundled, and on an error or Ctrl-C) and B is the working tree
 * (uncommitted changes included). With `--a`/`--b`, A and B are two checkouts' roots (B defaults
 * to `.`). Prints each pair's CPU seconds and ratio B/A, the ratio of the medians B/A with a 95%
 * bootstrap interval (`_abStats.ts`), the order-balanced mean of the pairs' ratios (use an even
 * number of pairs) and each side's median throughput; `--json FILE` writes them as JSON.
 */
import { existsSync, renameSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { type LoadedCore, loadCore } from "./_abBundle";
import { AB_CASES, type AbCase, prepareCase, type TimedCase } from "./_abCases";
import { checkOutCommit, repositoryRoot, resolveCommit, Scratch } from "./_abCheckout";
import { median, type OrderBalanced, orderBalanced, type RatioOfMedians, ratioOfMedians } from "./_abStats";

const USAGE =
  "usage: pnpm bench:ab <git-ref> [--case loop|decide|simulate] [--agents N] [--pairs N] [--json FILE]\n" +
  "       pnpm bench:ab --a <checkout> [--b <checkout>] [--case ...] [--agents N] [--pairs N] [--json FILE]";

/** The command line of `pnpm bench:ab`, checked ({@link parseAbArgs}). */
export interface AbOptions {
  /** The git ref whose commit is side A (B is then the working tree, or `--b`). */
  ref: string | undefined;
  /** `--a`: the root of A's checkout, when no ref is given. */
  rootA: string | undefined;
  /** `--b`: the root of B's checkout; default the working tree with a ref, `.` with `--a`. */
  rootB: string | undefined;
  /** `--case`: the case timed; default `loop`. */
  which: AbCase;
  /** `--agents`: default 1,000,000 for `loop`, 300,000 for the others. */
  agents: number;
  /** `--pairs`: number of timed pairs; default 6. */
  pairs: number;
  /** `--json`: file to write the results to. */
  json: string | undefined;
}

/** One side of the comparison as the results name it. */
export interface AbSide {
  /** "A" or "B" with what it is: the ref and its commit, the working tree, or a folder. */
  label: string;
  /** The git ref given for A. */
  ref?: string;
  /** The full sha of the ref's commit. */
  commit?: string;
  /** The folder bundled (for a ref: its temporary checkout, removed once bundled). */
  root: string;
}

/** What `--json FILE` writes: the run's settings, each pair's times and the statistics. */
export interface AbResults {
  /** The case timed. */
  case: AbCase;
  /** Agents in each run. */
  agents: number;
  /** Timed pairs. */
  pairs: number;
  /** Agents times periods of one run's timed region. */
  agentPeriodsPerRun: number;
  /** Side A (the ref, or `--a`). */
  a: AbSide;
  /** Side B (the working tree, or `--b`). */
  b: AbSide;
  /** `process.version` of the run. */
  node: string;
  /** When the results were made (ISO 8601). */
  date: string;
  /** Per pair: the order its runs were made in and each side's CPU seconds. */
  runs: { order: "A,B" | "B,A"; a: number; b: number; ratio: number }[];
  /** median(B) / median(A) with its bootstrap interval. */
  ratioOfMedians: RatioOfMedians;
  /** Which side took less CPU time (by the ratio of medians). */
  faster: "A" | "B" | "neither";
  /** Whether the bootstrap interval excludes 1. */
  intervalExcludesOne: boolean;
  /** The order-balanced geometric mean of the pairs' ratios B/A. */
  orderBalanced: OrderBalanced;
  /** Median agent-periods per CPU second of each side. */
  agentPeriodsPerSecond: { a: number; b: number };
}

class UsageError extends Error {}

function positiveInteger(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < 1) {
    throw new UsageError(`ab: --${name} is "${value}", not a positive integer`);
  }
  return n;
}

const OPTIONS = {
  a: { type: "string" },
  b: { type: "string" },
  case: { type: "string" },
  agents: { type: "string" },
  pairs: { type: "string" },
  json: { type: "string" },
} as const;

/**
 * Parses and checks the command line (a leading `--` from `pnpm bench:ab -- ...` is dropped);
 * throws a usage error naming the option and the reason.
 *
 * @example
 * parseAbArgs(["HEAD~1", "--case", "decide"]).agents // => 300000
 */
export function parseAbArgs(argv: readonly string[]): AbOptions {
  const args = argv[0] === "--" ? argv.slice(1) : [...argv];
  let parsed: ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; options: typeof OPTIONS }>>;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: OPTIONS });
  } catch (error) {
    throw new UsageError(`ab: ${(error as Error).message}`);
  }
  const { values, positionals } = parsed;
  if (positionals.length > 1) throw new UsageError(`ab: one git ref at most, got ${positionals.join(", ")}`);
  const ref = positionals[0];
  if (ref !== undefined && values.a !== undefined) throw new UsageError("ab: give a git ref or --a, not both");
  if (ref === undefined && values.a === undefined) throw new UsageError("ab: no git ref and no --a checkout");
  const which = (values.case ?? "loop") as AbCase;
  if (!AB_CASES.includes(which)) {
    throw new UsageError(`ab: --case is "${values.case}", not one of ${AB_CASES.join(", ")}`);
  }
  return {
    ref,
    rootA: values.a,
    rootB: values.b,
    which,
    agents: positiveInteger(values.agents, "agents", which === "loop" ? 1_000_000 : 300_000),
    pairs: positiveInteger(values.pairs, "pairs", 6),
    json: values.json,
  };
}

/**
 * The folder the command was started in, against which `--a`, `--b` and `--json` resolve: pnpm runs
 * a root script in the root and names the folder it was started in in `INIT_CWD`.
 */
function startFolder(): string {
  const started = process.env.npm_lifecycle_event === "bench:ab" ? process.env.INIT_CWD : undefined;
  return started ?? process.cwd();
}

/** Refuses a `--json` file whose folder does not exist before anything is run. */
function checkJsonTarget(file: string | undefined): void {
  if (file === undefined) return;
  const folder = dirname(resolve(startFolder(), file));
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    throw new UsageError(`ab: --json ${file}: the folder ${folder} does not exist`);
  }
}

/** Loads both cores: A from the ref's temporary checkout or from --a, B from --b or the working tree. */
async function loadSides(
  options: AbOptions,
  scratch: Scratch,
  work: string,
): Promise<{ a: AbSide; b: AbSide; coreA: LoadedCore; coreB: LoadedCore }> {
  if (options.ref === undefined) {
    const rootA = resolve(startFolder(), options.rootA ?? ".");
    const rootB = resolve(startFolder(), options.rootB ?? ".");
    const a: AbSide = { label: `A (${rootA})`, root: rootA };
    const b: AbSide = { label: `B (${rootB})`, root: rootB };
    return { a, b, coreA: await loadCore(rootA, a.label, "a", work), coreB: await loadCore(rootB, b.label, "b", work) };
  }
  const repo = repositoryRoot(startFolder());
  const sha = resolveCommit(repo, options.ref);
  const checkout = join(work, "checkout");
  const a: AbSide = {
    label: `A (${options.ref} = ${sha.slice(0, 10)})`,
    ref: options.ref,
    commit: sha,
    root: checkout,
  };
  const rootB = resolve(startFolder(), options.rootB ?? repo);
  const b: AbSide = { label: `B (${options.rootB === undefined ? "working tree " : ""}${rootB})`, root: rootB };
  console.error(`ab: checking out ${a.label} into ${checkout} and installing`);
  const started = Date.now();
  await checkOutCommit(repo, sha, checkout, a.label);
  const coreA = await loadCore(checkout, a.label, "a", work);
  // The bundle holds all of A's core: the checkout is not needed from here on.
  scratch.remove(checkout);
  console.error(`ab: ${a.label} bundled in ${((Date.now() - started) / 1000).toFixed(1)} s; checkout removed`);
  return { a, b, coreA, coreB: await loadCore(rootB, b.label, "b", work) };
}

/** A case run once untimed; an error in it names the side. */
function warmUp(timed: TimedCase, side: AbSide, which: AbCase): void {
  try {
    timed.run();
  } catch (error) {
    throw new Error(`ab: the ${which} case failed on ${side.label}: ${(error as Error).message}`);
  }
}

const yieldToSignals = (): Promise<void> => new Promise((done) => setImmediate(done));

/** Times the pairs, alternating the order; prints each pair. */
async function timePairs(caseA: TimedCase, caseB: TimedCase, pairs: number): Promise<AbResults["runs"]> {
  const runs: AbResults["runs"] = [];
  for (let k = 0; k < pairs; k++) {
    const order = k % 2 === 0 ? "A,B" : "B,A";
    let a: number;
    let b: number;
    // A signal (Ctrl-C) is handled between runs: each run is synchronous.
    if (order === "A,B") {
      a = caseA.run();
      await yieldToSignals();
      b = caseB.run();
    } else {
      b = caseB.run();
      await yieldToSignals();
      a = caseA.run();
    }
    await yieldToSignals();
    runs.push({ order, a, b, ratio: b / a });
    console.log(`pair ${k + 1} (${order}): A ${a.toFixed(3)} s, B ${b.toFixed(3)} s, B/A ${(b / a).toFixed(3)}`);
  }
  return runs;
}

const percent = (r: number): string => `${(Math.abs(1 - r) * 100).toFixed(1)}%`;

/** The summary lines: ratio of medians and interval, which side is faster, balanced mean, throughput. */
function summary(r: AbResults): string[] {
  const m = r.ratioOfMedians;
  const verdict =
    r.faster === "B"
      ? `B is faster by the medians: it takes ${percent(m.ratio)} less CPU time than A`
      : r.faster === "A"
        ? `A is faster by the medians: B takes ${percent(m.ratio)} more CPU time than A`
        : "neither is faster: the medians are equal";
  const interval = r.intervalExcludesOne
    ? "the interval excludes 1"
    : "the interval contains 1: no difference is resolved at this size and number of pairs";
  const ob = r.orderBalanced;
  const ratios = r.runs.map((p) => p.ratio);
  const rate = (x: number): string => `${(x / 1e6).toFixed(2)} M`;
  return [
    `ratio of medians B/A ${m.ratio.toFixed(3)}, ${m.level * 100}% bootstrap interval ` +
      `[${m.lo.toFixed(3)}, ${m.hi.toFixed(3)}] (${m.resamples} resamples of each side's runs, seed ${m.seed})`,
    `  ${verdict}; ${interval}`,
    `order-balanced mean of the pairs' B/A ${ob.balanced.toFixed(3)} (A,B pairs ${ob.abOrder.toFixed(3)}, ` +
      `B,A pairs ${ob.baOrder === undefined ? "-" : ob.baOrder.toFixed(3)}); ` +
      `pairs from ${Math.min(...ratios).toFixed(3)} to ${Math.max(...ratios).toFixed(3)}`,
    `median agent-periods per CPU second: A ${rate(r.agentPeriodsPerSecond.a)}, ` +
      `B ${rate(r.agentPeriodsPerSecond.b)}`,
  ];
}

/** Writes the results next to their final name, then renames it over (never a half-written file). */
function writeJson(file: string, results: AbResults): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(results, null, 2)}\n`);
  renameSync(temporary, file);
}

/** Runs `pnpm bench:ab` with the given arguments; returns the results. */
export async function runAb(argv: readonly string[]): Promise<AbResults> {
  const options = parseAbArgs(argv);
  checkJsonTarget(options.json);
  const scratch = new Scratch();
  try {
    const work = scratch.make("talentflow-ab-");
    const { a, b, coreA, coreB } = await loadSides(options, scratch, work);
    const { which, agents, pairs } = options;
    const caseA = prepareCase(coreA, a.label, which, agents);
    const caseB = prepareCase(coreB, b.label, which, agents);
    console.log(
      `${which}, ${agents} agents, ${caseA.agentPeriods / agents} periods, ${pairs} pairs; ${a.label}, ${b.label}`,
    );
    warmUp(caseA, a, which);
    warmUp(caseB, b, which);
    const runs = await timePairs(caseA, caseB, pairs);
    const timesA = runs.map((p) => p.a);
    const timesB = runs.map((p) => p.b);
    const ratio = ratioOfMedians(timesA, timesB);
    const medianRate = (times: number[], timed: TimedCase): number => timed.agentPeriods / median(times);
    const results: AbResults = {
      case: which,
      agents,
      pairs,
      agentPeriodsPerRun: caseA.agentPeriods,
      a,
      b,
      node: process.version,
      date: new Date().toISOString(),
      runs,
      ratioOfMedians: ratio,
      faster: ratio.ratio < 1 ? "B" : ratio.ratio > 1 ? "A" : "neither",
      intervalExcludesOne: ratio.lo > 1 || ratio.hi < 1,
      orderBalanced: orderBalanced(runs.map((p) => p.ratio)),
      agentPeriodsPerSecond: { a: medianRate(timesA, caseA), b: medianRate(timesB, caseB) },
    };
    for (const line of summary(results)) console.log(line);
    if (options.json !== undefined) writeJson(resolve(startFolder(), options.json), results);
    return results;
  } finally {
    scratch.removeAll();
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    await runAb(process.argv.slice(2));
  } catch (error) {
    console.error((error as Error).message);
    if (error instanceof UsageError) console.error(USAGE);
    process.exit(error instanceof UsageError ? 2 : 1);
  }
}
