import { describe, expect, it } from "vitest";
import { Purpose, exponentialOfHash, keyedHash, optionHash, streamKey } from "../../src/random/keyed";
import type { Scenario } from "../../src/scenario/types";
import { region, tinyWorld, trackMoves } from "../_worlds";

/**
 * Welfare against the realised utility of the choice rule (docs/model.md 3.3.13). Every agent
 * starts in A, looks around in period 0 and tries B (admission chance 0.3) or C (0.8) or stays,
 * by the rule of 3.3.4. The realised utility of an agent is V + G of where it ends the period:
 * the destination if admitted, A if it stayed or was refused; G is the agent's own Gumbel shock
 * of that region, recomputed here from the engine's keyed streams. Welfare of A's residents
 * (all of one type, skill barely mattering) must equal the mean realised utility minus Euler's
 * constant, within 4 standard errors of that mean.
 */
const AGENTS = 200_000;
const SEED = 11;
const EULER = 0.5772156649015329;
const BETA = 0.65;
/** V_A by hand: beta ln(net income), every other term 0 (see tinyWorld). */
const V_A = BETA * Math.log((1 - 0.3) * 100_000);
const AMENITY = { A: 0, B: 1.6, C: 0.6 };
const MOVING_COST = 0.5;
const PI = { B: 0.3, C: 0.8 };

function world(pi: { B: number; C: number }): Scenario {
  const s = tinyWorld({ years: 1 });
  s.regions.A = region("AA", AGENTS, { amenity: AMENITY.A });
  s.regions.B = region("BB", 0, { amenity: AMENITY.B });
  s.regions.C = region("CC", 0, { amenity: AMENITY.C });
  const rule = (admission: number) => ({
    "*": { rule: "probability" as const, admission, permanent: true, permanence: 0, fee: 0 },
  });
  s.visas.B = rule(pi.B);
  s.visas.C = rule(pi.C);
  return s;
}

/** Each agent of A's realised utility in period 0 (V + G of the region it ends in), and the reported welfare of A. */
function realised(pi: { B: number; C: number }) {
  const { sim, moves, records } = trackMoves(world(pi), SEED);
  const seed = sim.seed >>> 0;
  const gumbel = streamKey(seed, 0, Purpose.Gumbel, 0);
  const extra = [0, 1, 2].map((k) => streamKey(seed, 0, Purpose.GumbelExtra, k));
  const index = { A: 0, B: 1, C: 2 } as const;
  const value = { A: V_A, B: V_A + AMENITY.B - MOVING_COST, C: V_A + AMENITY.C - MOVING_COST };
  const utilities: number[] = [];
  for (const m of moves) {
    if (m.period !== 0 || m.from !== "A") continue;
    const to = m.to as keyof typeof index;
    const e = exponentialOfHash(optionHash(keyedHash(gumbel, m.id), index[to]), extra[index[to]], m.id);
    utilities.push(value[to] - Math.log(e));
  }
  const n = utilities.length;
  const mean = utilities.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(utilities.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
  const welfareA = records[0].welfareByRegion[0];
  const moved = moves.filter((m) => m.period === 0 && m.from === "A" && m.to !== "A").length / n;
  return { n, mean, se: sd / Math.sqrt(n), welfareA, moved };
}

describe("closed form 7: welfare is the expected utility of the rule's outcome", () => {
  it("simulate's welfare of A is its agents' mean realised utility less Euler's constant (4 SE), 40% moving", () => {
    const r = realised(PI);
    expect(r.n).toBe(AGENTS);
    expect(r.moved, "the share who move").toBeGreaterThan(0.35);
    expect(r.moved).toBeLessThan(0.45);
    const gap = r.welfareA - (r.mean - EULER);
    expect(Math.abs(gap), `welfare ${r.welfareA}, realised ${r.mean - EULER}, SE ${r.se}`).toBeLessThan(4 * r.se);
  });

  it("the former welfare ln(e^V_A + sum pi e^V_j) misses the mean realised utility by more than 4 SE", () => {
    const r = realised(PI);
    const former =
      V_A + Math.log(1 + PI.B * Math.exp(AMENITY.B - MOVING_COST) + PI.C * Math.exp(AMENITY.C - MOVING_COST));
    expect(Math.abs(former - (r.mean - EULER)), `former ${former}, realised ${r.mean - EULER}`).toBeGreaterThan(
      4 * r.se,
    );
  });

  it("simulate's welfare with one chance pi for every destination is V_A + pi ln(1 + sum e^(V_j - V_A))", () => {
    const pi = 0.45;
    const r = realised({ B: pi, C: pi });
    const closed = V_A + pi * Math.log(1 + Math.exp(AMENITY.B - MOVING_COST) + Math.exp(AMENITY.C - MOVING_COST));
    // Exact but for the skill term: skillReturn 1e-9 times skill-bin centres within +-4.
    expect(Math.abs(r.welfareA - closed)).toBeLessThan(BETA * 1e-9 * 4 * 2);
    expect(Math.abs(r.welfareA - (r.mean - EULER))).toBeLessThan(4 * r.se);
  });
});
