/**
 * A/B timing of two checkouts of the project in one process: bundles `@talentflow/core` of each
 * (esbuild, resolved from the checkout with the source export condition), loads both bundles and times the `loop`
 * or `decide` case of `run.ts` alternately, A then B, B then A, ..., in CPU time
 * (`process.cpuUsage`), after one untimed warm-up run of each. Alternating in one process keeps
 * the machine's drift (other work on the same cores) out of the ratio as far as it can be.
 *
 *   node --import tsx benchmarks/ab.ts --a /path/to/before --b . --case loop --agents 1000000 --pairs 7
 *   node --import tsx benchmarks/ab.ts --a /path/to/before --b . --case decide --agents 300000 --pairs 5
 *
 * `--a`/`--b` name the root of a checkout (a git worktree, or `git archive <commit>` unpacked).
 * Prints each pair's CPU seconds and the ratio B/A (above 1: B is slower), then the median, min
 * and max of the ratios, their order-balanced mean (use an even number of pairs) and each side's
 * median agent-periods per second.
 */
import { build } from "esbuild";
import { mkdtempSync, realpathSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve, sep } from "node:path";
import { pathToFileURL } from "node:url";

type Core = typeof import("@talentflow/core");

const SEED = 1;
const YEARS = 10;
const PERIODS = YEARS * 4;

function option(name: string, fallback: string): string {
  const k = process.argv.indexOf(`--${name}`);
  return k >= 0 && process.argv[k + 1] !== undefined ? process.argv[k + 1] : fallback;
}

/**
 * Bundles the checkout's `@talentflow/core` as its own package exports resolve it from the
 * checkout's root (the source condition: its `src/`, as tests see it), and refuses a bundle whose
 * core came from outside the checkout (a `node_modules` linked to another one would time the
 * wrong code). The checkout needs `pnpm install` run in it.
 */
async function loadCore(root: string, label: string, outDir: string): Promise<Core> {
  const outfile = join(outDir, `core-${label}.mjs`);
  const checkout = resolve(root);
  const result = await build({
    stdin: { contents: 'export * from "@talentflow/core";', resolveDir: checkout, loader: "ts" },
    bundle: true,
    format: "esm",
    platform: "node",
    target: "es2022",
    conditions: ["@talentflow/source"],
    outfile,
    metafile: true,
    logLevel: "warning",
  });
  const core = Object.keys(result.metafile.inputs)
    .filter((input) => input !== "<stdin>")
    .map((input) => realpathSync(resolve(input)))
    .filter((input) => input.includes(`${sep}packages${sep}core${sep}`));
  const outside = core.filter((input) => !input.startsWith(realpathSync(checkout) + sep));
  if (core.length === 0 || outside.length > 0) {
    throw new Error(
      `ab: --${label} ${root}: @talentflow/core resolved to ${outside[0] ?? "nothing"}, ` +
        "not to the checkout's packages/core; run `pnpm install` in the checkout",
    );
  }
  return (await import(pathToFileURL(outfile).href)) as Core;
}

/** CPU seconds to step the case's simulation to its horizon (creation is not timed). */
function cpuSeconds(core: Core, agents: number, considerRate: number | undefined): number {
  const scenario = core.scenarios.alliance2026({ agents, burnInYears: 0, years: YEARS });
  if (considerRate !== undefined) scenario.behavior.considerRate = considerRate;
  const sim = core.createSimulation(scenario, { seed: SEED });
  (globalThis as { gc?: () => void }).gc?.();
  const start = process.cpuUsage();
  while (!sim.done) sim.step();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

async function main(): Promise<void> {
  const rootA = option("a", "");
  const rootB = option("b", ".");
  const which = option("case", "loop");
  if (!rootA || (which !== "loop" && which !== "decide")) {
    console.error("usage: ab.ts --a <checkout> [--b <checkout>] [--case loop|decide] [--agents N] [--pairs N]");
    process.exit(2);
  }
  const agents = Number(option("agents", which === "loop" ? "1000000" : "300000"));
  const pairs = Number(option("pairs", "6"));
  const considerRate = which === "decide" ? 1000 : undefined;
  const outDir = mkdtempSync(join(tmpdir(), "talentflow-ab-"));
  const a = await loadCore(rootA, "a", outDir);
  const b = await loadCore(rootB, "b", outDir);
  console.log(`${which}, ${agents} agents, ${PERIODS} periods; A = ${resolve(rootA)}, B = ${resolve(rootB)}`);
  cpuSeconds(a, agents, considerRate);
  cpuSeconds(b, agents, considerRate);
  const timesA: number[] = [];
  const timesB: number[] = [];
  const ratios: number[] = [];
  for (let k = 0; k < pairs; k++) {
    let ta: number;
    let tb: number;
    if (k % 2 === 0) {
      ta = cpuSeconds(a, agents, considerRate);
      tb = cpuSeconds(b, agents, considerRate);
    } else {
      tb = cpuSeconds(b, agents, considerRate);
      ta = cpuSeconds(a, agents, considerRate);
    }
    timesA.push(ta);
    timesB.push(tb);
    ratios.push(tb / ta);
    console.log(
      `pair ${k + 1} (${k % 2 === 0 ? "A,B" : "B,A"}): A ${ta.toFixed(3)} ` +
        `s, B ${tb.toFixed(3)} s, B/A ${(tb / ta).toFixed(3)}`,
    );
  }
  const rate = (t: number): string => `${((agents * PERIODS) / t / 1e6).toFixed(2)} M agent-periods/s`;
  // The run second in a pair is often slower (the heap of the first, the other work on the
  // cores), so the two orders are averaged with equal weight: the geometric mean of each order's
  // geometric mean.
  const geomean = (xs: number[]): number => Math.exp(xs.reduce((sum, x) => sum + Math.log(x), 0) / xs.length);
  const ab = ratios.filter((_, k) => k % 2 === 0);
  const ba = ratios.filter((_, k) => k % 2 === 1);
  const balanced = ba.length > 0 ? Math.sqrt(geomean(ab) * geomean(ba)) : geomean(ab);
  console.log(
    `B/A CPU time: median ${median(ratios).toFixed(3)}, ` +
      `min ${Math.min(...ratios).toFixed(3)}, max ${Math.max(...ratios).toFixed(3)}; ` +
      `order-balanced ${balanced.toFixed(3)} (A,B pairs ${geomean(ab).toFixed(3)}, ` +
      `B,A pairs ${ba.length > 0 ? geomean(ba).toFixed(3) : "-"}); ` +
      `A ${rate(median(timesA))}, B ${rate(median(timesB))} (medians)`,
  );
}

await main();
