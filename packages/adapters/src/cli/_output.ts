/**
 * The seam between the CLI and the files it writes: `--out DIR` and `--format`, through the
 * exports module's `writeResult` (tables in CSV, NDJSON or Parquet, and manifest.json).
 * @internal
 * @module
 */
import type {
  CalibrationResult,
  CompareResult,
  ReplicateResult,
  RunOutput,
  RunResult,
  Scenario,
  SensitivityResult,
  SweepResult,
} from "@talentflow/core";
import { join } from "node:path";
import { writeResult, type WriteResultOptions } from "../export/writeResult";

/** The output formats of `--format`. */
export const FORMATS = ["csv", "parquet", "ndjson"] as const;
/** One of {@link FORMATS}. */
export type Format = (typeof FORMATS)[number];

/** What the executor may add to any result: the runs behind it, for per-replicate tables. */
interface WithRuns {
  /** The runs' outputs (replications: per-replicate `rows`; comparisons: per-replicate `differences`). */
  readonly runs?: readonly RunOutput[];
}

/**
 * A command's result, by kind, with what `writeResult` needs besides it: the scenario a
 * replication, sweep, sensitivity analysis or calibration ran on (results do not carry it), a
 * comparison's arms, and the plan's master seed where the result does not record it.
 */
export type CliResult =
  | { readonly kind: "run"; readonly result: RunResult }
  | ({ readonly kind: "replicate"; readonly result: ReplicateResult; readonly scenario: Scenario } & WithRuns)
  | ({
      readonly kind: "compare";
      readonly result: CompareResult;
      readonly arms: Readonly<Record<string, Scenario>>;
    } & WithRuns)
  | ({
      readonly kind: "sweep";
      readonly result: SweepResult;
      readonly scenario: Scenario;
      readonly seed?: number | string;
    } & WithRuns)
  | ({
      readonly kind: "sensitivity";
      readonly result: SensitivityResult;
      readonly scenario: Scenario;
      readonly seed?: number | string;
    } & WithRuns)
  | ({
      readonly kind: "calibrate";
      readonly result: CalibrationResult;
      readonly scenario: Scenario;
      readonly seed?: number | string;
    } & WithRuns);

/** What `writeOutput` is told besides the result. */
export interface OutputOptions {
  readonly format: Format;
  /** The command line, for the manifest. */
  readonly argv: readonly string[];
  /** When the command started, for the manifest. */
  readonly started: Date;
}

/**
 * Why `format` cannot be written by this build, or undefined if it can (every format can).
 * Checked before any run, so that a long run never ends in an unwritable format.
 */
export function formatUnavailable(format: Format): string | undefined {
  void format;
  return undefined;
}

/** Writes the result's tables and manifest.json into `dir` (created if missing); returns the files written. */
export async function writeOutput(dir: string, output: CliResult, options: OutputOptions): Promise<string[]> {
  const common: WriteResultOptions = { format: options.format, argv: options.argv, startedAt: options.started };
  const extra: WriteResultOptions =
    output.kind === "run"
      ? {}
      : output.kind === "compare"
        ? { arms: output.arms, ...(output.runs ? { runs: output.runs } : {}) }
        : {
            scenario: output.scenario,
            ...(output.runs ? { runs: output.runs } : {}),
            ...("seed" in output && output.seed !== undefined ? { seed: output.seed } : {}),
          };
  const written = await writeResult(dir, output.result, { ...common, ...extra });
  return written.files.map((file) => join(dir, file));
}
