import { readFileSync } from "node:fs";
import { z } from "zod";
import { describe, expect, it } from "vitest";
import { NonFiniteError, scenarioJsonSchema, scenarios, validateScenario, type Scenario } from "../../src/index";
import { compileScenario } from "../../src/kernel/_compile";
import { numericFieldSchema } from "../../src/scenario/schema";
import { Engine } from "../../src/engine/_engine";
import { logitWorld } from "../_fixtures";

/** Sets the number at a dotted path (codes contain no dots). */
function setAt(s: Scenario, path: string, value: number): Scenario {
  const keys = path.split(".");
  let target = s as unknown as Record<string, unknown>;
  for (const k of keys.slice(0, -1)) target = target[k] as Record<string, unknown>;
  target[keys[keys.length - 1]] = value;
  return s;
}

describe("field ranges", () => {
  it.each([
    ["regions.CA.amenity", 1e5, "must be in [-50, 50], got 100000"],
    ["citizenships.DE.network", 1e5, "must be <= 3, got 100000"],
    ["regions.SV.skillReturn", 550, "must be <= 5, got 550"],
    ["behavior.languagePenalty", 65536, "must be in [-20, 20], got 65536"],
    ["regions.DE.entrySkillMean", 3.5e38, "must be in [-5, 5], got 3.5e+38"],
    ["regions.DE.investment", 1e9, "must be <= 1000000, got 1000000000"],
    [
      "behavior.wageElasticity",
      0.1,
      "must be >= 0.25 (a wage elasticity of Infinity switches the labour-market feedback off), got 0.1",
    ],
  ])("validateScenario refuses %s = %s, a value the engine does not handle", (path, value, message) => {
    const result = validateScenario(setAt(scenarios.baseline({ agents: 2000, years: 1, burnInYears: 0 }), path, value));
    expect(result.ok ? [] : result.issues).toEqual([{ path, message }]);
  });

  it.each([
    ["baseline", scenarios.baseline],
    ["alliance2026", scenarios.alliance2026],
    ["usFeeLapses", scenarios.usFeeLapses],
    ["canadaFastTrack", scenarios.canadaFastTrack],
    ["germanyEnglishJobs", scenarios.germanyEnglishJobs],
  ])("validateScenario accepts the built-in scenario %s at its full size and horizon", (_name, make) => {
    const result = validateScenario(make());
    expect(result.ok ? [] : result.issues).toEqual([]);
  });

  it("validateScenario refuses a demandGrowth that compounds beyond e^25 over burn-in and the reported years", () => {
    const s = scenarios.baseline({ agents: 2000, years: 60, burnInYears: 2 });
    s.regions.DE.demandGrowth = 0.5; // 62 x ln(1.5) = 25.14
    const result = validateScenario(s);
    expect(result.ok ? [] : result.issues).toEqual([
      {
        path: "regions.DE.demandGrowth",
        message:
          "compounds to e^25.1388367027 over the 62 years of the run ((years + " +
          "burnInYears) x ln(1 + demandGrowth)), above e^25; lower it or shorten the run",
      },
    ]);
    s.years = 59; // 61 x ln(1.5) = 24.73
    expect(validateScenario(s).ok).toBe(true);
  });
});

