import {
  ValidationError,
  planCompare,
  runSpec,
  scenarios,
  type CalibrationResult,
  type CompareResult,
  type PairedDifference,
  type ReplicateResult,
  type RunOutput,
  type RunResult,
  type Scenario,
  type SensitivityResult,
  type SeriesStatistic,
  type SweepResult,
  type TidyRow,
} from "@talentflow/core";
import { annualRows, kindResolver } from "./_annual";
import { buildTable, orNull, type ColumnSpec } from "./_build";
import { calendarOf, periodsPerYearOf, type CalendarOf } from "./_calendar";
import { intervalsOverRuns } from "./_intervals";
import type { MetricKind } from "./metricKinds";
import { resultKind, type ExportableResult } from "./resultKind";
import type { ResultTables, Table } from "./tables";

/** Options of {@link resultTables} (and of `writeResult`). */
export interface ResultTablesOptions {
  /**
   * The annual view: one row per calendar year instead of per period; stocks at the year's end,
   * flows summed over the year, rates averaged (see `METRIC_KINDS`). Years a run did not finish
   * are left out. Intervals of a replication or comparison are recomputed from the runs' annual
   * values, so they need `runs` (and a comparison its `arms`).
   */
  readonly annual?: boolean;
  /**
   * The runs behind a replication or a comparison (each a `RunResult` or `{ run, rows }`, e.g.
   * `runSpecs(plan.specs)`), matched by run key: they give a replication its per-replicate
   * `rows` and a comparison its per-replicate `differences`. Extra runs are ignored.
   */
  readonly runs?: readonly RunOutput[];
  /**
   * The scenario a replication, sweep, sensitivity analysis or calibration ran on (a sweep's
   * base scenario). Results other than a run's do not carry it; it places periods in the calendar
   * and `writeResult` records it in the manifest.
   */
  readonly scenario?: Scenario;
  /** A comparison's arms, as passed to `compare` (`baseline` and the others). */
  readonly arms?: Readonly<Record<string, Scenario>>;
  /** Kinds of observer metrics (not among core's metrics) for the annual view. */
  readonly metricKinds?: Readonly<Record<string, MetricKind>>;
}

const DIMENSIONS = ["metric", "region", "origin", "destination", "citizenship"] as const;
const STATISTICS = ["n", "mean", "sd", "se", "ciLow", "ciHigh", "halfWidth"] as const;

/**
 * The tidy tables of a result, as plain column data: what `writeResult` writes, what
 * `readTables` reads back, what reports and the CLI read. Pure: no file is touched.
 *
 * | result | tables |
 * | --- | --- |
 * | `RunResult` (`simulate`) | `rows` |
 * | `ReplicateResult` | `intervals`, and `rows` of every replicate with `runs` |
 * | `CompareResult` | `effects`, `welfare`, and per-replicate `differences` with `runs` and `arms` |
 * | `SweepResult` | `rows`, `intervals` (2+ replications), `points` |
 * | `SensitivityResult` | `indices` |
 * | `CalibrationResult` | `trace`, `fit`, `estimate`, and `posterior` for ABC |
 *
 * Period tables carry `period`, `year` (calendar time of the period's start), `calendarYear`,
 * `quarter` (1..periodsPerYear) and `yearEnd` (the year's last period), so "the stock in 2031"
 * is `metric == "stock" & calendarYear == 2031 & yearEnd`. With `annual` they carry
 * `calendarYear` alone. Columns of each table: docs/files.md, "Output folder".
 *
 * @throws ValidationError naming the option: a missing `runs`/`arms`/`scenario` that the asked
 *   view needs, runs that do not match the result's keys, an observer metric without a kind.
 * @example
 * const result = simulate(scenarios.baseline({ agents: 5000, years: 2 }), { seed: 1 });
 * const { rows } = resultTables(result);
 * rows!.columns.map((c) => c.name)
 * // => ["run", "scenario", "replicate", "seed", "period", "year", "calendarYear", "quarter", "yearEnd", "metric", ...]
 */
