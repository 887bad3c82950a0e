// The nested logit of docs/model.md 3.3.4: with every admission certain, the engine's one-period
// shares equal the closed-form nested-logit probabilities within 4 binomial standard errors
// (N = 200,000 deciders per run), for an agent who may stay in SV or move within its nest (USR)
// and one in DE choosing among SV, USR (one nest) and CA. With the nest's lambda ignored the
// shares are the plain logit's, more than 4 SE away (checked by running the engine with lambda 1).
import { describe, expect, it } from "vitest";
import { createSimulation, simulate } from "../../src/index";
import { NEST_AMENITY, nestWorld, nestedLogit } from "../_fixtures";

const N = 200_000;
const REGIONS = ["DE", "CA", "SV", "USR"] as const;
type Code = (typeof REGIONS)[number];

/** Shares of people per region after the single period. */
function shares(scenario: ReturnType<typeof nestWorld>, seed = 7): Record<Code, number> {
  const run = simulate(scenario, { seed });
  const stock = (r: string) => run.rows.find((x) => x.metric === "stock" && x.region === r)!.value;
  const total = REGIONS.reduce((sum, r) => sum + stock(r), 0);
  return Object.fromEntries(REGIONS.map((r) => [r, stock(r) / total])) as Record<Code, number>;
}

/** The values of staying in `start` and moving to each region: amenity minus moving cost. */
function values(start: "DE" | "SV"): number[] {
  const cost = (r: Code) => (r === start ? 0 : (r === "SV" || r === "USR") && start === "SV" ? 0.2 : 0.5);
  return REGIONS.map((r) => NEST_AMENITY[r] - cost(r));
}

/** Nest index of each of REGIONS: DE 0, CA 1 (alone), SV and USR 2. */
const NEST_OF = [0, 1, 2, 2];

describe("closed form 7: nested logit shares", () => {
  for (const lambda of [0.5, 0.3]) {
    for (const start of ["SV", "DE"] as const) {
      it(`simulate(nestWorld(${N}, ${start}, ${lambda})) gives the nested-logit shares within 4 SE`, () => {
        const got = shares(nestWorld(N, start, lambda));
        const expected = nestedLogit(values(start), NEST_OF, [1, 1, lambda]);
        const plain = nestedLogit(values(start), NEST_OF, [1, 1, 1]);
        let apartFromLogit = 0;
        REGIONS.forEach((r, k) => {
          const se = Math.sqrt((expected[k] * (1 - expected[k])) / N);
          expect(Math.abs(got[r] - expected[k]), `${r}: ${got[r]} vs ${expected[k]}`).toBeLessThan(4 * se);
          apartFromLogit = Math.max(apartFromLogit, Math.abs(expected[k] - plain[k]) / se);
        });
        // The test can tell the nest from the plain logit: some share differs by more than 8 SE.
        expect(apartFromLogit).toBeGreaterThan(8);
      });
    }
  }

  it("simulate(nestWorld(N, DE, 1)) returns rows identical to the same world without the nest", () => {
    const a = simulate(nestWorld(20_000, "DE", 1), { seed: 3 }).rows;
    const b = simulate(nestWorld(20_000, "DE", undefined), { seed: 3 }).rows;
    expect(a.map((r) => r.value)).toEqual(b.map((r) => r.value));
    expect(a.map((r) => [r.metric, r.region])).toEqual(b.map((r) => [r.metric, r.region]));
  });

  it("raising USR's value in a paired nested run moves agents only to USR (monotone coupling)", () => {
    const base = nestWorld(50_000, "DE", 0.4);
    const better = nestWorld(50_000, "DE", 0.4);
    better.regions.USR.amenity += 0.2;
    const a = createSimulation(base, { seed: 5 });
    const b = createSimulation(better, { seed: 5 });
    a.step();
    b.step();
    const pa = a.agents();
    const pb = b.agents();
    expect(Array.from(pb.id)).toEqual(Array.from(pa.id));
    let changed = 0;
    for (let k = 0; k < pa.id.length; k++) {
      if (pa.region[k] !== pb.region[k]) {
        changed++;
        expect(pb.region[k]).toBe("USR");
      }
    }
    expect(changed).toBeGreaterThan(100);
  });
});
