import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  BASELINE_MOMENTS,
  EXCLUDED_MOMENTS,
  PARAMETER_SOURCES,
  describeParameter,
  momentValue,
  scenarios,
  simulate,
} from "@talentflow/core";
import { parseCsv } from "@talentflow/adapters";
import {
  DATA_DIR,
  SCENARIOS_DOC,
  main,
  renderParametersCsv,
  renderParametersTable,
  renderTargetsCsv,
  updateParametersSection,
  valueAt,
} from "../tools/scenarios-table";

/** Every path under `prefix` whose value is a number. */
function numericLeaves(value: unknown, prefix: string): string[] {
  if (typeof value === "number") return [prefix];
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([key, v]) => numericLeaves(v, `${prefix}.${key}`));
}

describe("docs/scenarios.md", () => {
  it("runs the code of 'Moments: fitted, validated and missed' (at 3,000 agents) and prints every moment once", () => {
    const text = readFileSync(SCENARIOS_DOC, "utf8");
    const section = text.slice(text.indexOf("## Moments: fitted, validated and missed"));
    const block = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
    expect(block).toBeDefined();
    const [imports, ...body] = (block ?? "").split("\n");
    expect(imports).toBe('import { BASELINE_MOMENTS, momentValue, scenarios, simulate } from "@talentflow/core";');
    const code = body.join("\n");
    expect(code).toContain("agents: 95_000");
    const printed: unknown[][] = [];
    const run = new Function("BASELINE_MOMENTS", "momentValue", "scenarios", "simulate", "console", code);
    run(
      BASELINE_MOMENTS,
      momentValue,
      scenarios,
      (s: Parameters<typeof simulate>[0], o: Parameters<typeof simulate>[1]) => simulate({ ...s, agents: 3_000 }, o),
      { log: (...args: unknown[]) => printed.push(args) },
    );
    expect(printed.map((line) => line[0])).toEqual(BASELINE_MOMENTS.map((m) => m.id));
    for (const line of printed) expect(Number.isFinite(line[4])).toBe(true);
  }, 120_000);

  it("contains renderParametersTable() verbatim between its parameter markers", () => {
    const text = readFileSync(SCENARIOS_DOC, "utf8");
    const table = renderParametersTable();
    expect(text).toContain(table);
    expect(updateParametersSection(text, table)).toBe(text);
  });

  it(
    "main(['--check']) returns 0 when docs/scenarios.md, " + "data/parameters.csv and data/targets.csv are up to date",
    () => {
      expect(main(["--check"])).toBe(0);
    },
  );

  it("main(['--check']) returns 1, names the stale file and writes nothing when a data file is out of date", () => {
    const dir = mkdtempSync(join(tmpdir(), "tf-data-"));
    try {
      writeFileSync(join(dir, "parameters.csv"), renderParametersCsv().replace("0.65", "0.66"));
      writeFileSync(join(dir, "targets.csv"), renderTargetsCsv());
      const errors: string[] = [];
      const write = process.stderr.write;
      process.stderr.write = ((text: string) => (errors.push(text), true)) as typeof process.stderr.write;
      try {
        expect(main(["--check"], SCENARIOS_DOC, dir)).toBe(1);
      } finally {
        process.stderr.write = write;
      }
      expect(errors.join("")).toContain("parameters.csv is out of date");
      expect(errors.join("")).not.toContain("targets.csv");
      expect(readFileSync(join(dir, "parameters.csv"), "utf8")).toContain("0.66");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("renderParametersTable() has one row per entry of PARAMETER_SOURCES", () => {
    const rows = renderParametersTable().split("\n").slice(2);
    expect(rows).toHaveLength(PARAMETER_SOURCES.length);
  });
});

describe("PARAMETER_SOURCES", () => {
  const base = scenarios.baseline();

  it("gives a source for every numeric default of baseline().behavior and baseline().regions", () => {
    const leaves = [...numericLeaves(base.behavior, "behavior"), ...numericLeaves(base.regions, "regions")];
    expect(leaves.length).toBeGreaterThan(90);
    expect(leaves.filter((path) => describeParameter(path) === undefined)).toEqual([]);
  });

  it("names only paths that baseline() has, each once", () => {
    expect(PARAMETER_SOURCES.filter((p) => valueAt(base, p.path) === undefined).map((p) => p.path)).toEqual([]);
    const paths = PARAMETER_SOURCES.map((p) => p.path);
    expect(new Set(paths).size).toBe(paths.length);
  });

  it("has an entry policies.N for every policy of baseline()", () => {
    const missing = base.policies
      .map((_, k) => `policies.${k}`)
      .filter((path) => !PARAMETER_SOURCES.some((p) => p.path === path));
    expect(missing).toEqual([]);
    expect(PARAMETER_SOURCES.filter((p) => p.path.startsWith("policies.")).length).toBe(base.policies.length);
  });

  it("has a non-empty source sentence for every entry", () => {
    expect(PARAMETER_SOURCES.filter((p) => p.source.trim().length < 5).map((p) => p.path)).toEqual([]);
  });
});

describe("describeParameter", () => {
  it("describeParameter(path) returns the entry of that path", () => {
    expect(describeParameter("behavior.beta")?.basis).toBe("sourced");
    expect(describeParameter("regions.DE.grossWage")?.path).toBe("regions.DE.grossWage");
  });

  it("describeParameter('movingCost.A->B') finds the two-way key that sets it", () => {
    expect(describeParameter("movingCost.DE->SV")?.path).toBe("movingCost.DE<->SV");
    expect(describeParameter("movingCost.SV->DE")?.path).toBe("movingCost.DE<->SV");
  });

  it("describeParameter('movingCost.A->B') finds the fitted two-way Canada–US key in both directions", () => {
    expect(describeParameter("movingCost.CA->SV")?.path).toBe("movingCost.CA<->SV");
    expect(describeParameter("movingCost.USR->CA")?.path).toBe("movingCost.CA<->USR");
    expect(describeParameter("movingCost.CA->USR")?.basis).toBe("assumed, tuned");
  });

  it("describeParameter of one share of a mix returns the mix's entry", () => {
    expect(describeParameter("regions.SV.entrantCitizenship.IN")?.path).toBe("regions.SV.entrantCitizenship");
  });

  it("describeParameter of an unknown path is undefined", () => {
    expect(describeParameter("behavior.unknown")).toBeUndefined();
    expect(describeParameter("visaFriction.US->SV")).toBeUndefined();
  });
});

describe("data/", () => {
  /** The file's records as objects keyed by the header. */
  const csv = (name: string): Array<Record<string, string>> => {
    const [header, ...records] = parseCsv(readFileSync(join(DATA_DIR, name), "utf8"));
    return records.map((r) => Object.fromEntries(header.map((h, k) => [h, r[k]])));
  };

  it(
    "data/parameters.csv has one row per PARAMETER_SOURCES " + "entry with the baseline's value, a basis and a source",
    () => {
      const rows = csv("parameters.csv");
      const base = scenarios.baseline();
      expect(rows.map((r) => r.parameter)).toEqual(PARAMETER_SOURCES.map((p) => p.path));
      for (const row of rows) {
        const value = valueAt(base, row.parameter);
        expect(row.value, row.parameter).toBe(
          typeof value === "number" || typeof value === "string" ? String(value) : JSON.stringify(value),
        );
        expect(["sourced", "sourced range", "derived", "assumed", "assumed, tuned", "definition"]).toContain(row.basis);
        expect(row.source.length, row.parameter).toBeGreaterThan(5);
      }
    },
  );

  it("data/targets.csv lists BASELINE_MOMENTS with use, value, SE, its basis, counterpart and source", () => {
    const rows = csv("targets.csv");
    expect(rows.map((r) => [r.id, r.moment, r.use, Number(r.value), Number(r.se), r.basis])).toEqual(
      BASELINE_MOMENTS.map((m) => [m.id, m.name, m.use, m.value, m.se, m.basis]),
    );
    for (const row of rows) {
      expect(row.se_basis.length, row.moment).toBeGreaterThan(5);
      expect(row.counterpart.length, row.moment).toBeGreaterThan(10);
      if (row.basis !== "assumed") expect(row.url, row.moment).toMatch(/^https?:\/\//);
    }
  });
});

describe("BASELINE_MOMENTS against data/sources/moments_candidates.csv", () => {
  const [header, ...lines] = parseCsv(readFileSync(join(DATA_DIR, "sources", "moments_candidates.csv"), "utf8"));
  const candidates = lines.map((r) => Object.fromEntries(header.map((h, k) => [h, r[k] ?? ""])));

  it("every candidate is in BASELINE_MOMENTS or EXCLUDED_MOMENTS, once, with the candidate's value, SE and use", () => {
    const ours = [...BASELINE_MOMENTS, ...EXCLUDED_MOMENTS]
      .map((m) => [m.id, m.name, m.value, m.se, m.use])
      .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    const theirs = candidates
      .map((c) => [c.id, c.moment, Number(c.value), Number(c.se), c.use])
      .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    expect(ours).toEqual(theirs);
  });

  it("every moment in BASELINE_MOMENTS has its candidate's basis and source URL", () => {
    const byId = new Map(candidates.map((c) => [c.id, c]));
    for (const m of BASELINE_MOMENTS) {
      const c = byId.get(m.id);
      expect(c, m.id).toBeDefined();
      expect([m.basis, m.source.url], m.id).toEqual([c?.basis, c?.url]);
    }
  });
});

describe("data/sources/", () => {
  const files = ["stocks.csv", "citizenship_stock.csv", "wages.csv", "flows.csv", "moments_candidates.csv"];
  const records = (name: string): Array<Record<string, string>> => {
    const [header, ...rows] = parseCsv(readFileSync(join(DATA_DIR, "sources", name), "utf8"));
    return rows.map((r) => Object.fromEntries(header.map((h, k) => [h, r[k] ?? ""])));
  };

  it.each(files)(
    "data/sources/%s: ids unique, values finite (empty only where assumed), every " +
      "sourced figure with a URL and a quote, every derived or assumed one with a note",
    (name) => {
      const rows = records(name);
      expect(rows.length).toBeGreaterThan(0);
      const ids = rows.map((r) => r.id);
      expect(new Set(ids).size).toBe(ids.length);
      const bad: string[] = [];
      for (const r of rows) {
        const missing = r.value.trim() === "";
        if ((missing && r.basis !== "assumed") || !Number.isFinite(Number(r.value)))
          bad.push(`${r.id}: value ${JSON.stringify(r.value)}`);
        if (!["sourced", "derived", "assumed"].includes(r.basis)) bad.push(`${r.id}: basis ${JSON.stringify(r.basis)}`);
        if (r.basis === "sourced" && (!/^https?:\/\//.test(r.url) || r.quote.trim().length < 5))
          bad.push(`${r.id}: sourced without a URL and a quote`);
        if (r.basis !== "sourced" && r.note.trim().length < 5) bad.push(`${r.id}: ${r.basis} without a note`);
      }
      expect(bad).toEqual([]);
    },
  );
});
