// Failures and aborts: a run that throws and a worker that dies are reported with their run
// keys while the other runs finish and are kept; an abort lets the runs in flight finish.
import { fileURLToPath } from "node:url";
import { runSpec, runSpecs, scenarios, type RunSpec } from "@talentflow/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createWorkerPool,
  replicateParallel,
  runSpecsParallel,
  RunsAbortedError,
  RunsFailedError,
  type ParallelProgress,
  type WorkerPool,
} from "../../src/index";

const FAILING = fileURLToPath(new URL("./fixtures/failingExecute.ts", import.meta.url));
const scenario = () => scenarios.baseline({ agents: 2000, years: 1, burnInYears: 0 });
const specsOf = (n: number): RunSpec[] => Array.from({ length: n }, (_, r) => runSpec(scenario(), r, { seed: 21 }));

// One pool of two workers for every test: piscina replaces the worker that exits.
let pool: WorkerPool;
beforeAll(() => {
  pool = createWorkerPool({ workers: 2 });
});
afterAll(() => pool.close());

async function rejection(p: Promise<unknown>): Promise<RunsFailedError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(RunsFailedError);
    return e as RunsFailedError;
  }
  return expect.fail("the call resolved; it should have rejected");
}

describe("failed runs", () => {
  it(
    "runSpecsParallel(specs, {executeModule}) names the run whose " +
      "worker exited and the run that threw, and keeps the other runs",
    async () => {
      const specs = specsOf(5);
      const progress: ParallelProgress[] = [];
      const error = await rejection(
        runSpecsParallel(specs, { pool, executeModule: FAILING, onProgress: (p) => progress.push(p) }),
      );
      expect(error.failed).toEqual([
        { key: specs[1].key, kind: "workerExited", reason: "the worker running it died (worker exited with code: 3)" },
        { key: specs[2].key, kind: "threw", reason: "RangeError: replicate 2 fails on purpose" },
      ]);
      expect(error.message).toContain(specs[1].key);
      expect(error.message).toContain(specs[2].key);
      const kept = [specs[0], specs[3], specs[4]];
      expect(error.completed.map((o) => o.run)).toEqual(kept.map((s) => s.key));
      expect(error.completed.map((o) => o.rows)).toEqual(runSpecs(kept).map((o) => o.rows));
      expect(error.notRun).toEqual([]);
      expect(progress.map((p) => p.done)).toEqual([1, 2, 3, 4, 5]);
      expect(
        progress
          .filter((p) => p.failed !== undefined)
          .map((p) => p.runKey)
          .sort(),
      ).toEqual([specs[1].key, specs[2].key].sort());
    },
  );

  it(
    "replicateParallel(s, {executeModule}) rejects with " + "RunsFailedError carrying the finished replicates",
    async () => {
      const error = await rejection(
        replicateParallel(scenario(), { replications: 4, seed: 21, pool, executeModule: FAILING }),
      );
      expect(error.failed.map((f) => [f.key, f.kind])).toEqual([
        [specsOf(2)[1].key, "workerExited"],
        [specsOf(3)[2].key, "threw"],
      ]);
      expect(error.completed.map((o) => o.replicate)).toEqual([0, 3]);
    },
  );
});

describe("abort", () => {
  it(
    "runSpecsParallel(specs, {signal}) aborted after the first run " +
      "lets the run in flight finish, keeps both and starts no other",
    async () => {
      const specs = specsOf(6);
      const controller = new AbortController();
      const error = await rejection(
        runSpecsParallel(specs, { pool, signal: controller.signal, onProgress: () => controller.abort() }),
      );
      expect(error).toBeInstanceOf(RunsAbortedError);
      expect(error.name).toBe("AbortError");
      expect(error.failed).toEqual([]);
      expect(error.completed.map((o) => o.run)).toEqual([specs[0].key, specs[1].key]);
      expect(error.completed.map((o) => o.rows)).toEqual(runSpecs(specs.slice(0, 2)).map((o) => o.rows));
      expect(error.notRun).toEqual(specs.slice(2).map((s) => s.key));
    },
  );

  it("runSpecsParallel(specs, {signal}) aborted once every run has started resolves with all of them", async () => {
    const specs = specsOf(2);
    const controller = new AbortController();
    const out = await runSpecsParallel(specs, {
      pool,
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    expect(controller.signal.aborted).toBe(true);
    expect(out.map((o) => o.run)).toEqual(specs.map((s) => s.key));
  });

  it(
    "replicateParallel(s, {signal}) with an already " + "aborted signal rejects at once with every run not run",
    async () => {
      const error = await rejection(
        replicateParallel(scenario(), { replications: 3, seed: 21, workers: 1, signal: AbortSignal.abort() }),
      );
      expect(error).toBeInstanceOf(RunsAbortedError);
      expect(error.completed).toEqual([]);
      expect(error.notRun).toEqual(specsOf(3).map((s) => s.key));
    },
  );
});
