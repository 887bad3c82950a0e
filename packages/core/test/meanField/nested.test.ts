// The nested choice of the mean-field projection (meanField/_nestedChoice.ts, docs/model.md
// 3.3.4): the nested-logit formula with every pi = 1 (to 1e-12 in closed form, to 5e-9 by the
// integral that pi < 1 uses at meanField's default 6 nodes per panel, to 1e-11 at 24), the
// unnested integral with every lambda = 1, and the engine's shares with pi < 1 (4 binomial SE at
// N = 400,000).
import { describe, expect, it } from "vitest";
import { meanField, simulate } from "../../src/index";
import { anticipatedChoice } from "../../src/meanField/_choice";
import { nestedBandChoices, nestedShares, NestedWorkspace, type GroupNests } from "../../src/meanField/_nestedChoice";
import { gaussLegendre01 } from "../../src/meanField/_quadrature";
import { nestWorld, nestedLogit } from "../_fixtures";

const NODES = gaussLegendre01(6); // per panel, meanField's default
const REGIONS = ["DE", "CA", "SV", "USR"] as const;

/** Values relative to staying (option 0 is staying) and the options' nests for each case. */
const V = [0, -0.7, 0.5, -1.3];
const CASES: Array<{ label: string; optionNest: number[]; stayNest: number }> = [
  { label: "staying and option 2 in one nest", optionNest: [-1, 0, -1], stayNest: 0 },
  { label: "options 1 and 3 in one nest", optionNest: [0, -1, 0], stayNest: -1 },
  { label: "all in one nest", optionNest: [0, 0, 0], stayNest: 0 },
];

/** The nest of each of V's entries for the formula: staying first, a nest of its own for -1. */
function formulaNests(optionNest: number[], stayNest: number): number[] {
  return [stayNest, ...optionNest].map((n, k) => (n >= 0 ? 0 : k + 1));
}

function shares(
  pis: number[],
  optionNest: number[],
  stayNest: number,
  lambda: number,
  allSure: boolean,
  rho = 1,
  nodes = NODES,
) {
  const m = pis.length;
  const e = Float64Array.from(pis.map((p, q) => p * Math.exp(V[q + 1] - V[0])));
  const bk = Float64Array.from(pis.map((p) => 1 - p));
  const nests: GroupNests = { optionNest: Int32Array.from(optionNest), stayNest, lambda: Float64Array.of(lambda) };
  const out = new Float64Array(m);
  nestedShares({ e, bk, m, allSure }, nests, rho, nodes, new NestedWorkspace(1, m, nodes.x.length), out, 0);
  return out;
}

describe("nestedShares", () => {
  for (const lambda of [0.5, 0.3]) {
    for (const { label, optionNest, stayNest } of CASES) {
      it(`nestedShares with every pi = 1 equals the nested-logit formula (lambda ${lambda}, ${label})`, () => {
        const lambdas = [lambda, 1, 1, 1, 1];
        const expected = nestedLogit(V, formulaNests(optionNest, stayNest), lambdas);
        const closed = shares([1, 1, 1], optionNest, stayNest, lambda, true);
        const integral = shares([1, 1, 1], optionNest, stayNest, lambda, false);
        const fine = shares([1, 1, 1], optionNest, stayNest, lambda, false, 1, gaussLegendre01(24));
        for (let q = 0; q < 3; q++) {
          expect(Math.abs(closed[q] - expected[q + 1])).toBeLessThan(1e-12);
          expect(Math.abs(integral[q] - expected[q + 1])).toBeLessThan(5e-9);
          expect(Math.abs(fine[q] - expected[q + 1])).toBeLessThan(1e-11);
        }
      });
    }
  }

  it("nestedShares scales the destinations by the age factor rho as the formula does", () => {
    const rho = 0.6;
    const Vr = V.map((v, k) => (k === 0 ? v : v + Math.log(rho)));
    const expected = nestedLogit(Vr, [0, 1, 0, 2], [0.4, 1, 1]);
    const got = shares([1, 1, 1], [-1, 0, -1], 0, 0.4, true, rho);
    for (let q = 0; q < 3; q++) expect(Math.abs(got[q] - expected[q + 1])).toBeLessThan(1e-12);
  });

  it("nestedShares with lambda = 1 and pi < 1 equals the unnested choice (anticipatedChoice)", () => {
    const pis = [0.4, 1, 0.7];
    const reference = new Float64Array(4);
    anticipatedChoice(Float64Array.from(V), Float64Array.of(1, ...pis), Uint8Array.of(1, 1, 1, 1), 0, reference, NODES);
    for (const { optionNest, stayNest } of CASES) {
      const got = shares(pis, optionNest, stayNest, 1, false);
      for (let q = 0; q < 3; q++) expect(Math.abs(got[q] - reference[q + 1])).toBeLessThan(1e-12);
    }
  });
});

