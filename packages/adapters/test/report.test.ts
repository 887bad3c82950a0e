import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ValidationError, compare, replicate, scenarios, sensitivity, simulate, sweep } from "@talentflow/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  brainDrainChart,
  effectsChart,
  flowMatrixChart,
  regionName,
  renderReportHtml,
  reportFromResult,
  sensitivityChart,
  stockChart,
  sweepChart,
  writeReport,
} from "../src/index";
import { countMarks, markLabels, texts } from "./_svg";

/** The ValidationError a promise or call rejects with, for checking its issues. */
async function validationError(fn: () => unknown): Promise<ValidationError> {
  try {
    await fn();
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error("expected a ValidationError");
}

const STOCK = [
  { region: "DE", year: 2026, mean: 90_000.4, lower: 89_000, upper: 91_000 },
  { region: "DE", year: 2026.25, mean: 90_500, lower: 89_400, upper: 91_600 },
  { region: "XX", year: 2026, mean: 60_000, lower: 59_000, upper: 61_000 },
  { region: "XX", year: 2026.25, mean: 60_250, lower: 59_100, upper: 61_400 },
];

describe("charts", () => {
  it(
    "stockChart(series) draws one line and one band per " + "region, names regions and labels counts as whole people",
    async () => {
      const svg = await stockChart(STOCK);
      expect(svg.startsWith("<svg")).toBe(true);
      expect(countMarks(svg, "line mark")).toBe(2);
      expect(countMarks(svg, "area mark")).toBe(2);
      const t = texts(svg);
      expect(t).toContain("Germany");
      expect(t).toContain("XX"); // no name known: the code is shown
      const yLabels = t.filter((s) => /^[\d,]+$/.test(s) && s.length > 4);
      expect(yLabels.length).toBeGreaterThan(2);
      expect(markLabels(svg, "line mark")[0]).toContain("90,000;");
    },
  );

  it(
    "flowMatrixChart(cells) gives the same SVG every time " +
      "in one process, and a different chart other gradient ids",
    async () => {
      const cells = [
        { origin: "DE", destination: "CA", value: 10 },
        { origin: "CA", destination: "DE", value: 30 },
      ];
      const first = await flowMatrixChart(cells);
      expect(await flowMatrixChart(cells)).toBe(first);
      const ids = (svg: string) => [...svg.matchAll(/id="([^"]+)"/g)].map((m) => m[1]);
      const other = await flowMatrixChart([{ ...cells[0], value: 20 }, cells[1]]);
      expect(ids(first).length).toBeGreaterThan(0);
      expect(ids(other).filter((id) => ids(first).includes(id))).toEqual([]);
    },
  );

  it("stockChart(series) without lower and upper draws lines only", async () => {
    const svg = await stockChart(STOCK.map(({ region, year, mean }) => ({ region, year, mean })));
    expect(countMarks(svg, "line mark")).toBe(2);
    expect(countMarks(svg, "area mark")).toBe(0);
  });

  it(
    "stockChart(series) refuses a non-finite mean, lower " + "above upper and an empty series, naming the record",
    async () => {
      const bad = await validationError(() =>
        stockChart([STOCK[0], { ...STOCK[1], mean: Number.NaN }, { ...STOCK[2], lower: 5, upper: 4 }]),
      );
      expect(bad.issues).toEqual([
        { path: "series.1.mean", message: "must be a finite number, got NaN" },
        { path: "series.2", message: "lower (5) is above upper (4)" },
      ]);
      expect((await validationError(() => stockChart([]))).issues[0].path).toBe("series");
      expect((await validationError(() => stockChart([{ year: 2026, mean: 1 } as never]))).issues[0].path).toBe(
        "series.0.region",
      );
    },
  );

  it(
    "flowMatrixChart(cells) draws one labelled cell per " + "pair with whole people and refuses negative counts",
    async () => {
      const svg = await flowMatrixChart([
        { origin: "DE", destination: "CA", value: 1250.4 },
        { origin: "CA", destination: "DE", value: 830 },
        { origin: "SV", destination: "DE", value: 12 },
      ]);
      expect(countMarks(svg, "rect mark")).toBe(3);
      const t = texts(svg);
      expect(t).toEqual(
        expect.arrayContaining(["1,250", "830", "12", "Germany", "Canada", "Silicon Valley", "Origin", "Destination"]),
      );
      const bad = await validationError(() => flowMatrixChart([{ origin: "DE", destination: "CA", value: -1 }]));
      expect(bad.issues).toEqual([{ path: "cells.0.value", message: "must be a count >= 0, got -1" }]);
    },
  );

  it("brainDrainChart(rows) draws a line per citizenship with per-cent labels", async () => {
    const svg = await brainDrainChart([
      { citizenship: "IN", year: 2026, value: 0.3 },
      { citizenship: "IN", year: 2027, value: 0.32 },
      { citizenship: "DE", year: 2026, value: 0.05, lower: 0.04, upper: 0.06 },
      { citizenship: "DE", year: 2027, value: 0.06, lower: 0.05, upper: 0.07 },
    ]);
    expect(countMarks(svg, "line mark")).toBe(2);
    expect(countMarks(svg, "area mark")).toBe(1);
    const t = texts(svg);
    expect(t).toEqual(expect.arrayContaining(["Indian", "German"]));
    expect(t.some((s) => /^\d+%$/.test(s))).toBe(true);
  });

  it("brainDrainChart(rows) clips bands to 0-100% so that the axis shows no impossible share", async () => {
    const svg = await brainDrainChart([
      { citizenship: "DE", year: 2026, value: 0.05, lower: -0.3, upper: 0.4 },
      { citizenship: "DE", year: 2027, value: 0.9, lower: 0.5, upper: 1.4 },
    ]);
    const percents = texts(svg)
      .filter((t) => /%$/.test(t))
      .map((t) => Number(t.replace("−", "-").replace("%", "")));
    expect(percents.length).toBeGreaterThan(2);
    expect(Math.min(...percents)).toBe(0);
    expect(Math.max(...percents)).toBeLessThanOrEqual(100);
  });

  it("effectsChart(effects) draws a dot and an interval per arm and outcome, and a line at zero", async () => {
    const svg = await effectsChart([
      { arm: "alliance", label: "Canada", mean: 1200, lower: 800, upper: 1600 },
      { arm: "alliance", label: "Germany", mean: -100, lower: -500, upper: 300 },
      { arm: "fee", label: "Canada", mean: 300, lower: -10, upper: 610 },
      { arm: "fee", label: "Germany", mean: 20, lower: -40, upper: 80 },
    ]);
    expect(countMarks(svg, "point")).toBe(4);
    expect(countMarks(svg, "rule mark")).toBe(5);
    expect(texts(svg)).toEqual(expect.arrayContaining(["alliance", "fee", "Canada", "Germany"]));
    expect(
      (await validationError(() => effectsChart([{ arm: "a", label: "x", mean: 1, lower: 0 } as never]))).issues[0]
        .path,
    ).toBe("effects.0.upper");
  });

  it(
    "sweepChart(points) draws lines for one parameter, a labelled " +
      "heatmap for a grid of two, dots for an irregular design",
    async () => {
      const lines = await sweepChart(
        [0.5, 1, 2].flatMap((x) =>
          ["Germany", "Canada"].map((series) => ({ x, value: 1000 * x, lower: 900 * x, upper: 1100 * x, series })),
        ),
        { xTitle: "behavior.beta" },
      );
      expect(countMarks(lines, "line mark")).toBe(2);
      expect(countMarks(lines, "rule mark")).toBe(6);
      const grid = await sweepChart(
        [0.5, 1].flatMap((x) => [1, 2, 3].map((y) => ({ x, y, value: x * y * 1000 }))),
        { xTitle: "a", yTitle: "b" },
      );
      expect(countMarks(grid, "rect mark")).toBe(6);
      expect(texts(grid)).toEqual(expect.arrayContaining(["3,000", "1,500"]));
      const scattered = await sweepChart(
        [
          { x: 0.1, y: 0.7, value: 1 },
          { x: 0.4, y: 0.2, value: 2 },
          { x: 0.8, y: 0.5, value: 3 },
        ],
        { xTitle: "a", yTitle: "b" },
      );
      expect(countMarks(scattered, "circle")).toBe(3);
      const mixed = await validationError(() =>
        sweepChart(
          [
            { x: 1, y: 1, value: 1 },
            { x: 2, value: 2 },
          ],
          { xTitle: "a" },
        ),
      );
      expect(mixed.issues[0].path).toBe("points.1.y");
    },
  );

  it("sensitivityChart(indices) draws each index with its interval where given", async () => {
    const svg = await sensitivityChart([
      { parameter: "behavior.beta", index: "S1", value: 0.4, lower: 0.3, upper: 0.5 },
      { parameter: "behavior.beta", index: "ST", value: 0.5, lower: 0.4, upper: 0.6 },
      { parameter: "behavior.gamma", index: "S1", value: 0.1 },
      { parameter: "behavior.gamma", index: "ST", value: 0.2 },
    ]);
    expect(countMarks(svg, "point")).toBe(4);
    expect(countMarks(svg, "rule mark")).toBe(3); // two intervals and the zero line
    expect(texts(svg)).toEqual(expect.arrayContaining(["behavior.beta", "behavior.gamma", "S1", "ST"]));
  });

  it("regionName(code) spells out the built-in regions and falls back to the code", () => {
    expect(["DE", "CA", "SV", "USR", "ROW", "FR"].map(regionName)).toEqual([
      "Germany",
      "Canada",
      "Silicon Valley",
      "Rest of US",
      "Rest of world",
      "FR",
    ]);
  });
});

describe("renderReportHtml", () => {
  it("renderReportHtml(report) inlines every chart, escapes text and refers to nothing on the network", async () => {
    const svg = await stockChart(STOCK);
    const html = renderReportHtml({
      title: "A <b>test</b> & more",
      subtitle: "seed 1",
      sections: [
        {
          title: "Stock",
          svg,
          caption: "Means & intervals",
          table: { columns: ["Region", "People"], rows: [["Germany", 90000]] },
        },
        { title: "Again", svg },
      ],
    });
    expect(html).toContain("<title>A &lt;b&gt;test&lt;/b&gt; &amp; more</title>");
    expect(html.split("<svg").length - 1).toBe(2);
    expect(html).toContain("<td>90,000</td>");
    expect(html).not.toMatch(/<script|<link|@import|url\(\s*['"]?https?:|src="https?:|href="https?:/);
  });

  it(
    "renderReportHtml(report) refuses a section whose svg is " +
      "not an SVG document, and a table row of the wrong length",
    async () => {
      const bad = await validationError(() =>
        renderReportHtml({
          title: "t",
          sections: [{ title: "x", svg: "<div></div>", table: { columns: ["a", "b"], rows: [["1"]] } }],
        }),
      );
      expect(bad.issues.map((i) => i.path)).toEqual(["report.sections.0.svg", "report.sections.0.table.rows.0"]);
    },
  );
});

describe("writeReport", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "talentflow-report-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it(
    "writeReport(dir, report) writes each chart as its own SVG " +
      "and report.html linking them, with no temporary file left",
    async () => {
      const svg = await stockChart(STOCK);
      const out = join(dir, "nested", "report");
      const written = await writeReport(out, {
        title: "T",
        sections: [
          { title: "Talent stock", svg },
          { title: "Talent stock", svg },
        ],
      });
      expect(written.html).toBe(join(out, "report.html"));
      expect(written.charts).toEqual([join(out, "01-talent-stock.svg"), join(out, "02-talent-stock.svg")]);
      expect((await readdir(out)).sort()).toEqual(["01-talent-stock.svg", "02-talent-stock.svg", "report.html"]);
      expect(await readFile(written.charts[0], "utf8")).toBe(svg.trim() + "\n");
      const html = await readFile(written.html, "utf8");
      expect(html).toContain('href="01-talent-stock.svg"');
    },
  );

  it("writeReport(dir, report) writes nothing when the report is invalid", async () => {
    await validationError(() => writeReport(join(dir, "r"), { title: "", sections: [] }));
    expect(await readdir(dir)).toEqual([]);
  });
});

describe("reportFromResult", () => {
  const small = { agents: 1000, years: 2 };

  it("reportFromResult(simulate(...)) gives stock, flow and brain-drain sections from the run's rows", async () => {
    const run = simulate(scenarios.baseline(small), { seed: 42 });
    const report = await reportFromResult(run);
    expect(report.sections.map((s) => s.title)).toEqual([
      "Talent stock by region",
      "Flows between regions",
      "Brain drain by citizenship",
    ]);
    expect(countMarks(report.sections[0].svg, "line mark")).toBe(5);
    expect(countMarks(report.sections[1].svg, "rect mark")).toBe(20);
    expect(countMarks(report.sections[2].svg, "line mark")).toBe(Object.keys(run.scenario.citizenships).length);
    // the table's last-period stock is the run's stock at the horizon, in whole people
    const de = report.sections[0].table!.rows.find((r) => r[0] === "Germany")!;
    expect(de[2]).toBe(Math.round(run.summary.endStock.DE));
    // the matrix sums the flow rows over the run
    const deCa = run.rows
      .filter((r) => r.metric === "flow" && r.origin === "DE" && r.destination === "CA")
      .reduce((s, r) => s + r.value, 0);
    expect(
      markLabels(report.sections[1].svg, "rect mark").some(
        (l) => l.includes("Germany") && l.includes("Canada") && l.includes(Math.round(deCa).toLocaleString("en-US")),
      ),
    ).toBe(true);
  });

  it("reportFromResult(replicate(...)) draws confidence bands from the replication's intervals", async () => {
    const rep = replicate(scenarios.baseline(small), { replications: 2, seed: 1, metrics: ["stock", "brainDrain"] });
    const report = await reportFromResult(rep, { title: "Mine" });
    expect(report.title).toBe("Mine");
    expect(report.sections.map((s) => s.title)).toEqual(["Talent stock by region", "Brain drain by citizenship"]);
    expect(countMarks(report.sections[0].svg, "area mark")).toBe(5);
    expect(report.sections[0].caption).toContain("2 replications");
  });

  it("reportFromResult(compare(...)) shows each arm's effect with its interval", async () => {
    const cmp = compare(
      { baseline: scenarios.baseline(small), alliance: scenarios.alliance2026(small) },
      { replications: 2, seed: 1, metrics: ["stock"], varianceReduction: false },
    );
    const report = await reportFromResult(cmp);
    expect(report.sections.map((s) => s.title)).toEqual([
      "Effect on the talent stock at the horizon",
      "Effect on welfare",
    ]);
    expect(countMarks(report.sections[0].svg, "point")).toBe(5);
    const last = Math.max(...cmp.differences.map((d) => d.period));
    const ca = cmp.differences.find((d) => d.region === "CA" && d.period === last && d.metric === "stock")!;
    const row = report.sections[0].table!.rows.find((r) => r[1] === "Canada")!;
    expect(row[4]).toBe((ca.mean > 0 ? "+" : "") + Math.round(ca.mean).toLocaleString("en-US"));
  });

  it("reportFromResult(sweep(...)) draws the metric at the horizon over the varied parameters", async () => {
    const sw = sweep(scenarios.baseline(small), {
      vary: { "behavior.beta": [0.5, 1], "behavior.homeBias": [0.5, 1] },
      replications: 1,
      seed: 1,
      metrics: ["stock"],
    });
    const report = await reportFromResult(sw);
    expect(report.sections).toHaveLength(1);
    expect(countMarks(report.sections[0].svg, "rect mark")).toBe(4 * 5); // 2 × 2 grid per region
    expect(report.sections[0].table!.rows).toHaveLength(4);
  });

  it("reportFromResult(sensitivity(...)) draws μ* and σ of each parameter", async () => {
    const s = sensitivity(scenarios.baseline({ agents: 500, years: 1 }), {
      method: "morris",
      metric: "stock",
      region: "CA",
      seed: 1,
      trajectories: 2,
      parameters: { "behavior.beta": { min: 0.4, max: 0.9 }, "behavior.homeBias": { min: 0.5, max: 2 } },
    });
    const report = await reportFromResult(s);
    expect(countMarks(report.sections[0].svg, "point")).toBe(4);
    expect(report.sections[0].table!.rows.map((r) => r[0])).toEqual(["behavior.beta", "behavior.homeBias"]);
  });

  it(
    "reportFromResult(x) refuses what is not a result, " + "a result with nothing to draw, and an unknown option",
    async () => {
      expect((await validationError(() => reportFromResult({} as never))).issues[0].path).toBe("result");
      const welfareOnly = simulate(scenarios.baseline({ agents: 500, years: 1 }), { seed: 1, metrics: ["welfare"] });
      expect((await validationError(() => reportFromResult(welfareOnly))).message).toContain("none of the metrics");
      expect((await validationError(() => reportFromResult(welfareOnly, { titel: "x" } as never))).issues[0].path).toBe(
        "options.titel",
      );
    },
  );
});
