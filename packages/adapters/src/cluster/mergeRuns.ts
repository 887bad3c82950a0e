import { MODEL_VERSION, PACKAGE_VERSION, ValidationError, type Issue } from "@talentflow/core";
import { createHash } from "node:crypto";
import { readFile, readdir, rename, rm, stat, unlink } from "node:fs/promises";
import { join, relative } from "node:path";
import { temporaryPath } from "../_temporaryFiles";
import { writeFileAtomic } from "../atomicWrite";
import { openDuck, toNumber } from "./_duckdb";
import {
  CSV_FILE,
  MANIFEST_FILE,
  PARTS_DIR,
  PART_SUFFIX,
  ROWS_DIR,
  ROWS_FILE,
  keyOfPartFile,
  partFileName,
  partsPath,
} from "./_layout";
import { completeKeys, readShardManifests, shardCountOf } from "./_progressOnDisk";
import { requireStoredPlan, stableJson } from "./_planFile";
import { RUN_ROW, TIDY_COLUMNS, sqlIdent, sqlString } from "./_tidyColumns";
import { shardOfKeys } from "./assignShard";
import { formatShard, type Shard } from "./shard";

/**
 * Thrown by {@link mergeRuns} when runs of the plan have no part file: a ValidationError whose
 * issues name up to 50 missing keys with their shards, and whose `missing` lists them all.
 */
export class MissingRunsError extends ValidationError {
  /** Every missing run, with the shard it belongs to. */
  readonly missing: readonly { readonly key: string; readonly shard: Shard }[];
  constructor(
    issues: readonly Issue[],
    context: string,
    missing: readonly { readonly key: string; readonly shard: Shard }[],
  ) {
    super(issues, context);
    this.name = "MissingRunsError";
    this.missing = missing;
  }
}

/** Options of {@link mergeRuns}. */
export interface MergeRunsOptions {
  /** Also write the dataset as `rows.csv` (default false; without it, a `rows.csv` of an earlier merge is removed). */
  readonly csv?: boolean;
  /**
   * Split the dataset into a `rows/` folder of Parquet files: by the `scenario` column (Hive
   * style, `rows/scenario=<name>/data_0.parquet`), or into files of at most `maxRowsPerFile`
   * rows. Default: one `rows.parquet`, unless the rows exceed `maxRowsPerFile`.
   */
  readonly partitionBy?: "scenario";
  /**
   * Rows above which the dataset is split into several files of about this many rows each
   * (default 20,000,000; DuckDB fills files in row groups of at least 2,048 rows, so a smaller
   * value gives files of 2,048 rows).
   */
  readonly maxRowsPerFile?: number;
  /** Name missing runs' shards as of N shards (default: the count the shards were run with). */
  readonly shards?: number;
  /**
   * DuckDB threads for the merge (default 1: the files are then the same bytes on every merge;
   * more threads are faster for very large sweeps).
   */
  readonly threads?: number;
}

/** A file of the merged dataset. */
export interface MergedFile {
  /** Path relative to the folder. */
  readonly path: string;
  readonly rows: number;
  readonly sha256: string;
}

/** `manifest.json` of a merged folder (also returned by {@link mergeRuns}). */
export interface MergedManifest {
  readonly format: "talentflow.merged/1";
  /** The plan info the shards were run with. */
  readonly info: unknown;
  /** Runs of the plan, each present exactly once. */
  readonly runs: number;
  readonly rows: number;
  /** Columns of the dataset: the tidy columns, then one per varied parameter. */
  readonly columns: readonly string[];
  readonly parameters: readonly string[];
  readonly partitionBy: "scenario" | null;
  /** The Parquet files, in order. */
  readonly files: readonly MergedFile[];
  readonly csv?: MergedFile;
  /** SHA-256 of plan.json: the run keys, seeds and points of the plan. */
  readonly planSha256: string;
  /** The shards' part manifests: who ran what, when. */
  readonly shards: readonly {
    readonly shard: string;
    readonly status: string;
    readonly host: string;
    readonly started: string;
    readonly finished?: string;
    readonly ran: number;
    readonly skipped: number;
  }[];
  readonly versions: { readonly core: string; readonly model: string; readonly duckdb: string; readonly node: string };
}

