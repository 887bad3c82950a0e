import { describe, expect, it } from "vitest";
import { assertParameterPath, getParameter, setParameter, setParameters } from "../../src/experiments/paths";
import { checkMetricSelector, selectValue, toSelector } from "../../src/experiments/metric";
import { scenarios, simulate, ValidationError } from "../../src/index";
import { issuePaths } from "../_issues";

describe("setParameter", () => {
  const base = scenarios.baseline();

  it("setParameter(s, path, v) sets behavior, region, lottery, citizenship and visa fields on a copy", () => {
    const cases: [string, number][] = [
      ["behavior.beta", 0.9],
      ["regions.DE.taxRate", 0.3],
      ["lotteries.US-H1B.cap", 100_000],
      ["citizenships.CA.network", 0.5],
      ["visas.SV.IN.fee", 5000],
      ["visaFriction.IN->SV", 1.2],
    ];
    for (const [path, value] of cases) {
      const s = setParameter(base, path, value);
      expect(getParameter(s, path)).toBe(value);
    }
    expect(base).toEqual(scenarios.baseline());
  });

  it("setParameter(s, 'movingCost.DE->CA', v) splits DE<->CA so that CA->DE keeps its value", () => {
    const s = setParameter(base, "movingCost.DE->CA", 2);
    expect(s.movingCost["DE->CA"]).toBe(2);
    expect(s.movingCost["CA->DE"]).toBe(3);
    expect(s.movingCost["DE<->CA"]).toBeUndefined();
    expect(getParameter(base, "movingCost.CA->DE")).toBe(3);
    expect(base.movingCost["DE<->CA"]).toBe(3);
  });

  it("setParameter(s, 'movingCost.DE<->CA', v) sets both directions", () => {
    const s = setParameter(setParameter(base, "movingCost.DE->CA", 2), "movingCost.DE<->CA", 4);
    expect(getParameter(s, "movingCost.DE->CA")).toBe(4);
    expect(getParameter(s, "movingCost.CA->DE")).toBe(4);
  });

  it("getParameter(s, 'movingCost.DE<->CA') refuses directions that differ, naming the path; equal ones read", () => {
    expect(getParameter(base, "movingCost.DE<->CA")).toBe(3);
    const split = setParameter(base, "movingCost.DE->CA", 2);
    expect(issuePaths(() => getParameter(split, "movingCost.DE<->CA"))).toEqual(["movingCost.DE<->CA"]);
    expect(() => getParameter(split, "movingCost.CA<->DE")).toThrow(/CA->DE 3, DE->CA 2/);
    // Writing the two-way key is still allowed, and makes it readable again.
    expect(getParameter(setParameter(split, "movingCost.DE<->CA", 2.5), "movingCost.DE<->CA")).toBe(2.5);
    // A pair written in one direction only: the other costs 0, so the two differ too.
    const oneWay = { ...base, movingCost: { ...base.movingCost, "SV->ROW": 1 } };
    delete (oneWay.movingCost as Record<string, number>)["SV<->ROW"];
    expect(() => getParameter(oneWay, "movingCost.SV<->ROW")).toThrow(/SV->ROW 1, ROW->SV 0/);
    // A sweep only writes the path, so it may vary a two-way key whose directions differ.
    expect(() => assertParameterPath(split, "movingCost.DE<->CA")).not.toThrow();
    expect(issuePaths(() => assertParameterPath(split, "movingCost.DE<->XX"))).toEqual(["movingCost.DE<->XX"]);
  });

  it("setParameter of a citizenship that follows the '*' visa rule gives it its own copy", () => {
    const s = setParameter(base, "visas.DE.IN.fee", 1000);
    expect(s.visas.DE.IN.fee).toBe(1000);
    expect(s.visas.DE["*"].fee).toBe(base.visas.DE["*"].fee);
    expect(s.visas.DE.IN.rule).toBe("threshold");
  });

  it("setParameter of an unknown path throws a ValidationError naming the path", () => {
    for (const path of [
      "behavior.betta",
      "regions.XX.taxRate",
      "movingCost.DE->XX",
      "name",
      "lotteries.US-H1B.regions",
    ]) {
      expect(issuePaths(() => setParameter(base, path, 1))).toEqual([path]);
    }
  });

  it("getParameter/setParameter read an optional field the scenario leaves out as the value its absence means", () => {
    // behavior.firstJobChoice and a rule's duration and renewal: absent means 0, as the engine reads them.
    expect(base.behavior.firstJobChoice).toBeUndefined();
    expect(getParameter(base, "behavior.firstJobChoice")).toBe(0);
    expect(setParameter(base, "behavior.firstJobChoice", 0.4).behavior.firstJobChoice).toBe(0.4);
    expect(base.visas.ROW["*"].duration).toBeUndefined();
    expect(getParameter(base, "visas.ROW.IN.duration")).toBe(0);
    expect(setParameter(base, "visas.ROW.IN.renewal", 0.5).visas.ROW.IN.renewal).toBe(0.5);
    expect(base.behavior.firstJobChoice).toBeUndefined();
    // Only those: another absent field is still refused, naming the path.
    expect(issuePaths(() => getParameter(base, "behavior.firstJob"))).toEqual(["behavior.firstJob"]);
    expect(issuePaths(() => getParameter(base, "regions.DE.firstJobChoice"))).toEqual(["regions.DE.firstJobChoice"]);
  });

  it("setParameters applies every path in order", () => {
    const s = setParameters(base, { "behavior.beta": 0.7, "regions.CA.taxRate": 0.25 });
    expect([s.behavior.beta, s.regions.CA.taxRate]).toEqual([0.7, 0.25]);
  });

  it("a split moving cost runs: the scenario stays valid", () => {
    const s = setParameter(scenarios.baseline({ agents: 2000, years: 1, burnInYears: 0 }), "movingCost.DE->CA", 2);
    expect(simulate(s, { seed: 1, metrics: ["stock"] }).rows.length).toBeGreaterThan(0);
  });
});

