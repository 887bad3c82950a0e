import {
  meanField,
  runSeed,
  type Scenario,
  scenarios,
  selectValue,
  setParameters,
  simulate,
  ValidationError,
} from "@talentflow/core";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AllianceResult, main, summarize } from "../alliance";
import { execute } from "../allianceWorker";
import { FIT_PARAMETERS, samplingDistribution } from "../recalibrate";

const SMALL = {
  agents: 2_000,
  replications: 2,
  years: 2,
  reportYears: [2027, 2028],
  skillBins: 4,
  sobolSamples: 2,
  bootstrap: 20,
  draws: 3,
  seed: 7,
};

describe("alliance example", () => {
  let out: string;
  let r: AllianceResult;
  const printed: string[] = [];

  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), "alliance-"));
    r = await main({ ...SMALL, out, print: (line) => printed.push(line) });
  }, 240_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it("main(small) reads five outcomes at 1 January of each report year, the quarter before", () => {
    expect(r.effects.map((e) => e.id)).toEqual(
      [2027, 2028].flatMap((y) =>
        ["stockCA", "stockDE", "brainDrainDE", "brainDrainCA", "welfare"].map((k) => `${k}${y}`),
      ),
    );
    expect(r.effects.map((e) => e.period)).toEqual([...new Array(5).fill(3), ...new Array(5).fill(7)]);
  });

  it("main(small)'s Monte Carlo effects are the alliance minus the baseline run on the same seed", () => {
    expect(r.monteCarlo.replicates.map((p) => p.replicate)).toEqual([0, 1]);
    for (const p of r.monteCarlo.replicates) {
      expect(p.seed).toBe(runSeed(SMALL.seed, p.replicate));
      p.effect.forEach((d, i) => expect(d).toBe(p.alliance[i] - p.baseline[i]));
    }
    // Re-run replicate 1 of both arms by hand: the same seed gives the same values.
    const sizes = { agents: SMALL.agents, years: SMALL.years };
    const b = simulate(scenarios.baseline(sizes), { seed: SMALL.seed, replicate: 1 }).rows;
    const a = simulate(scenarios.alliance2026(sizes), { seed: SMALL.seed, replicate: 1 }).rows;
    r.effects.forEach((e, i) => {
      expect(r.monteCarlo.replicates[1].baseline[i]).toBe(selectValue(b, e.selector));
      expect(r.monteCarlo.replicates[1].alliance[i]).toBe(selectValue(a, e.selector));
    });
  });

  it("main(small)'s intervals are ordered and its sign probabilities are shares that sum to 1", () => {
    const all = [...r.monteCarlo.summaries, ...r.draws.summaries];
    for (const s of all) {
      expect(s.lower).toBeLessThanOrEqual(s.upper);
      for (const p of [s.pPositive, s.pNegative, s.pZero]) {
        expect(p).toBeGreaterThanOrEqual(0);
        expect(p).toBeLessThanOrEqual(1);
      }
      expect(s.pPositive + s.pNegative + s.pZero).toBeCloseTo(1, 12);
    }
    r.monteCarlo.summaries.forEach((s, i) => {
      const effects = r.monteCarlo.replicates.map((p) => p.effect[i]);
      expect(s.mean).toBeCloseTo((effects[0] + effects[1]) / 2, 9);
      expect(s.meanLow).toBeLessThanOrEqual(s.mean);
      expect(s.meanHigh).toBeGreaterThanOrEqual(s.mean);
      expect(s.pZero).toBe(effects.filter((d) => d === 0).length / 2);
    });
  });

  it("summarize(values) counts ties at zero apart and takes the 5% and 95% quantiles by interpolation", () => {
    const s = summarize("x", [1, 0, -1, 0]);
    expect([s.pPositive, s.pNegative, s.pZero]).toEqual([0.25, 0.25, 0.5]);
    // Sorted -1, 0, 0, 1: the 5% quantile sits 0.15 of the way from -1 to 0, the 95% 0.85 from 0 to 1.
    expect(s.lower).toBeCloseTo(-0.85, 12);
    expect(s.upper).toBeCloseTo(0.85, 12);
    expect(s.mean).toBe(0);
  });

  it("main(small)'s Sobol' indices cover every parameter of the design with ordered bootstrap intervals", () => {
    const k = r.sobol.ranges.length;
    expect(r.sobol.points).toBe(SMALL.sobolSamples * (k + 2));
    expect(r.sobol.indices.map((x) => x.id)).toEqual(r.effects.map((e) => e.id));
    for (const { parameters } of r.sobol.indices) {
      expect(parameters.map((p) => p.path)).toEqual(r.sobol.ranges.map((x) => x.path));
      for (const p of parameters) {
        expect(p.s1Low).toBeLessThanOrEqual(p.s1High);
        expect(p.stLow).toBeLessThanOrEqual(p.stHigh);
      }
    }
    // Every pillar size that moves anyone is a parameter, from none upwards: research, economic
    // cooperation and the exchange. The regulatory pillar moves almost no one at any size, so its slot
    // goes to the graduates' share of the H-1B lottery.
    const policyPaths = r.sobol.ranges.filter((x) => x.path.startsWith("policies."));
    expect(policyPaths.map((x) => x.path.split(".").pop())).toEqual(["ecosystemBoost", "investment", "slots"]);
    for (const x of policyPaths) expect(x.min).toBe(0);
    expect(r.sobol.ranges.map((x) => x.path)).toContain("lotteries.US-H1B.graduates.share");
  });

  it("a design point's pair (allianceWorker's execute) is the alliance minus the baseline at its parameters", () => {
    const years = { years: SMALL.years };
    const point = { "behavior.wageElasticity": 3, "policies.7.investment": 0.4 };
    const pair = execute({
      key: "p",
      scenario: setParameters(scenarios.alliance2026(years), point),
      seed: 0,
      replicate: 0,
      skillBins: SMALL.skillBins,
    });
    const a = meanField(setParameters(scenarios.alliance2026(years), point), { skillBins: SMALL.skillBins }).rows;
    // The baseline has no policy 7: only the parameters the two scenarios share are set.
    const b = meanField(setParameters(scenarios.baseline(years), { "behavior.wageElasticity": 3 }), {
      skillBins: SMALL.skillBins,
    }).rows;
    expect(pair.run).toBe("p");
    r.effects.forEach((e) =>
      expect(selectValue(pair.rows, e.selector)).toBe(selectValue(a, e.selector) - selectValue(b, e.selector)),
    );
  });

  it("main(small)'s calibration draws stay in the bounds; its effect at the estimate is meanField's difference", () => {
    expect(r.draws.values.length).toBe(SMALL.draws);
    expect(r.draws.candidates).toBeGreaterThanOrEqual(SMALL.draws);
    for (const p of FIT_PARAMETERS) expect(r.draws.standardErrors[p.name]).toBeGreaterThan(0);
    for (const draw of r.draws.parameters)
      for (const p of FIT_PARAMETERS) {
        expect(draw[p.name]).toBeGreaterThanOrEqual(p.lower);
        expect(draw[p.name]).toBeLessThanOrEqual(p.upper);
      }
    // At the estimate: the ten parameters set to the fit's values, as the example does (setting them
    // back is not bit-identical to the scenario: SV's entrants may differ from the scenario's in the last bit).
    const years = { years: SMALL.years };
    const estimate = samplingDistribution({ skillBins: SMALL.skillBins }).estimate;
    const set = (s: Scenario) => FIT_PARAMETERS.reduce((t, p, i) => p.set(t, estimate[i]), s);
    const b = meanField(set(scenarios.baseline(years)), { skillBins: SMALL.skillBins }).rows;
    const a = meanField(set(scenarios.alliance2026(years)), { skillBins: SMALL.skillBins }).rows;
    r.effects.forEach((e, i) =>
      expect(r.draws.atEstimate[i]).toBe(selectValue(a, e.selector) - selectValue(b, e.selector)),
    );
  });

  it("main(small) prints a row per effect in each table and writes every chart as SVG", () => {
    const text = printed.join("\n");
    for (const e of r.effects) {
      const row = `| ${e.outcome}, 1 Jan ${e.year} |`;
      expect(text.split(row).length - 1).toBe(3);
    }
    expect(r.charts.length).toBe(3 + 5 + 1);
    for (const file of r.charts) expect(readFileSync(file, "utf8")).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
  });

  it("main(small)'s pillar effects pair a pillar alone with the baseline on the same seed", () => {
    const pillars = r.pillars ?? [];
    // 4 pillars x 5 outcomes x 2 report years.
    expect(pillars.length).toBe(4 * 5 * 2);
    const sizes = { agents: SMALL.agents, years: SMALL.years };
    const exchange = scenarios.alliancePolicies().filter((p) => p.kind === "talentExchange");
    const base = scenarios.baseline(sizes);
    const alone = { ...base, policies: [...base.policies, ...exchange] };
    const e = pillars.find(
      (p) => p.pillar === "talent exchange" && p.outcome === "Germany's stock" && p.year === 2028,
    )!;
    const selector = { metric: "stock", region: "DE", period: 7 };
    const diffs = [0, 1].map(
      (replicate) =>
        selectValue(simulate(alone, { seed: SMALL.seed, replicate }).rows, selector) -
        selectValue(simulate(base, { seed: SMALL.seed, replicate }).rows, selector),
    );
    expect(e.alone).toEqual(summarize(e.alone.id, diffs));
    expect(printed.join("\n")).toContain("## What each pillar does");
  });

  it("main(bad options) is refused with a ValidationError naming each field", async () => {
    const issuesOf = async (options: object) => {
      try {
        await main({ ...SMALL, out: null, ...options } as never);
      } catch (e) {
        expect(e).toBeInstanceOf(ValidationError);
        return (e as ValidationError).issues.map((i) => i.path);
      }
      throw new Error("main accepted bad options");
    };
    expect(await issuesOf({ replications: 1 })).toEqual(["replications"]);
    expect(await issuesOf({ reportYears: [2027, 2040] })).toEqual(["reportYears.1"]);
    expect(await issuesOf({ sobolSamples: 0.5, draws: -1 })).toEqual(["sobolSamples", "draws"]);
    expect(await issuesOf({ replication: 2 })).toEqual(["replication"]);
    expect(await issuesOf({ seed: Number.NaN, out: 3 })).toEqual(["seed", "out"]);
    expect(await issuesOf({ workers: 1.5 })).toEqual(["workers"]);
  });
});
