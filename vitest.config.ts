import { defineConfig } from "vitest/config";

// Tests import workspace packages from source through the "@talentflow/source" export
// condition, so a test never runs against a stale dist/.
export default defineConfig({
  resolve: { conditions: ["@talentflow/source"] },
  ssr: { resolve: { conditions: ["@talentflow/source"] } },
  test: {
    include: [
      "packages/*/test/**/*.test.ts",
      "examples/test/**/*.test.ts",
      "benchmarks/test/**/*.test.ts",
      "docs/test/**/*.test.ts",
    ],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