describe("selectValue", () => {
  const run = simulate(scenarios.baseline({ agents: 2000, years: 1, burnInYears: 0 }), { seed: 3 });
  const series = (metric: string, f: (r: (typeof run.rows)[number]) => boolean) =>
    run.rows.filter((r) => r.metric === metric && f(r)).map((r) => r.value);

  it("selectValue(rows, { metric, region }) is the value at the last period by default", () => {
    const ca = series("stock", (r) => r.region === "CA");
    expect(selectValue(run.rows, toSelector("stock", { region: "CA" }))).toBe(ca[ca.length - 1]);
    expect(selectValue(run.rows, { metric: "stock", region: "CA", period: 0 })).toBe(ca[0]);
  });

  it("selectValue sums or averages over periods with aggregate", () => {
    const flow = series("flow", (r) => r.origin === "DE" && r.destination === "CA");
    const sum = flow.reduce((a, b) => a + b, 0);
    expect(selectValue(run.rows, { metric: "flow", origin: "DE", destination: "CA", aggregate: "sum" })).toBeCloseTo(
      sum,
      9,
    );
    expect(selectValue(run.rows, { metric: "flow", origin: "DE", destination: "CA", aggregate: "mean" })).toBeCloseTo(
      sum / flow.length,
      9,
    );
  });

  it("selectValue(rows, { metric: 'welfare' }) is the overall welfare (region '')", () => {
    const w = series("welfare", (r) => r.region === "");
    expect(selectValue(run.rows, { metric: "welfare" })).toBe(w[w.length - 1]);
  });

  it("selectValue throws a ValidationError when no row matches (a region left out of stock)", () => {
    expect(() => selectValue(run.rows, { metric: "stock" })).toThrow(ValidationError);
  });

  it("checkMetricSelector names the argument for an unknown metric, region or aggregate", () => {
    const s = scenarios.baseline();
    expect(checkMetricSelector({ metric: "stok" }, s, "metric").map((i) => i.path)).toEqual(["metric"]);
    expect(checkMetricSelector({ metric: "stock", region: "XX" }, s, "options.metric").map((i) => i.path)).toEqual([
      "options.metric.region",
    ]);
    expect(checkMetricSelector({ metric: "stock", region: "CA", aggregate: "max" }, s, "m").map((i) => i.path)).toEqual(
      ["m.aggregate"],
    );
    expect(checkMetricSelector({ metric: "brainDrain", citizenship: "CA" }, s, "m")).toEqual([]);
  });
});
