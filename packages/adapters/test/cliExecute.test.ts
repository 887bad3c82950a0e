import { scenarios } from "@talentflow/core";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { executeReplicate, RunFailedError } from "../src/cli/_execute";

// Replicate 1 kills its worker thread, replicate 2 throws (see the fixture).
const FAILING = fileURLToPath(new URL("./parallel/fixtures/failingExecute.ts", import.meta.url));

describe("the CLI's executor", () => {
  it("executeReplicate on the pool names each failed run by its key and keeps the finished ones", async () => {
    const scenario = scenarios.baseline({ agents: 1_500, years: 1, burnInYears: 0 });
    const error = await executeReplicate(
      scenario,
      { replications: 4, seed: 21 },
      { workers: 2, executeModule: FAILING },
    ).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(RunFailedError);
    const failed = error as RunFailedError;
    expect(failed.failures.map((f) => f.run.split("/").pop()).sort()).toEqual(["r1", "r2"]);
    expect(failed.failures.find((f) => f.run.endsWith("/r2"))!.error).toContain("replicate 2 fails on purpose");
    expect(failed.failures.find((f) => f.run.endsWith("/r1"))!.error).toContain("died");
    expect(failed.completed.map((r) => r.replicate).sort()).toEqual([0, 3]);
    expect(failed.message).toMatch(/^2 run\(s\) failed:\n {2}- \S+\/r[12]: /);
  });
});
