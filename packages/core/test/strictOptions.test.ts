/**
 * Every options object of the public API refuses unknown keys with a ValidationError that names
 * the key and the closest known one; validation warnings; issue paths that name a policy's kind.
 */
import { describe, expect, it } from "vitest";
import {
  ValidationError,
  assertValidScenario,
  calibrate,
  compare,
  createCalibration,
  createReplication,
  createSimulation,
  describePath,
  elasticity,
  meanField,
  planCompare,
  planElasticity,
  planSensitivity,
  planSweep,
  policies,
  replicate,
  restoreSimulation,
  scenarios,
  sensitivity,
  simulate,
  sweep,
  validateScenario,
  withPolicies,
  type Issue,
} from "../src/index";

const small = () => scenarios.baseline({ agents: 1000, years: 1, burnInYears: 0 });

/** The issues of the ValidationError that `fn` throws (fails if it throws nothing or something else). */
function issuesOf(fn: () => unknown): Issue[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof ValidationError) return [...e.issues];
    throw e;
  }
  throw new Error("expected a ValidationError, but nothing was thrown");
}

const unknown = (path: string, key: string, near?: string): Issue => ({
  path,
  message: `unknown option ${JSON.stringify(key)}${near ? ` (did you mean ${JSON.stringify(near)}?)` : ""}`,
});

