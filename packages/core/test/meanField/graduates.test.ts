import { describe, expect, it } from "vitest";
import { meanField, scenarios, type Scenario, type TidyRow } from "../../src/index";
import { NEUTRAL_BEHAVIOR, region } from "../_worlds";

/** Graduates per year (half of U's 4,000 entrants a year), the cap, and the draw's start delay. */
const ENTRANTS = 4000;
const SHARE = 0.5;
const CAP = 1500;
const DELAY = 2;

/**
 * A toy world for the graduates of a lottery (docs/model.md 3.3.12): U (country UC) receives
 * 4,000 entrants a year of citizenship X (home H, country HC), whose rule in U is the lottery L
 * (1,500 places a year, uniform, drawn in the first quarter, work from the third, a fee that would
 * filter movers' petitions); half of them are graduates who wait for L for at most 3 years. Nobody
 * looks around, so only the graduates' waiting, winning and leaving moves anyone (and exits at
 * `exitRate` a year remove people); the one place to go when a graduate status ends is home (H).
 * Quarterly, 5 years, no burn-in.
 */
function toyWorld(graduates: Scenario["lotteries"][string]["graduates"], exitRate = 0): Scenario {
  return {
    model: "talentflow/1",
    name: "graduate-world",
    startYear: 2030,
    years: 5,
    periodsPerYear: 4,
    agents: 10_000,
    burnInYears: 0,
    fx: { EUR: 1.08 },
    behavior: { ...NEUTRAL_BEHAVIOR, considerRate: 0, retirementAge: 100, exitRate },
    citizenships: { X: { home: "H", network: 1 } },
    regions: {
      H: region("HC", 10_000),
      U: region("UC", 0, { entrants: ENTRANTS }),
    },
    movingCost: { "H<->U": 0.5 },
    visaFriction: {},
    visas: { U: { "*": { rule: "lottery", pool: "L", permanent: false, permanence: 4, fee: 1e7 } } },
    lotteries: {
      L: {
        regions: ["U"],
        cap: CAP,
        weighted: false,
        period: 0,
        startDelay: DELAY,
        initialSelectionRate: 0.5,
        ...(graduates ? { graduates } : {}),
      },
    },
    freeMovement: [],
    policies: [],
  };
}

/** Values of a metric per reported period (0 where no row). */
function series(rows: readonly TidyRow[], metric: string, where: (r: TidyRow) => boolean, periods: number): number[] {
  const out = new Array<number>(periods).fill(0);
  for (const r of rows) if (r.metric === metric && where(r)) out[r.period] += r.value;
  return out;
}

