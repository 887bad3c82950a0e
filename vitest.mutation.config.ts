import { defineConfig } from "vitest/config";

// The tests StrykerJS runs against each mutant (`pnpm test:mutation`): the core tests that
// exercise the model, kernel, random and validation files in small worlds, and nothing slow
// that does not (experiments, calibration, docs). Per-test coverage lets Stryker run only the
// tests that reach a mutant.
const all = [
  "packages/core/test/random/keyed.test.ts",
  "packages/core/test/random/streams-*.test.ts",
  "packages/core/test/engine/mechanism-*.test.ts",
  "packages/core/test/policies/policy-*.test.ts",
  "packages/core/test/policies/policyValues.test.ts",
  "packages/core/test/kernel/period-*.test.ts",
  "packages/core/test/engine/accounting-*.test.ts",
  "packages/core/test/closed-forms/*.test.ts",
  "packages/core/test/kernel/tables-*.test.ts",
  "packages/core/test/engine/events.test.ts",
  "packages/core/test/simulate.test.ts",
  "packages/core/test/scenario/validate*.test.ts",
];
// MUTATION_TESTS (comma-separated globs, set by `pnpm test:mutation --tests ...`) narrows the
// tests to those that matter for the files mutated, which keeps a run short.
const only = process.env.MUTATION_TESTS?.split(",").filter(Boolean);
// MUTATION_ISOLATE=0 lets the test files of one run share their imports instead of importing
// zod and core afresh per file (several times faster for many short files, e.g. validate*.test.ts).
// Only for tests that keep no state in modules; the setup file re-evaluates the modules once per
// mutant so that mutants of module-level constants still apply.
const isolate = process.env.MUTATION_ISOLATE !== "0";

export default defineConfig({
  resolve: { conditions: ["@talentflow/source"] },
  ssr: { resolve: { conditions: ["@talentflow/source"] } },
  test: {
    include: only && only.length > 0 ? only : all,
    isolate,
    setupFiles: isolate ? [] : ["tools/vitest-mutation-setup.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
