import { ValidationError, type ExperimentPlan, type RunOutput, type TidyRow } from "@talentflow/core";
import { openMergedDataset } from "./_mergedDataset";
import { requireStoredPlan, storedPlan, differenceOf, planText } from "./_planFile";
import { TIDY_COLUMNS, sqlIdent } from "./_tidyColumns";
import { toNumber } from "./_duckdb";

/**
 * The runs of a merged folder as core's run outputs (key and rows, rows exactly as the run
 * produced them: the tidy columns in their order), in the plan's run order.
 *
 * @throws ValidationError when the folder is not merged.
 * @example
 * const outputs = await readRunOutputs("out/sweep");
 * outputs[0] // => { run: "<hash>/r0", rows: [{ run, scenario, replicate, seed, period, year, metric, … }] }
 */
export async function readRunOutputs(dir: string): Promise<RunOutput[]> {
  const plan = await requireStoredPlan(dir);
  const { duck } = await openMergedDataset(dir);
  try {
    const reader = await duck.connection.runAndReadAll(
      `SELECT ${TIDY_COLUMNS.map(([n]) => sqlIdent(n)).join(", ")} FROM rows`,
    );
    const columns = reader.getColumnsJS();
    const [run, scenario, replicate, seed, period, year, metric, region, origin, destination, citizenship, value] =
      columns as unknown[][];
    const byKey = new Map<string, TidyRow[]>();
    for (const r of plan.runs) byKey.set(r.key, []);
    const n = run.length;
    for (let i = 0; i < n; i++) {
      const key = run[i] as string;
      const rows = byKey.get(key);
      if (!rows)
        throw new ValidationError(
          [{ path: `rows.${i}`, message: `run ${JSON.stringify(key)} is not in plan.json` }],
          "the merged dataset does not match its plan",
        );
      rows.push({
        run: key,
        scenario: scenario[i] as string,
        replicate: toNumber(replicate[i]),
        seed: toNumber(seed[i]),
        period: toNumber(period[i]),
        year: year[i] as number,
        metric: metric[i] as string,
        region: region[i] as string,
        origin: origin[i] as string,
        destination: destination[i] as string,
        citizenship: citizenship[i] as string,
        value: value[i] as number,
      });
    }
    return plan.runs.map((r) => ({ run: r.key, rows: byKey.get(r.key)! }));
  } finally {
    duck.close();
  }
}

/**
 * Runs a plan's analysis on a merged folder: reads the runs' rows (see {@link readRunOutputs})
 * and passes them to `plan.aggregate`, giving the result `runPlan(plan)` would give, without
 * running the model again. The expensive runs (on a cluster) and the cheap analysis (here) are
 * separate steps: `talentflow sensitivity plan.yaml --from DIR` is this call.
 *
 * The plan must be the one the folder was run with: its runs (keys, seeds, replicates, points)
 * are checked against `plan.json`.
 *
 * @throws ValidationError when the folder is not merged or holds another plan's runs, naming the
 *   first difference.
 * @example
 * const plan = planSensitivity(base, {
 *   method: "morris", parameters, trajectories: 20, replications: 2, seed: 1, metric,
 * });
 * // … runShard(plan, { out, shard }) on every shard, then mergeRuns(out) …
 * const result = await aggregateFromDir(plan, out); // deep-equals runPlan(plan)
 */
export async function aggregateFromDir<Result>(plan: ExperimentPlan<Result>, dir: string): Promise<Result> {
  const stored = await requireStoredPlan(dir);
  const mine = storedPlan(plan.specs, stored.info);
  if (planText(mine) !== planText(stored)) {
    throw new ValidationError(
      [{ path: "plan", message: differenceOf(stored, mine) }],
      `the plan is not the one ${dir} was run with`,
    );
  }
  return plan.aggregate(await readRunOutputs(dir));
}
