/**
 * The demo: baseline and the Germany-Canada alliance for 2026-2036 at full scale (one agent per
 * person), with readable tables of stocks, net flows, brain drain and the alliance's effect.
 *
 *   pnpm demo            # full scale, 477,600 agents
 *   pnpm demo --agents 50000
 *   pnpm demo --help
 */
import { ValidationError, closestKey, scenarios, simulate, type RunResult } from "@talentflow/core";
import { formatTable } from "@talentflow/adapters";
import { pathToFileURL } from "node:url";

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
  print(
    `${agents.toLocaleString("en-US")} agents, ${baseline.scale.toFixed(2)} ` +
      `people per agent, seed ${seed}, both runs in ${seconds.toFixed(1)} s\n`,
  );

  print("People working in AI, by region");
  print(
    formatTable(
      ["region", `${b.startYear}`, `${b.endYear} baseline`, `${b.endYear} alliance`, "alliance effect", "effect %"],
      regions.map((r) => {
        const effect = a.endStock[r] - b.endStock[r];
        return [
          r,
          b.startStock[r],
          b.endStock[r],
          a.endStock[r],
          signed(effect),
          signed((effect / b.endStock[r]) * 100, 2),
        ];
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
    flowRows.push([
      key,
      net(b.netFlows, key),
      net(a.netFlows, key),
      signed(net(a.netFlows, key) - net(b.netFlows, key)),
    ]);
  }
  flowRows.sort((x, y) => (y[1] as number) - (x[1] as number));
  print(formatTable(["pair", "baseline", "alliance", "alliance effect"], flowRows));

  print(`\nBrain drain in ${b.endYear}: share of citizens working outside their country`);
  print(
    formatTable(
      ["citizens", "baseline %", "alliance %", "effect (points)"],
      ["DE", "CA"].map((c) => [
        c,
        pct(b.brainDrain[c]),
        pct(a.brainDrain[c]),
        signed(pct(a.brainDrain[c]) - pct(b.brainDrain[c]), 2),
      ]),
    ),
  );
  const cv = Math.exp((a.welfare - b.welfare) / 0.65) - 1;
  print(
    `\nWelfare (mean expected utility of the decision over the run): baseline ${b.welfare.toFixed(4)}, ` +
      `alliance ${a.welfare.toFixed(4)}; compensating variation ${(cv * 100).toFixed(3)}% of income`,
  );
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
export const USAGE = `Usage: pnpm demo [--agents N] [--seed N]

Runs the baseline and the Germany-Canada alliance (2026-2036) with the same seed and prints
stocks, net moves, brain drain and welfare side by side.

Options:
  --agents N   number of agents, a whole number >= 1 (default: one agent per person,
               477,600; a full run takes a few seconds per scenario)
  --seed N     master seed, a whole number (default 2026)
  --help, -h   print this help and exit

Example:
  pnpm demo --agents 50000 --seed 7`;

/** The parsed command line: run with options, print the help, or refuse with a message. */
export type DemoCommand =
  | { readonly kind: "run"; readonly options: Pick<DemoOptions, "agents" | "seed"> }
  | { readonly kind: "help" }
  | { readonly kind: "error"; readonly message: string };

const FLAGS = ["--agents", "--seed", "--help"] as const;

/**
 * Parses the demo's arguments (without `node` and the script): `--agents N`, `--seed N`
 * (also as `--agents=N`), `--help`. Unknown flags, missing values and bad values give an error
 * that names the flag and, for a misspelling, the flag meant.
 *
 * @example
 * parseDemoArguments(["--agents", "5000"]) // => { kind: "run", options: { agents: 5000 } }
 * parseDemoArguments(["--agent", "5000"])
 * // => { kind: "error", message: "unknown flag --agent (did you mean --agents?)" }
 */
export function parseDemoArguments(argv: readonly string[]): DemoCommand {
  const options: { agents?: number; seed?: number } = {};
  for (let k = 0; k < argv.length; k++) {
    const arg = argv[k];
    if (arg === "--help" || arg === "-h") return { kind: "help" };
    const eq = arg.indexOf("=");
    const flag = arg.startsWith("--") && eq > 0 ? arg.slice(0, eq) : arg;
    if (flag !== "--agents" && flag !== "--seed") {
      if (!arg.startsWith("-"))
        return {
          kind: "error",
          message: `unexpected argument ${JSON.stringify(arg)}: the demo takes only flags (see --help)`,
        };
      const near = closestKey(flag, FLAGS);
      return { kind: "error", message: `unknown flag ${flag}${near ? ` (did you mean ${near}?)` : ""}` };
    }
    const value = flag === arg ? argv[++k] : arg.slice(eq + 1);
    if (value === undefined || value === "" || value.startsWith("--"))
      return { kind: "error", message: `${flag} needs a value, e.g. ${flag} ${flag === "--agents" ? "50000" : "7"}` };
    const n = Number(value);
    if (flag === "--agents") {
      if (!Number.isSafeInteger(n) || n < 1)
        return { kind: "error", message: `--agents must be a whole number >= 1, got ${JSON.stringify(value)}` };
      options.agents = n;
    } else {
      if (!Number.isSafeInteger(n))
        return { kind: "error", message: `--seed must be a whole number, got ${JSON.stringify(value)}` };
      options.seed = n;
    }
  }
  return { kind: "run", options };
}

/**
 * The command line: parses `argv`, prints the help (exit code 0), refuses bad usage on `error`
 * (exit code 2) or runs the demo (exit code 0). Returns the exit code; never calls process.exit.
 */
export function cli(
  argv: readonly string[],
  io: { print?: (text: string) => void; error?: (text: string) => void } = {},
): number {
  const print = io.print ?? ((text: string) => console.log(text));
  const error = io.error ?? ((text: string) => console.error(text));
  const command = parseDemoArguments(argv);
  if (command.kind === "help") {
    print(USAGE);
    return 0;
  }
  if (command.kind === "error") {
    error(`pnpm demo: ${command.message}\nRun pnpm demo --help for usage.`);
    return 2;
  }
  try {
    main({ ...command.options, print });
  } catch (e) {
    // The scenario's own limits (e.g. memory for the agents asked for) are bad input, not a crash.
    if (!(e instanceof ValidationError)) throw e;
    error(`pnpm demo: ${e.message}`);
    return 2;
  }
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  process.exitCode = cli(process.argv.slice(2));
}