export function resultTables(result: ExportableResult, options: ResultTablesOptions = {}): ResultTables {
  switch (resultKind(result)) {
    case "run":
      return runTables(result as RunResult, options);
    case "replicate":
      return replicateTables(result as ReplicateResult, options);
    case "compare":
      return compareTables(result as CompareResult, options);
    case "sweep":
      return sweepTables(result as SweepResult, options);
    case "sensitivity":
      return { indices: indicesTable(result as SensitivityResult) };
    case "calibration":
      return calibrationTables(result as CalibrationResult);
  }
}

// ---------------------------------------------------------------------------------------------
// Column sets shared by the tables.

function runColumns<R extends { run: string; scenario: string; replicate: number; seed: number }>(): ColumnSpec<R>[] {
  return [
    { name: "run", type: "string", get: (r) => r.run },
    { name: "scenario", type: "string", get: (r) => r.scenario },
    { name: "replicate", type: "integer", get: (r) => r.replicate },
    { name: "seed", type: "integer", get: (r) => r.seed },
  ];
}

function dimensionColumns<R extends Record<(typeof DIMENSIONS)[number], string>>(): ColumnSpec<R>[] {
  return DIMENSIONS.map((name) => ({ name, type: "string", get: (r: R) => r[name] }));
}

/** period, year, calendarYear, quarter, yearEnd; or calendarYear alone in the annual view (where `year` holds it). */
function timeColumns<R extends { period: number; year: number }>(
  records: readonly R[],
  ppy: (r: R) => number,
  annual: boolean,
): ColumnSpec<R>[] {
  if (annual) return [{ name: "calendarYear", type: "integer", get: (r) => r.year }];
  const cal: CalendarOf[] = records.map((r) => calendarOf(r.period, r.year, ppy(r)));
  return [
    { name: "period", type: "integer", get: (r) => r.period },
    { name: "year", type: "double", get: (r) => r.year },
    { name: "calendarYear", type: "integer", get: (_r, i) => cal[i].calendarYear },
    { name: "quarter", type: "integer", get: (_r, i) => cal[i].quarter },
    { name: "yearEnd", type: "boolean", get: (_r, i) => cal[i].yearEnd },
  ];
}

function statisticColumns<R extends Record<(typeof STATISTICS)[number], number>>(): ColumnSpec<R>[] {
  return STATISTICS.map((name) => ({
    name,
    type: name === "n" ? "integer" : "double",
    get: (r: R) => orNull(r[name]),
  }));
}

function parameterColumns<R>(parameters: readonly string[], get: (r: R, path: string) => number): ColumnSpec<R>[] {
  return parameters.map((path) => ({ name: path, type: "double", get: (r: R) => get(r, path) }));
}

function rowsTable(
  rows: readonly TidyRow[],
  ppy: (r: TidyRow) => number,
  annual: boolean,
  extra: ColumnSpec<TidyRow>[] = [],
): Table {
  return buildTable("rows", rows, [
    ...runColumns<TidyRow>(),
    ...extra,
    ...timeColumns(rows, ppy, annual),
    ...dimensionColumns<TidyRow>(),
    { name: "value", type: "double", get: (r) => r.value },
  ]);
}

function intervalsTable(
  stats: readonly SeriesStatistic[],
  ppy: (r: SeriesStatistic) => number,
  annual: boolean,
  extra: ColumnSpec<SeriesStatistic>[] = [],
): Table {
  return buildTable("intervals", stats, [
    ...extra,
    ...dimensionColumns<SeriesStatistic>(),
    ...timeColumns(stats, ppy, annual),
    ...statisticColumns<SeriesStatistic>(),
  ]);
}

// ---------------------------------------------------------------------------------------------
// Per result.

function runTables(result: RunResult, o: ResultTablesOptions): ResultTables {
  const ppy = result.scenario.periodsPerYear;
  const rows = o.annual ? annualRows(result.rows, () => ppy, kindResolver(o.metricKinds)) : result.rows;
  return { rows: rowsTable(rows, () => ppy, o.annual === true) };
}

/** The outputs for `keys`, in that order; a missing key is an error naming `options.runs`. */
function pickRuns(runs: readonly RunOutput[], keys: readonly string[], what: string): RunOutput[] {
  const byKey = new Map(runs.map((r) => [r.run, r]));
  const missing = keys.filter((k) => !byKey.has(k));
  if (missing.length > 0) {
    throw new ValidationError(
      [
        {
          path: "options.runs",
          message:
            `lacks ${missing.length} run(s) of ` +
            `the ${what}: ${missing.slice(0, 3).join(", ")}${missing.length > 3 ? ", …" : ""}`,
        },
      ],
      "export",
    );
  }
  return keys.map((k) => byKey.get(k)!);
}

