import { spawn } from "node:child_process";
import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  PACKAGE_VERSION,
  ValidationError,
  calibrate,
  createReplication,
  planCompare,
  runSpecs,
  scenarioHash,
  scenarios,
  sensitivity,
  simulate,
  sweep,
  type Scenario,
} from "@talentflow/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  METRIC_KINDS,
  readManifest,
  readTables,
  resultTables,
  writeResult,
  type ExportFormat,
  type ResultTables,
} from "../src/index";
import { duckColumns } from "./_duckdb";

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "talentflow-export-"));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});
let folders = 0;
const folder = () => join(root, `out${folders++}`);

const small = (extra: Partial<Parameters<typeof scenarios.baseline>[0]> = {}) =>
  scenarios.baseline({ agents: 2000, years: 2, ...extra });
const FORMATS: ExportFormat[] = ["csv", "ndjson", "parquet"];

/**
 * Writes the result in every format; each folder reads back to the same tables, and DuckDB reads CSV and Parquet to the
 * same values.
 */
async function roundTrip(
  expected: ResultTables,
  write: (dir: string, format: ExportFormat) => Promise<unknown>,
): Promise<void> {
  for (const format of FORMATS) {
    const dir = folder();
    await write(dir, format);
    expect(await readTables(dir)).toEqual(expected);
    if (format === "ndjson") continue;
    const manifest = await readManifest(dir);
    for (const entry of manifest.tables) {
      const table = expected[entry.name]!;
      const columns = await duckColumns(join(dir, entry.file), entry);
      expect(columns.length).toBe(table.columns.length);
      table.columns.forEach((c, k) => expect(columns[k], `${format} ${entry.name}.${c.name}`).toEqual(c.values));
    }
  }
}

