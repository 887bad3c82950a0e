/**
 * The baseline's moments: every moment of core's `BASELINE_MOMENTS` (the candidates of
 * data/sources/moments_candidates.csv that the model can compute; data/targets.csv lists them
 * with their sources), fitted and validation, and the six older targets of core's
 * `BASELINE_TARGETS` (the targets of the `pnpm calibrate` demonstration). Prints, for each: the
 * data's value, its standard error, the model's value (mean over replications) and the distance
 * in standard errors.
 *
 *   pnpm moments                 # 5 replications at 95,000 agents
 *   pnpm moments --write         # and writes both tables into docs/scenarios.md
 *   pnpm moments --agents 19000 --replications 2
 */
import {
  BASELINE_MOMENTS,
  BASELINE_TARGETS,
  type BaselineMoment,
  type BaselineTarget,
  momentValue,
  preFeeRegime,
  type RunResult,
  type Scenario,
  scenarios,
  simulate,
} from "@talentflow/core";
import { formatTable, writeFileAtomic } from "@talentflow/adapters";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { pathToFileURL } from "node:url";

/** One of the six older targets of core's `BASELINE_TARGETS`, which `pnpm calibrate` fits. */
export type Target = BaselineTarget;

/**
 * The six older targets (core's `BASELINE_TARGETS`), which `pnpm calibrate` fits; the baseline is
 * calibrated to `BASELINE_MOMENTS` (data/targets.csv lists them).
 */
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

/** Options of {@link main}. */
export interface MomentsOptions {
  agents?: number;
  replications?: number;
  print?: (text: string) => void;
}

/** One moment of `BASELINE_MOMENTS` against the baseline: the model's mean and spread over replications. */
export interface MomentRow {
  moment: BaselineMoment;
  model: number;
  /** Standard deviation of the model's value across replications (0 with one replication). */
  modelSd: number;
  /** (model - value) / se. */
  distance: number;
}

/** One of the six current targets (`BASELINE_TARGETS`) against the baseline. */
export interface TargetRow {
  target: Target;
  model: number;
  distance: number;
}

/** What {@link main} measured: the full list of moments and the six current targets. */
export interface MomentsResult {
  moments: MomentRow[];
  targets: TargetRow[];
  agents: number;
  replications: number;
}

function sd(xs: number[]): number {
  if (xs.length < 2) return 0;
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1));
}

/** Runs the baseline and prints every moment, fitted then validation, and the six current targets. */
export function main(options: MomentsOptions = {}): MomentsResult {
  const print = options.print ?? ((text: string) => console.log(text));
  const agents = options.agents ?? 95_000;
  const replications = options.replications ?? 5;
  const byMoment: Record<string, number[]> = {};
  const byTarget: Record<string, number[]> = {};
  for (let rep = 0; rep < replications; rep++) {
    const base = scenarios.baseline({ agents });
    const run = simulate(base, { seed: 1, replicate: rep });
    const derived = new Map<(s: Scenario) => Scenario, RunResult>();
    for (const m of BASELINE_MOMENTS) {
      let result = run;
      if (m.derive) {
        const derive = m.derive;
        result = derived.get(derive) ?? simulate(derive(base), { seed: 1, replicate: rep });
        derived.set(derive, result);
      }
      (byMoment[m.name] ??= []).push(momentValue(m, result));
    }
    const pre = simulate(preFeeRegime(base), { seed: 1, replicate: rep, metrics: ["selectionRate"] });
    for (const [k, v] of Object.entries(modelMoments(run, pre))) (byTarget[k] ??= []).push(v);
  }
  const moments = BASELINE_MOMENTS.map((moment) => {
    const model = mean(byMoment[moment.name]);
    return { moment, model, modelSd: sd(byMoment[moment.name]), distance: (model - moment.value) / moment.se };
  });
  const targets = TARGETS.map((target) => {
    const model = mean(byTarget[target.moment]);
    return { target, model, distance: (model - target.value) / target.se };
  });
  for (const use of ["fit", "validation"] as const) {
    print(use === "fit" ? "Moments to fit" : "\nMoments kept for validation");
    print(
      formatTable(
        ["id", "moment", "data", "SE", "model", "model SD", "distance (SE)"],
        moments
          .filter((r) => r.moment.use === use)
          .map(({ moment, model, modelSd, distance }) => [
            moment.id,
            moment.name,
            format(moment.value),
            format(moment.se),
            format(model),
            format(modelSd),
            distance.toFixed(2),
          ]),
      ),
    );
  }
  print("\nThe six older targets of the pnpm calibrate demonstration (BASELINE_TARGETS)");
  print(
    formatTable(
      ["moment", "target", "SE", "model", "distance (SE)"],
      targets.map(({ target, model, distance }) => [
        target.moment,
        target.value.toFixed(3),
        target.se.toFixed(3),
        model.toFixed(3),
        distance.toFixed(2),
      ]),
    ),
  );
  print(`\nbaseline, ${agents.toLocaleString("en-US")} agents, ${replications} replications of master seed 1`);
  return { moments, targets, agents, replications };
}

