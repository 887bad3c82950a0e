import { describe, expect, it } from "vitest";
import { Flag, entryPeriodOf } from "../../src/engine/_agentColumns";
import type { Decision } from "../../src/engine/_decide";
import { Engine } from "../../src/engine/_engine";
import { compileScenario } from "../../src/kernel/_compile";
import { assertValidScenario, createSimulation, restoreSimulation, scenarios } from "../../src/index";
import type { Lottery, Scenario, VisaRule } from "../../src/scenario/types";
import { OPEN, region, tinyWorld } from "../_worlds";

/** 4 binomial standard errors of a count of n trials with chance p. */
const fourSe = (n: number, p: number) => 4 * Math.sqrt(n * p * (1 - p));

interface EntryWorld {
  /** behavior.firstJobChoice (absent when undefined). */
  choice?: number;
  /** Yearly consideration rate. */
  considerRate?: number;
  /** Yearly entrants into A. */
  entrants?: number;
  policies?: Scenario["policies"];
  years?: number;
}

/**
 * Entrants of A (country AA) and a far better B (amenity +40 logit units): whoever looks around
 * in A moves to B, whoever is in B stays. Quarterly periods, no exits; the initial stock lives
 * in B, so A holds entrants only.
 */
function entryWorld(o: EntryWorld = {}): Scenario {
  const s = tinyWorld({ years: o.years ?? 3, periodsPerYear: 4 });
  s.behavior.considerRate = o.considerRate ?? 0;
  if (o.choice !== undefined) s.behavior.firstJobChoice = o.choice;
  s.regions = {
    A: region("AA", 0, { entrants: o.entrants ?? 40_000 }),
    B: region("BB", 1000, { amenity: 40 }),
  };
  s.movingCost = { "A<->B": 0.5 };
  s.visas = { A: { "*": OPEN }, B: { "*": OPEN } };
  s.policies = o.policies ?? [];
  return s;
}

/**
 * Runs `s` on the engine and counts, per period t, the decisions of 3.3.4 taken by the entrants
 * of period t - 1 (`fresh`) and by older entrants (`older`), by watching the engine's decision.
 */
function countDecisions(s: Scenario, seed: number) {
  const engine = new Engine(compileScenario(assertValidScenario(s)), { seed });
  const decision = (engine as unknown as { decision: Decision }).decision;
  const decide = decision.decide.bind(decision);
  const fresh: number[] = [];
  const older: number[] = [];
  const entries: number[] = [];
  decision.decide = (i, id, r, t) => {
    const entered = entryPeriodOf(id);
    if (entered === t - 1) fresh[t] = (fresh[t] ?? 0) + 1;
    else if (entered >= 0) older[t] = (older[t] ?? 0) + 1;
    return decide(i, id, r, t);
  };
  const records = [];
  while (!engine.done) {
    const t = engine.t;
    records.push(engine.step() ?? engine.history[engine.history.length - 1]);
    entries[t] = engine.counts.entries.reduce((x, y) => x + y, 0);
  }
  return { engine, records, entries, fresh: (t: number) => fresh[t] ?? 0, older: (t: number) => older[t] ?? 0 };
}

