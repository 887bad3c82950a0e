// StrykerJS (9.x: runs on Node 20) over the model, kernel, random and validation files of core.
// `pnpm test:mutation [file[:lines] ...]` mutates the files named (all of `mutate` below by
// default); see docs/testing.md for the scores and the mutants judged equivalent.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  plugins: ["@stryker-mutator/vitest-runner"],
  vitest: { configFile: "vitest.mutation.config.ts", related: false },
  mutate: [
    "packages/core/src/kernel/_period.ts",
    "packages/core/src/kernel/_tables.ts",
    "packages/core/src/engine/_decide.ts",
    "packages/core/src/random/keyed.ts",
    "packages/core/src/random/seeds.ts",
    "packages/core/src/scenario/validate.ts",
    // validate.ts's cross-field rules, split by concern after docs/testing.md's scores were measured.
    "packages/core/src/scenario/_check[A-Z]*.ts",
  ],
  ignorePatterns: ["docs/api", "benchmarks/results", "coverage", ".tmp", "reports", "**/dist"],
  coverageAnalysis: "perTest",
  concurrency: 1,
  timeoutMS: 5_000,
  timeoutFactor: 3,
  incremental: true,
  incrementalFile: "reports/mutation/stryker-incremental.json",
  reporters: ["clear-text", "progress", "json"],
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  tempDirName: ".stryker-tmp",
  cleanTempDir: "always",
};
