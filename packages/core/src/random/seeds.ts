import seedrandom from "seedrandom";

/**
 * A run's seed, derived from the master seed and the replicate index only (never from the
 * scenario or its parameters), so every arm of a comparison and every point of a sweep sees the
 * same shocks: common random numbers (docs/model.md 4). seedrandom's `alea` turns the
 * readable key `talentflow/1:<master>:<replicate>` into 32 bits.
 *
 * @example
 * runSeed(42, 0) === runSeed(42, 0) // => true
 * runSeed(42, 0) === runSeed(42, 1) // => false
 */
export function runSeed(masterSeed: number | string, replicate: number): number {
  const rng = seedrandom.alea(`talentflow/1:${String(masterSeed)}:${replicate}`);
  return rng.int32() >>> 0;
}

/**
 * A run seed for independent streams: like {@link runSeed} but also keyed by a stream name (an
 * arm or a sweep point), for users who ask for independent rather than common random numbers.
 */
export function independentRunSeed(masterSeed: number | string, replicate: number, stream: string): number {
  const rng = seedrandom.alea(`talentflow/1:${String(masterSeed)}:${replicate}:${stream}`);
  return rng.int32() >>> 0;
}
