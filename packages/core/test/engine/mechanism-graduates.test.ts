import { describe, expect, it } from "vitest";
import { Flag } from "../../src/engine/_agentColumns";
import { Engine } from "../../src/engine/_engine";
import { compileScenario } from "../../src/kernel/_compile";
import { assertValidScenario } from "../../src/index";
import type { Lottery, Scenario, VisaRule } from "../../src/scenario/types";
import { OPEN, region, tinyWorld } from "../_worlds";

/** 4 binomial standard errors of a count of n trials with chance p. */
const fourSe = (n: number, p: number) => 4 * Math.sqrt(n * p * (1 - p));

interface GraduateWorld {
  share?: number;
  years?: number;
  cap?: number;
  startDelay?: number;
  /** Yearly entrants into US. */
  entrants?: number;
  /** The US rule's own terms (permanence, duration, renewal, fee). */
  rule?: Partial<VisaRule>;
  runYears?: number;
}

/**
 * Graduates of US (country UU) who need lottery L for their first job; home is H (country HH).
 * Entrants are Y citizens (home H). Nobody looks around or exits, so the lottery's pool holds
 * graduates only and the only moves are the departures at the end of the graduate status (or
 * of a converted status's term). Quarterly periods, the draw in quarter 0 of each year.
 */
function graduateWorld(o: GraduateWorld = {}): Scenario {
  const s = tinyWorld({ years: o.runYears ?? 6, periodsPerYear: 4 });
  s.behavior.considerRate = 0;
  s.citizenships = { Y: { home: "H", network: 1 }, U: { home: "US", network: 1 }, Z: { home: "H", network: 1 } };
  const mix = { Y: 1 };
  s.regions = {
    US: region("UU", 0, { entrants: o.entrants ?? 8000, entrantCitizenship: mix, initialCitizenship: mix }),
    H: region("HH", 1000, { entrantCitizenship: mix, initialCitizenship: mix }),
  };
  s.movingCost = { "US<->H": 0.5 };
  const lottery = { rule: "lottery", pool: "L", permanent: false, permanence: 0, fee: 0, ...o.rule } as VisaRule;
  s.visas = { US: { "*": lottery }, H: { "*": OPEN } };
  const L: Lottery = {
    regions: ["US"],
    cap: o.cap ?? 3000,
    weighted: false,
    period: 0,
    startDelay: o.startDelay ?? 3,
    initialSelectionRate: 0.3,
    graduates: { share: o.share ?? 1, years: o.years ?? 3 },
  };
  s.lotteries = { L };
  return s;
}

/** What happened to each graduate of a run: its entry, the draws it was in, its win, where and when it left. */
interface Fate {
  entered: number;
  draws: number[];
  won: number;
  left: number;
}

/**
 * Runs `s` on the engine, watching every graduate (an agent whose application is to its own
 * region): the pools of each draw before it (active, waiting, not won), the winners after it,
 * and the period in which each graduate left its region. Also checks, every period, that a
 * waiting graduate is temporary and still in its region.
 */
