import { ValidationError } from "@talentflow/core";
import { checkShard, type Shard } from "./shard";

/** Options of {@link shardFromEnv}. */
export interface ShardFromEnvOptions {
  /**
   * The number of shards (the CLI's `--shards N`): required with Kubernetes' `JOB_COMPLETION_INDEX`
   * (its Job's `completions`), which carries no count; checked against the count the
   * environment gives, when it gives one.
   */
  readonly shards?: number;
}

/** Where a shard found by {@link shardFromEnv} came from. */
export interface EnvShard extends Shard {
  /** The engine whose variables were read. */
  readonly source: "slurm" | "kubernetes" | "aws-batch";
}

/**
 * The shard of this task of an array job, read from the environment that the cluster's engine
 * sets, or `undefined` when none of them is set (a plain process: run the whole plan).
 *
 * - Slurm array jobs: `SLURM_ARRAY_TASK_ID`, with `SLURM_ARRAY_TASK_COUNT` or else
 *   `SLURM_ARRAY_TASK_MIN`/`MAX` (and `_STEP`). The index counts from the array's first id, so
 *   `--array=1-8` gives shards 0/8 … 7/8. The ids must be evenly spaced (`--array=0-7` or
 *   `0-14:2`); a list such as `--array=0,3,9` is refused, since its tasks cannot tell which
 *   shard each one is, and so is a one-task array whose id is not 0 (`--array=2`, to redo one
 *   task), which would take itself for the whole plan: pass `--shard 2/N` instead.
 * - Kubernetes Indexed Jobs: `JOB_COMPLETION_INDEX`, with the count from `options.shards`.
 * - AWS Batch array jobs: `AWS_BATCH_JOB_ARRAY_INDEX` with `AWS_BATCH_JOB_ARRAY_SIZE` (or
 *   `options.shards`).
 *
 * @param env - Usually `process.env`.
 * @throws ValidationError naming the variable and the reason: a value that is not a whole
 *   number, an index outside the count, a missing count, `options.shards` disagreeing with the
 *   environment's count, or variables of two engines at once.
 * @example
 * shardFromEnv({ SLURM_ARRAY_TASK_ID: "3", SLURM_ARRAY_TASK_COUNT: "4" }) // => { index: 3, count: 4, source: "slurm" }
 * shardFromEnv({ JOB_COMPLETION_INDEX: "5" }, { shards: 8 }) // => { index: 5, count: 8, source: "kubernetes" }
 * shardFromEnv({}) // => undefined
 */