describe.each([
  ["", 0],
  [" and exits at 20% a year", 0.2],
] as const)("meanField: graduates who wait for a lottery (docs/model.md 3.3.12)%s", (_, exitRate) => {
  it(
    "meanField(toy world with graduates) converts and sends home each quarterly " +
      "cohort as its exactly three draws say",
    () => {
      const quarters = 20;
      const mf = meanField(toyWorld({ share: SHARE, years: 3 }, exitRate), { skillBins: 4 });
      // The spec by hand: each quarter's graduates wait in the pool; a draw (first quarter of each
      // year) selects min(1, cap / pool) of everyone waiting who does not exit that quarter;
      // winners start two quarters later if they have not exited (admissions in U, no flow); a
      // cohort that has not won leaves for home 12 quarters after its entry, after the draw of
      // that quarter: so exactly the 3 draws in (entry, entry + 12]. Entrants do not exit in the
      // quarter they enter.
      const stay = Math.exp(-exitRate / 4);
      const perQuarter = (ENTRANTS * SHARE) / 4;
      const waiting: Array<{ entry: number; people: number }> = [];
      const admissions = new Array<number>(quarters).fill(0);
      const leave = new Array<number>(quarters).fill(0);
      const rate = new Array<number>(quarters).fill(Number.NaN);
      const stock = new Array<number>(quarters).fill(0);
      let won = 0;
      for (let t = 0; t < quarters; t++) {
        for (const c of waiting) c.people *= stay;
        won *= stay;
        const pool = waiting.reduce((s, c) => s + c.people, 0);
        if (t % 4 === 0 && pool > 0) {
          rate[t] = Math.min(1, CAP / pool);
          won = rate[t] * pool;
          for (const c of waiting) c.people *= 1 - rate[t];
        }
        if (t % 4 === DELAY) admissions[t] = won;
        for (const c of waiting) if (c.entry + 12 === t) leave[t] += c.people;
        waiting.splice(0, waiting.length, ...waiting.filter((c) => c.entry + 12 > t));
        waiting.push({ entry: t, people: perQuarter });
        stock[t] = (t > 0 ? stock[t - 1] * stay : 0) - leave[t] + ENTRANTS / 4;
      }
      const inU = (r: { region: string }) => r.region === "U";
      const got = {
        lotteryEntrants: series(mf.rows, "lotteryEntrants", inU, quarters),
        admissions: series(mf.rows, "admissions", inU, quarters),
        leave: series(mf.rows, "flow", (r) => r.origin === "U" && r.destination === "H", quarters),
        winners: series(mf.rows, "lotteryWinners", inU, quarters),
        rate: mf.rows.filter((r) => r.metric === "selectionRate" && r.region === "U"),
      };
      const close = (a: number, b: number) =>
        expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(b)));
      for (let t = 0; t < quarters; t++) {
        close(got.lotteryEntrants[t], perQuarter);
        close(got.admissions[t], admissions[t]);
        close(got.leave[t], leave[t]);
        if (t % 4 === 0 && t > 0) {
          close(got.winners[t], CAP);
          close(got.rate.find((r) => r.period === t)!.value, rate[t]);
        }
      }
      // The first cohort (quarter 0) meets the draws of quarters 4, 8 and 12: its share still
      // waiting at 12 is the product of the three losing chances, and that share leaves then.
      const firstLeft = (1 - rate[4]) * (1 - rate[8]) * (1 - rate[12]);
      // Without exits 0.75: the first year's graduates alone.
      if (exitRate === 0) expect(rate[4]).toBeCloseTo(CAP / (4 * perQuarter), 12);
      close(got.leave[12], perQuarter * stay ** 12 * firstLeft);
      // The stock of U: every entrant stays but the graduates who left and those who exited;
      // nobody becomes permanent while a graduate (permanence 4 a year acts only on those who
      // converted or never waited), or fewer would leave.
      for (let t = 0; t < quarters; t++) close(mf.stock.U[t], stock[t]);
    },
  );
});

describe("meanField: graduates who wait for a lottery, in a scenario and when absent", () => {
  it("meanField(alliance2026 with H-1B graduates) (the block of docs/experiments.md) " +
    "draws from a pool crowded by graduates", () => {
    // The block of docs/experiments.md, as written there.
    // alliance2026 has the baseline's graduates: 65% of the US entrants under the H-1B rule wait up to
    // 3 years for the draw. Without them, the same cap would select every applicant from abroad.
    const mf = meanField(scenarios.alliance2026(), { skillBins: 8, welfare: false });
    const rate = mf.rows.filter((r) => r.metric === "selectionRate" && r.region === "SV" && r.value >= 0);
    const s = scenarios.alliance2026();
    delete s.lotteries["US-H1B"].graduates;
    const plain = meanField(s, { skillBins: 8, welfare: false });
    // Against the same projection without graduates: every draw selects a smaller share of a larger pool.
    expect(scenarios.alliance2026().lotteries["US-H1B"].graduates).toBeDefined();
    const before = plain.rows.filter((r) => r.metric === "selectionRate" && r.region === "SV" && r.value >= 0);
    expect(rate.map((r) => r.period)).toEqual(before.map((r) => r.period));
    expect(rate.length).toBeGreaterThan(5);
    rate.forEach((r, k) => expect(r.value).toBeLessThan(before[k].value / 2));
    const entrants = (rows: readonly TidyRow[]) =>
      rows.filter((r) => r.metric === "lotteryEntrants" && r.region === "SV").reduce((x, r) => x + r.value, 0);
    expect(entrants(mf.rows)).toBeGreaterThan(2 * entrants(plain.rows));
  }, 60_000);

  it("meanField(s with graduates of share 0) returns the rows of s without graduates, exactly", () => {
    const without = meanField(toyWorld(undefined), { skillBins: 4 });
    const none = meanField(toyWorld({ share: 0, years: 3 }), { skillBins: 4 });
    expect(none.rows).toEqual(without.rows);
    expect(without.rows.some((r) => r.metric === "lotteryEntrants" && r.value > 0)).toBe(false);
  });
});