function needs(path: string, message: string): never {
  throw new ValidationError([{ path, message }], "export");
}

function annualize(runs: readonly RunOutput[], ppy: number, o: ResultTablesOptions): RunOutput[] {
  const kindOf = kindResolver(o.metricKinds);
  return runs.map((r) => ({ run: r.run, rows: annualRows(r.rows, () => ppy, kindOf) }));
}

function replicateTables(result: ReplicateResult, o: ResultTablesOptions): ResultTables {
  const runs = o.runs
    ? pickRuns(
        o.runs,
        result.runs.map((r) => r.key),
        "replication",
      )
    : undefined;
  const ppy = periodsPerYearOf(o.scenario, [...result.statistics, ...(runs?.[0]?.rows ?? [])], "options.scenario");
  const tables: ResultTables = {};
  if (!o.annual) {
    if (runs)
      tables.rows = rowsTable(
        runs.flatMap((r) => r.rows),
        () => ppy,
        false,
      );
    tables.intervals = intervalsTable(result.statistics, () => ppy, false);
    return tables;
  }
  if (!runs)
    needs(
      "options.runs",
      "the annual view of a replication recomputes its intervals from the " +
        "runs' annual values: pass the runs (e.g. the outputs of runSpecs)",
    );
  const annual = annualize(runs, ppy, o);
  tables.rows = rowsTable(
    annual.flatMap((r) => r.rows),
    () => ppy,
    true,
  );
  tables.intervals = intervalsTable(
    intervalsOverRuns(annual, o.scenario ?? scenarios.baseline(), result.confidence),
    () => ppy,
    true,
  );
  return tables;
}

function compareTables(result: CompareResult, o: ResultTablesOptions): ResultTables {
  const arms = o.arms;
  if (arms) {
    const given = Object.keys(arms).filter((n) => n !== "baseline");
    if (!Object.hasOwn(arms, "baseline") || given.join("\u0000") !== result.arms.join("\u0000")) {
      needs(
        "options.arms",
        `must be the arms the comparison ran ` +
          `(baseline, ${result.arms.join(", ")}), got ${Object.keys(arms).join(", ")}`,
      );
    }
  }
  const ppy = periodsPerYearOf(arms?.baseline ?? o.scenario, result.differences, "options.arms");
  const annual = o.annual === true;
  const tables: ResultTables = {};
  let effects: readonly PairedDifference[] = result.differences;
  let runs: readonly RunOutput[] | undefined = o.runs;
  if (annual) {
    if (!runs || !arms)
      needs(
        runs ? "options.arms" : "options.runs",
        "the annual view of a comparison recomputes its effects " +
          "from the runs' annual values: pass the runs and the arms",
      );
    runs = annualize(runs, ppy, o);
    const metrics = [...new Set(result.differences.map((d) => d.metric))];
    const plan = planCompare(arms, {
      replications: result.replications,
      seed: result.seed,
      confidence: result.confidence,
      varianceReduction: result.varianceReductionMethod.startsWith("measured"),
      ...(metrics.length > 0 ? { metrics } : {}),
    });
    effects = plan.aggregate(runs).differences;
  }
  tables.effects = buildTable("effects", effects, [
    { name: "arm", type: "string", get: (d) => d.arm },
    ...dimensionColumns<PairedDifference>(),
    ...timeColumns(effects, () => ppy, annual),
    ...statisticColumns<PairedDifference>(),
    { name: "baselineMean", type: "double", get: (d) => d.baselineMean },
    { name: "armMean", type: "double", get: (d) => d.armMean },
    { name: "varianceReduction", type: "double", get: (d) => orNull(d.varianceReduction) },
  ]);
  tables.welfare = buildTable("welfare", result.welfare, [
    { name: "arm", type: "string", get: (w) => w.arm },
    { name: "beta", type: "double", get: (w) => w.beta },
    ...STATISTICS.map(
      (name): ColumnSpec<(typeof result.welfare)[number]> => ({
        name,
        type: name === "n" ? "integer" : "double",
        get: (w) => orNull(w.dW[name]),
      }),
    ),
    { name: "compensatingVariation", type: "double", get: (w) => orNull(w.compensatingVariation.estimate) },
    { name: "cvLow", type: "double", get: (w) => orNull(w.compensatingVariation.ciLow) },
    { name: "cvHigh", type: "double", get: (w) => orNull(w.compensatingVariation.ciHigh) },
  ]);
  if (runs && !arms)
    needs(
      "options.arms",
      "per-replicate differences match each arm's runs to the baseline's: pass the arms as given to compare",
    );
  if (runs && arms) tables.differences = differencesTable(result, arms, runs, ppy, annual);
  return tables;
}