describe("strict options: unknown keys are refused with the closest known key", () => {
  it.each(["baseline", "alliance2026", "usFeeLapses", "canadaFastTrack", "germanyEnglishJobs"] as const)(
    "scenarios.%s({ agent: 20000 }) throws naming agent and suggesting agents",
    (name) => {
      const build = scenarios[name] as (o: object) => unknown;
      expect(issuesOf(() => build({ agent: 20_000 }))).toEqual([unknown("agent", "agent", "agents")]);
    },
  );

  it(
    "scenarios.baseline({ agents, yeers, horizon }) lists " +
      "every unknown key, with a suggestion only when one is near",
    () => {
      expect(issuesOf(() => scenarios.baseline({ agents: 1000, yeers: 2, horizon: 5 } as object))).toEqual([
        unknown("yeers", "yeers", "years"),
        unknown("horizon", "horizon"),
      ]);
    },
  );

  it("simulate(s, { sed: 42 }) throws instead of running with the default seed", () => {
    const error = (() => {
      try {
        simulate(small(), { sed: 42 } as object);
      } catch (e) {
        return e as ValidationError;
      }
    })();
    expect(error).toBeInstanceOf(ValidationError);
    expect(error!.issues).toEqual([unknown("sed", "sed", "seed")]);
    expect(error!.message).toBe('invalid options of simulate:\n  - sed: unknown option "sed" (did you mean "seed"?)');
  });

  it("createSimulation(s, { replicat: 1 }) throws suggesting replicate", () => {
    expect(issuesOf(() => createSimulation(small(), { replicat: 1 } as object))).toEqual([
      unknown("replicat", "replicat", "replicate"),
    ]);
  });

  it("restoreSimulation(bytes, { metric: [...] }) throws suggesting metrics", () => {
    const bytes = createSimulation(small(), { seed: 1 }).checkpoint();
    expect(issuesOf(() => restoreSimulation(bytes, { metric: ["stock"] } as object))).toEqual([
      unknown("metric", "metric", "metrics"),
    ]);
  });

  it("replicate(s, { metric }) and createReplication report the unknown key with the other problems at once", () => {
    const options = { replications: 1, seed: 1, metric: ["stock"] } as unknown as Parameters<typeof replicate>[1];
    const expected = [
      unknown("options.metric", "metric", "metrics"),
      { path: "options.replications", message: "must be in [2, 1000000], got 1" },
    ];
    expect(issuesOf(() => replicate(small(), options))).toEqual(expected);
    expect(issuesOf(() => createReplication(small(), options))).toEqual(expected);
  });

  it("compare(arms, { confidance }) and planCompare throw suggesting confidence", () => {
    const arms = { baseline: small(), alliance: scenarios.alliance2026({ agents: 1000, years: 1, burnInYears: 0 }) };
    const options = { replications: 2, seed: 1, confidance: 0.9 } as unknown as Parameters<typeof compare>[1];
    expect(issuesOf(() => compare(arms, options))).toEqual([unknown("options.confidance", "confidance", "confidence")]);
    expect(issuesOf(() => planCompare(arms, options))).toEqual([
      unknown("options.confidance", "confidance", "confidence"),
    ]);
  });

  it(
    "sweep(s, { desing }) and planSweep throw suggesting " + "design; a range's misspelled steps is named inside vary",
    () => {
      const options = {
        vary: { "behavior.beta": [0.5, 1] },
        replications: 1,
        seed: 1,
        desing: "grid",
      } as unknown as Parameters<typeof sweep>[1];
      expect(issuesOf(() => sweep(small(), options))).toEqual([unknown("options.desing", "desing", "design")]);
      expect(issuesOf(() => planSweep(small(), options))).toEqual([unknown("options.desing", "desing", "design")]);
      const range = {
        vary: { "behavior.beta": { min: 0.5, max: 1, step: 3 } },
        replications: 1,
        seed: 1,
      } as unknown as Parameters<typeof sweep>[1];
      expect(issuesOf(() => planSweep(small(), range))).toEqual([
        unknown("options.vary.behavior.beta.step", "step", "steps"),
        {
          path: "options.vary.behavior.beta",
          message: "a range in a full grid needs `steps` (or give explicit values)",
        },
      ]);
    },
  );

  it(
    "sensitivity(s, { regoin }) and planSensitivity throw suggesting " +
      "region (a metric filter); a range's extra key is named",
    () => {
      const options = {
        method: "morris",
        parameters: { "behavior.beta": { min: 0.5, max: 1, mx: 2 } },
        metric: "stock",
        regoin: "CA",
        seed: 1,
      } as unknown as Parameters<typeof planSensitivity>[1];
      const expected = [
        unknown("options.regoin", "regoin", "region"),
        unknown("options.parameters.behavior.beta.mx", "mx", "max"),
      ];
      expect(issuesOf(() => sensitivity(small(), options))).toEqual(expected);
      expect(issuesOf(() => planSensitivity(small(), options))).toEqual(expected);
    },
  );

  it(
    "elasticity(s, { stepp }) and planElasticity throw suggesting " +
      "step; a selector's unknown key is named under options.metric",
    () => {
      const options = {
        parameter: "behavior.beta",
        metric: "stock",
        region: "CA",
        replications: 2,
        seed: 1,
        stepp: 0.2,
      } as unknown as Parameters<typeof elasticity>[1];
      expect(issuesOf(() => elasticity(small(), options))).toEqual([unknown("options.stepp", "stepp", "step")]);
      expect(issuesOf(() => planElasticity(small(), options))).toEqual([unknown("options.stepp", "stepp", "step")]);
      const selector = {
        parameter: "behavior.beta",
        metric: { metric: "stock", regions: "CA" },
        replications: 2,
        seed: 1,
      } as unknown as Parameters<typeof elasticity>[1];
      expect(issuesOf(() => planElasticity(small(), selector))).toEqual([
        unknown("options.metric.regions", "regions", "region"),
      ]);
    },
  );

  it(
    "calibrate(s, { replication }) and createCalibration name " +
      "unknown keys at the top, in msm, in a parameter and in a target",
    () => {
      const options = {
        method: "msm",
        replication: 2,
        msm: { xtol: 1e-3, ftoll: 1e-3 },
        parameters: { "behavior.homeBias": { lower: 0, upper: 3, strat: 1 } },
        targets: [
          { name: "drain", value: 0.2, se: 0.02, selector: { metric: "brainDrain", citizenship: "CA" }, weight: 2 },
        ],
      } as unknown as Parameters<typeof calibrate>[1];
      const expected = [
        unknown("replication", "replication", "replications"),
        unknown("msm.xtol", "xtol", "xTol"),
        unknown("msm.ftoll", "ftoll", "fTol"),
        unknown("parameters.behavior.homeBias.strat", "strat", "start"),
        unknown("targets[0].weight", "weight"),
      ];
      expect(issuesOf(() => calibrate(small(), options))).toEqual(expected);
      expect(issuesOf(() => createCalibration(small(), options))).toEqual(expected);
    },
  );

  it("meanField(s, { skillBin }) throws suggesting skillBins", () => {
    expect(issuesOf(() => meanField(small(), { skillBin: 16 } as object))).toEqual([
      unknown("skillBin", "skillBin", "skillBins"),
    ]);
  });

  it("simulate(s, every documented key) still runs: the known keys are accepted", () => {
    const run = simulate(small(), {
      seed: 3,
      replicate: 1,
      metrics: ["stock"],
      maxBytes: 2 ** 32,
      runKey: "k",
      observers: { one: () => 1 },
    });
    expect(run.run).toBe("k");
    expect(new Set(run.rows.map((r) => r.metric))).toEqual(new Set(["stock", "one"])); // observers are always kept
  });
});

