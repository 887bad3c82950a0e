/**
 * The baseline's moments against its calibration targets (core's `BASELINE_TARGETS`, listed with
 * their sources in data/targets.csv and docs/scenarios.md). Prints a table: moment, target, its standard error, the model's
 * value (mean over replications), the distance in standard errors.
 *
 *   pnpm moments                 # 3 replications at 190,000 agents
 *   pnpm moments --write         # and writes the table into docs/scenarios.md
 */
import {
  BASELINE_TARGETS,
  scenarios,
  simulate,
  type BaselineTarget,
  type RunResult,
  type Scenario,
} from "@talentflow/core";
import { formatTable, writeFileAtomic } from "@talentflow/adapters";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { pathToFileURL } from "node:url";

/** A target moment (one row of data/targets.csv). */
export type Target = BaselineTarget;

/** The baseline's targets (core's `BASELINE_TARGETS`; data/targets.csv lists them with their sources). */
export const TARGETS: readonly Target[] = BASELINE_TARGETS;

const FIRST_YEARS = 3;

function mean(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

/** The model's moments from one baseline run and one run of the pre-fee regime. */
export function modelMoments(run: RunResult, preFee: RunResult): Record<string, number> {
  const ppy = run.scenario.periodsPerYear;
  const early = run.rows.filter((r) => r.period < FIRST_YEARS * ppy);
  const four = ["DE", "CA", "SV", "USR"];
  let moves = 0;
  let stock = 0;
  for (const r of early) {
    if (r.metric === "flow" && four.includes(r.origin)) moves += r.value;
    if (r.metric === "stock" && four.includes(r.region)) stock += r.value;
  }
  const periods = FIRST_YEARS * ppy;
  const mobility = moves / (stock / periods) / FIRST_YEARS;
  const values = (metric: string, key: "region" | "citizenship", code: string, rows = run.rows) =>
    rows.filter((r) => r.metric === metric && r[key] === code).map((r) => r.value);
  const firstDraw = preFee.rows.find((r) => r.metric === "selectionRate" && r.region === "SV")!;
  return {
    annual_mobility_rate: mobility,
    us_migrant_exit_within_5y: mean(values("cohortExit5y", "region", "US")),
    canada_migrant_exit_within_5y: mean(values("cohortExit5y", "region", "CA")),
    canada_stem_grads_abroad_share: mean(values("brainDrainYoung", "citizenship", "CA", early)),
    h1b_selection_rate: firstDraw.value,
    top_researchers_outside_home_country: mean(
      early.filter((r) => r.metric === "topResearchersAbroad").map((r) => r.value),
    ),
  };
}

/** The regime of the FY2026 draw: the baseline without the US fee of September 2025. */
export function preFeeRegime(s: Scenario): Scenario {
  return {
    ...s,
    name: `${s.name}-pre-fee`,
    policies: s.policies.filter((p) => !(p.kind === "visaRegime" && p.fee !== undefined)),
  };
}

/** Options of {@link main}. */
export interface MomentsOptions {
  agents?: number;
  replications?: number;
  print?: (text: string) => void;
}

/** Runs the baseline and prints model against target, moment by moment; returns the rows. */
export function main(options: MomentsOptions = {}): Array<{ target: Target; model: number; distance: number }> {
  const print = options.print ?? ((text: string) => console.log(text));
  const agents = options.agents ?? 190_000;
  const replications = options.replications ?? 3;
  const sums: Record<string, number[]> = {};
  for (let rep = 0; rep < replications; rep++) {
    const base = scenarios.baseline({ agents });
    const run = simulate(base, { seed: 1, replicate: rep });
    const pre = simulate({ ...preFeeRegime(base), years: 1 }, { seed: 1, replicate: rep, metrics: ["selectionRate"] });
    for (const [k, v] of Object.entries(modelMoments(run, pre))) (sums[k] ??= []).push(v);
  }
  const out = TARGETS.map((target) => {
    const model = mean(sums[target.moment]);
    return { target, model, distance: (model - target.value) / target.se };
  });
  const table = formatTable(
    ["moment", "target", "SE", "model", "distance (SE)"],
    out.map(({ target, model, distance }) => [
      target.moment,
      target.value.toFixed(3),
      target.se.toFixed(3),
      model.toFixed(3),
      distance.toFixed(2),
    ]),
  );
  print(table);
  print(`\nbaseline, ${agents.toLocaleString("en-US")} agents, ${replications} replications of master seed 1`);
  return out;
}

function argument(name: string): string | undefined {
  const k = process.argv.indexOf(`--${name}`);
  return k >= 0 ? process.argv[k + 1] : undefined;
}

/** The table as Markdown, for docs/scenarios.md. */
export function momentsMarkdown(rows: ReturnType<typeof main>, agents: number, replications: number): string {
  const lines = [
    "| moment | what | target | SE | model | distance (SE) | source |",
    "| --- | --- | ---: | ---: | ---: | ---: | --- |",
    ...rows.map(
      ({ target, model, distance }) =>
        `| ${target.moment} | ${target.description} | ${target.value.toFixed(3)} | ${target.se.toFixed(3)} | ${model.toFixed(3)} | ${distance.toFixed(2)} | ${target.source} |`,
    ),
    "",
    `Baseline, ${agents.toLocaleString("en-US")} agents, ${replications} replications of master seed 1. Generated by \`pnpm moments --write\`.`,
  ];
  return lines.join("\n");
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const agents = Number(argument("agents") ?? 190_000);
  const replications = 3;
  const rows = main({ agents, replications });
  if (process.argv.includes("--write")) {
    const file = fileURLToPath(new URL("../docs/scenarios.md", import.meta.url));
    const text = readFileSync(file, "utf8");
    const start = "<!-- moments:start -->";
    const end = "<!-- moments:end -->";
    const a = text.indexOf(start);
    const b = text.indexOf(end);
    if (a < 0 || b < a) throw new Error(`${file} has no ${start} ... ${end} markers`);
    await writeFileAtomic(
      file,
      `${text.slice(0, a + start.length)}\n${momentsMarkdown(rows, agents, replications)}\n${text.slice(b)}`,
    );
    console.log(`wrote the table into ${file}`);
  }
}