/**
 * Joins the part files of a shard output folder into one dataset: `rows.parquet` (or a `rows/`
 * folder of Parquet files when partitioned or large), `rows.csv` on request, and
 * `manifest.json`. Rows come in the plan's run order and, within a run, in the run's order, with
 * one column per varied parameter (a sweep's or design's point), so the dataset is the rows one
 * process running the whole plan would give.
 *
 * Before writing anything it checks that every run of the plan (plan.json) is present exactly
 * once: one part file per key, each holding only its key's rows, and no part of a foreign key.
 * Otherwise it fails naming the missing runs and the shards they belong to, and writes nothing.
 * Files are written under temporary names and renamed; `manifest.json` is removed first and
 * written last. Merging again gives the same files (with one thread, the default).
 *
 * @throws MissingRunsError naming missing runs and their shards.
 * @throws ValidationError for foreign or mislabelled parts, or a folder without plan.json.
 * @example
 * const m = await mergeRuns("out/sweep", { csv: true });
 * m.files // => [{ path: "rows.parquet", rows: 1620, sha256: "…" }]
 */
export async function mergeRuns(dir: string, options: MergeRunsOptions = {}): Promise<MergedManifest> {
  const maxRowsPerFile = options.maxRowsPerFile ?? 20_000_000;
  const optionIssues: Issue[] = [];
  if (!(Number.isSafeInteger(maxRowsPerFile) && maxRowsPerFile >= 1))
    optionIssues.push({ path: "maxRowsPerFile", message: `must be a whole number ≥ 1, got ${String(maxRowsPerFile)}` });
  if (options.partitionBy !== undefined && options.partitionBy !== "scenario")
    optionIssues.push({
      path: "partitionBy",
      message: `must be "scenario", got ${JSON.stringify(options.partitionBy)}`,
    });
  if (options.threads !== undefined && !(Number.isSafeInteger(options.threads) && options.threads >= 1))
    optionIssues.push({ path: "threads", message: `must be a whole number ≥ 1, got ${String(options.threads)}` });
  if (optionIssues.length > 0) throw new ValidationError(optionIssues, "cannot merge");

  const plan = await requireStoredPlan(dir);
  const keys = plan.runs.map((r) => r.key);
  const complete = await completeKeys(dir);
  const manifests = await readShardManifests(dir);

  const missing = keys.filter((k) => !complete.has(k));
  if (missing.length > 0) {
    const count = shardCountOf(manifests, options.shards);
    const shardOf = shardOfKeys(keys, count);
    const perShard = new Map<string, number>();
    for (const k of missing) {
      const s = formatShard(shardOf.get(k)!);
      perShard.set(s, (perShard.get(s) ?? 0) + 1);
    }
    const shown = missing
      .slice(0, 50)
      .map((k) => ({ path: `runs.${k}`, message: `missing (shard ${formatShard(shardOf.get(k)!)})` }));
    const summary = [...perShard].map(([s, n]) => `shard ${s}: ${n}`).join(", ");
    throw new MissingRunsError(
      [
        ...shown,
        ...(missing.length > shown.length
          ? [{ path: "runs", message: `… and ${missing.length - shown.length} more` }]
          : []),
      ],
      `cannot merge: ${missing.length} of ${keys.length} runs missing ` +
        `(${summary}); rerun those shards (they skip the runs already done)`,
      missing.map((key) => ({ key, shard: shardOf.get(key)! })),
    );
  }
  const planned = new Set(keys);
  const foreign = [...complete].filter((k) => !planned.has(k));
  if (foreign.length > 0) {
    throw new ValidationError(
      foreign.slice(0, 50).map((k) => ({
        path: `${PARTS_DIR}/${partFileName(k)}`,
        message: "is the part of a run that is not in plan.json",
      })),
      `cannot merge: ${foreign.length} part file(s) of runs outside the plan`,
    );
  }

  const parameters = [...new Set(plan.runs.flatMap((r) => Object.keys(r.point ?? {})))];
  const tidyNames = new Set<string>(TIDY_COLUMNS.map(([n]) => n));
  const clash = parameters.filter((p) => tidyNames.has(p) || p === RUN_ROW);
  if (clash.length > 0)
    throw new ValidationError(
      clash.map((p) => ({ path: `point.${p}`, message: "has the name of a row column" })),
      "cannot merge",
    );

  const duck = await openDuck({ threads: options.threads ?? 1, tempDirectory: join(dir, ".duckdb-tmp") });
  const { connection } = duck;
  const removeLater: string[] = [];
  try {
    const glob = sqlString(join(partsPath(dir), `*${PART_SUFFIX}`));
    // Every part holds its own key's rows only: with one file per key, each run is present once.
    const labels = await connection.runAndReadAll(
      `SELECT filename, list(DISTINCT run) AS runs FROM read_parquet(${glob}, filename = true) GROUP BY filename`,
    );
    const mislabelled: Issue[] = [];
    for (const row of labels.getRowObjectsJS()) {
      const name = String(row.filename).split(/[\\/]/).pop()!;
      const runs = (row.runs as string[]).slice().sort();
      const key = keyOfPartFile(name);
      if (runs.length !== 1 || runs[0] !== key)
        mislabelled.push({
          path: `${PARTS_DIR}/${name}`,
          message:
            `holds rows of ${runs.map((r) => JSON.stringify(r)).join(", ")}, ` +
            `not of its run ${JSON.stringify(key)}`,
        });
    }
    if (mislabelled.length > 0)
      throw new ValidationError(mislabelled, "cannot merge: part files hold other runs' rows");

    await connection.run(
      `CREATE TABLE runs (ord INTEGER, key VARCHAR${parameters.map((p) => `, ${sqlIdent(p)} DOUBLE`).join("")})`,
    );
    const appender = await connection.createAppender("runs");
    plan.runs.forEach((r, ord) => {
      appender.appendInteger(ord);
      appender.appendVarchar(r.key);
      for (const p of parameters) {
        const v = r.point?.[p];
        if (v === undefined) appender.appendNull();
        else appender.appendDouble(v);
      }
      appender.endRow();
    });
    appender.closeSync();

    const select =
      `SELECT ${TIDY_COLUMNS.map(([n]) => `p.${sqlIdent(n)}`).join(", ")}` +
      `${parameters.map((p) => `, r.${sqlIdent(p)}`).join("")} ` +
      `FROM read_parquet(${glob}) p JOIN runs r ON p.run = r.key ORDER BY r.ord, p.${RUN_ROW}`;
    const total = toNumber(
      (await connection.runAndReadAll(`SELECT count(*) AS n FROM read_parquet(${glob})`)).getRowObjects()[0].n,
    );
    const split = options.partitionBy === "scenario" || total > maxRowsPerFile;

    await rm(join(dir, MANIFEST_FILE), { force: true });
    let files: MergedFile[];
    if (!split) {
      const target = join(dir, ROWS_FILE);
      const tmp = temporaryPath(target);
      await connection.run(`COPY (${select}) TO ${sqlString(tmp)} (FORMAT parquet, COMPRESSION zstd)`);
      await rename(tmp, target);
      await rm(join(dir, ROWS_DIR), { recursive: true, force: true });
      files = [await describe(dir, target, total)];
    } else {
      const target = join(dir, ROWS_DIR);
      const tmp = temporaryPath(target);
      const rowGroup = Math.min(122_880, maxRowsPerFile);
      const layout =
        options.partitionBy === "scenario"
          ? `PARTITION_BY (scenario)`
          : `ROW_GROUP_SIZE ${rowGroup}, ROW_GROUPS_PER_FILE ${Math.max(1, Math.floor(maxRowsPerFile / rowGroup))}`;
      await connection.run(`COPY (${select}) TO ${sqlString(tmp)} (FORMAT parquet, COMPRESSION zstd, ${layout})`);
      const old = `${tmp}.old`;
      await rename(target, old).catch(() => undefined);
      removeLater.push(old);
      await rename(tmp, target);
      await unlink(join(dir, ROWS_FILE)).catch(() => undefined);
      const paths = (await listFiles(target)).filter((p) => p.endsWith(".parquet")).sort(byNaturalOrder);
      files = [];
      for (const p of paths) {
        const n = toNumber(
          (await connection.runAndReadAll(`SELECT count(*) AS n FROM read_parquet(${sqlString(p)})`)).getRowObjects()[0]
            .n,
        );
        files.push(await describe(dir, p, n));
      }
    }

    let csv: MergedFile | undefined;
    if (options.csv) {
      const target = join(dir, CSV_FILE);
      const tmp = temporaryPath(target);
      const source = files.map((f) => sqlString(join(dir, f.path))).join(", ");
      const hive = options.partitionBy === "scenario" ? ", hive_partitioning = true" : "";
      await connection.run(
        `COPY (SELECT ${TIDY_COLUMNS.map(([n]) => sqlIdent(n))
          .concat(parameters.map(sqlIdent))
          .join(", ")} FROM read_parquet([${source}]${hive})) TO ${sqlString(tmp)} (FORMAT csv, HEADER)`,
      );
      await rename(tmp, target);
      csv = await describe(dir, target, total);
    } else {
      // a CSV of an earlier merge would no longer be the dataset the manifest describes
      await rm(join(dir, CSV_FILE), { force: true });
    }

    const duckdbVersion = String((await connection.runAndReadAll("SELECT version() AS v")).getRowObjects()[0].v);
    const manifest: MergedManifest = {
      format: "talentflow.merged/1",
      info: plan.info,
      runs: keys.length,
      rows: total,
      columns: [...TIDY_COLUMNS.map(([n]) => n), ...parameters],
      parameters,
      partitionBy: options.partitionBy ?? null,
      files,
      ...(csv ? { csv } : {}),
      planSha256: createHash("sha256")
        .update(await readFile(join(dir, "plan.json")))
        .digest("hex"),
      shards: manifests.map((m) => ({
        shard: formatShard(m),
        status: m.status,
        host: m.host,
        started: m.started,
        ...(m.finished ? { finished: m.finished } : {}),
        ran: m.ran,
        skipped: m.skipped,
      })),
      versions: { core: PACKAGE_VERSION, model: MODEL_VERSION, duckdb: duckdbVersion, node: process.version },
    };
    await writeFileAtomic(join(dir, MANIFEST_FILE), `${JSON.stringify(JSON.parse(stableJson(manifest)), null, 2)}\n`);
    return manifest;
  } finally {
    duck.close();
    for (const p of removeLater) await rm(p, { recursive: true, force: true });
    await rm(join(dir, ".duckdb-tmp"), { recursive: true, force: true });
  }
}

/** Path (relative to the folder), row count and SHA-256 of a file. */
async function describe(dir: string, path: string, rows: number): Promise<MergedFile> {
  const sha256 = createHash("sha256")
    .update(await readFile(path))
    .digest("hex");
  return { path: relative(dir, path).split("\\").join("/"), rows, sha256 };
}

/** Every file under a folder, recursively. */
async function listFiles(root: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(root)) {
    const p = join(root, entry);
    if ((await stat(p)).isDirectory()) out.push(...(await listFiles(p)));
    else out.push(p);
  }
  return out;
}

/** data_2 before data_10. */
function byNaturalOrder(a: string, b: string): number {
  return a.localeCompare(b, "en", { numeric: true });
}
