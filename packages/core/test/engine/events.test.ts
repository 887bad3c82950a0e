import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assertValidScenario, scenarios, type Scenario } from "../../src/index";
import { compileScenario } from "../../src/kernel/_compile";
import { cannotBeatStaying } from "../../src/engine/_decide";
import { Engine } from "../../src/engine/_engine";
import type { PeriodRecord } from "../../src/engine/_periodRecord";
import { Flag } from "../../src/engine/_agentColumns";
import { logitWorld } from "../_fixtures";

/** Indices where two arrays differ (at most 5), for a readable failure. */
function differences(kept: ArrayLike<number>, counted: ArrayLike<number>): string[] {
  const out: string[] = [];
  if (kept.length !== counted.length) return [`length ${kept.length} vs ${counted.length}`];
  for (let k = 0; k < kept.length && out.length < 5; k++)
    if (kept[k] !== counted[k]) out.push(`[${k}] kept ${kept[k]}, recount ${counted[k]}`);
  return out;
}

/**
 * The engine keeps its aggregates (type x skill x age-band cells, the fine skill histogram and
 * the skill sums) event by event instead of recounting every agent every period. These tests
 * recount from the agent columns after every period and require exact equality.
 */
describe("event-by-event aggregates", () => {
  it.each([
    [
      "alliance2026 (lottery, exchange slots, status changes)",
      () => scenarios.alliance2026({ agents: 6000, burnInYears: 2, years: 4 }),
    ],
    [
      "canadaFastTrack (an open work permit with places)",
      () => scenarios.canadaFastTrack({ agents: 6000, burnInYears: 1, years: 4 }),
    ],
    [
      "alliance2026 with graduates in the H-1B lottery (conversions in place, ends of the graduate status)",
      () => withGraduates(scenarios.alliance2026({ agents: 6000, burnInYears: 2, years: 4 })),
    ],
  ])("equal a full recount at the end of every period: %s", (_name, make) => {
    const engine = new Engine(compileScenario(make()), { seed: 5 });
    let checked = 0;
    while (!engine.done) {
      engine.step();
      const { cells, typeCounts, fine, zsum, kept } = engine.recount();
      expect(differences(kept.cells, cells), `cells after period ${engine.t - 1}`).toEqual([]);
      expect(differences(kept.typeCounts, typeCounts), `counts per type after period ${engine.t - 1}`).toEqual([]);
      expect(differences(kept.fine, fine), `fine histogram after period ${engine.t - 1}`).toEqual([]);
      expect(differences(kept.zsum, zsum), `skill sums after period ${engine.t - 1}`).toEqual([]);
      checked++;
    }
    expect(checked).toBe(engine.totalPeriods);
  });

  it("an agent turning 30, 40 or 50 moves to the next age band in that period", () => {
    // Ages in whole periods make some agents cross a band edge in nearly every period; the
    // recount would differ if a crossing were missed or counted twice.
    const engine = new Engine(compileScenario(scenarios.baseline({ agents: 3000, burnInYears: 0, years: 12 })), {
      seed: 9,
    });
    const bandTotals: number[][] = [];
    while (!engine.done) {
      engine.step();
      const { cells, kept } = engine.recount();
      expect(differences(kept.cells, cells), `cells after period ${engine.t - 1}`).toEqual([]);
      const totals = [0, 0, 0, 0];
      cells.forEach((n, k) => (totals[k & 3] += n));
      bandTotals.push(totals);
    }
    // Every band is populated, and the oldest band's count changes from period to period (people
    // turn 50 and retire), so the crossings were exercised.
    for (const band of [0, 1, 2, 3]) expect(bandTotals.at(-1)![band]).toBeGreaterThan(0);
    expect(bandTotals.filter((b, k) => k > 0 && b[3] !== bandTotals[k - 1][3]).length).toBeGreaterThan(24);
  });
});