describe("writeResult", () => {
  it(
    "writeResult(dir, simulate(...)) writes rows that readTables " +
      "and DuckDB read back value for value, in CSV, NDJSON and Parquet",
    async () => {
      const result = simulate(small(), { seed: 7 });
      const tables = resultTables(result);
      expect(tables.rows!.rows).toBe(result.rows.length);
      await roundTrip(tables, (dir, format) => writeResult(dir, result, { format }));
    },
  );

  it("writeResult(dir, replication, { scenario, runs }) writes per-replicate rows and intervals", async () => {
    const scenario = small();
    const rep = createReplication(scenario, { replications: 3, seed: 2, metrics: ["stock", "flow", "brainDrain"] });
    const runs = runSpecs(rep.ask());
    rep.tell(runs);
    const result = rep.result();
    const tables = resultTables(result, { scenario, runs });
    expect(tables.rows!.rows).toBe(runs.reduce((n, r) => n + r.rows.length, 0));
    expect(tables.intervals!.rows).toBe(result.statistics.length);
    await roundTrip(tables, (dir, format) => writeResult(dir, result, { scenario, runs, format }));
  });

  it(
    "writeResult(dir, comparison, { arms, runs }) writes " + "effects, welfare and paired differences per replicate",
    async () => {
      const arms = { baseline: small(), alliance: scenarios.alliance2026({ agents: 2000, years: 2 }) };
      const plan = planCompare(arms, { replications: 3, seed: 3, metrics: ["stock", "flow"] });
      const runs = runSpecs(plan.specs);
      const result = plan.aggregate(runs);
      const tables = resultTables(result, { arms, runs });
      // Per-replicate differences average to the summary's mean difference, series by series.
      const d = tables.differences!;
      const col = (name: string) => d.columns.find((c) => c.name === name)!.values;
      const sums = new Map<string, number>();
      const [arm, metric, region, origin, destination, period, diff] = [
        "arm",
        "metric",
        "region",
        "origin",
        "destination",
        "period",
        "difference",
      ].map(col);
      for (let i = 0; i < d.rows; i++) {
        const id = [arm[i], metric[i], region[i], origin[i], destination[i], period[i]].join("|");
        sums.set(id, (sums.get(id) ?? 0) + (diff[i] as number));
      }
      expect(sums.size).toBe(result.differences.length);
      for (const e of result.differences) {
        const sum = sums.get([e.arm, e.metric, e.region, e.origin, e.destination, e.period].join("|"))!;
        expect(Math.abs(sum / 3 - e.mean)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(e.mean)));
      }
      await roundTrip(tables, (dir, format) => writeResult(dir, result, { arms, runs, format }));
    },
  );

  it(
    "writeResult(dir, sweep(...), { scenario }) writes " + "rows with parameter columns, intervals and points",
    async () => {
      const scenario = small();
      const result = sweep(scenario, {
        vary: { "behavior.beta": [0.5, 1] },
        replications: 2,
        seed: 4,
        metrics: ["stock"],
      });
      const tables = resultTables(result, { scenario });
      expect(tables.points!.rows).toBe(2);
      expect(tables.rows!.columns.map((c) => c.name)).toContain("behavior.beta");
      expect(tables.intervals!.rows).toBe(result.statistics.length);
      await roundTrip(tables, (dir, format) => writeResult(dir, result, { scenario, format, seed: 4 }));
    },
  );

  it("writeResult(dir, sensitivity(...), { scenario }) writes the indices per parameter", async () => {
    const scenario = scenarios.baseline({ agents: 1000, years: 1 });
    const result = sensitivity(scenario, {
      method: "morris",
      metric: "stock",
      region: "CA",
      seed: 5,
      trajectories: 2,
      parameters: { "behavior.homeBias": { min: 0.5, max: 2 }, "regions.CA.amenity": { min: -0.5, max: 0.5 } },
    });
    const tables = resultTables(result);
    expect(tables.indices!.columns.find((c) => c.name === "muStar")!.values).toEqual(
      result.parameters.map((p) => p.muStar),
    );
    await roundTrip(tables, (dir, format) => writeResult(dir, result, { scenario, format }));
  });

  it("writeResult(dir, calibrate(...), { scenario }) writes the trace, the fit and the estimate", async () => {
    const scenario = scenarios.baseline({ agents: 1000, years: 1 });
    const result = calibrate(scenario, {
      method: "msm",
      parameters: { "behavior.homeBias": { lower: 0.3, upper: 2.5 } },
      targets: [{ name: "brainDrainCA", value: 0.3, se: 0.05, selector: { metric: "brainDrain", citizenship: "CA" } }],
      replications: 1,
      seed: 6,
      maxEvaluations: 4,
    });
    const tables = resultTables(result);
    expect(tables.trace!.rows).toBe(result.history.length);
    expect(tables.trace!.columns.find((c) => c.name === "objective")!.values).toEqual(
      result.history.map((h) => h.objective),
    );
    await roundTrip(tables, (dir, format) => writeResult(dir, result, { scenario, format }));
  });
});

