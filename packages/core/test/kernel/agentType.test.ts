import { describe, expect, it } from "vitest";
import * as agentType from "../../src/kernel/_agentType";

const { typeCitizenship, typeCount, typeGerman, typeHome, typeIndex, typeRegion, typeResearcher, typeTemporary } =
  agentType;

describe("the agent type's encoding", () => {
  it(
    "typeIndex(R, c, r, h, temp, german, researcher) numbers every type once, " +
      "from 0 to typeCount(R, C) - 1, and the decoders give back each trait",
    () => {
      for (const [R, C] of [
        [1, 1],
        [3, 4],
        [5, 2],
      ] as const) {
        const seen = new Set<number>();
        for (let c = 0; c < C; c++)
          for (let r = 0; r < R; r++)
            for (let h = 0; h < R; h++)
              for (let temp = 0; temp < 2; temp++)
                for (let german = 0; german < 2; german++)
                  for (let researcher = 0; researcher < 2; researcher++) {
                    const type = typeIndex(R, c, r, h, temp, german, researcher);
                    seen.add(type);
                    expect([
                      typeCitizenship(type, R),
                      typeRegion(type, R),
                      typeHome(type, R),
                      typeTemporary(type),
                      typeGerman(type),
                      typeResearcher(type),
                    ]).toEqual([c, r, h, temp, german, researcher]);
                  }
        expect(seen.size).toBe(typeCount(R, C));
        expect(Math.min(...seen)).toBe(0);
        expect(Math.max(...seen)).toBe(typeCount(R, C) - 1);
      }
    },
  );

  it("typeIndex(3, 1, 2, 0, 0, 1, 1) is 123, as its TSDoc example says", () => {
    expect(typeIndex(3, 1, 2, 0, 0, 1, 1)).toBe(123);
    expect(typeCount(3, 4)).toBe(288);
  });
});