/** Fields of a period record that differ between two runs (exact comparison; NaN equals NaN). */
function recordDifferences(x: PeriodRecord, y: PeriodRecord): string[] {
  const same = (u: number, v: number) => u === v || (Number.isNaN(u) && Number.isNaN(v));
  const out: string[] = [];
  for (const key of Object.keys(x) as Array<keyof PeriodRecord>) {
    const u = x[key];
    const v = y[key];
    if (u instanceof Float64Array && v instanceof Float64Array) {
      const k = u.findIndex((value, n) => !same(value, v[n]));
      if (k >= 0 || u.length !== v.length) out.push(`${key}[${k}]: ${u[k]} vs ${v[k]}`);
    } else if (typeof u === "number" && !same(u, v as number)) {
      out.push(`${key}: ${u} vs ${String(v)}`);
    }
  }
  return out;
}

/** A scenario whose H-1B lottery takes graduates (docs/model.md 3.3.12). */
function withGraduates(s: Scenario): Scenario {
  s.lotteries["US-H1B"].graduates = { share: 0.65, years: 3 };
  return s;
}

/** alliance2026 plus a retirement age and a permanence hazard that change during the run. */
function changingWorld(agents: number): Scenario {
  const s = scenarios.alliance2026({ agents, burnInYears: 1, years: 5 });
  s.policies.push(
    { kind: "custom", label: "earlier retirement", path: "behavior.retirementAge", expression: "62", from: 2028 },
    {
      kind: "visaRegime",
      label: "faster green cards",
      region: "SV",
      rule: { rule: "lottery", pool: "US-H1B", permanent: false, permanence: 0.6, fee: 0 },
      from: 2027.5,
    },
  );
  return s;
}

describe("scheduled events", () => {
  it.each([
    ["alliance2026", () => scenarios.alliance2026({ agents: 5000, burnInYears: 1, years: 4 })],
    ["canadaFastTrack", () => scenarios.canadaFastTrack({ agents: 5000, burnInYears: 1, years: 4 })],
    ["retirement age and permanence changing mid-run", () => changingWorld(5000)],
    ["the same with graduates in the H-1B lottery", () => withGraduates(changingWorld(5000))],
  ])(
    "visiting only agents with an event gives the same run as visiting every agent every period: %s",
    (_name, make) => {
      const scenario = assertValidScenario(make());
      const lean = new Engine(compileScenario(scenario), { seed: 11 });
      const full = new Engine(compileScenario(scenario), { seed: 11 });
      while (!lean.done) {
        lean.step();
        // Every slot due now: the pass visits every agent, as a loop without schedules would.
        full.agents.nextAt.fill(0);
        full.step();
        expect(full.agents.used).toBe(lean.agents.used);
      }
      expect(lean.history.length).toBe(scenario.years * scenario.periodsPerYear);
      lean.history.forEach((rec, k) => expect(recordDifferences(rec, full.history[k]), `period ${k}`).toEqual([]));
    },
  );

  it(
    "a temporary status becomes permanent at the per-period probability " +
      "1 - exp(-permanence / periodsPerYear), also after a policy changes it",
    () => {
      // Everyone works in A as a temporary non-citizen; nobody looks around or enters, and nobody
      // exits except by retirement, which is independent of status: among the agents still active
      // after k periods, each is still temporary with probability S(k).
      const N = 40_000;
      const s = logitWorld(N);
      s.periodsPerYear = 4;
      s.years = 4;
      s.behavior.considerRate = 0;
      s.citizenships = { X: { home: "B", network: 1 } };
      s.regions.A.temporaryShare = 1;
      s.visas.A = { X: { rule: "probability", admission: 1, permanent: false, permanence: 0.4, fee: 0 } };
      // From the start of year 3 the hazard is 1.2 a year.
      s.policies = [
        {
          kind: "visaRegime",
          region: "A",
          rule: { rule: "probability", admission: 1, permanent: false, permanence: 1.2, fee: 0 },
          from: 2032,
        },
      ];
      const engine = new Engine(compileScenario(assertValidScenario(s)), { seed: 4 });
      const temporary = () => {
        let n = 0;
        let active = 0;
        for (let i = 0; i < engine.agents.used; i++) {
          const f = engine.agents.flags[i];
          if ((f & Flag.Active) === 0) continue;
          active++;
          if (f & Flag.Temporary) n++;
        }
        return { n, active };
      };
      const counts = [temporary()];
      expect(counts[0]).toEqual({ n: N, active: N });
      while (!engine.done) {
        engine.step();
        counts.push(temporary());
      }
      expect(counts.length).toBe(17);
      expect(counts.at(-1)!.active).toBeLessThan(N); // some retired
      // Still temporary after k periods: exp(-0.4 k / 4) for k <= 8, then exp(-0.8 - 1.2 (k - 8) / 4).
      const survival = (k: number) => (k <= 8 ? Math.exp((-0.4 * k) / 4) : Math.exp(-0.8 - (1.2 * (k - 8)) / 4));
      for (let k = 1; k < counts.length; k++) {
        const p = survival(k);
        const { n, active } = counts[k];
        const se = Math.sqrt(active * p * (1 - p));
        // 4 binomial standard errors: each of the 16 checks fails by chance with probability 6e-5.
        expect(
          Math.abs(n - active * p),
          `period ${k}: ${n} of ${active} still temporary, expected ${(active * p).toFixed(0)}`,
        ).toBeLessThan(4 * se);
      }
    },
  );
});