describe("nestedBandChoices", () => {
  it("nestedBandChoices over several age bands equals nestedShares band by band (to 1e-7)", () => {
    // The nodes shared by the bands (change of variable at the largest rho) cost some accuracy in
    // the bands of rho < 1: 3.5e-8 at rho = 0.4 with 6 nodes, against 40 nodes band by band.
    const pis = [0.3, 1, 0.7];
    const e = Float64Array.from(pis.map((p, q) => p * Math.exp(V[q + 1] - V[0])));
    const group = { e, bk: Float64Array.from(pis.map((p) => 1 - p)), m: 3, allSure: false };
    const bands = { lambda: Float64Array.of(1, 0.8, 0.55, 0.4), on: Uint8Array.of(1, 1, 0, 1) };
    for (const { optionNest, stayNest } of CASES) {
      const nests: GroupNests = { optionNest: Int32Array.from(optionNest), stayNest, lambda: Float64Array.of(0.4) };
      const all = new Float64Array(4 * 3).fill(-1);
      nestedBandChoices(group, nests, bands, NODES, new NestedWorkspace(1, 3, NODES.x.length), all);
      for (let a = 0; a < 4; a++) {
        const one = new Float64Array(3);
        nestedShares(group, nests, bands.lambda[a], gaussLegendre01(40), new NestedWorkspace(1, 3, 40), one, 0);
        for (let q = 0; q < 3; q++) {
          if (bands.on[a]) expect(Math.abs(all[a * 3 + q] - one[q])).toBeLessThan(1e-7);
          else expect(all[a * 3 + q]).toBe(-1); // bands not on are left as they were
        }
      }
    }
  });
});

describe("meanField with behavior.nests", () => {
  for (const lambda of [0.5, 0.3]) {
    for (const start of ["SV", "DE"] as const) {
      it(`meanField(nestWorld(N, ${start}, ${lambda})) gives N times the nested-logit shares (1e-9)`, () => {
        const N = 100_000;
        const mf = meanField(nestWorld(N, start, lambda));
        const cost = (r: string) => (r === start ? 0 : (r === "SV" || r === "USR") && start === "SV" ? 0.2 : 0.5);
        const amenity = nestWorld(1, start, lambda).regions;
        const values = REGIONS.map((r) => amenity[r].amenity - cost(r));
        const expected = nestedLogit(values, [0, 1, 2, 2], [1, 1, lambda]);
        REGIONS.forEach((r, k) => expect(Math.abs(mf.stock[r].at(-1)! / N - expected[k])).toBeLessThan(1e-9));
      });
    }
  }

  for (const start of ["SV", "DE"] as const) {
    it(`meanField agrees with the engine with pi = 0.6 abroad (${start}, lambda 0.4, 4 SE at 400,000)`, () => {
      const N = 400_000;
      const s = nestWorld(N, start, 0.4, 0.6);
      const mf = meanField(s);
      const run = simulate(s, { seed: 8 });
      const plain = meanField(nestWorld(N, start, 1, 0.6));
      let apart = 0;
      for (const r of REGIONS) {
        const p = mf.stock[r].at(-1)! / N;
        const got = run.rows.find((x) => x.metric === "stock" && x.region === r && x.year === 2030)!.value / N;
        const se = Math.sqrt((p * (1 - p)) / N);
        expect(Math.abs(got - p), `${r}: engine ${got}, meanField ${p}`).toBeLessThan(4 * se);
        apart = Math.max(apart, Math.abs(plain.stock[r].at(-1)! / N - p) / se);
      }
      // The nest matters here: without it meanField's shares are more than 8 SE away.
      expect(apart).toBeGreaterThan(8);
    });
  }
});
