import { describe, expect, it } from "vitest";
import golden from "../golden/experiments.json";
import { experimentsGolden } from "../_experimentsGolden";

/**
 * Nelder–Mead, ABC-SMC, rejection ABC, calibrate (MSM, ABC-SMC, rejection ABC, ask/tell with a
 * failed run), sensitivity (Morris, Sobol) and compileScenario on every built-in scenario, pinned
 * to the last bit: every batch asked and every result. A deliberate change of a result rewrites
 * golden/experiments.json (`node --conditions=@talentflow/source --import tsx
 * packages/core/test/golden/write-experiments.ts`) and says why in its commit.
 */
let computed: Record<string, unknown> | undefined;
const current = () => (computed ??= experimentsGolden());

describe("experiments and compileScenario, pinned", () => {
  for (const part of ["nelderMead", "abc", "calibrate", "sensitivity", "compile"] as const) {
    it(`${part} returns the golden batches and results exactly`, () => {
      expect(current()[part]).toEqual((golden as Record<string, unknown>)[part]);
    });
  }
});