describe("the annual view", () => {
  const result = simulate(small({ years: 3 }), { seed: 8 });

  it("resultTables(run, { annual: true }) gives year-end stocks, flows summed over the year and rates averaged", () => {
    const { rows } = resultTables(result, { annual: true });
    const get = (name: string) => rows!.columns.find((c) => c.name === name)!.values;
    expect(rows!.columns.map((c) => c.name)).not.toContain("quarter");
    const [metric, region, origin, destination, year, value] = [
      "metric",
      "region",
      "origin",
      "destination",
      "calendarYear",
      "value",
    ].map(get);
    const annual = (m: string, r: string, o: string, d: string, y: number) => {
      for (let i = 0; i < rows!.rows; i++)
        if (metric[i] === m && region[i] === r && origin[i] === o && destination[i] === d && year[i] === y)
          return value[i];
      return undefined;
    };
    const quarterly = (m: string, r: string, o: string, d: string, y: number) =>
      result.rows
        .filter(
          (row) =>
            row.metric === m &&
            row.region === r &&
            row.origin === o &&
            row.destination === d &&
            Math.floor(row.year) === y,
        )
        .map((row) => row.value);
    for (const y of [2026, 2027, 2028]) {
      expect(annual("stock", "CA", "", "", y)).toBe(quarterly("stock", "CA", "", "", y)[3]);
      expect(annual("flow", "", "DE", "SV", y)).toBe(quarterly("flow", "", "DE", "SV", y).reduce((a, b) => a + b, 0));
      const rates = quarterly("netMigrationPer10k", "CA", "", "", y);
      expect(annual("netMigrationPer10k", "CA", "", "", y)).toBe(rates.reduce((a, b) => a + b, 0) / rates.length);
    }
    expect(new Set<unknown>(year)).toEqual(new Set([2026, 2027, 2028]));
  });

  it("period rows carry quarter, yearEnd and calendarYear so that the stock in a year is one filter", () => {
    const { rows } = resultTables(result);
    const get = (name: string) => rows!.columns.find((c) => c.name === name)!.values;
    const [metric, region, quarter, yearEnd, calendarYear, value, period] = [
      "metric",
      "region",
      "quarter",
      "yearEnd",
      "calendarYear",
      "value",
      "period",
    ].map(get);
    const hits: number[] = [];
    for (let i = 0; i < rows!.rows; i++) {
      if (metric[i] === "stock" && region[i] === "DE" && yearEnd[i] === true && calendarYear[i] === 2027) hits.push(i);
      expect(quarter[i]).toBe(((period[i] as number) % 4) + 1);
    }
    expect(hits).toHaveLength(1);
    expect(value[hits[0]]).toBe(
      result.rows.find((r) => r.metric === "stock" && r.region === "DE" && r.period === 7)!.value,
    );
  });

  it("a replication's annual intervals are computed from each run's annual values", () => {
    const scenario = small();
    const rep = createReplication(scenario, { replications: 3, seed: 9, metrics: ["stock", "flow"] });
    const runs = runSpecs(rep.ask());
    rep.tell(runs);
    const { intervals } = resultTables(rep.result(), { scenario, runs, annual: true });
    const get = (name: string) => intervals!.columns.find((c) => c.name === name)!.values;
    const [metric, origin, destination, year, mean] = ["metric", "origin", "destination", "calendarYear", "mean"].map(
      get,
    );
    const i = metric.findIndex(
      (m, k) => m === "flow" && origin[k] === "DE" && destination[k] === "CA" && year[k] === 2027,
    );
    const sums = runs.map((r) =>
      r.rows
        .filter(
          (row) =>
            row.metric === "flow" && row.origin === "DE" && row.destination === "CA" && Math.floor(row.year) === 2027,
        )
        .reduce((a, row) => a + row.value, 0),
    );
    expect(Math.abs((mean[i] as number) - sums.reduce((a, b) => a + b, 0) / 3)).toBeLessThanOrEqual(
      1e-9 * Math.abs(mean[i] as number),
    );
    expect(() => resultTables(rep.result(), { scenario, annual: true })).toThrow(/options\.runs/);
  });

  it("every metric of core has a kind, and an observer metric without one is refused by name", () => {
    const observed = simulate(small({ years: 1 }), { seed: 1, observers: { germanShare: (v) => v.stock.DE / 1000 } });
    expect(() => resultTables(observed, { annual: true })).toThrow(/options\.metricKinds\.germanShare/);
    expect(resultTables(observed, { annual: true, metricKinds: { germanShare: "stock" } }).rows!.rows).toBeGreaterThan(
      0,
    );
    expect(Object.keys(METRIC_KINDS).length).toBeGreaterThan(20);
  });
});

