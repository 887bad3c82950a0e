import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { replicate, scenarios, simulate, type TidyRow } from "@talentflow/core";
import { build } from "esbuild";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserBuild } from "../../core/tsup.config";
import { reportFromResult, writeReport } from "../src/index";
import { CHART_MARKS, findChromium, launchChromium, watchPage } from "./_chromium";

// Browser tests: report.html opened from disk in Chromium, and core's browser bundle run in a page.
// Without a Chromium binary they are skipped with the reason printed, unless
// TALENTFLOW_REQUIRE_BROWSER is set (CI sets it once it has installed Chromium), when its
// absence is a failure.
const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "../../..");
const found = findChromium();
const required = Boolean(process.env.TALENTFLOW_REQUIRE_BROWSER);
if ("missing" in found && !required) console.warn(`[browser tests skipped] ${found.missing}`);

it("a Chromium binary is found wherever TALENTFLOW_REQUIRE_BROWSER is set", () => {
  expect("missing" in found && required ? found.missing : "").toBe("");
});

describe.runIf("path" in found)("in Chromium", () => {
  let browser: Browser;
  let dir: string;

  beforeAll(async () => {
    browser = await launchChromium((found as { path: string }).path);
    dir = await mkdtemp(join(tmpdir(), "talentflow-browser-"));
  });

  afterAll(async () => {
    await browser?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it(
    "report.html of a small replication opens from disk with " +
      "every chart drawn, no console error and no request off disk",
    async () => {
      const rep = replicate(scenarios.baseline({ agents: 1000, years: 2 }), { replications: 2, seed: 1 });
      const { html } = await writeReport(join(dir, "report"), await reportFromResult(rep));

      const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
      const { errors, refused: offDisk } = watchPage(page, (url) => url.startsWith("file://"));
      await page.goto(pathToFileURL(html).href, { waitUntil: "load" });

      const sections = await page.$$eval(
        "section",
        (nodes, marks) =>
          nodes.map((s) => {
            const svg = s.querySelector("figure > svg");
            const box = svg?.getBoundingClientRect();
            return {
              title: s.querySelector("h2")?.textContent ?? "",
              marks: svg ? svg.querySelectorAll(marks).length : 0,
              width: box?.width ?? 0,
              height: box?.height ?? 0,
            };
          }),
        CHART_MARKS,
      );
      expect(sections.map((s) => s.title)).toEqual([
        "Talent stock by region",
        "Flows between regions",
        "Brain drain by citizenship",
      ]);
      for (const s of sections) {
        expect(s.marks, `marks in "${s.title}"`).toBeGreaterThan(0);
        expect(s.width, `width of "${s.title}"`).toBeGreaterThan(300);
        expect(s.height, `height of "${s.title}"`).toBeGreaterThan(150);
      }
      expect(errors).toEqual([]);
      expect(offDisk).toEqual([]);

      const shot = join(repo, "artifacts", "browser", "report.png");
      await mkdir(dirname(shot), { recursive: true });
      await page.screenshot({ path: shot, fullPage: true });
      console.log(`screenshot of report.html: ${shot}`);
      await page.close();
    },
  );

  it(
    "core's browser bundle runs simulate(baseline, 2,000 agents, " +
      "2 years, seed 42) in a page with the same rows as Node",
    async () => {
      // The bundle is built from core's source (reached through its package exports) with the
      // options of core's tsup browser build (tsup runs esbuild with them), so the page never runs
      // a stale dist/.
      const bundle = await build({
        // Through the package's own exports: the "@talentflow/source" condition selects its source.
        stdin: {
          contents: 'export * from "@talentflow/core";',
          resolveDir: join(repo, "packages/adapters"),
          loader: "ts",
        },
        conditions: ["@talentflow/source"],
        bundle: true,
        write: false,
        format: "esm",
        platform: browserBuild.platform as "browser",
        target: browserBuild.target as string,
        minify: browserBuild.minify as boolean,
        logLevel: "silent",
      });
      const code = bundle.outputFiles[0].text;
      expect(code).not.toMatch(/\brequire\(["']|from\s*["']node:/);

      const page = await browser.newPage();
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      page.on("console", (m) => {
        if (m.type() === "error") errors.push(m.text());
      });
      // A made-up origin answered from memory: module scripts cannot load from file://, and
      // nothing goes to the network.
      await page.route("http://talentflow.test/**", (route) => {
        const url = route.request().url();
        if (url.endsWith("/browser.js")) return route.fulfill({ contentType: "text/javascript", body: code });
        if (url.endsWith("/index.html"))
          return route.fulfill({ contentType: "text/html", body: "<!doctype html><title>core</title>" });
        return route.fulfill({ status: 404, body: "" });
      });
      await page.goto("http://talentflow.test/index.html");
      // A string, not a function: the test runner would rewrite a function's import().
      const inBrowser = (await page.evaluate(`(async () => {
      const core = await import("/browser.js");
      return core.simulate(core.scenarios.baseline({ agents: 2000, years: 2 }), { seed: 42 }).rows;
    })()`)) as TidyRow[];
      await page.close();
      expect(errors).toEqual([]);

      const inNode = simulate(scenarios.baseline({ agents: 2000, years: 2 }), { seed: 42 }).rows;
      expect(inBrowser.length).toBe(inNode.length);
      expect(inNode.length).toBeGreaterThan(1000);
      let exact = 0;
      let worst = 0;
      const differing = new Set<string>();
      inNode.forEach((row, k) => {
        const other = inBrowser[k];
        expect({ ...other, value: 0 }).toEqual({ ...row, value: 0 });
        const rel = Math.abs(other.value - row.value) / Math.max(Math.abs(row.value), 1e-300);
        if (other.value === row.value) exact++;
        else differing.add(row.metric);
        worst = Math.max(worst, row.value === 0 ? Math.abs(other.value) : rel);
      });
      console.log(
        `browser vs Node: ${inNode.length} rows, ${exact} bit-identical values, largest relative ` +
          `difference ${worst}${differing.size ? ` (in ${[...differing].join(", ")})` : ""}`,
      );
      expect(worst).toBeLessThanOrEqual(1e-9);
    },
  );
});