describe("the engine's finiteness check", () => {
  it(
    "Engine.step() stops with a NonFiniteError naming mean skill " +
      "when skill overflows float32 (entrySkillMean 3.5e38, unvalidated)",
    () => {
      const s = scenarios.baseline({ agents: 2000, years: 1, burnInYears: 0 });
      s.regions.DE.entrySkillMean = 3.5e38;
      const engine = new Engine(compileScenario(s), { seed: 1 });
      let caught: unknown;
      try {
        while (!engine.done) engine.step();
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(NonFiniteError);
      expect((caught as NonFiniteError).quantity).toBe("mean skill");
      expect((caught as NonFiniteError).region).toBe("DE");
      expect((caught as NonFiniteError).period).toBe(0);
    },
  );

  it(
    "Engine.step() reports a finite welfare when an option is 1000 " +
      "logit units better than staying (the logsum in log-sum-exp form)",
    () => {
      // Nobody looks around, so everyone stays in A with B 999.5 logit units better (amenity 1000,
      // moving cost 0.5): welfare = V_A + ln(1 + e^999.5 + e^-1.5), which overflows as written.
      const welfare = (amenityB: number) => {
        const s = logitWorld(500, { A: 0, B: amenityB, C: -1 });
        s.behavior.considerRate = 0;
        const record = new Engine(compileScenario(s), { seed: 1 }).step()!;
        return record.welfare;
      };
      const far = welfare(1000);
      const near = welfare(0);
      expect(Number.isFinite(far)).toBe(true);
      // W(1000) - W(0) = 999.5 + ln(1 + e^-1001) - ln(1 + e^-0.5 + e^-1.5), exactly up to rounding.
      expect(far - near).toBeCloseTo(999.5 - Math.log(1 + Math.exp(-0.5) + Math.exp(-1.5)), 9);
    },
  );
});

describe("docs/reliability.md", () => {
  const doc = readFileSync(new URL("../../../../docs/reliability.md", import.meta.url), "utf8");

  /** A JSON Schema number's range as the doc writes it: [0, 1), (0, 5], [0.25, ∞]. */
  function rangeText(js: Record<string, unknown>): string {
    const num = (n: number) =>
      Math.abs(n) >= 1e5 || (n !== 0 && Math.abs(n) < 1e-3) ? n.toExponential().replace("e+", "e") : String(n);
    const lo = (js.minimum ?? js.exclusiveMinimum) as number;
    const hi = (js.maximum ?? js.exclusiveMaximum) as number | undefined;
    return (
      `${js.exclusiveMinimum !== undefined ? "(" : "["}${num(lo)}, ` +
      `${hi === undefined ? "∞" : num(hi)}${js.exclusiveMaximum !== undefined ? ")" : "]"}`
    );
  }

  it("the Field ranges table gives every parameter field the range of its schema", () => {
    const cs = compileScenario(scenarios.baseline());
    const generic = new Set<string>();
    for (const path of cs.index.keys()) {
      const parts = path.split(".");
      const field = parts[parts.length - 1];
      generic.add(
        {
          behavior: parts[1] === "nests" ? `behavior.nests.*.${field}` : path,
          regions: `regions.*.${field}`,
          citizenships: `citizenships.*.${field}`,
          movingCost: "movingCost.*",
          visaFriction: "visaFriction.*",
          visas: `visas.*.*.${field}`,
          lotteries: `lotteries.*.${field}`,
        }[parts[0]]!,
      );
    }
    expect(generic.size).toBe(46); // the baseline's fields, its nest's lambda and the terms included
    const wrong = [...generic].filter((path) => {
      const concrete = path
        .replace("movingCost.*", "movingCost.DE->CA")
        .replace("visaFriction.*", "visaFriction.IN->SV")
        .replace(/\*/g, "DE");
      const js = z.toJSONSchema(numericFieldSchema(concrete)!, { unrepresentable: "any" }) as Record<string, unknown>;
      return !doc.includes(`| \`${path}\` | ${rangeText(js)} |`);
    });
    expect(wrong).toEqual([]);
  });

  it("the policy table gives every numeric policy field the range of its schema", () => {
    const options = (
      scenarioJsonSchema() as {
        properties: { policies: { items: { oneOf: Array<{ properties: Record<string, Record<string, unknown>> }> } } };
      }
    ).properties.policies.items.oneOf;
    const rows: string[] = [];
    for (const option of options) {
      const kind = option.properties.kind.const as string;
      for (const [field, raw] of Object.entries(option.properties)) {
        if (["from", "until", "rampYears"].includes(field)) continue;
        const js = (raw.anyOf as Array<Record<string, unknown>> | undefined)?.[0] ?? raw;
        if (js.type !== "number") continue;
        rows.push(`| \`${kind}.${field}\` | ${rangeText(js)} |`);
      }
    }
    expect(rows.length).toBe(20);
    expect(rows.filter((row) => !doc.includes(row))).toEqual([]);
  });

  it("the Custom policies example shows the issue validateScenario reports for it", () => {
    const s = scenarios.baseline({ agents: 2000, years: 1, burnInYears: 0 });
    s.policies.push({ kind: "custom", path: "regions.DE.entrants", expression: "1e12", from: 2026 });
    const result = validateScenario(s);
    expect(result.ok).toBe(false);
    const [issue] = result.ok ? [] : result.issues;
    expect(doc).toContain(
      `// [{ path: ${JSON.stringify(issue.path)},\n//    message: ${JSON.stringify(issue.message)} }]`,
    );
  });
});
