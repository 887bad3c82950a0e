import { defineConfig } from "vitest/config";

// The tests StrykerJS runs against each mutant (`pnpm test:mutation`): the core tests that
// exercise the model, kernel, random and validation files in small worlds, and nothing slow
// that does not (experiments, calibration, docs). Per-test coverage lets Stryker run only the
// tests that reach a mutant.
export default defineConfig({
  resolve: { conditions: ["@talentflow/source"] },
  ssr: { resolve: { conditions: ["@talentflow/source"] } },
  test: {
    include: [
      "packages/core/test/keyed.test.ts",
      "packages/core/test/streams-*.test.ts",
      "packages/core/test/mechanism-*.test.ts",
      "packages/core/test/policy-*.test.ts",
      "packages/core/test/accounting-*.test.ts",
      "packages/core/test/closedForms*.test.ts",
      "packages/core/test/engine-events.test.ts",
      "packages/core/test/simulate.test.ts",
      "packages/core/test/validate*.test.ts",
      "packages/core/test/mutation-*.test.ts",
    ],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
