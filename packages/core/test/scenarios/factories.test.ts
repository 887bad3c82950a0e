import { describe, expect, it } from "vitest";
import { cloneScenario, scenarios } from "../../src/index";

/** Every function that `scenarios` exports, by name. */
const factories: Array<[string, () => unknown]> = Object.entries(scenarios).flatMap(([name, value]) =>
  typeof value === "function" ? [[name, value as () => unknown] as [string, () => unknown]] : [],
);

/** Changes every nested object and array of `value` in place: fields overwritten, elements appended. */
function vandalize(value: unknown): void {
  if (Array.isArray(value)) {
    value.forEach(vandalize);
    value.push("vandalized");
  } else if (value !== null && typeof value === "object") {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      vandalize(record[key]);
      record[key] = -1;
    }
    record.added = "vandalized";
  }
}

describe("scenario factories", () => {
  it("lists the built-in factories", () => {
    expect(factories.map(([name]) => name).sort()).toEqual([
      "alliance2026",
      "alliancePolicies",
      "baseline",
      "canadaFastTrack",
      "germanyEnglishJobs",
      "usFeeLapses",
    ]);
  });

  for (const [name, make] of factories) {
    it(
      `scenarios.${name}() returns a fresh deep copy: changing every nested ` +
        `object of one result leaves every factory's next result unchanged`,
      () => {
        const before = Object.fromEntries(factories.map(([n, f]) => [n, cloneScenario(f())]));
        vandalize(make());
        for (const [n, f] of factories)
          expect(f(), `scenarios.${n}() after changing a result of scenarios.${name}()`).toEqual(before[n]);
      },
    );
  }

  it("scenarios.baseline().lotteries['US-H1B'].cap = -1 leaves scenarios.alliance2026() valid", () => {
    scenarios.baseline().lotteries["US-H1B"].cap = -1;
    expect(scenarios.alliance2026().lotteries["US-H1B"].cap).toBe(2664);
  });
});
