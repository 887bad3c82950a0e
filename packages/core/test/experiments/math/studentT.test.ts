import { issuePaths } from "../../_issues";
import { describe, expect, it } from "vitest";
import { studentTCdf, studentTQuantile, summarize } from "../../../src/experiments/math/studentT";

/** Relative difference. */
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe("studentTQuantile", () => {
  // Table values printed to 10 significant digits, so agreement within 1e-9 relative is exact
  // up to the table's rounding (the brief asks for 1e-6).
  it.each([
    [0.975, 1, 12.706204736],
    [0.975, 10, 2.228138852],
    [0.975, 30, 2.042272456],
    [0.995, 5, 4.032142984],
    [0.95, 3, 2.353363435],
    [0.975, 1e10, 1.959963985],
    [0.975, Infinity, 1.959963985],
  ])("studentTQuantile(%s, %s) equals the table value %s", (p, df, expected) => {
    expect(rel(studentTQuantile(p, df), expected)).toBeLessThan(1e-9);
  });

  it("studentTQuantile(1 - p, df) is exactly -studentTQuantile(p, df), and 0 at p = 0.5", () => {
    for (const df of [1, 2, 3.5, 10, 1e7, Infinity]) {
      // Dyadic p, so that 1 - p is exact and the symmetry can be compared exactly.
      for (const p of [2 ** -27, 2 ** -7, 0.3125, 0.4375])
        expect(studentTQuantile(1 - p, df)).toBe(-studentTQuantile(p, df));
      expect(studentTQuantile(0.5, df)).toBe(0);
    }
  });

  it(
    "studentTCdf(studentTQuantile(p, df), df) returns p to " +
      "1e-9 relative in the smaller tail, for df from 1 to 1e8",
    () => {
      let worst = 0;
      for (const df of [1, 1.5, 2, 3, 4, 5, 7.5, 10, 30, 100, 1e3, 1e5, 1e6, 2e6, 1e8]) {
        for (const p of [1e-12, 1e-6, 1e-3, 0.025, 0.1, 0.249, 0.25, 0.3, 0.4999, 0.6, 0.9, 0.999, 1 - 1e-9]) {
          const c = studentTCdf(studentTQuantile(p, df), df);
          const err = p < 0.5 ? rel(c, p) : rel(1 - c, 1 - p);
          worst = Math.max(worst, err);
        }
      }
      expect(worst).toBeLessThan(1e-9);
    },
  );

  it("studentTQuantile(p, df) matches the closed forms of df = 1 (Cauchy) and df = 2", () => {
    for (const p of [1e-10, 0.01, 0.2, 0.7, 0.975]) {
      expect(rel(studentTQuantile(p, 1), Math.tan(Math.PI * (p - 0.5)))).toBeLessThan(1e-6);
      expect(rel(studentTQuantile(p, 2), (2 * p - 1) / Math.sqrt(2 * p * (1 - p)))).toBeLessThan(1e-12);
    }
  });

  it("studentTQuantile(p, df) increases in p and decreases towards the normal quantile in df", () => {
    let prev = -Infinity;
    for (let p = 0.001; p < 1; p += 0.001) {
      const t = studentTQuantile(p, 4);
      expect(t).toBeGreaterThan(prev);
      prev = t;
    }
    let prevDf = Infinity;
    for (const df of [1, 2, 3, 5, 10, 100, 1e4, 1e6, 1e9]) {
      const t = studentTQuantile(0.975, df);
      expect(t).toBeLessThan(prevDf);
      expect(t).toBeGreaterThan(studentTQuantile(0.975, Infinity));
      prevDf = t;
    }
  });

  it("studentTQuantile is finite far in the tails: p = 1e-300 with df = 4, 1.5 and Infinity", () => {
    for (const df of [4, 1.5, Infinity]) {
      const t = studentTQuantile(1e-300, df);
      expect(Number.isFinite(t)).toBe(true);
      expect(rel(studentTCdf(t, df), 1e-300)).toBeLessThan(1e-9);
    }
  });

  it("studentTQuantile(p, df) throws a ValidationError naming p or df for p outside (0, 1) or df <= 0", () => {
    expect(issuePaths(() => studentTQuantile(0, 5))).toEqual(["p"]);
    expect(issuePaths(() => studentTQuantile(1, 5))).toEqual(["p"]);
    expect(issuePaths(() => studentTQuantile(Number.NaN, 5))).toEqual(["p"]);
    expect(issuePaths(() => studentTQuantile(0.5, 0))).toEqual(["df"]);
    expect(issuePaths(() => studentTQuantile(2, -1))).toEqual(["p", "df"]);
  });
});

describe("summarize", () => {
  it("summarize([10, 12, 11, 13, 9]) gives mean 11, sd √2.5 and the 95% t interval with t(0.975, 4)", () => {
    const s = summarize([10, 12, 11, 13, 9]);
    const half = 2.776445105 * Math.sqrt(2.5 / 5); // t(0.975, 4) from the table
    expect(s.n).toBe(5);
    expect(s.mean).toBe(11);
    expect(s.sd).toBeCloseTo(Math.sqrt(2.5), 14);
    expect(s.se).toBeCloseTo(Math.sqrt(0.5), 14);
    expect(s.ciLow).toBeCloseTo(11 - half, 8);
    expect(s.ciHigh).toBeCloseTo(11 + half, 8);
  });

  it("summarize(values) stays exact for large values close together (Welford)", () => {
    // Deviations -6, -3, 3, 6 around 1e9 + 10: variance 90 / 3 = 30 exactly.
    const s = summarize([1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16]);
    expect(s.mean).toBe(1e9 + 10);
    expect(rel(s.sd, Math.sqrt(30))).toBeLessThan(1e-12);
  });

  it("summarize(values, { confidence: 0.9 }) uses t(0.95, n - 1) and gives zero width for constant values", () => {
    const s = summarize([1, 2, 3], { confidence: 0.9 });
    expect(s.ciHigh - s.mean).toBeCloseTo(2.91998558 * (1 / Math.sqrt(3)), 8);
    const c = summarize([4, 4, 4]);
    expect([c.sd, c.se, c.ciLow, c.ciHigh]).toEqual([0, 0, 4, 4]);
  });

  it(
    "summarize(values) throws a ValidationError for fewer " + "than 2 values, a non-finite value or a bad confidence",
    () => {
      expect(issuePaths(() => summarize([1]))).toEqual(["values"]);
      expect(issuePaths(() => summarize([]))).toEqual(["values"]);
      expect(issuePaths(() => summarize([1, Number.NaN, Infinity]))).toEqual(["values[1]", "values[2]"]);
      expect(issuePaths(() => summarize([1, 2], { confidence: 95 }))).toEqual(["options.confidence"]);
    },
  );
});
