import fc from "fast-check";
import { planSweep, runSpecs, scenarios, simulate, type TidyRow } from "@talentflow/core";
import { describe, expect, it } from "vitest";
import { decodeRows, encodeRows, transferListOf } from "../../src/index";

/** Equal value for value, numbers compared with Object.is (NaN equals NaN, 0 differs from -0), keys in order. */
function expectSameRows(actual: readonly TidyRow[], expected: readonly TidyRow[]): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    expect(Object.keys(actual[i]), `keys of row ${i}`).toEqual(Object.keys(expected[i]));
    for (const [k, v] of Object.entries(expected[i])) {
      if (!Object.is(actual[i][k], v)) expect.fail(`row ${i}.${k}: ${String(actual[i][k])} !== ${String(v)}`);
    }
  }
}

describe("encodeRows / decodeRows", () => {
  it("decodeRows(encodeRows(rows)) gives back a run's rows exactly, key order included", () => {
    const run = simulate(scenarios.alliance2026({ agents: 2000, years: 2, burnInYears: 0 }), { seed: 7 });
    expect(run.rows.length).toBeGreaterThan(100);
    expectSameRows(decodeRows(encodeRows(run.rows)), run.rows);
  });

  it("encodeRows(rows) stores numbers in Float64Arrays and strings as Int32 codes into a dictionary", () => {
    const run = simulate(scenarios.baseline({ agents: 2000, years: 1, burnInYears: 0 }), { seed: 1 });
    const encoded = encodeRows(run.rows);
    const col = (name: string) => encoded.columns.find((c) => c.name === name)!;
    expect(col("value").values).toBeInstanceOf(Float64Array);
    expect(col("value").codes).toBeUndefined();
    expect(col("metric").codes).toBeInstanceOf(Int32Array);
    expect(col("metric").values).toBeUndefined();
    expect(col("metric").dictionary!.length).toBeLessThan(40);
    expect(col("region").dictionary).toContain("DE");
  });

  it("decodeRows(encodeRows(rows)) keeps the parameter columns of a sweep's rows", () => {
    const plan = planSweep(scenarios.baseline({ agents: 2000, years: 1, burnInYears: 0 }), {
      vary: { "behavior.beta": [0.5, 2] },
      replications: 1,
      seed: 3,
      metrics: ["stock"],
    });
    const rows = plan.aggregate(runSpecs(plan.specs)).rows;
    expect(rows[0]).toHaveProperty("behavior.beta");
    expectSameRows(decodeRows(encodeRows(rows)), rows);
  });

  it(
    "decodeRows(encodeRows(rows)) round-trips any rows of " + "strings and numbers, absent keys, NaN and -0 included",
    () => {
      const value = fc.oneof(
        fc.string({ maxLength: 4 }),
        fc.double(),
        fc.constantFrom(0, -0, Number.NaN, Infinity),
        fc.integer(),
      );
      const row = fc.dictionary(fc.constantFrom("run", "metric", "value", "x", "y.z"), value, { maxKeys: 5 });
      fc.assert(
        fc.property(fc.array(row, { maxLength: 30 }), (rows) => {
          expectSameRows(decodeRows(encodeRows(rows as TidyRow[])), rows as TidyRow[]);
        }),
        { seed: 42, numRuns: 300 },
      );
    },
  );

  it("encodeRows(rows) refuses a value that is neither a string nor a number, naming the row and the column", () => {
    expect(() => encodeRows([{ a: 1 }, { a: true }] as unknown as TidyRow[])).toThrow(
      "rows[1].a must be a string or a number, got boolean",
    );
  });

  it("transferListOf(encoded) lists every buffer, and a transfer empties them in the sender", () => {
    const encoded = encodeRows([
      { a: 1, b: "x" },
      { a: 2, b: 3 },
    ] as unknown as TidyRow[]);
    const buffers = transferListOf(encoded);
    expect(buffers).toHaveLength(4); // shapes; a: values; b: codes and values
    const { port1, port2 } = new MessageChannel();
    port1.postMessage(encoded, buffers);
    port1.close();
    port2.close();
    expect(buffers.every((b) => b.byteLength === 0)).toBe(true);
  });
});