describe("first-job choice: entrants choose among regions in the period after entry (docs/model.md 3.3.12)", () => {
  it(
    "createSimulation(s).run() with firstJobChoice absent and 0 returns identical rows but the run key, " +
      "on the baseline",
    () => {
      const absent = scenarios.baseline({ agents: 3000, years: 2, burnInYears: 1 });
      const zero = scenarios.baseline({ agents: 3000, years: 2, burnInYears: 1 });
      zero.behavior.firstJobChoice = 0;
      const half = scenarios.baseline({ agents: 3000, years: 2, burnInYears: 1 });
      half.behavior.firstJobChoice = 0.5;
      // Every value but the run key, which hashes the scenario (and so its field) by design.
      const rows = (s: Scenario) =>
        createSimulation(s, { seed: 11 })
          .run()
          .rows.map(({ run: _, ...row }) => row);
      const base = rows(absent);
      expect(rows(zero)).toEqual(base);
      // The field is read: a share of one half changes the rows.
      expect(rows(half)).not.toEqual(base);
    },
  );

  it(
    "Engine with firstJobChoice c = 0.3 and a consideration chance p lets c + (1 - c) p of each cohort " +
      "of entrants decide in the period after its entry",
    () => {
      const c = 0.3;
      const considerRate = 1;
      const p = 1 - Math.exp(-considerRate / 4);
      const q = c + (1 - c) * p;
      const { fresh, entries } = countDecisions(entryWorld({ choice: c, considerRate, years: 2 }), 5);
      // 10,000 entrants a quarter; 4 SE of a binomial count of 10,000 at q = 0.455 is 199.
      for (let t = 1; t < 8; t++) {
        const n = entries[t - 1];
        expect(n).toBe(10_000);
        expect(Math.abs(fresh(t) - n * q), `entrants of period ${t - 1}: ${fresh(t)} of ${n}`).toBeLessThan(
          fourSe(n, q),
        );
      }
    },
  );

  it(
    "Engine with firstJobChoice 1 and no consideration moves every entrant of A to the better B in the " +
      "period after its entry, counted as flows, and nobody else",
    () => {
      const { records, entries, fresh, older } = countDecisions(entryWorld({ choice: 1 }), 6);
      for (let t = 1; t < records.length; t++) {
        expect(fresh(t), `period ${t}`).toBe(entries[t - 1]);
        expect(older(t), `period ${t}`).toBe(0);
        // flows[from * R + to], A = 0, B = 1.
        expect(records[t].flows[0 * 2 + 1], `period ${t}`).toBe(entries[t - 1]);
      }
      // Without the field nobody looks around and nobody moves.
      const off = countDecisions(entryWorld(), 6);
      for (let t = 1; t < off.records.length; t++) expect(off.records[t].flows[1]).toBe(0);
    },
  );

  it(
    "Engine reads firstJobChoice of the entry period: a policy raising it to 1 from 2031 lets the " +
      "entrants of 2031's first quarter, not those of 2030's last, choose",
    () => {
      const policies: Scenario["policies"] = [
        { kind: "custom", path: "behavior.firstJobChoice", expression: "1", from: 2031 },
      ];
      const { fresh, entries } = countDecisions(entryWorld({ choice: 0, policies }), 7);
      // 2030 is internal periods 0..3 (no burn-in); 2031 begins at period 4.
      expect(fresh(4)).toBe(0);
      expect(fresh(5)).toBe(entries[4]);
      expect(entries[4]).toBe(10_000);
    },
  );

  it(
    "Engine keeps the first-job time of the previous period's entrants when a policy changes " +
      "considerRate between their entry and their choice, and redraws everyone else's",
    () => {
      // considerRate 4 a year until 2031, 0 from 2031: from period 4 on only first jobs are chosen.
      const policies: Scenario["policies"] = [
        { kind: "custom", path: "behavior.considerRate", expression: "0", from: 2031 },
      ];
      const { fresh, older, entries, records } = countDecisions(
        entryWorld({ choice: 0.5, considerRate: 4, policies }),
        8,
      );
      const n = entries[3];
      expect(n).toBe(10_000);
      // Period 4: the entrants of period 3 who drew a first job (half of them), none of the rest.
      expect(Math.abs(fresh(4) - n * 0.5), `${fresh(4)} of ${n}`).toBeLessThan(fourSe(n, 0.5));
      for (let t = 4; t < records.length; t++) expect(older(t), `period ${t}`).toBe(0);
      // Every later cohort: exactly those who drew a first job, all of whom move to B.
      for (let t = 5; t < records.length; t++) {
        expect(Math.abs(fresh(t) - entries[t - 1] * 0.5)).toBeLessThan(fourSe(entries[t - 1], 0.5));
        expect(records[t].flows[1]).toBe(fresh(t));
      }
    },
  );

  it(
    "Engine lets no graduate waiting for its lottery decide in the period after its entry, " +
      "and every other entrant",
    () => {
      // US (country UU) takes graduates of lottery L (share 0.5) among its entrants, citizens of H.
      const s = tinyWorld({ years: 2, periodsPerYear: 4 });
      s.behavior.considerRate = 0;
      s.behavior.firstJobChoice = 1;
      s.citizenships = { Y: { home: "H", network: 1 } };
      const mix = { Y: 1 };
      s.regions = {
        US: region("UU", 0, { entrants: 40_000, entrantCitizenship: mix, initialCitizenship: mix }),
        H: region("HH", 1000, { entrantCitizenship: mix, initialCitizenship: mix }),
      };
      s.movingCost = { "US<->H": 0.5 };
      const lottery = { rule: "lottery", pool: "L", permanent: false, permanence: 0, fee: 0 } as VisaRule;
      s.visas = { US: { "*": lottery }, H: { "*": OPEN } };
      const L: Lottery = {
        regions: ["US"],
        cap: 1000,
        weighted: false,
        period: 0,
        startDelay: 3,
        initialSelectionRate: 0.3,
        graduates: { share: 0.5, years: 3 },
      };
      s.lotteries = { L };
      const engine = new Engine(compileScenario(assertValidScenario(s)), { seed: 9 });
      const decision = (engine as unknown as { decision: Decision }).decision;
      const decide = decision.decide.bind(decision);
      const decided = new Set<number>();
      decision.decide = (i, id, r, t) => {
        if (entryPeriodOf(id) === t - 1) decided.add(id);
        return decide(i, id, r, t);
      };
      let graduates = 0;
      let others = 0;
      let checked = 0;
      while (!engine.done) {
        const t = engine.t;
        engine.step();
        if (t >= 7) continue;
        // The entrants of period t, as they are after it: graduates wait (pending), others do not.
        const a = engine.agents;
        const waiting = new Set<number>();
        const free = new Set<number>();
        for (let i = 0; i < a.used; i++) {
          if ((a.flags[i] & Flag.Active) === 0 || entryPeriodOf(a.id[i]) !== t) continue;
          expect((a.flags[i] & Flag.FirstJob) !== 0).toBe(true);
          if (a.pending[i] === a.region[i] + 1) waiting.add(a.id[i]);
          else free.add(a.id[i]);
        }
        engine.step();
        checked++;
        for (const id of waiting) expect(decided.has(id), `graduate ${id}`).toBe(false);
        for (const id of free) expect(decided.has(id), `entrant ${id}`).toBe(true);
        graduates += waiting.size;
        others += free.size;
      }
      expect(checked).toBeGreaterThan(2);
      // Half of 10,000 entrants a quarter are graduates: both groups are there.
      expect(graduates).toBeGreaterThan(10_000);
      expect(others).toBeGreaterThan(10_000);
    },
  );

  it(
    "restoreSimulation(sim.checkpoint()) continues identically a run whose last entrants choose their " +
      "first job in the next period, across a change of considerRate",
    () => {
      const policies: Scenario["policies"] = [
        { kind: "custom", path: "behavior.considerRate", expression: "0", from: 2031 },
      ];
      const s = entryWorld({ choice: 0.5, considerRate: 4, policies, entrants: 4000 });
      for (const steps of [3, 4, 6]) {
        const a = createSimulation(s, { seed: 4 });
        for (let k = 0; k < steps; k++) a.step();
        const b = restoreSimulation(a.checkpoint());
        const ra = a.run().rows;
        expect(b.run().rows, `after ${steps} steps`).toEqual(ra);
      }
    },
  );
});