export function shardFromEnv(
  env: Readonly<Record<string, string | undefined>>,
  options: ShardFromEnvOptions = {},
): EnvShard | undefined {
  const set = (name: string) => env[name] !== undefined && env[name] !== "";
  const engines = [
    set("SLURM_ARRAY_TASK_ID") ? "SLURM_ARRAY_TASK_ID" : undefined,
    set("JOB_COMPLETION_INDEX") ? "JOB_COMPLETION_INDEX" : undefined,
    set("AWS_BATCH_JOB_ARRAY_INDEX") ? "AWS_BATCH_JOB_ARRAY_INDEX" : undefined,
  ].filter((x): x is string => x !== undefined);
  if (engines.length === 0) return undefined;
  if (engines.length > 1) {
    throw new ValidationError(
      [
        {
          path: "env",
          message: `${engines.join(" and ")} are both set: cannot tell which array job this task belongs to`,
        },
      ],
      "cannot find this task's shard",
    );
  }
  const shards = options.shards;
  if (shards !== undefined && !(Number.isSafeInteger(shards) && shards >= 1)) {
    throw new ValidationError(
      [{ path: "shards", message: `must be a whole number ≥ 1, got ${String(shards)}` }],
      "cannot find this task's shard",
    );
  }

  const whole = (name: string, min = 0): number => {
    const text = env[name]!.trim();
    const n = /^\d+$/.test(text) ? Number(text) : NaN;
    if (!Number.isSafeInteger(n) || n < min) {
      throw new ValidationError(
        [{ path: `env.${name}`, message: `must be a whole number ≥ ${min}, got ${JSON.stringify(env[name])}` }],
        "cannot find this task's shard",
      );
    }
    return n;
  };
  const agree = (count: number, from: string): number => {
    if (shards !== undefined && shards !== count) {
      throw new ValidationError(
        [{ path: "shards", message: `is ${shards} but ${from} says the array has ${count} tasks` }],
        "cannot find this task's shard",
      );
    }
    return count;
  };
  const finish = (index: number, count: number, path: string, source: EnvShard["source"]): EnvShard => ({
    ...checkShard({ index, count }, path),
    source,
  });

  if (engines[0] === "SLURM_ARRAY_TASK_ID") {
    const id = whole("SLURM_ARRAY_TASK_ID");
    const min = set("SLURM_ARRAY_TASK_MIN") ? whole("SLURM_ARRAY_TASK_MIN") : 0;
    const step = set("SLURM_ARRAY_TASK_STEP") ? whole("SLURM_ARRAY_TASK_STEP", 1) : 1;
    let count: number | undefined;
    if (set("SLURM_ARRAY_TASK_COUNT")) count = agree(whole("SLURM_ARRAY_TASK_COUNT", 1), "SLURM_ARRAY_TASK_COUNT");
    else if (set("SLURM_ARRAY_TASK_MAX"))
      count = agree(Math.floor((whole("SLURM_ARRAY_TASK_MAX") - min) / step) + 1, "SLURM_ARRAY_TASK_MIN/MAX");
    else count = shards;
    if (count === undefined) {
      throw new ValidationError(
        [{ path: "env.SLURM_ARRAY_TASK_COUNT", message: "is not set (nor SLURM_ARRAY_TASK_MAX): pass --shards N" }],
        "cannot find this task's shard",
      );
    }
    if ((id - min) % step !== 0 || id < min) {
      throw new ValidationError(
        [{ path: "env.SLURM_ARRAY_TASK_ID", message: `${id} is not min + k·step (min ${min}, step ${step})` }],
        "cannot find this task's shard",
      );
    }
    if (set("SLURM_ARRAY_TASK_MAX") && set("SLURM_ARRAY_TASK_COUNT")) {
      const span = Math.floor((whole("SLURM_ARRAY_TASK_MAX") - min) / step) + 1;
      if (span !== count) {
        throw new ValidationError(
          [
            {
              path: "env.SLURM_ARRAY_TASK_COUNT",
              message:
                `is ${count} but ids run from ${min} to ${env.SLURM_ARRAY_TASK_MAX} in steps ` +
                `of ${step} (${span} ids): use an evenly spaced array such as --array=0-${count - 1}`,
            },
          ],
          "cannot find this task's shard",
        );
      }
    }
    if (count === 1 && id !== 0) {
      // `sbatch --array=2` to redo one task: the task would take itself for the whole plan
      throw new ValidationError(
        [
          {
            path: "env.SLURM_ARRAY_TASK_ID",
            message:
              `is ${id} in an array of one task (--array=${id}?): ` + `to redo shard ${id} of N, pass --shard ${id}/N`,
          },
        ],
        "cannot find this task's shard",
      );
    }
    return finish((id - min) / step, count, "env.SLURM_ARRAY_TASK_ID", "slurm");
  }
  if (engines[0] === "JOB_COMPLETION_INDEX") {
    const index = whole("JOB_COMPLETION_INDEX");
    if (shards === undefined) {
      throw new ValidationError(
        [
          {
            path: "shards",
            message:
              "is required with JOB_COMPLETION_INDEX (a Kubernetes " +
              "Indexed Job): pass --shards N, the Job's completions",
          },
        ],
        "cannot find this task's shard",
      );
    }
    return finish(index, shards, "env.JOB_COMPLETION_INDEX", "kubernetes");
  }
  const index = whole("AWS_BATCH_JOB_ARRAY_INDEX");
  const count = set("AWS_BATCH_JOB_ARRAY_SIZE")
    ? agree(whole("AWS_BATCH_JOB_ARRAY_SIZE", 1), "AWS_BATCH_JOB_ARRAY_SIZE")
    : shards;
  if (count === undefined) {
    throw new ValidationError(
      [{ path: "env.AWS_BATCH_JOB_ARRAY_SIZE", message: "is not set: pass --shards N, the array's size" }],
      "cannot find this task's shard",
    );
  }
  return finish(index, count, "env.AWS_BATCH_JOB_ARRAY_INDEX", "aws-batch");
}
