import { scenarios } from "@talentflow/core";
import { FileValidationError, jsonSchemas, parsePlan, readPlanFile, readScenarioFile } from "@talentflow/adapters";
import { mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const EXAMPLES = resolve(__dirname, "../../../examples/scenarios");

async function problems(text: string): Promise<string[]> {
  try {
    await parsePlan(text, { file: "p.yaml" });
  } catch (e) {
    expect(e).toBeInstanceOf(FileValidationError);
    return (e as FileValidationError).issues.map((i) => `${i.line}:${i.column} ${i.path}: ${i.message}`);
  }
  throw new Error("the plan was accepted");
}

describe("parsePlan", () => {
  it("parsePlan(a sweep plan) returns core's sweep options and the sized scenario", async () => {
    const plan = await parsePlan(
      "kind: sweep\nscenario: baseline\nagents: 2000\nyears: " +
        "1\nvary:\n  behavior.beta: [0.5, 0.8]\nreplications: 1\nseed: 7\n",
    );
    expect(plan.kind).toBe("sweep");
    if (plan.kind !== "sweep") return;
    expect(plan.scenario).toEqual(scenarios.baseline({ agents: 2000, years: 1 }));
    expect(plan.options).toEqual({ vary: { "behavior.beta": [0.5, 0.8] }, replications: 1, seed: 7 });
  });

  it("parsePlan(a compare plan with an inline arm) names the inline scenario after its arm", async () => {
    const plan = await parsePlan(
      "kind: compare\narms:\n  baseline: baseline\n  exchange:\n    extends: baseline\n    policies:\n      " +
        "- { kind: talentExchange, partners: [DE, CA], from: 2027 }\nreplications: 2\nseed: 1\n",
    );
    if (plan.kind !== "compare") throw new Error(plan.kind);
    expect(Object.keys(plan.arms)).toEqual(["baseline", "exchange"]);
    expect(plan.arms.exchange.name).toBe("exchange");
    expect(plan.arms.exchange.policies.length).toBe(scenarios.baseline().policies.length + 1);
  });

  it(
    "parsePlan(mistakes in the plan, its scenario and " + "core's options) lists them all with lines and columns",
    async () => {
      const text = [
        "kind: sweep", // 1
        "scenario:", // 2
        "  extends: baseline", // 3
        "  set:", // 4
        "    regions.DE.taxRate: 2", // 5
        "vary:", // 6
        "  behavior.bta: [0.5, 0.8]", // 7
        "replications: 1", // 8
        "sed: 1", // 9
      ].join("\n");
      expect(await problems(text)).toEqual([
        "1:1 seed: is required (expected a number or a string)",
        "5:25 regions.DE.taxRate: must be in [0, 1), got 2",
        '9:1 sed: unknown field "sed" (did you mean "seed"?)',
      ]);
      // with the plan's own fields right, core's option checks run and are placed too
      const second = await problems(
        "kind: sweep\nscenario: baseline\nvary:\n  behavior.bta: [0.5, 0.8]\nreplications: 1\nseed: 1\n",
      );
      expect(second).toEqual([expect.stringMatching(/^4:17 vary\.behavior\.bta: .*no field "bta"/)]);
    },
  );

  it("parsePlan(an unknown kind or scenario name) suggests the closest", async () => {
    expect(await problems("kind: swep\n")).toEqual([
      expect.stringMatching(/^1:7 kind: unknown plan kind "swep" .*\(did you mean "sweep"\?\)$/),
    ]);
    expect(await problems("kind: replicate\nscenario: basline\nreplications: 2\nseed: 1\n")).toEqual([
      expect.stringMatching(/^2:11 scenario: unknown scenario "basline" \(did you mean "baseline"\?\)/),
    ]);
  });
});

describe("readPlanFile", () => {
  it(
    "readPlanFile(a plan whose scenario file is invalid) " + "places the problem in that file, at its line and column",
    async () => {
      const dir = await mkdtemp(join(tmpdir(), "tf-plan-"));
      await writeFile(join(dir, "bad.yaml"), "extends: baseline\nset:\n  behavior.beta: -1\n");
      await writeFile(join(dir, "plan.yaml"), "kind: replicate\nscenario: bad.yaml\nreplications: 2\nseed: 1\n");
      const error = await readPlanFile(join(dir, "plan.yaml")).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(FileValidationError);
      const [issue, ...rest] = (error as FileValidationError).issues;
      expect(rest).toEqual([]);
      expect(issue).toMatchObject({ line: 3, column: 18, path: "behavior.beta", message: "must be >= 0, got -1" });
      expect(issue.file!.endsWith("bad.yaml")).toBe(true);
    },
  );
});

describe("examples/scenarios", () => {
  it("every scenario file in examples/scenarios reads without a problem and starts with its $schema line", async () => {
    const files = (await readdir(EXAMPLES)).filter((f) => f.endsWith(".yaml"));
    expect(files.length).toBeGreaterThanOrEqual(7);
    const built = new Set<string>();
    const kinds = new Set<string>();
    for (const f of files) {
      const text = await readFile(join(EXAMPLES, f), "utf8");
      expect(text.startsWith("# yaml-language-server: $schema=./schema/scenario.schema.json\n"), f).toBe(true);
      const s = await readScenarioFile(join(EXAMPLES, f));
      built.add(/^extends: (\w+)/m.exec(text)![1]);
      for (const p of s.policies.slice(scenarios.baseline().policies.length)) kinds.add(p.kind);
    }
    expect([...built].sort()).toEqual([
      "alliance2026",
      "baseline",
      "canadaFastTrack",
      "germanyEnglishJobs",
      "usFeeLapses",
    ]);
    expect(kinds.size).toBe(10);
  });

  it("every plan in examples/scenarios/plans reads, one per experiment kind", async () => {
    const dir = join(EXAMPLES, "plans");
    const kinds: string[] = [];
    for (const f of (await readdir(dir)).sort()) {
      const text = await readFile(join(dir, f), "utf8");
      const plan = await readPlanFile(join(dir, f));
      expect(text.startsWith(`# yaml-language-server: $schema=../schema/${plan.kind}.schema.json\n`), f).toBe(true);
      kinds.push(plan.kind);
    }
    expect(kinds.sort()).toEqual(["calibrate", "compare", "replicate", "sensitivity", "sweep"]);
  });

  it("the JSON Schemas in examples/scenarios/schema are the ones jsonSchemas() generates", async () => {
    for (const [name, schema] of Object.entries(jsonSchemas())) {
      expect(
        JSON.parse(await readFile(join(EXAMPLES, "schema", name), "utf8")),
        `${name}: run pnpm talentflow schema --out examples/scenarios/schema`,
      ).toEqual(schema);
    }
  });
});
