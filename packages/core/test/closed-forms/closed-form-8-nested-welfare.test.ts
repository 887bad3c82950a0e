import { describe, expect, it } from "vitest";
import { Purpose, exponentialOfHash, keyedHash, optionHash, streamKey } from "../../src/random/keyed";
import { keyedLogPositiveStable } from "../../src/random/positiveStable";
import type { Scenario } from "../../src/scenario/types";
import { region, tinyWorld, trackMoves } from "../_worlds";

/**
 * Welfare with nests against the realised utility of the choice rule (docs/model.md 3.3.13 with
 * the nested shocks of 3.3.4). Every agent starts in A and looks around in period 0; A and B share
 * a nest of lambda 0.5 (B admits with chance 0.6), C is outside it (chance 0.8). The realised
 * utility of an agent is V + its own shock of the region where it ends the period, recomputed from
 * the engine's keyed streams: lambda (ln S − ln E) in the nest, −ln E outside. Welfare of A's
 * residents must equal the mean realised utility less Euler's constant, within 4 standard errors.
 */
const AGENTS = 200_000;
const SEED = 13;
const EULER = 0.5772156649015329;
const BETA = 0.65;
const LAMBDA = 0.5;
const V_A = BETA * Math.log((1 - 0.3) * 100_000);
const AMENITY = { A: 0, B: 0.9, C: 0.6 };
const MOVING_COST = 0.5;

function world(lambda: number): Scenario {
  const s = tinyWorld({ years: 1 });
  s.regions.A = region("AA", AGENTS, { amenity: AMENITY.A });
  s.regions.B = region("BB", 0, { amenity: AMENITY.B });
  s.regions.C = region("CC", 0, { amenity: AMENITY.C });
  const rule = (admission: number) => ({
    "*": { rule: "probability" as const, admission, permanent: true, permanence: 0, fee: 0 },
  });
  s.visas.B = rule(0.6);
  s.visas.C = rule(0.8);
  s.behavior.nests = [{ name: "AB", regions: ["A", "B"], lambda }];
  return s;
}

function realised(lambda: number) {
  const { sim, moves, records } = trackMoves(world(lambda), SEED);
  const seed = sim.seed >>> 0;
  const gumbel = streamKey(seed, 0, Purpose.Gumbel, 0);
  const extra = [0, 1, 2].map((k) => streamKey(seed, 0, Purpose.GumbelExtra, k));
  const nestKey = streamKey(seed, 0, Purpose.Nest, 0);
  const index = { A: 0, B: 1, C: 2 } as const;
  const value = { A: V_A, B: V_A + AMENITY.B - MOVING_COST, C: V_A + AMENITY.C - MOVING_COST };
  let sum = 0;
  let sumSq = 0;
  let n = 0;
  for (const m of moves) {
    if (m.period !== 0 || m.from !== "A") continue;
    const to = m.to as keyof typeof index;
    const lnE = Math.log(exponentialOfHash(optionHash(keyedHash(gumbel, m.id), index[to]), extra[index[to]], m.id));
    const shock = to === "C" || lambda === 1 ? -lnE : lambda * (keyedLogPositiveStable(nestKey, m.id, lambda) - lnE);
    const u = value[to] + shock;
    sum += u;
    sumSq += u * u;
    n++;
  }
  const mean = sum / n;
  const se = Math.sqrt((sumSq / n - mean * mean) / (n - 1));
  return { n, mean, se, welfareA: records[0].welfareByRegion[0] };
}

describe("closed form 8: welfare with nests is the expected utility of the rule's outcome", () => {
  it("simulate's welfare of A (nested with B, lambda 0.5) is its realised utility less Euler's constant (4 SE)", () => {
    const r = realised(LAMBDA);
    expect(r.n).toBe(AGENTS);
    const gap = r.welfareA - (r.mean - EULER);
    expect(Math.abs(gap), `welfare ${r.welfareA}, realised ${r.mean - EULER}, SE ${r.se}`).toBeLessThan(4 * r.se);
  });

  it("the same world's welfare computed as if unnested misses its realised utility by more than 8 SE", () => {
    const nestedRun = realised(LAMBDA);
    const flat = realised(1);
    // The unnested run's welfare formula applied to the nested agents' outcomes: the test has power.
    expect(Math.abs(flat.welfareA - (nestedRun.mean - EULER))).toBeGreaterThan(8 * nestedRun.se);
  });
});
