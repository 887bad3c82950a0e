import { describe, expect, it } from "vitest";
import golden from "./golden/streams.json";
import { streamsGolden } from "./_streamsGolden";

/**
 * The keyed streams are part of every result: the same seed must give the same numbers on every
 * machine and in every version. These tests pin every keyed draw (and the run seeds) for fixed
 * keys and ids, and sums over 1,000,000 ids so the rare slow paths are pinned too. A deliberate
 * change of a stream rewrites golden/streams.json (`pnpm tsx packages/core/test/golden/write-streams.ts`)
 * and says why in its commit.
 */
let computed: ReturnType<typeof streamsGolden> | undefined;
/** The draws of now, computed once per file inside the first test that needs them. */
const current = () => (computed ??= streamsGolden());

describe("keyed streams, pinned", () => {
  it("streamKey, runSeed and independentRunSeed return the golden values for fixed seeds", () => {
    const now = current();
    expect(now.purposes).toEqual(golden.purposes);
    expect(now.streamKeys).toEqual(golden.streamKeys);
    expect(now.runSeeds).toEqual(golden.runSeeds);
    expect(now.independentRunSeeds).toEqual(golden.independentRunSeeds);
  });

  it("every keyed draw returns the golden value for fixed keys and ids, exactly", () => {
    const now = current();
    expect(Object.keys(now.values).sort()).toEqual(Object.keys(golden.values).sort());
    for (const [name, values] of Object.entries(golden.values)) {
      expect(now.values[name], name).toEqual(values);
    }
  });

  it("every keyed draw summed over ids 0..999,999 equals the golden sum exactly (slow paths included)", () => {
    const now = current();
    expect(now.sumIds).toBe(golden.sumIds);
    for (const [name, sum] of Object.entries(golden.sums)) expect(now.sums[name as keyof typeof now.sums], name).toBe(sum);
  });
});
