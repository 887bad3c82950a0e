import { ValidationError } from "@talentflow/core";
import { describe, expect, it } from "vitest";
import { assignShard, parseShard, shardFromEnv, shardOfKeys } from "../../src/index";

const keys = Array.from({ length: 23 }, (_, k) => `${(k * 7919).toString(16).padStart(6, "0")}/r${k % 4}`);

function shuffled<T>(xs: readonly T[], seed: number): T[] {
  const out = xs.slice();
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

describe("assignShard", () => {
  it("assignShard(keys, i, N) puts every key in exactly one shard, with sizes differing by at most one", () => {
    for (const count of [1, 2, 3, 7, 23, 30]) {
      const shards = Array.from({ length: count }, (_, i) => assignShard(keys, i, count));
      const all = shards.flat();
      expect(all.slice().sort()).toEqual(keys.slice().sort());
      expect(new Set(all).size).toBe(keys.length);
      const sizes = shards.map((s) => s.length);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    }
  });

  it("assignShard(keys, i, N) does not depend on the order of the keys or on duplicates", () => {
    for (let i = 0; i < 3; i++) {
      const a = assignShard(keys, i, 3);
      expect(assignShard(shuffled(keys, 11), i, 3)).toEqual(a);
      expect(assignShard([...keys, ...keys.slice(0, 5)], i, 3)).toEqual(a);
    }
  });

  it("assignShard sorts by code unit, not by locale: 'B' comes before 'a'", () => {
    expect(assignShard(["a", "B", "c"], 0, 2)).toEqual(["B", "c"]);
  });

  it("shardOfKeys(keys, N) names the shard that assignShard gives each key", () => {
    const of = shardOfKeys(keys, 5);
    for (let i = 0; i < 5; i++)
      for (const k of assignShard(keys, i, 5)) expect(of.get(k)).toEqual({ index: i, count: 5 });
  });

  it("assignShard(keys, 3, 3) is refused, naming shard.index", () => {
    expect(() => assignShard(keys, 3, 3)).toThrow(/shard\.index: must be a whole number from 0 to 2/);
    expect(() => assignShard(keys, 0, 0)).toThrow(/shard\.count: must be a whole number ≥ 1/);
  });
});

describe("parseShard", () => {
  it('parseShard("2/7") reads shard 2 of 7', () => {
    expect(parseShard("2/7")).toEqual({ index: 2, count: 7 });
    expect(parseShard(" 0 / 1 ")).toEqual({ index: 0, count: 1 });
  });

  it(
    "parseShard refuses text that is not i/N, and an index " + "outside 0..N-1, with a ValidationError naming shard",
    () => {
      for (const bad of ["3", "a/4", "1/2/3", "-1/4", "1.5/4", ""]) {
        expect(() => parseShard(bad)).toThrow(ValidationError);
        expect(() => parseShard(bad)).toThrow(/shard: must be i\/N/);
      }
      expect(() => parseShard("4/4")).toThrow(
        /shard\.index: must be a whole number from 0 to 3 \(shards are numbered from 0\), got 4/,
      );
      expect(() => parseShard("0/0")).toThrow(/shard\.count: must be a whole number ≥ 1, got 0/);
    },
  );
});

describe("shardFromEnv", () => {
  it("shardFromEnv reads nothing from an environment without array-job variables", () => {
    expect(shardFromEnv({ PATH: "/bin" })).toBeUndefined();
  });

  it("shardFromEnv reads Slurm's task id with its count, or with min and max (and step)", () => {
    expect(
      shardFromEnv({
        SLURM_ARRAY_TASK_ID: "3",
        SLURM_ARRAY_TASK_COUNT: "4",
        SLURM_ARRAY_TASK_MIN: "0",
        SLURM_ARRAY_TASK_MAX: "3",
      }),
    ).toEqual({ index: 3, count: 4, source: "slurm" });
    expect(shardFromEnv({ SLURM_ARRAY_TASK_ID: "5", SLURM_ARRAY_TASK_MIN: "1", SLURM_ARRAY_TASK_MAX: "8" })).toEqual({
      index: 4,
      count: 8,
      source: "slurm",
    });
    expect(
      shardFromEnv({
        SLURM_ARRAY_TASK_ID: "6",
        SLURM_ARRAY_TASK_MIN: "0",
        SLURM_ARRAY_TASK_MAX: "14",
        SLURM_ARRAY_TASK_STEP: "2",
      }),
    ).toEqual({ index: 3, count: 8, source: "slurm" });
  });

  it("shardFromEnv refuses a Slurm array with gaps, naming SLURM_ARRAY_TASK_COUNT", () => {
    expect(() =>
      shardFromEnv({
        SLURM_ARRAY_TASK_ID: "3",
        SLURM_ARRAY_TASK_COUNT: "3",
        SLURM_ARRAY_TASK_MIN: "0",
        SLURM_ARRAY_TASK_MAX: "9",
      }),
    ).toThrow(/env\.SLURM_ARRAY_TASK_COUNT: is 3 but ids run from 0 to 9/);
  });

  it("shardFromEnv refuses a one-task Slurm array whose id is not 0, which would otherwise run the whole plan", () => {
    expect(() =>
      shardFromEnv({
        SLURM_ARRAY_TASK_ID: "2",
        SLURM_ARRAY_TASK_COUNT: "1",
        SLURM_ARRAY_TASK_MIN: "2",
        SLURM_ARRAY_TASK_MAX: "2",
      }),
    ).toThrow(
      /env\.SLURM_ARRAY_TASK_ID: is 2 in an array of one task \(--array=2\?\): to redo shard 2 of N, pass --shard 2\/N/,
    );
  });

  it("shardFromEnv reads a Kubernetes completion index with --shards, and asks for --shards without it", () => {
    expect(shardFromEnv({ JOB_COMPLETION_INDEX: "5" }, { shards: 8 })).toEqual({
      index: 5,
      count: 8,
      source: "kubernetes",
    });
    expect(() => shardFromEnv({ JOB_COMPLETION_INDEX: "5" })).toThrow(/shards: is required with JOB_COMPLETION_INDEX/);
    expect(() => shardFromEnv({ JOB_COMPLETION_INDEX: "8" }, { shards: 8 })).toThrow(
      /env\.JOB_COMPLETION_INDEX\.index: must be a whole number from 0 to 7/,
    );
  });

  it("shardFromEnv reads AWS Batch's array index with its size, or with --shards", () => {
    expect(shardFromEnv({ AWS_BATCH_JOB_ARRAY_INDEX: "2", AWS_BATCH_JOB_ARRAY_SIZE: "10" })).toEqual({
      index: 2,
      count: 10,
      source: "aws-batch",
    });
    expect(shardFromEnv({ AWS_BATCH_JOB_ARRAY_INDEX: "2" }, { shards: 3 })).toEqual({
      index: 2,
      count: 3,
      source: "aws-batch",
    });
    expect(() => shardFromEnv({ AWS_BATCH_JOB_ARRAY_INDEX: "2" })).toThrow(
      /env\.AWS_BATCH_JOB_ARRAY_SIZE: is not set: pass --shards N/,
    );
  });

  it(
    "shardFromEnv refuses --shards that disagrees with the " +
      "environment's count, a non-number, and two engines at once",
    () => {
      expect(() => shardFromEnv({ SLURM_ARRAY_TASK_ID: "1", SLURM_ARRAY_TASK_COUNT: "4" }, { shards: 5 })).toThrow(
        /shards: is 5 but SLURM_ARRAY_TASK_COUNT says the array has 4 tasks/,
      );
      expect(() => shardFromEnv({ SLURM_ARRAY_TASK_ID: "x", SLURM_ARRAY_TASK_COUNT: "4" })).toThrow(
        /env\.SLURM_ARRAY_TASK_ID: must be a whole number ≥ 0, got "x"/,
      );
      expect(() => shardFromEnv({ SLURM_ARRAY_TASK_ID: "1", JOB_COMPLETION_INDEX: "1" }, { shards: 2 })).toThrow(
        /SLURM_ARRAY_TASK_ID and JOB_COMPLETION_INDEX are both set/,
      );
    },
  );
});
