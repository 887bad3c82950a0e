import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../make-report";

describe("make-report example", () => {
  it("main({ out }) writes a replication report and a comparison report, each chart also as an SVG file", async () => {
    const out = await mkdtemp(join(tmpdir(), "talentflow-make-report-"));
    try {
      const lines: string[] = [];
      const { baseline, alliance } = await main({
        agents: 1000,
        years: 2,
        replications: 2,
        out,
        print: (t) => lines.push(t),
      });
      expect((await readdir(join(out, "baseline"))).sort()).toEqual([
        "01-talent-stock-by-region.svg",
        "02-flows-between-regions.svg",
        "03-brain-drain-by-citizenship.svg",
        "report.html",
      ]);
      expect(alliance.charts.map((p) => p.slice(join(out, "alliance").length + 1))).toEqual([
        "01-effect-on-the-talent-stock-at-the-horizon.svg",
        "02-effect-on-brain-drain-at-the-horizon.svg",
        "03-effect-on-welfare.svg",
      ]);
      const html = await readFile(alliance.html, "utf8");
      expect(html).toContain("<h1>The Germany-Canada AI alliance</h1>");
      expect(html.split("<svg").length - 1).toBe(3);
      expect(lines).toEqual([`open ${baseline.html} (3 charts)`, `open ${alliance.html} (3 charts)`]);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });
});
