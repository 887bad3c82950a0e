import { describe, expect, it } from "vitest";
import golden from "../golden/streams.json";
import { goldenKeys, goldenSums, goldenValues, SUM_IDS } from "../_streamsGolden";

/**
 * The keyed streams are part of every result: the same seed must give the same numbers on every
 * machine and in every version. These tests pin every keyed draw (and the run seeds) for fixed
 * keys and ids, and sums over 1,000,000 ids so the rare slow paths are pinned too. A deliberate
 * change of a stream rewrites golden/streams.json (`pnpm tsx packages/core/test/golden/write-streams.ts`)
 * and says why in its commit.
 */
describe("keyed streams, pinned", () => {
  it("streamKey, runSeed and independentRunSeed return the golden values for fixed seeds", () => {
    // Each test computes what it checks, so per-test coverage shows which test reaches which draw.
    const now = goldenKeys();
    expect(now.purposes).toEqual(golden.purposes);
    expect(now.streamKeys).toEqual(golden.streamKeys);
    expect(now.runSeeds).toEqual(golden.runSeeds);
    expect(now.independentRunSeeds).toEqual(golden.independentRunSeeds);
  });

  it("every keyed draw returns the golden value for fixed keys and ids, exactly", () => {
    const values = goldenValues();
    expect(Object.keys(values).sort()).toEqual(Object.keys(golden.values).sort());
    for (const [name, expected] of Object.entries(golden.values)) {
      expect(values[name], name).toEqual(expected);
    }
  });

  it("every keyed draw summed over ids 0..999,999 equals the golden sum exactly (slow paths included)", () => {
    const sums = goldenSums();
    expect(golden.sumIds, "ids summed").toBe(SUM_IDS);
    expect(Object.keys(sums).sort()).toEqual(Object.keys(golden.sums).sort());
    for (const [name, sum] of Object.entries(golden.sums)) expect(sums[name], name).toBe(sum);
  });
});