describe("manifest.json", () => {
  it(
    "records versions, the scenario in full and its hash, " + "seeds, run keys, times, Node and the command line",
    async () => {
      const scenario = small();
      const rep = createReplication(scenario, { replications: 2, seed: "m1", metrics: ["stock"] });
      const runs = runSpecs(rep.ask());
      rep.tell(runs);
      const result = rep.result();
      const dir = folder();
      const startedAt = new Date(Date.now() - 5000);
      const argv = ["talentflow", "run", "baseline", "--replications", "2"];
      await writeResult(dir, result, { scenario, runs, argv, startedAt, format: "parquet" });
      const manifest = JSON.parse(await readFile(join(dir, "manifest.json"), "utf8"));
      const pkg = JSON.parse(await readFile(join(__dirname, "..", "package.json"), "utf8"));
      const writerPkg = JSON.parse(
        await readFile(join(__dirname, "..", "node_modules", "hyparquet-writer", "package.json"), "utf8"),
      );
      expect(manifest.kind).toBe("replicate");
      expect(manifest.packages).toEqual({
        "@talentflow/core": PACKAGE_VERSION,
        "@talentflow/adapters": pkg.version,
        "hyparquet-writer": writerPkg.version,
      });
      expect(pkg.dependencies["hyparquet-writer"]).toBe(writerPkg.version);
      expect(manifest.node).toBe(process.version);
      expect(manifest.commandLine).toEqual(argv);
      expect(manifest.startedAt).toBe(startedAt.toISOString());
      expect(Date.parse(manifest.finishedAt)).toBeGreaterThanOrEqual(startedAt.getTime() + 5000 - 1000);
      expect(manifest.seed).toBe("m1");
      expect(manifest.scenarios).toHaveLength(1);
      expect(manifest.scenarios[0].hash).toBe(scenarioHash(scenario));
      expect(scenarioHash(manifest.scenarios[0].scenario)).toBe(scenarioHash(scenario));
      expect(manifest.runs).toEqual(result.runs.map((r) => ({ key: r.key, seed: r.seed, replicate: r.replicate })));
      expect(manifest.tables.map((t: { file: string }) => t.file)).toEqual(["rows.parquet", "intervals.parquet"]);
      expect(manifest.result.confidence).toBe(0.95);
    },
  );

  it("refuses a replication without its scenario, or with another scenario, naming options.scenario", async () => {
    const scenario = small();
    const rep = createReplication(scenario, { replications: 2, seed: 1, metrics: ["stock"] });
    rep.tell(runSpecs(rep.ask()));
    const result = rep.result();
    const dir = folder();
    await expect(writeResult(dir, result, {} as { scenario: Scenario })).rejects.toThrow(
      /options\.scenario: is missing/,
    );
    await expect(writeResult(dir, result, { scenario: small({ years: 3 }) })).rejects.toThrow(
      /options\.scenario: is not the scenario of this result/,
    );
    await expect(
      writeResult(dir, simulate(small({ years: 1 }), { seed: 1 }), { format: "xlsx" as ExportFormat }),
    ).rejects.toBeInstanceOf(ValidationError);
  });
});

describe("interrupted writes", () => {
  it("a table that fails half-way leaves no file that looks whole, no temporary file and no manifest", async () => {
    const result = simulate(small(), { seed: 1 });
    const dir = folder();
    await writeResult(dir, result); // an earlier, complete output in the same folder
    const bad = {
      ...result,
      rows: result.rows.map((r, i) => (i === 70_000 % result.rows.length ? { ...r, value: Number.NaN } : r)),
    };
    await rm(join(dir, "rows.csv"));
    await expect(writeResult(dir, bad)).rejects.toThrow(/table "rows", row \d+, column "value": number is not finite/);
    expect(await readdir(dir)).toEqual([]);
    await expect(readTables(dir)).rejects.toThrow(/manifest\.json: is missing/);
  });

  it("a process killed while writing a panel leaves only a temporary file and no manifest", async () => {
    const dir = folder();
    const script = join(__dirname, "_panelChild.mts");
    const child = spawn(process.execPath, ["--conditions=@talentflow/source", "--import", "tsx", script, dir], {
      cwd: join(__dirname, ".."),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (b: Buffer) => (stderr += b.toString()));
    await new Promise<void>((resolve, reject) => {
      let batches = 0;
      child.stdout.on("data", (b: Buffer) => {
        batches += b.toString().split("\n").filter(Boolean).length;
        if (batches >= 3) {
          child.kill("SIGKILL");
          resolve();
        }
      });
      child.on("exit", () => reject(new Error(`the child ended before it was killed: ${stderr}`)));
    });
    await new Promise((r) => child.on("close", r));
    const left = await readdir(dir);
    expect(left).toHaveLength(1);
    expect(left[0]).toMatch(/^\.panel\.csv\.[0-9a-f]{12}\.tmp$/);
  });
});
