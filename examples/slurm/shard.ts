/**
 * Sharded, resumable runs of an experiment plan, from the command line: the commands an array
 * job's tasks run (see sweep.sbatch, docs/clusters.md).
 *
 *   pnpm -s shard <command> ...     (from the repository root; the same as
 *   node --conditions=@talentflow/source --import tsx examples/slurm/shard.ts <command> ...)
 *
 *   run --plan FILE --out DIR [--shard i/N | --shards N] [--quiet]   run one shard (from the array job's environment without --shard); progress on stderr unless --quiet
 *   status DIR [--shards N]                                runs done per shard
 *   merge DIR [--csv] [--partition-by scenario]            join the parts into DIR/rows.parquet + manifest.json
 *   query DIR "SQL" [--json]                               DuckDB over the merged dataset (the view `rows`)
 *   analyse --plan FILE --from DIR [--summary]             the plan's analysis from a merged folder, as JSON (or one line)
 *
 * FILE is a module exporting `plan` (an ExperimentPlan) and optionally `info`; see plan.ts.
 * Exit codes: 0 success, 1 a run failed or runs are missing, 2 bad usage or invalid input.
 */
import {
  aggregateFromDir,
  formatTable,
  mergeRuns,
  parseShard,
  queryDataset,
  runShard,
  shardFromEnv,
  shardStatus,
  ShardRunsFailedError,
  type Shard,
} from "@talentflow/adapters";
import { ValidationError, type ExperimentPlan } from "@talentflow/core";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

/** Usage text of the script. */
export const USAGE = `usage: shard.ts <command> ...
  run --plan FILE --out DIR [--shard i/N | --shards N] [--quiet]
  status DIR [--shards N]
  merge DIR [--csv] [--partition-by scenario]
  query DIR "SQL" [--json]
  analyse --plan FILE --from DIR [--summary]
FILE is a module exporting \`plan\` (an ExperimentPlan) and optionally \`info\`.
Without --shard, run reads the shard of an array job from SLURM_ARRAY_TASK_ID, JOB_COMPLETION_INDEX (with --shards N) or AWS_BATCH_JOB_ARRAY_INDEX.`;

class UsageError extends Error {}

const FLAGS: Record<string, readonly string[]> = {
  run: ["--plan", "--out", "--shard", "--shards", "--quiet"],
  status: ["--shards"],
  merge: ["--csv", "--partition-by"],
  query: ["--json"],
  analyse: ["--plan", "--from", "--summary"],
};
const BOOLEAN = new Set(["--csv", "--json", "--quiet", "--summary"]);

/** Splits arguments into positionals and flags, refusing unknown flags and missing values. */
function parse(command: string, args: readonly string[]): { positional: string[]; flags: Map<string, string> } {
  const known = FLAGS[command]!;
  const positional: string[] = [];
  const flags = new Map<string, string>();
  for (let k = 0; k < args.length; k++) {
    const a = args[k]!;
    if (!a.startsWith("--")) {
      positional.push(a);
      continue;
    }
    const [name, inline] = a.includes("=") ? [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)] : [a, undefined];
    if (!known.includes(name!)) throw new UsageError(`${command}: unknown flag ${name} (flags: ${known.join(", ")})`);
    if (BOOLEAN.has(name!)) flags.set(name!, "true");
    else {
      const value = inline ?? args[++k];
      if (value === undefined || value.startsWith("--")) throw new UsageError(`${command}: ${name} needs a value`);
      flags.set(name!, value);
    }
  }
  return { positional, flags };
}

function wholeNumber(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || Number(text) < 1) throw new UsageError(`${flag} must be a whole number ≥ 1, got ${JSON.stringify(text)}`);
  return Number(text);
}

async function loadPlan(file: string | undefined): Promise<{ plan: ExperimentPlan<unknown>; info?: unknown }> {
  if (!file) throw new UsageError("--plan FILE is required");
  const module = (await import(pathToFileURL(resolve(file)).href)) as { plan?: ExperimentPlan<unknown>; info?: unknown };
  if (!module.plan || !Array.isArray(module.plan.specs) || typeof module.plan.aggregate !== "function") {
    throw new UsageError(`${file} does not export \`plan\`, an experiment plan (e.g. planSweep(...))`);
  }
  return { plan: module.plan, ...(module.info !== undefined ? { info: module.info } : {}) };
}

/**
 * Runs one command; returns the exit code. `env` is where an array job's shard is read from.
 * @example
 * await main(["run", "--plan", "examples/slurm/plan.ts", "--out", "out/sweep", "--shard", "0/4"]);
 */
