/**
 * What the explorer's worker computes: the scenario against the baseline on paired replications
 * (common random numbers, core's `planCompare`), the scenario's own replication (core's
 * `createReplication`, fed the same runs: replicate r of both has seed `runSeed(seed, r)`), and
 * their report sections (the charts and tables of `talentflow report`). Pure: runs in a worker,
 * in Node or in a page.
 * @internal
 * @module
 */
import {
  createReplication,
  executeRunSpec,
  outputsByKey,
  planCompare,
  type CompareResult,
  type ReplicateResult,
  type RunOutput,
  type Scenario,
} from "@talentflow/core";
import type { ReportSection } from "../report/report";
import { reportFromResult } from "../report/reportFromResult";
import { regionName } from "../report/names";

/** One paired comparison to run. */
export interface ExplorerJob {
  readonly scenario: Scenario;
  readonly baseline: Scenario;
  readonly replications: number;
  readonly seed: number;
}

/** The metrics the page draws (welfare is added by the comparison). */
export const EXPLORER_METRICS = ["stock", "flow", "brainDrain"] as const;

/** Both results of a job. */
export interface ExplorerResults {
  readonly comparison: CompareResult;
  readonly replication: ReplicateResult;
  /** Agent-periods stepped over every run. */
  readonly agentPeriods: number;
}

/**
 * Runs a job, calling `onProgress(done, total)` after each run. The comparison is exactly
 * `compare({ baseline, [scenario.name]: scenario }, { replications, seed, metrics, varianceReduction: false })`.
 */
export function runExplorerJob(job: ExplorerJob, onProgress: (done: number, total: number) => void): ExplorerResults {
  const options = { replications: job.replications, seed: job.seed, metrics: [...EXPLORER_METRICS] };
  const plan = planCompare(
    { baseline: job.baseline, [armName(job)]: job.scenario },
    { ...options, varianceReduction: false },
  );
  const specs = [...new Map(plan.specs.map((s) => [s.key, s])).values()];
  const outputs: RunOutput[] = [];
  let agentPeriods = 0;
  for (const spec of specs) {
    const run = executeRunSpec(spec);
    agentPeriods += run.agentPeriods ?? 0;
    outputs.push(run);
    onProgress(outputs.length, specs.length);
  }
  const comparison = plan.aggregate(outputs);
  const replicationOf = createReplication(job.scenario, options);
  const byKey = outputsByKey(plan.specs, outputs);
  replicationOf.tell(replicationOf.ask().map((s) => byKey.get(s.key)!));
  return { comparison, replication: replicationOf.result(), agentPeriods };
}

/** The arm's name in the comparison: the scenario's, unless it is "baseline". */
export function armName(job: Pick<ExplorerJob, "scenario">): string {
  return job.scenario.name === "baseline" ? "scenario" : job.scenario.name;
}

/**
 * The page's sections, in its order: the stock over time with bands, the effect on the stock,
 * the flows, brain drain, the effect on brain drain, the effect on welfare.
 */
export async function explorerSections(results: ExplorerResults): Promise<ReportSection[]> {
  const own = (await reportFromResult(results.replication)).sections;
  const effects = (await reportFromResult(results.comparison)).sections;
  const pick = (list: readonly ReportSection[], start: string) => list.filter((s) => s.title.startsWith(start));
  return [
    ...pick(own, "Talent stock"),
    ...pick(effects, "Effect on the talent stock"),
    ...pick(own, "Flows"),
    ...pick(own, "Brain drain"),
    ...pick(effects, "Effect on brain drain"),
    ...pick(effects, "Effect on welfare"),
  ];
}

/**
 * One plain sentence on the effect on the stock at the horizon: the regions whose interval
 * excludes zero, in whole people, and the others as no clear effect.
 *
 * @example
 * // "By 2036 the scenario has 1,210 more people working in AI in Canada (95% interval 640 to 1,780)
 * //  than the baseline; no clear effect in Germany, Silicon Valley, Rest of US and Rest of world."
 */
export function summaryLine(results: ExplorerResults): string {
  const { comparison } = results;
  const stock = comparison.differences.filter((d) => d.metric === "stock" && d.region !== "");
  if (stock.length === 0) return "The runs reported no talent stock.";
  const last = Math.max(...stock.map((d) => d.period));
  const at = stock.filter((d) => d.period === last).sort((a, b) => Math.abs(b.mean) - Math.abs(a.mean));
  const level = Math.round(comparison.confidence * 100);
  const people = (n: number) => Math.round(Math.abs(n)).toLocaleString("en-US");
  const signed = (n: number) => `${Math.round(n) < 0 ? "−" : ""}${people(n)}`;
  const clear = at.filter((d) => d.ciLow > 0 || d.ciHigh < 0);
  const unclear = at.filter((d) => !clear.includes(d)).map((d) => regionName(d.region));
  const horizon = Math.round(at[0].year + 1 / 4);
  const parts = clear.map(
    (d) =>
      `${people(d.mean)} ${d.mean > 0 ? "more" : "fewer"} people working in AI in ${regionName(d.region)} ` +
      `(${level}% interval ${signed(d.ciLow)} to ${signed(d.ciHigh)})`,
  );
  const tail = unclear.length === 0 ? "" : `${parts.length > 0 ? "; " : ""}no clear effect in ${joinNames(unclear)}`;
  const head =
    parts.length > 0 ? `By ${horizon} the scenario has ${joinNames(parts)} than the baseline` : `By ${horizon}`;
  return `${head}${parts.length === 0 ? ` the scenario has ${tail.replace(/^; /, "")}` : tail}, over ${
    comparison.replications
  } paired replications (seed ${String(comparison.seed)}).`;
}

function joinNames(names: readonly string[]): string {
  if (names.length <= 1) return names.join("");
  return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}