describe("the decision's bound on e^d", () => {
  it(
    "passes over an option only when the exact comparison would: " +
      "cannotBeatStaying(d, e, w) implies Math.exp(d) / e <= w",
    () => {
      const holds = (d: number, e: number, w: number) => !cannotBeatStaying(d, e, w) || Math.exp(d) / e <= w;
      // Values of d at and around multiples of ln 2, where the power-of-two bound is tightest.
      const nearPowers = fc
        .tuple(fc.integer({ min: -1010, max: 1010 }), fc.integer({ min: -4, max: 4 }))
        .map(([k, ulps]) => k * Math.LN2 * (1 + ulps * Number.EPSILON));
      const d = fc.oneof(fc.double({ min: -1000, max: 1000, noNaN: true }), nearPowers);
      const e = fc.double({ min: 1e-12, max: 60, noNaN: true });
      const w = fc.double({ min: 1e-3, max: 1e3, noNaN: true });
      fc.assert(fc.property(d, e, w, holds), { numRuns: 20_000, seed: 7 });
      // The tight case by hand: e^d / e exactly at w is not passed over wrongly either.
      for (let k = -20; k <= 20; k++) {
        const dk = k * Math.LN2;
        expect(holds(dk, 1, Math.exp(dk))).toBe(true);
        expect(holds(dk, 1, Math.exp(dk) * (1 - 1e-12))).toBe(true);
        // Just above a power of two (d log2 e = k + 1e-10), where e^d exceeds 2^k: the bound must
        // be 2^(k + 1), so an option worth a hair more than staying is not passed over.
        const above = (k + 1e-10) * Math.LN2;
        expect(holds(above, 1, Math.exp(above) * (1 - 1e-12)), `d = (${k} + 1e-10) ln 2`).toBe(true);
      }
    },
  );

  it("passes over most options that lose, so exp is rarely needed (d = -3, e and the stay draw Exp(1))", () => {
    // With u -> -ln u as the exponential draws, on a fixed grid: about 95% of such options lose,
    // and the bound (at most a factor 2 above e^d) recognises most of them.
    let losing = 0;
    let skipped = 0;
    const n = 200;
    for (let a = 0; a < n; a++) {
      for (let b = 0; b < n; b++) {
        const e = -Math.log((a + 0.5) / n);
        const wStay = 1 / -Math.log((b + 0.5) / n);
        if (Math.exp(-3) / e <= wStay) losing++;
        if (cannotBeatStaying(-3, e, wStay)) skipped++;
      }
    }
    expect(losing / (n * n)).toBeGreaterThan(0.9);
    expect(skipped / losing).toBeGreaterThan(0.8);
  });
});
