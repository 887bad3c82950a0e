/**
 * The demo: baseline and the Germany-Canada alliance for 2026-2036 at full scale (one agent per
 * person), with readable tables of stocks, net flows, brain drain and the alliance's effect.
 *
 *   pnpm demo            # full scale, about 950,000 agents
 *   pnpm demo --agents 50000
 */
import { scenarios, simulate, type RunResult } from "@talentflow/core";
import { formatTable } from "@talentflow/adapters";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

/** Options of the demo. */
export interface DemoOptions {
  /** Agents (default: one per person). */
  agents?: number;
  seed?: number;
  /** Where to write the text (default: standard output). */
  print?: (text: string) => void;
}

/** Runs baseline and alliance with the same seed and prints the tables; returns both runs. */
export function main(options: DemoOptions = {}): { baseline: RunResult; alliance: RunResult } {
  const print = options.print ?? ((text: string) => console.log(text));
  const scenarioOptions = options.agents !== undefined ? { agents: options.agents } : {};
  const seed = options.seed ?? 2026;
  const started = performance.now();
  const baseline = simulate(scenarios.baseline(scenarioOptions), { seed });
  const alliance = simulate(scenarios.alliance2026(scenarioOptions), { seed });
  const seconds = (performance.now() - started) / 1000;
  const b = baseline.summary;
  const a = alliance.summary;
  const regions = Object.keys(b.endStock);
  const people = Object.values(baseline.scenario.regions).reduce((x, r) => x + r.initialStock, 0);
  const agents = Math.round(people / baseline.scale);

  print(`TalentFlow demo: baseline vs Germany-Canada AI alliance (declared 14 Feb 2026), ${b.startYear}-${b.endYear}`);
  print(`${agents.toLocaleString("en-US")} agents, ${baseline.scale.toFixed(2)} people per agent, seed ${seed}, both runs in ${seconds.toFixed(1)} s\n`);

  print("People working in AI, by region");
  print(
    formatTable(
      ["region", `${b.startYear}`, `${b.endYear} baseline`, `${b.endYear} alliance`, "alliance effect", "effect %"],
      regions.map((r) => {
        const effect = a.endStock[r]! - b.endStock[r]!;
        return [r, b.startStock[r]!, b.endStock[r]!, a.endStock[r]!, signed(effect), signed((effect / b.endStock[r]!) * 100, 2)];
      }),
    ),
  );

  print(`\nNet moves between regions, ${b.startYear}-${b.endYear} (people; origin -> destination)`);
  const pairs = new Set([...Object.keys(b.netFlows), ...Object.keys(a.netFlows)]);
  const net = (flows: Record<string, number>, pair: string) => {
    const [o, d] = pair.split("->");
    return (flows[pair] ?? 0) - (flows[`${d}->${o}`] ?? 0);
  };
  const seen = new Set<string>();
  const flowRows: (string | number)[][] = [];
  for (const pair of pairs) {
    const [o, d] = pair.split("->");
    if (seen.has(`${d}->${o}`)) continue;
    seen.add(pair);
    const key = net(b.netFlows, pair) >= 0 ? pair : `${d}->${o}`;
    flowRows.push([key, net(b.netFlows, key), net(a.netFlows, key), signed(net(a.netFlows, key) - net(b.netFlows, key))]);
  }
  flowRows.sort((x, y) => (y[1] as number) - (x[1] as number));
  print(formatTable(["pair", "baseline", "alliance", "alliance effect"], flowRows));

  print(`\nBrain drain in ${b.endYear}: share of citizens working outside their country`);
  print(
    formatTable(
      ["citizens", "baseline %", "alliance %", "effect (points)"],
      ["DE", "CA"].map((c) => [c, pct(b.brainDrain[c]!), pct(a.brainDrain[c]!), signed(pct(a.brainDrain[c]!) - pct(b.brainDrain[c]!), 2)]),
    ),
  );
  const cv = Math.exp((a.welfare - b.welfare) / 0.65) - 1;
  print(`\nWelfare (mean logsum over the run): baseline ${b.welfare.toFixed(4)}, alliance ${a.welfare.toFixed(4)}; compensating variation ${(cv * 100).toFixed(3)}% of income`);
  print("One seed, one run each: differences of a few hundred people can be noise; replicate before reading them.");
  return { baseline, alliance };
}

function pct(x: number): number {
  return Math.round(x * 10000) / 100;
}

function signed(x: number, digits = 0): string {
  const text = x.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return x > 0 ? `+${text}` : text;
}

/** What `pnpm demo --help` prints. */
export const DEMO_HELP = [
  "Usage: pnpm demo [--agents N] [--seed S]",
  "",
  "Runs the baseline and the Germany-Canada alliance for 2026-2036 with the same seed and prints",
  "stocks, net moves, brain drain and the alliance's effect.",
  "",
  "Options:",
  "  --agents N  Agents (default: one per person, about 950,000; a full run takes a while)",
  "  --seed S    Seed, a whole number (default 2026)",
  "  --help      Show this help",
  "",
  "Example:",
  "  pnpm demo --agents 50000",
].join("\n");

const DEMO_FLAGS = ["agents", "seed", "help"] as const;

/**
 * Reads the demo's command line: its options, a request for help, or an error that names the
 * flag (and the closest known one) for an unknown flag or a bad value.
 *
 * @example
 * demoArguments(["--agent", "5000"]) // => { error: "unknown option --agent (did you mean --agents?)" }
 */
export function demoArguments(argv: readonly string[]): { options: DemoOptions } | { help: true } | { error: string } {
  const { tokens } = parseArgs({
    args: [...argv],
    options: { agents: { type: "string" }, seed: { type: "string" }, help: { type: "boolean", short: "h" } },
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const options: DemoOptions = {};
  for (const token of tokens) {
    if (token.kind === "positional") return { error: `the demo takes no arguments, got ${JSON.stringify(token.value)}` };
    if (token.kind !== "option") continue;
    const name = token.name as (typeof DEMO_FLAGS)[number];
    if (!DEMO_FLAGS.includes(name)) {
      const typed = token.rawName.replace(/^-+/, "");
      const near = DEMO_FLAGS.find((f) => f.startsWith(typed.slice(0, 3)) || typed.startsWith(f.slice(0, 3)));
      return { error: `unknown option ${token.rawName}${near ? ` (did you mean --${near}?)` : ""}; options are --agents, --seed, --help` };
    }
    if (name === "help") return { help: true };
    const value = token.value ?? "";
    if (!/^\d+$/.test(value) || (name === "agents" && Number(value) < 1)) {
      return { error: `--${name} must be a whole number${name === "agents" ? " >= 1" : ""}, got ${JSON.stringify(value)}` };
    }
    options[name] = Number(value);
  }
  return { options };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const parsed = demoArguments(process.argv.slice(2));
  if ("help" in parsed) console.log(DEMO_HELP);
  else if ("error" in parsed) {
    console.error(`pnpm demo: ${parsed.error}\nRun \`pnpm demo --help\` for usage.`);
    process.exitCode = 2;
  } else main(parsed.options);
}
