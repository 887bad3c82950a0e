import { existsSync, readFileSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { compare, scenarios, validateScenario, ValidationError, type Scenario } from "@talentflow/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXPLORER_METRICS, runExplorerJob, summaryLine } from "../src/explore/_runExplorer";
import { ALL_CONTROLS, PRESETS } from "../src/explore/_controls";
import {
  decodeHash,
  encodeHash,
  presetState,
  resolveState,
  type ControlValue,
  type ExplorerState,
} from "../src/explore/_explorerState";
import { parseFlags } from "../src/cli/_args";
import { COMMANDS } from "../src/cli/_commands";
import { runCli } from "../src/cli/runCli";
import { parseScenario, writeExplorer } from "../src/index";

// The explorer's logic in Node: the controls' scenario files, the validator's messages at the
// controls, the URL hash, the worker's computation, and the site's writing (`talentflow explore`).
// The page itself is tested in Chromium in explorer.browser.test.ts.

const withValues = (preset: string, values: Record<string, ControlValue>): ExplorerState => {
  const s = presetState(preset);
  return { preset: s.preset, values: { ...s.values, ...values } };
};
const nameless = (s: Scenario) => ({ ...s, name: "", description: "" });

describe("the explorer's state", () => {
  it.each(Object.keys(PRESETS))(
    "resolveState(presetState(%s)) is the built-in scenario of that name, and its YAML parses back to it",
    (preset) => {
      const resolved = resolveState(presetState(preset));
      expect(resolved.issues).toEqual([]);
      const builtIn = (scenarios as unknown as Record<string, (o: object) => Scenario>)[preset]({
        agents: 100_000,
        years: 10,
      });
      expect(nameless(resolved.scenario!)).toEqual(nameless(builtIn));
      expect(parseScenario(resolved.yaml)).toEqual(resolved.scenario);
      expect(resolved.baseline).toEqual(scenarios.baseline({ agents: 100_000, years: 10 }));
    },
  );

  it("a state with every policy switched on and changed parameters gives YAML that parses to the same scenario", () => {
    const on = Object.fromEntries(ALL_CONTROLS.filter((c) => c.id.endsWith(".on")).map((c) => [c.id, true]));
    const state = withValues("alliance2026", {
      ...on,
      "us.fee": 50_000,
      "us.feeLapses": true,
      "us.weighted": false,
      "us.cap": 3000,
      "de.threshold": 45_000,
      "exchange.slots": 2000,
      "taxCA.reduction": 0.15,
      agents: 20_000,
      years: 4,
    });
    const resolved = resolveState(state);
    expect(resolved.issues).toEqual([]);
    const s = resolved.scenario!;
    expect(parseScenario(resolved.yaml)).toEqual(s);
    expect(s.name).toBe("alliance2026-edited");
    expect(s.policies.slice(0, 2).map((p) => [p.kind === "visaRegime" && p.fee, p.until])).toEqual([
      [50_000, 2026.72],
      [50_000, 2026.72],
    ]);
    expect(s.lotteries["US-H1B"].cap).toBe(3000);
    expect(s.policies.length).toBe(scenarios.baseline().policies.length + 10);
    expect(s.policies.find((p) => p.kind === "talentExchange")).toMatchObject({ slots: 2000 });
    expect(s.policies.find((p) => p.kind === "taxIncentive" && p.region === "CA")).toMatchObject({ reduction: 0.15 });
  });

  it("resolveState places core's validator message at the control whose value is refused", () => {
    const resolved = resolveState(
      withValues("baseline", { "taxDE.on": true, "taxDE.reduction": 1.5, "us.fee": -5, "de.threshold": "abc" }),
    );
    expect(resolved.scenario).toBeUndefined();
    // A field without a number is reported, and the others are still checked.
    expect(resolved.issues.map((i) => [i.control, i.message])).toEqual([
      ["de.threshold", 'must be a number, got "abc"'],
      ["taxDE.reduction", "must be in [0, 1], got 1.5"],
      ["us.fee", "must be >= 0, got -5"],
      ["us.fee", "must be >= 0, got -5"],
    ]);

    const fixed = resolveState(withValues("baseline", { "taxDE.on": true, "taxDE.reduction": 1.5, "us.fee": -5 }));
    // The same faults written straight into a scenario, for core's own messages.
    const direct = scenarios.baseline({ agents: 100_000, years: 10 });
    (direct.policies[0] as { fee: number }).fee = -5;
    direct.policies.push({ kind: "taxIncentive", region: "DE", reduction: 1.5, years: 5, target: "both", from: 2027 });
    const core = validateScenario(direct);
    expect(core.ok).toBe(false);
    const message = (path: string) => (core.ok ? "" : core.issues.find((i) => i.path === path)?.message);
    const at = (control: string) => fixed.issues.filter((i) => i.control === control).map((i) => i.message);
    expect(at("us.fee")[0]).toBe(message("policies.0.fee"));
    expect(at("taxDE.reduction")).toEqual([message(`policies.${direct.policies.length - 1}.reduction`)]);
    expect(fixed.scenario).toBeUndefined();
  });

  it("resolveState refuses replications below 2 with compare's message, at the replications control", () => {
    const resolved = resolveState(withValues("baseline", { replications: 1 }));
    expect(resolved.issues.map((i) => i.control)).toEqual(["replications"]);
    expect(() =>
      compare({ baseline: scenarios.baseline(), x: scenarios.baseline() }, { replications: 1, seed: 1 }),
    ).toThrow(resolved.issues[0].message);
  });

  it("decodeHash(encodeHash(state)) restores every value, and a preset's hash names only the preset", () => {
    expect(encodeHash(presetState("usFeeLapses"))).toBe("#scenario=usFeeLapses");
    const state = withValues("canadaFastTrack", {
      "fastTrack.places": 8000,
      "investDE.on": true,
      seed: 7,
      agents: "x",
    });
    const hash = encodeHash(state);
    expect(hash).toBe("#scenario=canadaFastTrack&agents=x&seed=7&fastTrack.places=8000&investDE.on=1");
    expect(decodeHash(hash)).toEqual({ state, unknown: [] });
    expect(decodeHash("#scenario=nope&us.fe=1").unknown).toEqual(["scenario=nope", "us.fe"]);
  });
});

describe("the explorer's worker computation", () => {
  it(
    "runExplorerJob(job) gives the comparison of core's compare() for the same scenario and seed, " +
      "and the scenario's own replication from the same runs",
    () => {
      const resolved = resolveState(withValues("alliance2026", { agents: 3000, years: 2, replications: 2, seed: 5 }));
      const job = { scenario: resolved.scenario!, baseline: resolved.baseline!, replications: 2, seed: 5 };
      const progress: number[] = [];
      const results = runExplorerJob(job, (done, total) => progress.push(done / total));
      const direct = compare(
        { baseline: job.baseline, alliance2026: job.scenario },
        { replications: 2, seed: 5, metrics: [...EXPLORER_METRICS], varianceReduction: false },
      );
      expect(results.comparison).toEqual(direct);
      expect(progress).toEqual([0.25, 0.5, 0.75, 1]);
      expect(results.replication.replications).toBe(2);
      const stock = results.replication.statistics.find((s) => s.metric === "stock" && s.region === "CA")!;
      const paired = direct.differences.find(
        (d) => d.metric === "stock" && d.region === "CA" && d.period === stock.period,
      )!;
      expect(stock.mean).toBe(paired.armMean);
      expect(summaryLine(results)).toMatch(/^By 2028 the scenario has .* over 2 paired replications \(seed 5\)\.$/);
    },
  );
});

describe("writeExplorer and talentflow explore", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "talentflow-explore-"));
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("talentflow explore --out DIR writes index.html, explorer.css and explorer.js, and nothing else", async () => {
    const out: string[] = [];
    const code = await runCli(["explore", "--out", "site"], {
      cwd: dir,
      stdout: { write: (t: string) => out.push(t) },
      stderr: { write: (t: string) => out.push(t) },
    });
    expect(code).toBe(0);
    expect((await readdir(join(dir, "site"))).sort()).toEqual(["explorer.css", "explorer.js", "index.html"]);
    expect(await readdir(dir)).toEqual(["site"]);
    const html = await readFile(join(dir, "site", "index.html"), "utf8");
    expect(html).toContain('<script src="explorer.js"></script>');
    expect(html).not.toMatch(/type="module"|https?:\/\//);
    expect(out.join("")).toContain(`Open file://${join(dir, "site", "index.html")}`);
  });

  it("writeExplorer({ outDir }) replaces an earlier site whole and leaves no temporary folder", async () => {
    const site = join(dir, "again");
    await writeExplorer({ outDir: site });
    await writeFile(join(site, "explorer.css"), "stale");
    const written = await writeExplorer({ outDir: site });
    expect(await readFile(join(site, "explorer.css"), "utf8")).not.toBe("stale");
    expect(written.files).toEqual(["explorer.css", "explorer.js", "index.html"]);
    expect((await readdir(dir)).filter((n) => n.startsWith("."))).toEqual([]);
  });

  it("talentflow explore refuses a file, a busy folder and a missing --out, with exit 2 and the reason", async () => {
    await writeFile(join(dir, "a-file"), "x");
    await mkdir(join(dir, "busy"));
    await writeFile(join(dir, "busy", "notes.txt"), "mine");
    const run = async (args: string[]) => {
      const err: string[] = [];
      const code = await runCli(["explore", ...args], {
        cwd: dir,
        stdout: { write: () => {} },
        stderr: { write: (t: string) => err.push(t) },
      });
      return { code, err: err.join("") };
    };
    expect(await run(["--out", "a-file"])).toEqual({
      code: 2,
      err:
        "talentflow explore: writeExplorer: cannot write the site:\n" +
        `  - outDir: ${join(dir, "a-file")} is a file, not a folder\n`,
    });
    const busy = await run(["--out", "busy"]);
    expect(busy.code).toBe(2);
    expect(busy.err).toContain("busy holds other files (notes.txt)");
    expect(await readFile(join(dir, "busy", "notes.txt"), "utf8")).toBe("mine");
    const missing = await run([]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain("explore needs --out DIR");
    expect(existsSync(join(dir, "a-file.explorer"))).toBe(false);
  });

  it("writeExplorer({ outDir: '' }) throws a ValidationError naming outDir", async () => {
    await expect(writeExplorer({ outDir: "" })).rejects.toThrow(ValidationError);
    await expect(writeExplorer({ outDir: " " })).rejects.toThrow(/outDir: must be a folder path/);
  });
});