describe("validation warnings: a policy whose window lies wholly outside the run", () => {
  const late = (from: number, until?: number) =>
    withPolicies(small(), [
      policies.visaRegime({ region: "CA", fee: 0, from, ...(until !== undefined ? { until } : {}) }),
    ]);

  it(
    "simulate(s) returns a warning at policies.6 for a policy " +
      "added after the baseline's six that starts after the horizon",
    () => {
      const s = late(2040);
      expect(s.policies).toHaveLength(7);
      const run = simulate(s, { seed: 1 });
      expect(run.warnings).toEqual([
        {
          path: "policies.6",
          message:
            "visaRegime policy starts in 2040, after the run ends in 2027 (its last " +
            "period starts in 2026.75): it never acts; extend `years` or move `from`",
        },
      ]);
      expect(validateScenario(s).warnings).toEqual(run.warnings);
    },
  );

  it("validateScenario(s) warns about a policy that ends before the run starts, burn-in included", () => {
    expect(validateScenario(late(2018, 2020)).warnings).toEqual([
      {
        path: "policies.6",
        message:
          "visaRegime policy ends in 2020, before the run starts in 2026 " +
          "(burn-in included): it never acts; move `until` or add burn-in years",
      },
    ]);
  });

  it("simulate(s) gives no warning for a policy that starts in the last period or ends after the first", () => {
    expect(simulate(small(), { seed: 1 }).warnings).toEqual([]);
    expect(validateScenario(late(2026.75)).warnings).toEqual([]);
    expect(validateScenario(late(2020, 2026.25)).warnings).toEqual([]);
  });
});

describe("issue paths name what the user wrote", () => {
  it("assertValidScenario reports an invalid policy added with withPolicies as policies.6 (visaRegime)", () => {
    const s = withPolicies(small(), [policies.visaRegime({ region: "XX", from: 2027 })]);
    let error: ValidationError | undefined;
    try {
      assertValidScenario(s);
    } catch (e) {
      error = e as ValidationError;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect(error!.issues.map((i) => i.path)).toEqual(["policies.6.region"]);
    expect(error!.message).toContain('  - policies.6 (visaRegime).region: unknown region "XX"');
  });

  it("describePath(s, path) adds a policy's kind after its index and leaves other paths alone", () => {
    const s = withPolicies(small(), [policies.visaRegime({ region: "CA", from: 2027 })]);
    expect(describePath(s, "policies.6")).toBe("policies.6 (visaRegime)");
    expect(describePath(s, "policies.6.rule.pool")).toBe("policies.6 (visaRegime).rule.pool");
    expect(describePath(s, "policies.60")).toBe("policies.60");
    expect(describePath(s, "regions.DE.taxRate")).toBe("regions.DE.taxRate");
  });
});