interface ReplicateDifference extends TidyRow {
  arm: string;
  baselineRun: string;
  baseline: number;
  armValue: number;
}

function differencesTable(
  result: CompareResult,
  arms: Readonly<Record<string, Scenario>>,
  runs: readonly RunOutput[],
  ppy: number,
  annual: boolean,
): Table {
  const keep = new Set(result.differences.map((d) => d.metric));
  const keysOf = (scenario: Scenario) =>
    Array.from({ length: result.replications }, (_, r) => runSpec(scenario, r, { seed: result.seed }).key);
  const base = pickRuns(runs, keysOf(arms.baseline), "comparison's baseline");
  const seriesId = (r: TidyRow) =>
    `${r.metric}\u0000${r.region}\u0000${r.origin}\u0000${r.destination}\u0000${r.citizenship}\u0000${r.period}`;
  const out: ReplicateDifference[] = [];
  for (const arm of result.arms) {
    const mine = pickRuns(runs, keysOf(arms[arm]), `comparison's arm "${arm}"`);
    mine.forEach((run, r) => {
      const baseline = new Map(base[r].rows.map((row) => [seriesId(row), row.value]));
      for (const row of run.rows) {
        if (!keep.has(row.metric)) continue;
        const b = baseline.get(seriesId(row));
        if (b === undefined) continue;
        out.push({ ...row, arm, baselineRun: base[r].run, baseline: b, armValue: row.value, value: row.value - b });
      }
    });
  }
  return buildTable("differences", out, [
    { name: "arm", type: "string", get: (d) => d.arm },
    { name: "replicate", type: "integer", get: (d) => d.replicate },
    { name: "seed", type: "integer", get: (d) => d.seed },
    { name: "armRun", type: "string", get: (d) => d.run },
    { name: "baselineRun", type: "string", get: (d) => d.baselineRun },
    ...timeColumns(out, () => ppy, annual),
    ...dimensionColumns<ReplicateDifference>(),
    { name: "baseline", type: "double", get: (d) => d.baseline },
    { name: "armValue", type: "double", get: (d) => d.armValue },
    { name: "difference", type: "double", get: (d) => d.value },
  ]);
}

