/**
 * What each pillar of the alliance does (docs/alliance.md, "What each pillar does"): each pillar
 * alone against the baseline, and what is lost without it (the whole alliance against the
 * alliance without that pillar), for Canada's, Germany's and Silicon Valley's stocks and German
 * and Canadian brain drain, in each report year. Every difference is paired: both arms run on the
 * same seed and replicate (common random numbers); the interval is the 5%–95% range of the
 * paired replicates, as in (a) of examples/alliance.ts.
 *
 *   pnpm alliance --pillars      # this part alone, at the documented size
 */
import {
  executeRunSpec,
  type RunOutput,
  type RunSpec,
  runSeed,
  type Scenario,
  scenarioHash,
  scenarios,
  selectValue,
  withPolicies,
} from "@talentflow/core";
import { effectsChart, writeFileAtomic } from "@talentflow/adapters";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { type EffectSummary, summarize } from "./alliance";

/** Options of {@link pillarEffects}. */
export interface PillarOptions {
  agents: number;
  replications: number;
  seed: number | string;
  years: number;
  reportYears: readonly number[];
}

/** Runs specs (distinct by key) and returns their outputs by key, e.g. on worker threads. */
export type SpecRunner = (specs: readonly RunSpec[]) => Promise<Map<string, RunOutput>>;

/** A {@link SpecRunner} that runs the specs one after the other in this thread. */
async function runInThread(specs: readonly RunSpec[]): Promise<Map<string, RunOutput>> {
  const outputs = new Map<string, RunOutput>();
  for (const spec of specs) if (!outputs.has(spec.key)) outputs.set(spec.key, executeRunSpec(spec));
  return outputs;
}

/** One pillar's effect on one outcome in one year, alone and lost without it. */
export interface PillarEffect {
  pillar: string;
  outcome: string;
  year: number;
  unit: "people" | "share";
  /** The pillar alone minus the baseline. */
  alone: EffectSummary;
  /** The whole alliance minus the alliance without the pillar. */
  lost: EffectSummary;
}

const PILLAR_OUTCOMES = [
  { key: "stockCA", outcome: "Canada's stock", unit: "people", metric: "stock", region: "CA" },
  { key: "stockDE", outcome: "Germany's stock", unit: "people", metric: "stock", region: "DE" },
  { key: "stockSV", outcome: "Silicon Valley's stock", unit: "people", metric: "stock", region: "SV" },
  { key: "brainDrainDE", outcome: "German brain drain", unit: "share", metric: "brainDrain", citizenship: "DE" },
  { key: "brainDrainCA", outcome: "Canadian brain drain", unit: "share", metric: "brainDrain", citizenship: "CA" },
] as const;

const PILLAR_NAMES: Record<string, string> = {
  researchCooperation: "research cooperation",
  economicCooperation: "economic cooperation",
  regulatoryAlignment: "regulatory alignment",
  talentExchange: "talent exchange",
};

/**
 * Each pillar alone and the alliance without each pillar, paired with the baseline and the whole
 * alliance on the same seeds.
 *
 * @example
 * const effects = await pillarEffects({ agents: 2_000, replications: 2, seed: 1, years: 2, reportYears: [2028] });
 * effects.find((e) => e.pillar === "talent exchange" && e.outcome === "Germany's stock")?.alone.mean;
 */