/** A value with four significant digits (rates of a few per mille stay readable). */
function format(x: number): string {
  return Math.abs(x) >= 0.1 || x === 0 ? x.toFixed(3) : x.toPrecision(2);
}

function argument(name: string): string | undefined {
  const k = process.argv.indexOf(`--${name}`);
  return k >= 0 ? process.argv[k + 1] : undefined;
}

/** The table of every moment as Markdown, for docs/scenarios.md ("Moments: fitted, validated and missed"). */
export function baselineMomentsMarkdown(result: MomentsResult): string {
  const lines = [
    "| use | id | moment | data | SE | model | distance (SE) | model's counterpart | source |",
    "| --- | --- | --- | ---: | ---: | ---: | ---: | --- | --- |",
    ...(["fit", "validation"] as const).flatMap((use) =>
      result.moments
        .filter((r) => r.moment.use === use)
        .map(({ moment, model, distance }) => {
          const src = moment.source.publisher
            ? `${moment.source.publisher}, ${moment.source.title} (${moment.source.year})`
            : "assumed";
          return (
            `| ${use} | ${moment.id} | ${moment.name} | ${format(moment.value)} | ${format(moment.se)} ` +
            `| ${format(model)} | ${distance.toFixed(2)} | ${moment.counterpart} | ${src} |`
          );
        }),
    ),
    "",
    `Baseline, ${result.agents.toLocaleString("en-US")} agents, mean of ${result.replications} ` +
      `replications of master seed 1. Generated by \`pnpm moments --write\`.`,
  ];
  return lines.join("\n");
}

/** The six older targets as Markdown, for docs/scenarios.md ("Model against targets"). */
export function momentsMarkdown(result: MomentsResult): string {
  const lines = [
    "| moment | what | target | SE | model | distance (SE) | source |",
    "| --- | --- | ---: | ---: | ---: | ---: | --- |",
    ...result.targets.map(
      ({ target, model, distance }) =>
        `| ${target.moment} | ${target.description} | ${target.value.toFixed(3)} ` +
        `| ${target.se.toFixed(3)} | ${model.toFixed(3)} | ${distance.toFixed(2)} | ${target.source} |`,
    ),
    "",
    `Baseline, ${result.agents.toLocaleString("en-US")} agents, ${result.replications} ` +
      `replications of master seed 1. Generated by \`pnpm moments --write\`.`,
  ];
  return lines.join("\n");
}

/** `text` with the part between `<!-- name:start -->` and `<!-- name:end -->` replaced by `table`. */
export function replaceBetweenMarkers(text: string, name: string, table: string): string {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const a = text.indexOf(start);
  const b = text.indexOf(end);
  if (a < 0 || b < a) throw new Error(`docs/scenarios.md has no ${start} ... ${end} markers`);
  return `${text.slice(0, a + start.length)}\n${table}\n${text.slice(b)}`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const agents = Number(argument("agents") ?? 95_000);
  const replications = Number(argument("replications") ?? 5);
  if (!(Number.isInteger(agents) && agents > 0)) throw new Error(`--agents must be a whole number > 0, got ${agents}`);
  if (!(Number.isInteger(replications) && replications > 0))
    throw new Error(`--replications must be a whole number > 0, got ${replications}`);
  const result = main({ agents, replications });
  if (process.argv.includes("--write")) {
    const file = fileURLToPath(new URL("../docs/scenarios.md", import.meta.url));
    let text = readFileSync(file, "utf8");
    text = replaceBetweenMarkers(text, "moments", momentsMarkdown(result));
    text = replaceBetweenMarkers(text, "baseline-moments", baselineMomentsMarkdown(result));
    await writeFileAtomic(file, text);
    console.log(`wrote both tables into ${file}`);
  }
}
