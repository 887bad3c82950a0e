import {
  ValidationError,
  runSpec,
  scenarioHash,
  setParameters,
  type CalibrationResult,
  type CompareResult,
  type ReplicateResult,
  type RunResult,
  type Scenario,
  type SensitivityResult,
  type SweepResult,
} from "@talentflow/core";
import type { ExportFormat } from "./_formats";
import { checkFormat, prepareFolder, writeManifest, writeTables } from "./_writeTables";
import { environment, type Manifest, type ManifestRun, type ManifestScenario } from "./manifest";
import { resultKind, type ExportableResult } from "./resultKind";
import { resultTables, type ResultTablesOptions } from "./resultTables";

/** Options of {@link writeResult}: the tables' options, the format and what the manifest records. */
export interface WriteResultOptions extends ResultTablesOptions {
  /** `csv` (default), `ndjson` or `parquet`. */
  readonly format?: ExportFormat;
  /** The command line to record (default `process.argv`). */
  readonly argv?: readonly string[];
  /** When the work began (default: when writing began). */
  readonly startedAt?: Date;
  /** The master seed, for results that do not carry it (sweep, sensitivity, calibration). */
  readonly seed?: number | string;
}

/** What {@link writeResult} and `writePanel` wrote. */
export interface WrittenOutput {
  readonly dir: string;
  /** File names, tables first and `manifest.json` last. */
  readonly files: readonly string[];
  readonly manifest: Manifest;
}

/**
 * Writes a result of core to the folder `dir` (created if needed): one file per table of
 * {@link resultTables} (`rows.csv`, `intervals.parquet`, …) and `manifest.json`. CSV files are
 * tidy (one header line, one observation per line, RFC 4180, numbers at full precision) and
 * read as they are by R's `read.csv`, Stata's `import delimited`, pandas and DuckDB.
 *
 * Every file is written under a temporary name (`.rows.csv.<random>.tmp`) and renamed when
 * complete; an earlier `manifest.json` is removed first and the new one written last, so an
 * interrupted write leaves no file that looks whole and no manifest that lists a missing one.
 *
 * The manifest records the packages' versions, the scenario(s) in full with their hashes, the
 * master seed, every run's key and seed, start and end times, Node's version and the command
 * line. Results other than a run do not carry their scenario: pass `scenario` (a comparison:
 * `arms`), which is checked against the hashes in the result.
 *
 * @returns The folder, the files written and the manifest.
 * @throws ValidationError naming the option: a bad `format`, a missing `scenario`/`arms`, a
 *   scenario whose hash is not the result's, runs that do not match (see {@link resultTables}).
 * @example
 * ```ts
 * const result = simulate(scenarios.baseline({ agents: 5000, years: 2 }), { seed: 1 });
 * await writeResult("out/baseline", result, { format: "parquet" });
 * // out/baseline/rows.parquet, out/baseline/manifest.json
 *
 * const plan = planCompare(arms, { replications: 10, seed: 1 });
 * const runs = runSpecs(plan.specs);
 * await writeResult("out/alliance", plan.aggregate(runs), { arms, runs, annual: true });
 * // effects.csv, welfare.csv, differences.csv (per replicate), manifest.json
 * ```
 */
export function writeResult(dir: string, result: RunResult, options?: WriteResultOptions): Promise<WrittenOutput>;
export function writeResult(
  dir: string,
  result: CompareResult,
  options: WriteResultOptions & { readonly arms: Readonly<Record<string, Scenario>> },
): Promise<WrittenOutput>;
export function writeResult(
  dir: string,
  result: ReplicateResult | SweepResult | SensitivityResult | CalibrationResult,
  options: WriteResultOptions & { readonly scenario: Scenario },
): Promise<WrittenOutput>;
export function writeResult(
  dir: string,
  result: ExportableResult,
  options?: WriteResultOptions,
): Promise<WrittenOutput>;
export async function writeResult(
  dir: string,
  result: ExportableResult,
  options: WriteResultOptions = {},
): Promise<WrittenOutput> {
  const startedAt = options.startedAt ?? new Date();
  const format = checkFormat(options.format, "options.format");
  const kind = resultKind(result);
  const described = describe(result, options);
  const tables = resultTables(result, options);
  prepareFolder(dir);
  const written = writeTables(dir, tables, format);
  const manifest: Manifest = {
    ...environment(format, options.argv),
    kind,
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    annual: options.annual === true,
    ...described,
    tables: written,
  };
  await writeManifest(dir, manifest);
  return { dir, files: [...written.map((t) => t.file), "manifest.json"], manifest };
}

type Described = Pick<Manifest, "scenarios" | "seed" | "runs" | "runCount" | "result">;

function missing(path: string, what: string): never {
  throw new ValidationError([{ path, message: `is missing: ${what}` }], "writeResult");
}

function entry(role: ManifestScenario["role"], scenario: Scenario, arm?: string): ManifestScenario {
  return { role, ...(arm !== undefined ? { arm } : {}), name: scenario.name, hash: scenarioHash(scenario), scenario };
}

