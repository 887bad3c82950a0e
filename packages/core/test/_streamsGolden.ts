import {
  exponentialOfHash,
  keyedExponential,
  keyedExponentialSingle,
  keyedHash,
  keyedNormal,
  keyedUniform,
  optionHash,
  Purpose,
  streamKey,
} from "../src/random/keyed";
import { keyedLogPositiveStable } from "../src/random/positiveStable";
import { independentRunSeed, runSeed } from "../src/random/seeds";

/** Fixed keys and ids whose draws are pinned in golden/streams.json. */
const SEEDS = [0, 1, 42, 0xdeadbeef];
const IDS = [0, 1, 2, 3, 1000, 65535, 2 ** 31, 2 ** 32 - 1];
/** Ids 0 .. SUM_IDS - 1 are summed per draw, so rare slow paths (tails, rejections) are pinned too. */
export const SUM_IDS = 1_000_000;

/** Every keyed draw under test, as a function of the id, on fixed keys. */
function draws(): Record<string, (id: number) => number> {
  const key = streamKey(7, 3, Purpose.Gumbel, 2);
  const sibling = streamKey(7, 3, Purpose.EntrySkillSibling, 0);
  const extra = streamKey(7, 3, Purpose.GumbelExtra, 2);
  return {
    keyedUniform: (id: number) => keyedUniform(key, id),
    keyedNormal: (id: number) => keyedNormal(key, sibling, id),
    keyedHash: (id: number) => keyedHash(key, id),
    optionHash: (id: number) => optionHash(keyedHash(key, id), id % 7),
    keyedExponential: (id: number) => keyedExponential(key, extra, id),
    keyedExponentialSingle: (id: number) => keyedExponentialSingle(key, id),
    exponentialOfHashOption: (id: number) => exponentialOfHash(optionHash(keyedHash(key, id), 3), extra, id),
    keyedLogPositiveStable: (id: number) => keyedLogPositiveStable(streamKey(7, 3, Purpose.Nest, 0), id, 0.5),
  };
}

/** The purposes, stream keys and run seeds for fixed seeds. */
export function goldenKeys() {
  return {
    purposes: { ...Purpose },
    streamKeys: SEEDS.map((seed) => [
      streamKey(seed, 0, 1, 0),
      streamKey(seed, 5, Purpose.Admit, 3),
      streamKey(seed, -1, Purpose.InitSkill, 0xffff),
    ]),
    runSeeds: SEEDS.map((seed) => [runSeed(seed, 0), runSeed(seed, 1), runSeed(String(seed), 2)]),
    independentRunSeeds: SEEDS.map((seed) => [
      independentRunSeed(seed, 0, "arm-a"),
      independentRunSeed(seed, 1, "arm-b"),
    ]),
  };
}

/** Every keyed draw at the fixed ids. */
export function goldenValues(): Record<string, number[]> {
  return Object.fromEntries(Object.entries(draws()).map(([name, draw]) => [name, IDS.map(draw)]));
}

/** Every keyed draw summed over ids 0 .. SUM_IDS - 1. */
export function goldenSums(): Record<string, number> {
  const sums: Record<string, number> = {};
  for (const [name, draw] of Object.entries(draws())) {
    let sum = 0;
    for (let id = 0; id < SUM_IDS; id++) sum += draw(id);
    sums[name] = sum;
  }
  return sums;
}

/**
 * Every keyed draw for fixed keys and ids, and sums over many ids: what a change of any stream
 * would change. Written to golden/streams.json by `pnpm tsx packages/core/test/golden/write-streams.ts`
 * (only for a deliberate change of a stream, said so in the commit). The tests compute each part
 * inside the test that checks it, so a mutation tool's per-test coverage sees which test reaches
 * which draw.
 */
export function streamsGolden() {
  return { ...goldenKeys(), ids: IDS, values: goldenValues(), sumIds: SUM_IDS, sums: goldenSums() };
}