function watch(s: Scenario, seed: number) {
  const engine = new Engine(compileScenario(assertValidScenario(s)), { seed });
  const us = engine.cs.regions.indexOf("US");
  const fates = new Map<number, Fate>();
  const pools: Array<{ period: number; size: number; winners: number }> = [];
  const records = [];
  let waitingNotTemporary = 0;
  while (!engine.done) {
    const t = engine.t;
    const a = engine.agents;
    const pool: number[] = [];
    if (t % 4 === 0) {
      for (let i = 0; i < a.used; i++) {
        const f = a.flags[i];
        if ((f & Flag.Active) !== 0 && a.pending[i] === us + 1 && (f & Flag.Won) === 0) pool.push(a.id[i]);
      }
    }
    const before = new Map<number, number>();
    for (let i = 0; i < a.used; i++) if (a.flags[i] & Flag.Active) before.set(a.id[i], a.region[i]);
    records.push(engine.step() ?? engine.history[engine.history.length - 1]);
    const b = engine.agents;
    const slotOf = new Map<number, number>();
    for (let i = 0; i < b.used; i++) if (b.flags[i] & Flag.Active) slotOf.set(b.id[i], i);
    let winners = 0;
    for (const id of pool) {
      const fate = fates.get(id) as Fate;
      fate.draws.push(t);
      const i = slotOf.get(id);
      // A winner is flagged (or, with no start delay, has already started: no longer waiting, still in US).
      if (i !== undefined && ((b.flags[i] & Flag.Won) !== 0 || (b.pending[i] === 0 && b.region[i] === us))) {
        fate.won = t;
        winners++;
      }
    }
    if (t % 4 === 0) pools.push({ period: t, size: pool.length, winners });
    for (const [id, fate] of fates) {
      const i = slotOf.get(id);
      if (fate.left < 0 && before.get(id) === us && (i === undefined || b.region[i] !== us)) fate.left = t;
    }
    for (let i = 0; i < b.used; i++) {
      if ((b.flags[i] & Flag.Active) === 0 || b.pending[i] !== us + 1) continue;
      if ((b.flags[i] & Flag.Temporary) === 0 || b.region[i] !== us) waitingNotTemporary++;
      if (!fates.has(b.id[i])) fates.set(b.id[i], { entered: t, draws: [], won: -1, left: -1 });
    }
  }
  return { engine, us, fates, pools, records, waitingNotTemporary };
}