export async function main(
  argv: readonly string[],
  io: { readonly env?: Readonly<Record<string, string | undefined>>; readonly print?: (text: string) => void; readonly error?: (text: string) => void } = {},
): Promise<number> {
  const print = io.print ?? ((t: string) => process.stdout.write(t + "\n"));
  const error = io.error ?? ((t: string) => process.stderr.write(t + "\n"));
  const env = io.env ?? process.env;
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === "--help" || command === "-h" || command === "help") {
      print(USAGE);
      return command === undefined ? 2 : 0;
    }
    if (!(command in FLAGS)) throw new UsageError(`unknown command ${JSON.stringify(command)}`);
    if (rest.includes("--help")) {
      print(USAGE);
      return 0;
    }
    const { positional, flags } = parse(command, rest);
    const shards = wholeNumber(flags.get("--shards"), "--shards");

    if (command === "run") {
      const out = flags.get("--out");
      if (!out) throw new UsageError("run: --out DIR is required");
      if (positional.length > 0) throw new UsageError(`run: unexpected argument ${JSON.stringify(positional[0])}`);
      const { plan, info } = await loadPlan(flags.get("--plan"));
      const text = flags.get("--shard");
      let shard: Shard | undefined = text !== undefined ? parseShard(text) : shardFromEnv(env, shards !== undefined ? { shards } : {});
      if (text !== undefined && shards !== undefined && shards !== shard!.count) throw new UsageError(`--shard ${text} and --shards ${shards} disagree`);
      if (!shard && shards !== undefined) throw new UsageError("--shards N needs an array job's index in the environment, or --shard i/N");
      shard ??= { index: 0, count: 1 };
      const started = performance.now();
      const result = await runShard(plan, {
        out,
        shard,
        planInfo: info,
        ...(flags.has("--quiet") ? {} : { onProgress: (p) => error(`shard ${shard.index}/${shard.count}: ${p.done}/${p.total} runs (${p.runKey})`) }),
      });
      print(`shard ${shard.index}/${shard.count}: ${result.assigned} of ${result.planRuns} runs assigned, ${result.skipped} already done, ${result.ran} run now (${((performance.now() - started) / 1000).toFixed(1)} s)`);
      return 0;
    }
    if (command === "status" || command === "merge" || command === "query") {
      const dir = positional[0];
      if (!dir) throw new UsageError(`${command}: DIR is required`);
      if (command === "status") {
        if (positional.length > 1) throw new UsageError(`status: unexpected argument ${JSON.stringify(positional[1])}`);
        const s = await shardStatus(dir, shards !== undefined ? { shards } : {});
        print(`${s.done} of ${s.runs} runs done in ${s.count} shard(s)`);
        print(formatTable(["shard", "done", "runs", "status"], s.shards.map((x) => [`${x.index}/${x.count}`, x.done, x.assigned, x.manifest?.status ?? "not started"])));
        for (const x of s.shards) {
          const m = x.manifest;
          if (!m || m.status === "complete") continue;
          print(`shard ${x.index}/${x.count} ${m.status} on ${m.host} (pid ${m.pid}, started ${m.started}${m.finished ? `, ended ${m.finished}` : ""})`);
          for (const f of m.failed ?? []) print(`  ${f.key}: ${f.message}`);
        }
        return s.done === s.runs ? 0 : 1;
      }
      if (command === "merge") {
        if (positional.length > 1) throw new UsageError(`merge: unexpected argument ${JSON.stringify(positional[1])}`);
        const by = flags.get("--partition-by");
        if (by !== undefined && by !== "scenario") throw new UsageError(`--partition-by must be scenario, got ${JSON.stringify(by)}`);
        const m = await mergeRuns(dir, { csv: flags.has("--csv"), ...(by ? { partitionBy: "scenario" as const } : {}) });
        print(`merged ${m.runs} runs, ${m.rows} rows into ${[...m.files.map((f) => f.path), ...(m.csv ? [m.csv.path] : [])].join(", ")} and manifest.json`);
        return 0;
      }
      const sql = positional[1];
      if (!sql || positional.length > 2) throw new UsageError('query: give DIR and one "SQL" argument');
      const q = await queryDataset(dir, sql);
      if (flags.has("--json")) print(JSON.stringify(q.rows, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v)));
      else print(formatTable(q.columns, q.rows.map((r) => q.columns.map((c) => cell(r[c])))));
      return 0;
    }
    // analyse
    const from = flags.get("--from");
    if (!from) throw new UsageError("analyse: --from DIR is required");
    const { plan } = await loadPlan(flags.get("--plan"));
    const result = await aggregateFromDir(plan, from);
    print(flags.has("--summary") ? summaryLine(result) : JSON.stringify(summaryOf(result), null, 2));
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      error(`${e.message}\n${USAGE}`);
      return 2;
    }
    if (e instanceof ShardRunsFailedError) {
      error(e.message);
      return 1;
    }
    if (e instanceof ValidationError) {
      error(e.message);
      return /runs missing/.test(e.message) ? 1 : 2;
    }
    throw e;
  }
}

/** A cell of the query table: numbers in full (a year is 2027, not 2,027), NULL as empty. */
function cell(v: unknown): string {
  if (typeof v === "bigint") return v.toString();
  return v === null || v === undefined ? "" : typeof v === "object" ? JSON.stringify(v) : String(v);
}

/** One line about a result: its scalar fields, lists of names joined, other lists counted. */
function summaryLine(result: unknown): string {
  if (result === null || typeof result !== "object") return String(result);
  const parts: string[] = [];
  for (const [key, value] of Object.entries(result)) {
    if (Array.isArray(value)) parts.push(`${key}: ${value.every((v) => typeof v === "string") ? value.join(", ") : value.length}`);
    else if (value === null || typeof value !== "object") parts.push(`${key}: ${String(value)}`);
  }
  return parts.join("; ");
}

/** The result without its bulk (rows), for printing. */
function summaryOf(result: unknown): unknown {
  if (result === null || typeof result !== "object") return result;
  const { rows, ...rest } = result as Record<string, unknown>;
  return rows === undefined ? rest : { ...rest, rows: `${(rows as unknown[]).length} rows` };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  process.exitCode = await main(process.argv.slice(2));
}
