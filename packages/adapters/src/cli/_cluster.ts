/**
 * The cluster side of the CLI: `--shard i/N`, `--shards N` and array-job environments on the
 * experiment commands (run one shard into `--out`), `--from DIR` (the analysis from a merged
 * folder), and the commands `merge`, `status` and `query`. See docs/clusters.md.
 * @internal
 * @module
 */
import type { ExperimentPlan } from "@talentflow/core";
import { resolve } from "node:path";
import { availableParallelism } from "node:os";
import { createWorkerPool } from "../parallel/createWorkerPool";
import { runSpecsParallel } from "../parallel/runSpecsParallel";
import { aggregateFromDir } from "../cluster/aggregateFromDir";
import { mergeRuns } from "../cluster/mergeRuns";
import { queryDataset } from "../cluster/queryDataset";
import { runShard } from "../cluster/runShard";
import { parseShard, formatShard, type Shard } from "../cluster/shard";
import { shardFromEnv } from "../cluster/shardFromEnv";
import { shardStatus } from "../cluster/shardStatus";
import { formatTable } from "../table";
import { UsageError, wholeNumber, type Flag } from "./_args";
import type { CliContext } from "./_commands";
import type { CliResult } from "./_output";
import { createProgress, type ProgressMode } from "./_progress";
import { toJson } from "./_summaries";

/** A shard as `i/N`, refused with a usage error naming the flag. */
const shardValue = (text: string, flag: string): Shard => {
  try {
    return parseShard(text);
  } catch (e) {
    throw new UsageError(
      `${flag} ${(e as Error).message
        .split("\n")
        .slice(1)
        .join(" ")
        .replace(/^\s*- shard(\.\w+)?: /, "")}`,
    );
  }
};

/** The flags of sharded runs and of the analysis from a merged folder. */
export const CLUSTER_FLAGS = {
  shard: {
    name: "shard",
    value: "i/N",
    help: "Run only shard i of N (from 0) into --out, one Parquet part per run; `talentflow merge` joins the shards.",
    parse: shardValue,
  },
  shards: {
    name: "shards",
    value: "N",
    help:
      "Number of shards, with an array job's index from the " +
      "environment (Kubernetes' JOB_COMPLETION_INDEX needs it).",
    parse: wholeNumber(1),
  },
  from: {
    name: "from",
    value: "DIR",
    help: "Do no runs: analyse the runs of a folder that `talentflow merge` merged.",
  },
} satisfies Record<string, Flag>;

/** What the experiment commands tell the cluster side: the result kind and the plan of runs. */
export interface Sharding {
  readonly kind: Exclude<CliResult["kind"], "run">;
  readonly plan: () => ExperimentPlan<unknown>;
  /** Saved in plan.json: the same for every shard of one plan. */
  readonly info: unknown;
  /** What the command's result carries besides `kind` and `result` (its scenario or arms, seed), for --out. */
  readonly extras: Readonly<Record<string, unknown>>;
}

/**
 * The shard this command runs: `--shard`, else the array job's environment (with `--shards`),
 * else none (the command runs the whole experiment as usual).
 */
export function shardOf(
  ctx: CliContext,
  values: Record<string, unknown>,
): (Shard & { readonly source?: string }) | undefined {
  const shards = values.shards as number | undefined;
  if (values.shard !== undefined) {
    const shard = values.shard as Shard;
    if (shards !== undefined && shards !== shard.count)
      throw new UsageError(`--shard ${formatShard(shard)} and --shards ${shards} disagree`);
    return shard;
  }
  if (values.from !== undefined) return undefined;
  const env = shardFromEnv(ctx.env ?? process.env, shards !== undefined ? { shards } : {});
  if (!env && shards !== undefined) {
    throw new UsageError(
      "--shards N needs an array job's index in the environment (SLURM_ARRAY_TASK_ID, " +
        "JOB_COMPLETION_INDEX, AWS_BATCH_JOB_ARRAY_INDEX); or give --shard i/N",
    );
  }
  return env;
}

/** Refuses the cluster flags on a command that has no plan of runs to split. */
export function refuseClusterFlags(values: Record<string, unknown>, why: string): void {
  for (const name of ["shard", "shards", "from"])
    if (values[name] !== undefined) throw new UsageError(`--${name}: ${why}`);
}

