/**
 * The `talentflow` command line end to end: each test spawns it as a user would (Node with tsx
 * and the source condition, as `pnpm talentflow` does) at tiny sizes, and checks its output,
 * files and exit code.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, readdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../src/cli/runCli";
import { readTables } from "../src/index";

const ROOT = resolve(__dirname, "../../..");
const BIN = join(ROOT, "packages/adapters/src/cli/bin.ts");

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** Spawns the CLI; `cwd` is where the user typed the command (INIT_CWD, as pnpm sets it). */
function talentflow(args: string[], cwd = ROOT): Promise<Outcome> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      ["--conditions=@talentflow/source", "--import", "tsx", BIN, ...args],
      { cwd: ROOT, env: { ...process.env, INIT_CWD: cwd }, timeout: 120_000 },
      (error, stdout, stderr) =>
        done({ code: error ? (typeof error.code === "number" ? error.code : -1) : 0, stdout, stderr }),
    );
  });
}

/** The same CLI in this process (no start-up cost), for the checks that need no real process. */
async function inProcess(args: string[], cwd = ROOT): Promise<Outcome> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(args, {
    cwd,
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
  });
  return { code, stdout, stderr };
}

const tiny = ["--agents", "2000", "--years", "1"];

describe("talentflow", () => {
  it("talentflow --help lists every command and exits 0", async () => {
    const r = await talentflow(["--help"]);
    expect(r.code).toBe(0);
    for (const c of ["run", "compare", "sweep", "sensitivity", "calibrate", "report", "scenarios", "schema"])
      expect(r.stdout).toMatch(new RegExp(`^  ${c} `, "m"));
  });

  it("talentflow <command> --help shows the command's options and an example, for every command", async () => {
    for (const c of ["run", "compare", "sweep", "sensitivity", "calibrate", "report", "scenarios", "schema"]) {
      const r = await inProcess([c, "--help"]);
      expect(r.code, c).toBe(0);
      expect(r.stdout, c).toMatch(new RegExp(`^Usage: talentflow ${c}`));
      expect(r.stdout, c).toMatch(/^Examples?:\n {2}talentflow /m);
    }
  });

  it(
    "talentflow run baseline --agent 5000 refuses the unknown " +
      "flag, suggests --agents and exits 2 without a stack trace",
    async () => {
      const r = await talentflow(["run", "baseline", "--agent", "5000"]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^talentflow run: unknown option --agent \(did you mean --agents\?\)/);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.stdout).toBe("");
    },
  );

  it("talentflow refuses bad values and unknown commands with exit 2, naming the flag", async () => {
    const bad = await inProcess(["run", "baseline", "--agents", "0"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--agents must be a whole number >= 1, got "0"/);
    const format = await inProcess(["run", "baseline", "--out", "x", "--format", "csvv"]);
    expect(format.code).toBe(2);
    expect(format.stderr).toMatch(/--format must be one of csv, parquet, ndjson, got "csvv" \(did you mean csv\?\)/);
    const command = await inProcess(["rn", "baseline"]);
    expect(command.code).toBe(2);
    expect(command.stderr).toMatch(/unknown command "rn" \(did you mean run\?\)/);
  });

  it("talentflow run <bad file> exits 2 and names file:line:column, the field and the reason", async () => {
    const dir = await mkdtemp(join(tmpdir(), "tf-cli-"));
    await writeFile(join(dir, "bad.yaml"), "extends: baseline\nset:\n  regions.DE.taxRate: 1.4\n");
    const r = await talentflow(["run", "bad.yaml"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("bad.yaml:3:23: regions.DE.taxRate: must be in [0, 1), got 1.4");
  });

  it(
    "talentflow run <file> --out DIR writes the rows " + "as CSV with one header and prints the summary table",
    async () => {
      const dir = await mkdtemp(join(tmpdir(), "tf-cli-"));
      const r = await talentflow(
        ["run", join(ROOT, "examples/scenarios/alliance2026.yaml"), ...tiny, "--metrics", "stock", "--out", "out"],
        dir,
      );
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/^region\s+2026\s+2027\s+change$/m);
      expect(r.stderr).toMatch(/run alliance2026: \d+\/12 periods/);
      expect((await readdir(join(dir, "out"))).sort()).toEqual(["manifest.json", "rows.csv"]);
      const lines = (await readFile(join(dir, "out/rows.csv"), "utf8")).trimEnd().split("\r\n");
      expect(lines[0]).toBe(
        "run,scenario,replicate,seed,period,year,calendarYear,quarter," +
          "yearEnd,metric,region,origin,destination,citizenship,value",
      );
      expect(lines.length).toBe(1 + 5 * 4); // 5 regions x 4 quarters of stock
    },
  );

  it(
    "talentflow run baseline --replications 2 --json " + "prints JSON that parses, with the horizon's statistics",
    async () => {
      const r = await talentflow([
        "run",
        "baseline",
        ...tiny,
        "--replications",
        "2",
        "--metrics",
        "stock",
        "--json",
        "--seed",
        "3",
      ]);
      expect(r.code, r.stderr).toBe(0);
      const data = JSON.parse(r.stdout);
      expect(data).toMatchObject({
        kind: "replicate",
        scenario: "baseline",
        seed: 3,
        replications: 2,
        metric: "stock",
        files: [],
        warnings: [],
      });
      // sorted code order
      expect(data.horizon.map((s: { region: string }) => s.region)).toEqual(["CA", "DE", "ROW", "SV", "USR"]);
      expect(data.horizon.every((s: { n: number; period: number }) => s.n === 2 && s.period === 3)).toBe(true);
    },
  );

  it(
    "talentflow run baseline --agents 2000 --years 2 --out DIR --format " +
      "parquet --report writes rows.parquet, manifest.json and report.html",
    async () => {
      const dir = await mkdtemp(join(tmpdir(), "tf-cli-"));
      const r = await talentflow(
        [
          "run",
          "baseline",
          "--agents",
          "2000",
          "--years",
          "2",
          "--out",
          "out",
          "--format",
          "parquet",
          "--report",
          "--seed",
          "5",
        ],
        dir,
      );
      expect(r.code, r.stderr).toBe(0);
      const files = await readdir(join(dir, "out"));
      expect(files).toEqual(expect.arrayContaining(["rows.parquet", "manifest.json", "report.html"]));
      expect(files.filter((f) => f.endsWith(".svg"))).toHaveLength(3); // stock, flows, brain drain
      const manifest = JSON.parse(await readFile(join(dir, "out/manifest.json"), "utf8"));
      expect(manifest).toMatchObject({
        kind: "run",
        fileFormat: "parquet",
        tables: [{ name: "rows", file: "rows.parquet" }],
      });
      expect(manifest.commandLine).toEqual([
        "run",
        "baseline",
        "--agents",
        "2000",
        "--years",
        "2",
        "--out",
        "out",
        "--format",
        "parquet",
        "--report",
        "--seed",
        "5",
      ]);
      expect(Date.parse(manifest.startedAt)).toBeLessThanOrEqual(Date.parse(manifest.finishedAt));
      const tables = await readTables(join(dir, "out"));
      expect(tables.rows!.rows).toBe(manifest.tables[0].rows);
      const html = await readFile(join(dir, "out/report.html"), "utf8");
      expect(html).toContain("Talent stock by region");
      expect(r.stdout).toMatch(
        /Wrote 6 file\(s\) to .*: rows\.parquet, manifest\.json, 01-talent-stock-by-region\.svg, .*report\.html/,
      );
    },
  );

  it(
    "talentflow report DIR on a folder that compare " + "wrote writes report.html with the comparison's charts",
    async () => {
      const dir = await mkdtemp(join(tmpdir(), "tf-cli-"));
      const compared = await inProcess(
        [
          "compare",
          "baseline",
          "alliance2026",
          ...tiny,
          "--replications",
          "2",
          "--metrics",
          "stock,welfare",
          "--out",
          "cmp",
          "--quiet",
        ],
        dir,
      );
      expect(compared.code, compared.stderr).toBe(0);
      expect(await readdir(join(dir, "cmp"))).not.toContain("report.html");
      const r = await talentflow(["report", "cmp"], dir);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(
        new RegExp(
          String.raw`^Wrote 3 file\(s\) to .*cmp: 01-effect-on-the-talent-stock-at-the-horizon\.svg, ` +
            String.raw`02-effect-on-welfare\.svg, report\.html\n$`,
        ),
      );
      const html = await readFile(join(dir, "cmp/report.html"), "utf8");
      expect(html).toContain("Effect on the talent stock at the horizon");
      expect(html).toContain("alliance2026");
    },
  );

  it(
    "talentflow report DIR refuses a folder without " + "manifest.json with exit 2, and calibrate offers no --report",
    async () => {
      const dir = await mkdtemp(join(tmpdir(), "tf-cli-"));
      const empty = await inProcess(["report", "."], dir);
      expect(empty.code).toBe(2);
      expect(empty.stderr).toMatch(/manifest\.json/);
      const cal = await inProcess(["calibrate", "--help"]);
      expect(cal.stdout).not.toMatch(/--report/);
    },
  );

  it(
    "talentflow run <file with a policy that never acts> " + "prints the warning in the summary and in --json",
    async () => {
      const dir = await mkdtemp(join(tmpdir(), "tf-cli-"));
      await writeFile(
        join(dir, "late.yaml"),
        "extends: baseline\nagents: 2000\nyears: 1\npolicies:\n  - kind: visaRegime\n    " +
          "region: DE\n    citizenships: [IN]\n    processingMonths: 2\n    from: 2040\n",
      );
      const text = await inProcess(["run", "late.yaml", "--metrics", "stock"], dir);
      expect(text.code, text.stderr).toBe(0);
      expect(text.stdout).toMatch(
        /^Warning: policies\.6: visaRegime policy starts in 2040, after the run ends in 2027 .*it never acts/m,
      );
      const json = await inProcess(
        ["run", "late.yaml", "--metrics", "stock", "--replications", "2", "--json", "--quiet"],
        dir,
      );
      expect(json.code, json.stderr).toBe(0);
      const data = JSON.parse(json.stdout);
      expect(data.warnings).toEqual([{ path: "policies.6", message: expect.stringContaining("never acts") }]);
    },
  );

  it("talentflow scenarios lists each built-in on one line", async () => {
    const r = await talentflow(["scenarios"]);
    expect(r.code).toBe(0);
    expect(
      r.stdout
        .trimEnd()
        .split("\n")
        .map((l) => l.split(/\s+/)[0]),
    ).toEqual(["baseline", "alliance2026", "usFeeLapses", "canadaFastTrack", "germanyEnglishJobs"]);
  });

  it("talentflow schema --out DIR writes the scenario schema and one per plan kind", async () => {
    const dir = await mkdtemp(join(tmpdir(), "tf-cli-"));
    const r = await talentflow(["schema", "--out", "schemas"], dir);
    expect(r.code).toBe(0);
    expect((await readdir(join(dir, "schemas"))).sort()).toEqual(
      ["calibrate", "compare", "replicate", "scenario", "sensitivity", "sweep"].map((k) => `${k}.schema.json`),
    );
    const scenario = JSON.parse(await readFile(join(dir, "schemas/scenario.schema.json"), "utf8"));
    expect(scenario.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
  });

  it("talentflow sweep <plan> --json runs the plan's points", async () => {
    const r = await inProcess([
      "sweep",
      "examples/scenarios/plans/sweep.yaml",
      "--agents",
      "1500",
      "--years",
      "1",
      "--json",
      "--quiet",
    ]);
    expect(r.code, r.stderr).toBe(0);
    const data = JSON.parse(r.stdout);
    expect(data.kind).toBe("sweep");
    expect(data.points.map((p: Record<string, number>) => [p["regions.DE.taxRate"], p["behavior.beta"]])).toEqual([
      [0.36, 0.5],
      [0.36, 0.8],
      [0.44, 0.5],
      [0.44, 0.8],
    ]);
  });

  it(
    "talentflow run <a scenario whose custom policy sets an impossible value " +
      "mid-run> exits 2 and names file:line:column, the policy and the period",
    async () => {
      const dir = await mkdtemp(join(tmpdir(), "tf-cli-"));
      await writeFile(
        join(dir, "nan.yaml"),
        "extends: baseline\nagents: 2000\nyears: 1\npolicies:\n  - kind: custom\n    " +
          "path: regions.DE.investment\n    expression: base * 0 - 1\n    from: 2026.5\n",
      );
      const r = await inProcess(["run", "nan.yaml", "--quiet"], dir);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(
        new RegExp(
          String.raw`^talentflow run: scenario file is invalid:\n {2}nan\.yaml:7:17: policies\.0\.expression: ` +
            String.raw`custom policy 6 sets regions\.DE\.investment to -1 in period 2 `,
        ),
      );
    },
  );

  it("talentflow run with its signal aborted stops before the next run and exits 1", async () => {
    const controller = new AbortController();
    controller.abort();
    let stderr = "";
    const code = await runCli(["run", "baseline", ...tiny, "--replications", "2", "--quiet"], {
      signal: controller.signal,
      stdout: { write: () => true },
      stderr: { write: (t: string) => (stderr += t) },
    });
    expect(code).toBe(1);
    expect(stderr).toBe("talentflow run: interrupted after 0 of 2 runs\n");
  });

  it(
    "talentflow run --replications 4 stopped (Ctrl-C) after its " +
      "first run exits 1 and keeps the finished runs in finished-runs/",
    async () => {
      const dir = await mkdtemp(join(tmpdir(), "tf-cli-"));
      const controller = new AbortController();
      let stderr = "";
      const stderrStream = {
        write: (t: string) => {
          stderr += t;
          // The first progress line comes after the first finished run: stop there, as Ctrl-C would.
          if (/: 1\/4 runs/.test(t)) controller.abort();
          return true;
        },
      };
      const args = ["run", "baseline", ...tiny, "--replications", "4", "--workers", "1", "--out", "out"];
      const code = await runCli(args, {
        cwd: dir,
        signal: controller.signal,
        stdout: { write: () => true },
        stderr: stderrStream,
      });
      expect(code).toBe(1);
      const kept = await readdir(join(dir, "out", "finished-runs"));
      expect(kept.length).toBeGreaterThanOrEqual(1);
      expect(kept.length).toBeLessThan(4);
      expect(stderr).toContain(`interrupted after ${kept.length} of 4 runs`);
      expect(stderr).toContain(`kept the ${kept.length} finished run(s) in ${join(dir, "out", "finished-runs")}`);
      for (const run of kept) {
        const files = await readdir(join(dir, "out", "finished-runs", run));
        expect(files.sort()).toEqual(["manifest.json", "rows.csv"]);
      }
    },
  );

  it(
    "talentflow report DIR on a sharded run's folder " + "exits 2 and names the command that writes its report",
    async () => {
      const dir = await mkdtemp(join(tmpdir(), "tf-cli-"));
      await writeFile(join(dir, "plan.json"), "{}\n");
      const r = await inProcess(["report", dir]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`${dir} is the folder of a sharded run (it has plan.json)`);
      expect(r.stderr).toContain("--from DIR --out OUT --report");
    },
  );

  it("talentflow run --format ndjson writes one JSON object per line, the same rows as CSV", async () => {
    const dir = await mkdtemp(join(tmpdir(), "tf-cli-"));
    const args = ["run", "baseline", ...tiny, "--metrics", "stock", "--quiet"];
    expect((await inProcess([...args, "--out", "nd", "--format", "ndjson"], dir)).code).toBe(0);
    expect((await inProcess([...args, "--out", "csv"], dir)).code).toBe(0);
    const nd = (await readFile(join(dir, "nd/rows.ndjson"), "utf8"))
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l));
    const csv = (await readFile(join(dir, "csv/rows.csv"), "utf8")).trimEnd().split("\r\n").slice(1);
    expect(nd.length).toBe(csv.length);
    expect(nd.map((r: { value: number }) => String(r.value))).toEqual(csv.map((l) => l.split(",").at(-1)));
  });
});
