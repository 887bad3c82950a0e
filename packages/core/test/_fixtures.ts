import type { Scenario } from "../src/scenario/types";
import { NEUTRAL_BEHAVIOR, region } from "./_worlds";

/**
 * A one-period world for closed forms: every agent starts in A, looks around with certainty,
 * faces no exits, entries, feedback, age cost, home bias or admission risk, and skill barely
 * matters (skillReturn 1e-9), so all agents are alike and the choice is a plain logit over
 * A (stay), B and C with values amenity_j - movingCost.
 */
export function logitWorld(agents: number, amenity = { A: 0, B: -0.5, C: -1 }, movingCost = 0.5): Scenario {
  return {
    model: "talentflow/1",
    name: "logit-world",
    startYear: 2030,
    years: 1,
    periodsPerYear: 1,
    agents,
    burnInYears: 0,
    fx: { EUR: 1.08 },
    behavior: { ...NEUTRAL_BEHAVIOR },
    citizenships: { X: { home: "A", network: 1 } },
    regions: {
      A: region("A", agents, { amenity: amenity.A }),
      B: region("B", 0, { amenity: amenity.B }),
      C: region("C", 0, { amenity: amenity.C }),
    },
    movingCost: { "A<->B": movingCost, "A<->C": movingCost, "B<->C": movingCost },
    visaFriction: {},
    visas: {
      B: { "*": { rule: "open", permanent: true, permanence: 0, fee: 0 } },
      C: { "*": { rule: "open", permanent: true, permanence: 0, fee: 0 } },
    },
    lotteries: {},
    freeMovement: [],
    policies: [],
  };
}

/** Softmax of values. */
export function softmax(values: readonly number[]): number[] {
  const m = Math.max(...values);
  const e = values.map((v) => Math.exp(v - m));
  const s = e.reduce((x, y) => x + y, 0);
  return e.map((x) => x / s);
}

/** Amenities of {@link nestWorld}'s regions: SV and USR (country US) are close, CA and DE apart. */
export const NEST_AMENITY = { DE: 0, CA: -0.4, SV: 0.3, USR: -0.1 } as const;

/**
 * A one-period world for the nested logit (docs/model.md 3.3.4): regions DE, CA, SV and USR (SV
 * and USR form country US), a nest {SV, USR} with dissimilarity `lambda`, everyone starting in
 * `start` and looking around with certainty, open permanent admission everywhere (or admission
 * with probability `admission` for moves to another country, when given), moving cost 0.5
 * between countries and 0.2 within the US. Citizenship X is at home in `start`, so moves within
 * the US need no admission when starting in SV. The values are amenity_j - movingCost, as in
 * {@link logitWorld}.
 */
export function nestWorld(agents: number, start: "DE" | "SV", lambda: number | undefined, admission?: number) {
  const rule =
    admission === undefined
      ? ({ rule: "open", permanent: true, permanence: 0, fee: 0 } as const)
      : ({ rule: "probability", admission, permanent: true, permanence: 0, fee: 0 } as const);
  const at = (r: keyof typeof NEST_AMENITY) =>
    region(r === "SV" || r === "USR" ? "US" : r, r === start ? agents : 0, { amenity: NEST_AMENITY[r] });
  const s: Scenario = {
    model: "talentflow/1",
    name: "nest-world",
    startYear: 2030,
    years: 1,
    periodsPerYear: 1,
    agents,
    burnInYears: 0,
    fx: { EUR: 1.08 },
    behavior: { ...NEUTRAL_BEHAVIOR },
    citizenships: { X: { home: start, network: 1 } },
    regions: { DE: at("DE"), CA: at("CA"), SV: at("SV"), USR: at("USR") },
    movingCost: { "DE<->CA": 0.5, "DE<->SV": 0.5, "DE<->USR": 0.5, "CA<->SV": 0.5, "CA<->USR": 0.5, "SV<->USR": 0.2 },
    visaFriction: {},
    visas: { DE: { "*": rule }, CA: { "*": rule }, SV: { "*": rule }, USR: { "*": rule } },
    lotteries: {},
    freeMovement: [],
    policies: [],
  };
  if (lambda !== undefined) s.behavior.nests = [{ name: "US", regions: ["SV", "USR"], lambda }];
  return s;
}

/**
 * Nested-logit choice probabilities, written from the formula (never from the engine's code):
 * P(j) = e^(V_j/λ_n) (Σ_{k∈n} e^(V_k/λ_n))^(λ_n−1) / Σ_m (Σ_{k∈m} e^(V_k/λ_m))^λ_m, where option
 * k is in nest `nest[k]` with dissimilarity `lambda[nest[k]]` (a nest of one option is the logit).
 */
export function nestedLogit(values: readonly number[], nest: readonly number[], lambda: readonly number[]): number[] {
  const inclusive = lambda.map((l, n) =>
    values.reduce((sum, v, k) => (nest[k] === n ? sum + Math.exp(v / l) : sum), 0),
  );
  const denominator = inclusive.reduce((sum, x, n) => sum + (x > 0 ? x ** lambda[n] : 0), 0);
  return values.map((v, k) => {
    const l = lambda[nest[k]];
    return (Math.exp(v / l) * inclusive[nest[k]] ** (l - 1)) / denominator;
  });
}