describe("docs/explorer.md", () => {
  const doc = readFileSync(resolve(__dirname, "../../../docs/explorer.md"), "utf8");

  it("its table of controls lists every control's key, in the order of the page", () => {
    const keys = [...doc.matchAll(/^\| `([\w.]+)` \|/gm)].map((m) => m[1]);
    expect(keys).toEqual(ALL_CONTROLS.map((c) => c.id));
  });

  it("each example link restores a state the page knows whole and can run", () => {
    const links = [...doc.matchAll(/^index\.html(#\S+)$/gm)].map((m) => m[1]);
    expect(links.length).toBe(3);
    for (const link of links) {
      const { state, unknown } = decodeHash(link);
      expect(unknown, link).toEqual([]);
      expect(resolveState(state).issues, link).toEqual([]);
      expect(decodeHash(encodeHash(state)).state).toEqual(state);
    }
  });

  it("each `$ talentflow` command in it names a command and flags that exist, and its links lead to files", () => {
    const commands = [...doc.matchAll(/^\$ talentflow (.+)$/gm)].map((m) => m[1].trim().split(/\s+/));
    expect(commands.map((c) => c[0])).toEqual(["explore", "compare"]);
    for (const [name, ...args] of commands) {
      const command = COMMANDS.find((c) => c.name === name)!;
      expect(() => parseFlags(args, command.flags, name)).not.toThrow();
    }
    for (const m of doc.matchAll(/\]\((?!https?:)([^)#]+)(#[^)]*)?\)/g))
      expect(existsSync(resolve(__dirname, "../../../docs", m[1])), m[1]).toBe(true);
  });
});