/** Runs one shard of the experiment into --out. */
export async function runShardCommand(
  ctx: CliContext,
  values: Record<string, unknown>,
  label: string,
  sharding: Sharding,
  shard: Shard & { readonly source?: string },
): Promise<number> {
  if (values.out === undefined) {
    throw new UsageError(
      `running shard ${formatShard(shard)}${
        shard.source ? ` (from the ${shard.source} ` + `array job's environment)` : ""
      } needs --out DIR, the folder shared by all shards`,
    );
  }
  if (values.format !== undefined)
    throw new UsageError("--format: a shard writes Parquet parts; `talentflow merge DIR --csv` adds CSV");
  if (values.report)
    throw new UsageError(
      "--report: a shard has no result yet; merge the shards, then " +
        "`talentflow <command> <plan> --from DIR --out DIR2 --report`",
    );
  if (values.from !== undefined)
    throw new UsageError("--from and --shard: a command either runs a shard or analyses a merged folder");
  const out = resolve(ctx.cwd, values.out as string);
  const mode: ProgressMode = values.quiet ? "none" : ctx.stderr.isTTY ? "bar" : "lines";
  const progress = createProgress(mode, ctx.stderr, `${label}, shard ${formatShard(shard)}`);
  let work = 0;
  const started = performance.now();
  let result: Awaited<ReturnType<typeof runShard>>;
  // The shard's runs go to the worker pool, `--workers` at a time, each committed as it finishes.
  const workers = (values.workers as number | undefined) ?? availableParallelism();
  const pool = createWorkerPool({ workers });
  try {
    result = await runShard(sharding.plan(), {
      out,
      shard,
      planInfo: sharding.info,
      execute: async (spec) => (await runSpecsParallel([spec], { pool }))[0],
      concurrency: workers,
      ...(ctx.signal ? { signal: ctx.signal } : {}),
      onProgress: (p) => {
        work += p.agentPeriods ?? 0;
        progress.update({ done: p.done, total: p.total, unit: "runs", agentPeriods: work });
      },
    });
  } finally {
    progress.stop();
    await pool.close();
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (values.json)
    ctx.stdout.write(
      `${toJson({ kind: "shard", out, ...result, shard: formatShard(shard), seconds: Number(seconds) })}\n`,
    );
  else if (!values.quiet) {
    ctx.stdout.write(
      `shard ${formatShard(shard)}: ${result.assigned} of ${result.planRuns} runs ` +
        `assigned, ${result.skipped} already done, ${result.ran} run now (${seconds} s)\n`,
    );
  }
  return result.aborted ? 1 : 0;
}

/** The result of the experiment from a merged folder, as the command would have computed it. */
export async function resultFrom(
  ctx: CliContext,
  values: Record<string, unknown>,
  sharding: Sharding,
): Promise<CliResult> {
  const dir = resolve(ctx.cwd, values.from as string);
  return { kind: sharding.kind, result: await aggregateFromDir(sharding.plan(), dir), ...sharding.extras } as CliResult;
}

const DIR_POSITIONAL = { min: 1, max: 1, missing: "the output folder of the shards (their --out)" };

/** `talentflow merge DIR`. */
export function mergeCommand(common: readonly Flag[]) {
  return {
    name: "merge",
    summary: "Join the shards' runs in a folder into one dataset (Parquet, CSV on request)",
    args: "<dir>",
    description:
      "Checks that every run of the plan that the shards in DIR were run with is present exactly once, then joins " +
      "their part files into DIR/rows.parquet (or a rows/ folder of Parquet files when large or partitioned) " +
      "with one column per varied parameter, DIR/rows.csv with --csv, and DIR/manifest.json. If runs are missing " +
      "it names them and their shards, writes nothing and exits 1. Merging twice gives the same files.",
    positionals: DIR_POSITIONAL,
    flags: [
      { name: "csv", help: "Also write rows.csv." },
      {
        name: "partition-by",
        value: "COLUMN",
        help: "Split the dataset into rows/scenario=<name>/ folders (the only column: scenario).",
        parse: (t: string, f: string) =>
          t === "scenario"
            ? t
            : (() => {
                throw new UsageError(`${f} must be scenario, got ${JSON.stringify(t)}`);
              })(),
      },
      {
        name: "shards",
        value: "N",
        help: "Name missing runs' shards as of N shards (default: the count the shards ran with).",
        parse: wholeNumber(1),
      },
      ...common,
    ] as Flag[],
    examples: ["talentflow merge out/sweep --csv"],
    async run(ctx: CliContext, values: Record<string, unknown>, [arg]: string[]) {
      const dir = resolve(ctx.cwd, arg);
      const m = await mergeRuns(dir, {
        csv: values.csv === true,
        ...(values["partition-by"] ? { partitionBy: "scenario" as const } : {}),
        ...(values.shards !== undefined ? { shards: values.shards as number } : {}),
      });
      if (values.json) ctx.stdout.write(`${toJson(m)}\n`);
      else if (!values.quiet)
        ctx.stdout.write(
          `merged ${m.runs} runs, ${m.rows} rows into ` +
            `${[...m.files.map((f) => f.path), ...(m.csv ? [m.csv.path] : [])].join(", ")} and manifest.json\n`,
        );
      return 0;
    },
  };
}

/** `talentflow status DIR`. */
export function statusCommand(common: readonly Flag[]) {
  return {
    name: "status",
    summary: "Runs done per shard in a folder of sharded runs",
    args: "<dir>",
    description:
      "Prints, for each shard of the folder's plan, the runs assigned and the runs done (a run is done when its " +
      "part file exists), and each shard's status from its part manifest (running, complete, failed with the " +
      "failed runs, stopped), with the host and times of those not complete. Exits 0 when every run is done, 1 " +
      "otherwise.",
    positionals: DIR_POSITIONAL,
    flags: [
      {
        name: "shards",
        value: "N",
        help: "Count as N shards (default: the count the shards ran with).",
        parse: wholeNumber(1),
      },
      ...common,
    ] as Flag[],
    examples: ["talentflow status out/sweep"],
    async run(ctx: CliContext, values: Record<string, unknown>, [arg]: string[]) {
      const s = await shardStatus(
        resolve(ctx.cwd, arg),
        values.shards !== undefined ? { shards: values.shards as number } : {},
      );
      if (values.json) ctx.stdout.write(`${toJson(s)}\n`);
      else if (!values.quiet) {
        const lines = [
          `${s.done} of ${s.runs} runs done in ${s.count} shard(s)`,
          formatTable(
            ["shard", "done", "runs", "status"],
            s.shards.map((x) => [formatShard(x), x.done, x.assigned, x.manifest?.status ?? "not started"]),
          ),
        ];
        for (const x of s.shards) {
          const m = x.manifest;
          if (!m || m.status === "complete") continue;
          lines.push(
            `shard ${formatShard(x)} ${m.status} on ${m.host} (pid ${m.pid}, ` +
              `started ${m.started}${m.finished ? `, ended ${m.finished}` : ""})`,
          );
          for (const f of m.failed ?? []) lines.push(`  ${f.key}: ${f.message}`);
        }
        ctx.stdout.write(`${lines.join("\n")}\n`);
      }
      return s.done === s.runs ? 0 : 1;
    },
  };
}

/** `talentflow query DIR "SQL"`. */
export function queryCommand(common: readonly Flag[]) {
  return {
    name: "query",
    summary: "Query a merged folder with SQL (DuckDB; the dataset is the view rows)",
    args: "<dir> <sql>",
    description:
      "Runs SQL with DuckDB over the Parquet files of a merged folder, which is the view `rows` (the tidy columns " +
      "and one column per varied parameter). DuckDB scans the files without loading them into memory. Prints a " +
      "table, or the rows as JSON with --json.",
    positionals: { min: 2, max: 2, missing: 'a merged folder and one "SQL" argument' },
    flags: [...common] as Flag[],
    examples: [`talentflow query out/sweep "SELECT metric, count(*) AS n FROM rows GROUP BY metric"`],
    async run(ctx: CliContext, values: Record<string, unknown>, [arg, sql]: string[]) {
      const q = await queryDataset(resolve(ctx.cwd, arg), sql);
      if (values.json)
        ctx.stdout.write(
          `${JSON.stringify(q.rows, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v), 2)}\n`,
        );
      else if (!values.quiet)
        ctx.stdout.write(
          `${formatTable(
            q.columns,
            q.rows.map((r) => q.columns.map((c) => cellText(r[c]))),
          )}\n`,
        );
      return 0;
    },
  };
}

/** A cell of the query table: numbers in full (a year is 2027, not 2,027), NULL as empty. */
function cellText(v: unknown): string {
  if (typeof v === "bigint") return v.toString();
  return v === null || v === undefined ? "" : typeof v === "object" ? JSON.stringify(v) : String(v);
}