function checkHash(path: string, scenario: Scenario, hash: string): void {
  const actual = scenarioHash(scenario);
  if (actual !== hash) {
    throw new ValidationError(
      [{ path, message: `is not the scenario of this result: its hash is ${actual}, the result's runs have ${hash}` }],
      "writeResult",
    );
  }
}

function runsFromRows(
  rows: readonly { run: string; seed: number; replicate: number }[],
  pointOf?: (run: string) => number | undefined,
): ManifestRun[] {
  const seen = new Map<string, ManifestRun>();
  for (const r of rows) {
    if (seen.has(r.run)) continue;
    const point = pointOf?.(r.run);
    seen.set(r.run, { key: r.run, seed: r.seed, replicate: r.replicate, ...(point !== undefined ? { point } : {}) });
  }
  return [...seen.values()];
}

function describe(result: ExportableResult, o: WriteResultOptions): Described {
  switch (resultKind(result)) {
    case "run": {
      const r = result as RunResult;
      return {
        scenarios: [entry("scenario", r.scenario)],
        seed: r.seed,
        runs: [{ key: r.run, seed: r.seed, replicate: r.replicate }],
        runCount: 1,
        result: { summary: r.summary, scale: r.scale },
      };
    }
    case "replicate": {
      const r = result as ReplicateResult;
      if (!o.scenario)
        missing("options.scenario", "a ReplicateResult does not carry its scenario; pass the scenario it ran on");
      checkHash("options.scenario", o.scenario, r.hash);
      return {
        scenarios: [entry("scenario", o.scenario)],
        seed: r.seed,
        runs: r.runs.map((run) => ({ key: run.key, seed: run.seed, replicate: run.replicate })),
        runCount: r.runs.length,
        result: {
          scenario: r.scenario,
          hash: r.hash,
          replications: r.replications,
          confidence: r.confidence,
          ...(r.stopping ? { stopping: r.stopping } : {}),
        },
      };
    }
    case "compare": {
      const r = result as CompareResult;
      const arms =
        o.arms ??
        missing("options.arms", "a CompareResult does not carry its scenarios; pass the arms as given to compare");
      const names = ["baseline", ...r.arms];
      for (const name of names) if (!arms[name]) missing(`options.arms.${name}`, `the comparison has an arm "${name}"`);
      const measured = r.varianceReductionMethod.startsWith("measured");
      const runs: ManifestRun[] = [];
      for (const name of names) {
        for (let k = 0; k < r.replications; k++) {
          const crn = runSpec(arms[name], k, { seed: r.seed });
          runs.push({ key: crn.key, seed: crn.seed, replicate: k, arm: name });
          if (measured) {
            const ind = runSpec(arms[name], k, { seed: r.seed, stream: name });
            runs.push({ key: ind.key, seed: ind.seed, replicate: k, arm: name });
          }
        }
      }
      return {
        scenarios: names.map((name) => entry("arm", arms[name], name)),
        seed: r.seed,
        runs,
        runCount: r.runs,
        result: {
          replications: r.replications,
          confidence: r.confidence,
          arms: r.arms,
          varianceReductionMethod: r.varianceReductionMethod,
        },
      };
    }
    case "sweep": {
      const r = result as SweepResult;
      if (!o.scenario)
        missing(
          "options.scenario",
          "a SweepResult does not carry its base scenario; pass the scenario the sweep varied",
        );
      r.points.forEach((p) => checkHash("options.scenario", setParameters(o.scenario!, p.values), p.hash));
      const pointOfHash = new Map(r.points.map((p) => [p.hash, p.index]));
      return {
        scenarios: [entry("base", o.scenario)],
        seed: o.seed ?? null,
        runs: runsFromRows(r.rows, (run) => pointOfHash.get(run.slice(0, run.indexOf("/")))),
        runCount: r.runs,
        result: { design: r.design, parameters: r.parameters, points: r.points },
      };
    }
    case "sensitivity": {
      const r = result as SensitivityResult;
      if (!o.scenario)
        missing(
          "options.scenario",
          "a SensitivityResult does not carry its base scenario; pass the scenario it varied",
        );
      return {
        scenarios: [entry("base", o.scenario)],
        seed: o.seed ?? null,
        runs: o.runs ? runsFromRows(o.runs.flatMap((run) => run.rows.slice(0, 1))) : [],
        runCount: r.runs,
        result: { method: r.method, metric: r.metric, points: r.points },
      };
    }
    case "calibration": {
      const r = result as CalibrationResult;
      if (!o.scenario)
        missing("options.scenario", "a CalibrationResult does not carry its scenario; pass the scenario it calibrated");
      return {
        scenarios: [entry("base", o.scenario), entry("estimate", setParameters(o.scenario, r.estimate))],
        seed: o.seed ?? null,
        runs: o.runs ? runsFromRows(o.runs.flatMap((run) => run.rows.slice(0, 1))) : [],
        runCount: r.runs,
        result: {
          method: r.method,
          estimate: r.estimate,
          objective: r.objective,
          evaluations: r.evaluations,
          ...(r.converged !== undefined ? { converged: r.converged } : {}),
          ...(r.posterior ? { tolerances: r.posterior.tolerances, ess: r.posterior.ess } : {}),
        },
      };
    }
  }
}