describe("graduates who need the lottery for their first job (docs/model.md 3.3.6, 3.3.9, 3.3.12)", () => {
  it(
    "Engine with graduates {share 1, years 3} gives every graduate exactly three draws, converts " +
      "prod_(m<k) (1 - p_m) p_k of a cohort at its k-th and sends prod_m (1 - p_m) home at its end",
    () => {
      const { fates, pools, records, us, waitingNotTemporary } = watch(graduateWorld(), 1);
      const rate = new Map(pools.map((p) => [p.period, p.winners / p.size]));
      // The cap binds at every draw after the first (period 0's pool is empty): exactly 3,000 winners.
      for (const p of pools.slice(1)) expect(p.winners).toBe(3000);
      expect(waitingNotTemporary).toBe(0);
      // Cohorts whose three draws fall in the run: entered in periods 0..11, by their first draw.
      const groups = new Map<number, Fate[]>();
      for (const f of fates.values()) {
        if (f.entered > 11) continue;
        const first = 4 * Math.floor(f.entered / 4) + 4;
        groups.set(first, [...(groups.get(first) ?? []), f]);
        // Exactly: draws at first, first + 4, first + 8 until it wins; a loser is in all three
        // pools (losers stay in the pool) and leaves in the period its status ends, not before.
        const expectedDraws = f.won < 0 ? 3 : (f.won - first) / 4 + 1;
        expect(f.draws, `graduate of period ${f.entered}`).toEqual(
          [first, first + 4, first + 8].slice(0, expectedDraws),
        );
        expect(f.left, `graduate of period ${f.entered}`).toBe(f.won < 0 ? f.entered + 12 : -1);
      }
      expect([...groups.keys()].sort((x, y) => x - y)).toEqual([4, 8, 12]);
      for (const [first, cohort] of groups) {
        const n = cohort.length;
        expect(n).toBe(8000);
        const p = [first, first + 4, first + 8].map((d) => rate.get(d) as number);
        let still = 1;
        for (let k = 0; k < 3; k++) {
          const q = still * p[k];
          const got = cohort.filter((f) => f.won === first + 4 * k).length;
          expect(Math.abs(got - n * q), `cohort ${first}, draw ${k + 1}: ${got} of ${n}`).toBeLessThan(fourSe(n, q));
          still *= 1 - p[k];
        }
        const left = cohort.filter((f) => f.left >= 0).length;
        expect(Math.abs(left - n * still), `cohort ${first} leaving: ${left} of ${n}`).toBeLessThan(fourSe(n, still));
        expect(n * still).toBeGreaterThan(500);
      }
      // Conversion is an admission and no flow; the only moves out of US are the departures.
      const R = 2;
      for (const p of pools.slice(1)) {
        const start = p.period + 3;
        if (start < records.length) expect(records[start].admissions[us], `admissions at ${start}`).toBe(p.winners);
      }
      const departures = [...fates.values()].filter((f) => f.left >= 0);
      const flowsOut = records.reduce((sum, r) => sum + r.flows[us * R + (1 - us)], 0);
      expect(flowsOut).toBe(departures.length);
      expect(records.reduce((sum, r) => sum + r.flows[us * R + us], 0)).toBe(0);
    },
  );

  it(
    "Engine ends the graduate status after its years though the rule renews its own (renewal 1 of a " +
      "six-year term), and lets a " +
      "graduate who wins its last draw convert at its start, though its status ended before (cap-gap)",
    () => {
      const { fates, records, us } = watch(graduateWorld({ rule: { duration: 6, renewal: 1 } }), 2);
      const losers = [...fates.values()].filter((f) => f.won < 0 && f.entered <= 11);
      expect(losers.length).toBeGreaterThan(5000);
      for (const f of losers) expect(f.left, `graduate of period ${f.entered}`).toBe(f.entered + 12);
      // Entered in period d - 12 .. d - 9: the last draw is d, the start d + 3, the end of the
      // status d .. d + 3 (the draw comes before the end in period d, the start before it in d + 3).
      const gap = [...fates.values()].filter((f) => f.won >= 0 && f.won - f.entered >= 9);
      expect(gap.length).toBeGreaterThan(500);
      for (const f of gap) expect(f.left, `winner of period ${f.won}, entered ${f.entered}`).toBe(-1);
      // They start (an admission each) in the period three quarters after their draw.
      for (const d of new Set(gap.map((f) => f.won)))
        expect(records[d + 3].admissions[us]).toBeGreaterThanOrEqual(gap.filter((f) => f.won === d).length);
    },
  );

  it("Engine converts a winner to its rule's status, whose term runs from the start period", () => {
    // The rule's status lasts one year and is not renewed: a converted graduate leaves four
    // quarters after its start, whenever it entered.
    const { fates } = watch(graduateWorld({ rule: { duration: 1, renewal: 0 } }), 3);
    const converted = [...fates.values()].filter((f) => f.won >= 0 && f.won + 3 + 4 <= 23);
    expect(converted.length).toBeGreaterThan(5000);
    for (const f of converted) expect(f.left, `winner of period ${f.won}, entered ${f.entered}`).toBe(f.won + 3 + 4);
  });

  it("Engine gives a waiting graduate no permanence hazard, and a converted one its rule's from then on", () => {
    // permanence 4 a year: without the exemption nearly every graduate would be permanent within a year.
    // A policy changes the hazard in 2032, so the times are drawn anew then too (docs/model.md 3.3.9).
    const s = graduateWorld({ rule: { permanence: 4 }, startDelay: 0 });
    s.policies = [
      {
        kind: "visaRegime",
        region: "US",
        rule: { rule: "lottery", pool: "L", permanent: false, permanence: 3, fee: 0 },
        from: 2032,
      },
    ];
    const { engine, us, fates, waitingNotTemporary } = watch(s, 4);
    expect(waitingNotTemporary).toBe(0);
    const a = engine.agents;
    let converted = 0;
    let permanent = 0;
    for (let i = 0; i < a.used; i++) {
      if ((a.flags[i] & Flag.Active) === 0 || a.region[i] !== us) continue;
      const fate = fates.get(a.id[i]) as Fate;
      if (a.pending[i] === us + 1) expect(a.flags[i] & Flag.Temporary).toBe(Flag.Temporary);
      else if (fate.won >= 0 && fate.won <= 15) {
        converted++;
        if ((a.flags[i] & Flag.Temporary) === 0) permanent++;
      }
    }
    // Converted by period 15, eight quarters or more at 1 - e^-1 a quarter: all but (e^-1)^8 permanent.
    expect(converted).toBeGreaterThan(5000);
    const q = Math.exp(-8);
    expect(converted - permanent).toBeLessThan(converted * q + fourSe(converted, q) + 1);
  });

  it(
    "Engine makes a share of the temporary entrants under the lottery rule graduates, within 4 SE, " +
      "and no citizen or entrant under another rule",
    () => {
      const s = graduateWorld({ share: 0.6, entrants: 40_000, runYears: 2 });
      s.regions.US.entrantCitizenship = { Y: 0.5, U: 0.25, Z: 0.25 };
      s.regions.US.initialCitizenship = { Y: 1 };
      s.visas.US.Z = { rule: "open", permanent: false, permanence: 0, fee: 0 };
      const engine = new Engine(compileScenario(assertValidScenario(s)), { seed: 5 });
      const us = engine.cs.regions.indexOf("US");
      const citizenship = engine.cs.citizenships;
      const seen = new Set<number>();
      const count = { Y: 0, U: 0, Z: 0, graduates: 0, gY: 0 };
      let lotteryEntrants = 0;
      while (!engine.done) {
        engine.step();
        lotteryEntrants += engine.counts.lotteryEntrants[us];
        const a = engine.agents;
        for (let i = 0; i < a.used; i++) {
          if ((a.flags[i] & Flag.Active) === 0 || a.region[i] !== us || seen.has(a.id[i])) continue;
          seen.add(a.id[i]);
          const c = citizenship[a.citizenship[i]] as "Y" | "U" | "Z";
          count[c]++;
          if (a.pending[i] === us + 1) {
            count.graduates++;
            if (c === "Y") count.gY++;
          }
        }
      }
      expect(count.Y).toBeGreaterThan(30_000);
      expect(count.graduates).toBe(count.gY);
      expect(lotteryEntrants).toBe(count.graduates);
      expect(Math.abs(count.gY - 0.6 * count.Y)).toBeLessThan(fourSe(count.Y, 0.6));
    },
  );

  it("Engine with a visaRegime fee of $100,000 puts the same graduates in the pool, though it filters movers", () => {
    const run = (fee: boolean) => {
      const s = graduateWorld({ runYears: 2 });
      // H's residents look around, value US highly and apply through petitions, which the fee filters.
      s.behavior.considerRate = 2;
      s.regions.H = { ...s.regions.H, initialStock: 20_000 };
      s.regions.US = { ...s.regions.US, amenity: 3 };
      if (fee) s.policies = [{ kind: "visaRegime", region: "US", fee: 100_000, from: 2030 }];
      const engine = new Engine(compileScenario(assertValidScenario(s)), { seed: 6 });
      const us = engine.cs.regions.indexOf("US");
      const graduates: number[] = [];
      let movers = 0;
      let applications = 0;
      while (!engine.done) {
        const t = engine.t;
        engine.step();
        const a = engine.agents;
        let entered = 0;
        for (let i = 0; i < a.used; i++) {
          if ((a.flags[i] & Flag.Active) === 0 || a.pending[i] !== us + 1 || a.region[i] !== us) continue;
          if (a.arrivedPeriod[i] === t) {
            graduates.push(a.id[i]);
            entered++;
          }
        }
        movers += engine.counts.lotteryEntrants[us] - entered;
        applications += engine.counts.applications[us];
      }
      return { graduates: graduates.sort((x, y) => x - y), movers, applications };
    };
    const without = run(false);
    const withFee = run(true);
    expect(without.graduates.length).toBe(16_000);
    expect(withFee.graduates).toEqual(without.graduates);
    // The fee does act on the petitions of hires from abroad (feeAdmissionFactor 0.5).
    // Without the fee every mover's petition is filed; with it, feeAdmissionFactor 0.5 of them.
    expect(without.movers).toBe(without.applications);
    expect(withFee.applications).toBeGreaterThan(1000);
    expect(Math.abs(withFee.movers - 0.5 * withFee.applications)).toBeLessThan(fourSe(withFee.applications, 0.5));
  });
});
