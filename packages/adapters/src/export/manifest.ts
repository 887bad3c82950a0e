import { MODEL_VERSION, PACKAGE_VERSION, type Scenario } from "@talentflow/core";
import type { ExportFormat } from "./_formats";
import { ADAPTERS_VERSION, PARQUET_WRITER } from "./_versions";
import type { ResultKind } from "./resultKind";
import type { ColumnType, TableName } from "./tables";

/** One table file of an output folder. */
export interface ManifestTable {
  readonly name: TableName;
  /** File name inside the folder, e.g. `rows.csv`. */
  readonly file: string;
  readonly format: ExportFormat;
  readonly rows: number;
  readonly columns: readonly { readonly name: string; readonly type: ColumnType }[];
}

/** A scenario of the output, in full, with its hash (the first part of its runs' keys). */
export interface ManifestScenario {
  /**
   * `run`, `replicate`: the scenario; `compare`: an arm; `sweep`, `sensitivity`, `calibration`: the base; `estimate`: a
   * calibration's estimate applied to the base.
   */
  readonly role: "scenario" | "arm" | "base" | "estimate";
  /** The arm's name in a comparison. */
  readonly arm?: string;
  readonly name: string;
  readonly hash: string;
  readonly scenario: Scenario;
}

/** One run of the output. */
export interface ManifestRun {
  readonly key: string;
  /** The run seed (`runSeed(master seed, replicate)`, or an independent stream's). */
  readonly seed: number;
  readonly replicate: number;
  readonly arm?: string;
  readonly point?: number;
}

/**
 * `manifest.json` of an output folder: what was run, with what, when and how, and which files
 * hold which tables. It is written last: a folder without it is incomplete.
 */
export interface Manifest {
  /** Layout version of the folder. */
  readonly format: "talentflow-output/1";
  readonly kind: ResultKind | "panel";
  /** Model version (`talentflow/1`). */
  readonly model: string;
  /** Versions of the packages that made the folder. */
  readonly packages: Readonly<Record<string, string>>;
  /** `process.version` and `process.platform`/`process.arch`. */
  readonly node: string;
  readonly platform: string;
  /** The command line (the caller's argv, default `process.argv`). */
  readonly commandLine: readonly string[];
  /**
   * ISO 8601 times: when the work started (as the caller says; default when writing began) and when the folder was
   * complete.
   */
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly fileFormat: ExportFormat;
  /** Whether period tables are in the annual view. */
  readonly annual: boolean;
  readonly scenarios: readonly ManifestScenario[];
  /** Master seed of the experiment (the run seed for a single run). */
  readonly seed: number | string | null;
  /** Every run whose key is known, in order. */
  readonly runs: readonly ManifestRun[];
  /** Distinct runs done (known also when their keys are not). */
  readonly runCount: number;
  /** Scalars of the result that are not tables: a run's summary, confidence, stopping report, ... */
  readonly result: Readonly<Record<string, unknown>>;
  readonly tables: readonly ManifestTable[];
}

/** Internal: the parts of a manifest that do not depend on the result. */
export function environment(
  format: ExportFormat,
  argv: readonly string[] | undefined,
): Pick<Manifest, "format" | "model" | "packages" | "node" | "platform" | "commandLine" | "fileFormat"> {
  return {
    format: "talentflow-output/1",
    model: MODEL_VERSION,
    packages: {
      "@talentflow/core": PACKAGE_VERSION,
      "@talentflow/adapters": ADAPTERS_VERSION,
      ...(format === "parquet" ? { [PARQUET_WRITER.name]: PARQUET_WRITER.version } : {}),
    },
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    commandLine: [...(argv ?? process.argv)],
    fileFormat: format,
  };
}

/**
 * JSON of a manifest: non-finite numbers (a feedback switched off is Infinity) as strings, as scenario files write
 * them.
 */
export function manifestJson(manifest: Manifest): string {
  return (
    JSON.stringify(
      manifest,
      (_key, value: unknown) => (typeof value === "number" && !Number.isFinite(value) ? String(value) : value),
      2,
    ) + "\n"
  );
}