function sweepTables(result: SweepResult, o: ResultTablesOptions): ResultTables {
  const pointOfHash = new Map(result.points.map((p) => [p.hash, p.index]));
  const pointOf = (run: string) => pointOfHash.get(run.slice(0, run.indexOf("/")));
  const varied = result.parameters.includes("periodsPerYear");
  const baseFor = (rows: readonly { period: number; year: number }[]) =>
    varied ? undefined : periodsPerYearOf(o.scenario, rows, "options.scenario");
  const basePpy = baseFor(result.rows.length > 0 ? result.rows : result.statistics);
  // A sweep over periodsPerYear itself carries each point's value in the rows.
  const ppyOfRow = (r: { period: number; year: number }) =>
    varied ? (r as unknown as Record<string, number>).periodsPerYear : basePpy!;
  const annual = o.annual === true;
  const params = <R>(get: (r: R, path: string) => number) => parameterColumns<R>(result.parameters, get);
  const tables: ResultTables = {};

  let rows: readonly TidyRow[] = result.rows;
  let stats: readonly (SeriesStatistic & { point: number })[] = result.statistics;
  if (annual) {
    rows = annualRows(result.rows, ppyOfRow, kindResolver(o.metricKinds));
    const byPoint = new Map<number, Map<string, TidyRow[]>>();
    for (const r of rows) {
      const point = pointOf(r.run)!;
      const runs = byPoint.get(point) ?? new Map<string, TidyRow[]>();
      byPoint.set(point, runs);
      const list = runs.get(r.run) ?? [];
      runs.set(r.run, list);
      list.push(r);
    }
    const confidence = 0.95; // a SweepResult does not record its level; sweeps default to 95%
    const out: (SeriesStatistic & { point: number })[] = [];
    for (const p of result.points) {
      const runs = [...(byPoint.get(p.index) ?? new Map<string, TidyRow[]>()).entries()].map(([run, list]) => ({
        run,
        rows: list,
      }));
      for (const s of intervalsOverRuns(runs, o.scenario ?? scenarios.baseline(), confidence))
        out.push({ ...s, point: p.index, ...p.values });
    }
    stats = out;
  }
  tables.rows = rowsTable(rows, ppyOfRow, annual, [
    { name: "point", type: "integer", get: (r) => pointOf(r.run) ?? null },
    ...params<TidyRow>((r, path) => r[path] as number),
  ]);
  if (stats.length > 0) {
    tables.intervals = intervalsTable(stats, ppyOfRow, annual, [
      { name: "point", type: "integer", get: (s) => (s as SeriesStatistic & { point: number }).point },
      ...params<SeriesStatistic>((s, path) => (s as unknown as Record<string, number>)[path]),
    ]);
  }
  tables.points = buildTable("points", result.points, [
    { name: "point", type: "integer", get: (p) => p.index },
    { name: "hash", type: "string", get: (p) => p.hash },
    ...params<(typeof result.points)[number]>((p, path) => p.values[path]),
  ]);
  return tables;
}

function indicesTable(result: SensitivityResult): Table {
  const common: ColumnSpec<{ path: string; min: number; max: number }>[] = [
    { name: "method", type: "string", get: () => result.method },
    { name: "metric", type: "string", get: () => result.metric.metric },
    { name: "parameter", type: "string", get: (p) => p.path },
    { name: "min", type: "double", get: (p) => p.min },
    { name: "max", type: "double", get: (p) => p.max },
  ];
  if (result.method === "morris") {
    return buildTable("indices", result.parameters, [
      ...common,
      ...(["mu", "muStar", "sigma"] as const).map((k) => ({
        name: k,
        type: "double" as const,
        get: (p: (typeof result.parameters)[number]) => orNull(p[k]),
      })),
    ]);
  }
  return buildTable("indices", result.parameters, [
    ...common,
    ...(["s1", "s1Low", "s1High", "st", "stLow", "stHigh"] as const).map((k) => ({
      name: k,
      type: "double" as const,
      get: (p: (typeof result.parameters)[number]) => orNull(p[k]),
    })),
  ]);
}

function calibrationTables(result: CalibrationResult): ResultTables {
  const paths = Object.keys(result.estimate);
  const tables: ResultTables = {
    trace: buildTable("trace", result.history, [
      { name: "evaluation", type: "integer", get: (_h, i) => i + 1 },
      { name: "objective", type: "double", get: (h) => orNull(Number.isFinite(h.objective) ? h.objective : NaN) },
      ...parameterColumns<(typeof result.history)[number]>(paths, (h, path) => h.parameters[path]),
    ]),
    fit: buildTable("fit", result.fit, [
      { name: "target", type: "string", get: (f) => f.name },
      { name: "value", type: "double", get: (f) => f.value },
      { name: "se", type: "double", get: (f) => f.se },
      { name: "model", type: "double", get: (f) => orNull(f.model) },
      { name: "modelSd", type: "double", get: (f) => orNull(f.modelSd) },
      { name: "distance", type: "double", get: (f) => orNull(f.distance) },
    ]),
    estimate: buildTable("estimate", paths, [
      { name: "parameter", type: "string", get: (p) => p },
      { name: "estimate", type: "double", get: (p) => result.estimate[p] },
      { name: "posteriorSd", type: "double", get: (p) => orNull(result.posterior?.sd[p]) },
    ]),
  };
  const posterior = result.posterior;
  if (posterior) {
    tables.posterior = buildTable("posterior", posterior.particles, [
      { name: "particle", type: "integer", get: (_p, i) => i + 1 },
      { name: "weight", type: "double", get: (_p, i) => posterior.weights[i] },
      ...parameterColumns<Record<string, number>>(paths, (p, path) => p[path]),
    ]);
  }
  return tables;
}
