import { describe, expect, it } from "vitest";
import golden from "../golden/meanField.json";
import { meanFieldGolden } from "../_meanFieldGolden";

/**
 * meanField is deterministic: the same scenario and options give the same numbers on every machine
 * and in every version, unless the model changes on purpose. These tests pin every row of two
 * small runs (see _meanFieldGolden.ts), exactly, so that a change of the code that must change no
 * number (a refactoring of the period kernel, of the cohorts or of the choice) is checked to the
 * last bit. A deliberate change of the model rewrites golden/meanField.json
 * (`pnpm tsx packages/core/test/golden/write-meanField.ts`) and says why in its commit.
 */
let computed: ReturnType<typeof meanFieldGolden> | undefined;
/** The runs of now, computed once per file inside the first test that needs them. */
const current = () => (computed ??= meanFieldGolden());

describe("meanField, pinned", () => {
  for (const name of Object.keys(golden) as Array<keyof typeof golden>) {
    it(`meanField(scenarios.${name}(small), coarse options) returns the golden rows and stock paths exactly`, () => {
      const run = current()[name];
      expect(run.rows.length).toBe(golden[name].rows.length);
      expect(run.rows).toEqual(golden[name].rows);
      expect(run.stock).toEqual(golden[name].stock);
      expect([run.skillBins, run.ageBands]).toEqual([golden[name].skillBins, golden[name].ageBands]);
    });
  }
});