export async function pillarEffects(o: PillarOptions, run: SpecRunner = runInThread): Promise<PillarEffect[]> {
  const sizes = { agents: o.agents, years: o.years };
  const base = scenarios.baseline(sizes);
  const pillars = scenarios.alliancePolicies();
  const arm = (policies: typeof pillars, name: string): Scenario =>
    withPolicies(base, policies, { name, description: `baseline plus ${name}` });
  const arms: Record<string, Scenario> = { baseline: base, all: arm(pillars, "alliance") };
  for (const p of pillars) {
    const name = PILLAR_NAMES[p.kind] ?? p.kind;
    arms[`alone:${name}`] = arm([p], name);
    arms[`without:${name}`] = arm(
      pillars.filter((q) => q !== p),
      `alliance without ${name}`,
    );
  }
  const selectors = o.reportYears.flatMap((year) =>
    PILLAR_OUTCOMES.map(({ key, outcome, unit, ...filters }) => ({
      key,
      outcome,
      unit,
      year,
      selector: { ...filters, period: (year - base.startYear) * base.periodsPerYear - 1 },
    })),
  );
  // Every arm's replicate r runs on runSeed(seed, r): common random numbers across the arms.
  const specOf = (s: Scenario, r: number): RunSpec => ({
    key: `${scenarioHash(s)}/r${r}`,
    scenario: s,
    seed: runSeed(o.seed, r),
    replicate: r,
    metrics: ["stock", "brainDrain"],
  });
  const replicates = Array.from({ length: o.replications }, (_, r) => r);
  const outputs = await run(Object.values(arms).flatMap((s) => replicates.map((r) => specOf(s, r))));
  // values[arm][replicate][selector]
  const values: Record<string, number[][]> = {};
  for (const [name, s] of Object.entries(arms))
    values[name] = replicates.map((r) => {
      const rows = outputs.get(specOf(s, r).key)!.rows;
      return selectors.map((x) => selectValue(rows, x.selector));
    });
  const paired = (a: string, b: string, i: number) => values[a].map((reps, r) => reps[i] - values[b][r][i]);
  return pillars.flatMap((p) => {
    const name = PILLAR_NAMES[p.kind] ?? p.kind;
    return selectors.map((x, i) => ({
      pillar: name,
      outcome: x.outcome,
      year: x.year,
      unit: x.unit,
      alone: summarize(`${name}/alone/${x.key}${x.year}`, paired(`alone:${name}`, "baseline", i)),
      lost: summarize(`${name}/lost/${x.key}${x.year}`, paired("all", `without:${name}`, i)),
    }));
  });
}

const cell = (unit: string, s: EffectSummary) =>
  unit === "people"
    ? `${Math.round(s.mean)} [${Math.round(s.lower)}, ${Math.round(s.upper)}]`
    : `${(100 * s.mean).toFixed(3)} [${(100 * s.lower).toFixed(3)}, ${(100 * s.upper).toFixed(3)}]`;

/** The markdown table of "What each pillar does": mean and 90% interval, alone and lost without it. */
export function pillarTable(effects: readonly PillarEffect[]): string[] {
  return [
    "\n## What each pillar does\n",
    "Paired differences (same seed and replicate), mean [5%, 95%] of the replicates; stocks in people,",
    "brain drain in percentage points. Alone: the pillar alone minus the baseline. Lost: the whole",
    "alliance minus the alliance without the pillar.\n",
    "| pillar | outcome | year | alone | lost without it |",
    "| --- | --- | --- | --- | --- |",
    ...effects.map(
      (e) => `| ${e.pillar} | ${e.outcome} | ${e.year} | ${cell(e.unit, e.alone)} | ${cell(e.unit, e.lost)} |`,
    ),
  ];
}

/** The chart of the stocks in the last report year: each pillar alone and lost without it. */
export async function pillarChart(effects: readonly PillarEffect[], out: string): Promise<string> {
  const last = Math.max(...effects.map((e) => e.year));
  const records = effects
    .filter((e) => e.year === last && e.unit === "people")
    .flatMap((e) => [
      { arm: "alone", label: `${e.pillar}: ${e.outcome}`, ...pick(e.alone) },
      { arm: "lost without it", label: `${e.pillar}: ${e.outcome}`, ...pick(e.lost) },
    ]);
  await mkdir(out, { recursive: true });
  const path = join(out, "alliance-pillars-stocks.svg");
  await writeFileAtomic(
    path,
    await effectsChart(records, {
      title: `What each pillar does: stocks on 1 January ${last}`,
      subtitle: "Paired replicates: mean and 5%–95% range",
      format: ",d",
      valueTitle: "Effect on the stock (people)",
    }),
  );
  return path;
}

const pick = (s: EffectSummary) => ({ mean: s.mean, lower: s.lower, upper: s.upper });
