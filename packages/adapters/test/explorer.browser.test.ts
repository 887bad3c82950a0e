import { copyFile, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { compare, replicate, scenarios, simulate } from "@talentflow/core";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../src/cli/runCli";
import { EXPLORER_METRICS } from "../src/explore/_runExplorer";
import { formatMetricValue } from "../src/report/_metricFormat";
import { parseScenario, reportFromResult, writeExplorer, type ReportSection } from "../src/index";
import { CHART_MARKS, findChromium, launchChromium, watchPage } from "./_chromium";

// The scenario explorer as a reader uses it: the site written by writeExplorer, opened from disk
// in Chromium, driven by mouse and keyboard. Skipped with the reason printed when there is no
// Chromium, unless TALENTFLOW_REQUIRE_BROWSER is set (browser.test.ts then fails on its absence).
// Screenshots go to artifacts/explorer/; with TALENTFLOW_EXPLORER_SCREENSHOTS=1 the three of
// docs/explorer.md are also written into docs/img/. The runs are small (8,000 agents, 3 years, 2
// replications) except the one 100,000-agent run timed for docs/performance.md; the generous
// timeouts are for a full `pnpm test` on 2 shared cores.
const SLOW = 240_000;
const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "../../..");
const shots = join(repo, "artifacts", "explorer");
const docsShots = process.env.TALENTFLOW_EXPLORER_SCREENSHOTS ? join(repo, "docs", "img") : undefined;
const found = findChromium();
if ("missing" in found && !process.env.TALENTFLOW_REQUIRE_BROWSER)
  console.warn(`[explorer browser tests skipped] ${found.missing}`);

/** A page of the site that records console errors and every request that is not a file of the site. */
async function openPage(browser: Browser, url: string, siteUrl: string) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  // The worker's script is a blob: URL the page made itself; anything else must be a file of the site.
  const { errors, refused: offSite } = watchPage(page, (url) => url.startsWith(siteUrl) || url.startsWith("blob:"));
  await page.goto(url, { waitUntil: "load" });
  return { page, errors, offSite };
}

const status = (page: Page) => page.textContent("#status");

async function waitForRun(page: Page, timeout = 120_000): Promise<string> {
  await page.waitForFunction(
    () => /^(Done|The run failed)/.test(document.getElementById("status")?.textContent ?? ""),
    null,
    { timeout },
  );
  return (await status(page)) ?? "";
}

/** Every section's title, chart marks and table cells, as the reader sees them. */
function readSections(page: Page) {
  return page.$$eval(
    "#sections section",
    (sections, marks) =>
      sections.map((s) => {
        const svg = s.querySelector("figure svg");
        return {
          title: s.querySelector("h2")?.textContent ?? "",
          marks: svg ? svg.querySelectorAll(marks).length : 0,
          width: svg?.getBoundingClientRect().width ?? 0,
          rows: Array.from(s.querySelectorAll("tbody tr"), (tr) =>
            Array.from(tr.querySelectorAll("td"), (td) => td.textContent),
          ),
        };
      }),
    CHART_MARKS,
  );
}

/** A report section's table as the page writes it (numbers with thousands separators). */
function cells(section: ReportSection | undefined): string[][] {
  return (section?.table?.rows ?? []).map((r) => r.map((c) => (typeof c === "number" ? c.toLocaleString("en-US") : c)));
}

describe.runIf("path" in found)("the scenario explorer in Chromium", () => {
  let browser: Browser;
  let dir: string;
  let site: string;
  let siteUrl: string;

  beforeAll(async () => {
    browser = await launchChromium((found as { path: string }).path);
    dir = await mkdtemp(join(tmpdir(), "talentflow-explorer-"));
    site = (await writeExplorer({ outDir: join(dir, "site") })).index;
    siteUrl = pathToFileURL(dirname(site)).href;
    await mkdir(shots, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  /** A screenshot of the page, or of one element of it, into artifacts/explorer/ (and docs/img/ on request). */
  const shoot = async (page: Page, name: string, selector?: string) => {
    if (selector) await page.locator(selector).screenshot({ path: join(shots, name) });
    else await page.screenshot({ path: join(shots, name) });
    if (docsShots) await copyFile(join(shots, name), join(docsShots, `explorer-${name}`));
  };

  it("every control has a label, and Tab moves through the form's controls in their order on the page", async () => {
    const { page, errors } = await openPage(browser, pathToFileURL(site).href, siteUrl);
    const expected = await page.$$eval("#controls select, #controls input, #controls button", (nodes) =>
      nodes.filter((n) => !(n as HTMLInputElement).disabled).map((n) => n.id),
    );
    expect(expected.length).toBeGreaterThan(20);
    await page.focus("#preset");
    const seen: { id: string; label: string }[] = [];
    for (let k = 0; k < expected.length; k++) {
      seen.push(
        await page.evaluate(() => {
          const el = document.activeElement as HTMLInputElement;
          const label = el.tagName === "BUTTON" ? el.textContent : (el.labels?.[0]?.textContent ?? "");
          return { id: el.id, label: (label ?? "").trim() };
        }),
      );
      await page.keyboard.press("Tab");
    }
    expect(seen.map((s) => s.id)).toEqual(expected);
    expect(seen.filter((s) => s.label === "")).toEqual([]);
    // A switch works from the keyboard: Space turns the research cooperation on, and its fields with it.
    await page.focus("#c-research\\.on");
    await page.keyboard.press("Space");
    expect(await page.isEnabled("#c-research\\.ecosystemBoost")).toBe(true);
    expect(await page.textContent("#yaml")).toContain("kind: researchCooperation");
    await page.evaluate(() => window.scrollTo(0, 0));
    await shoot(page, "controls.png");
    expect(errors).toEqual([]);
    await page.close();
  });

  it(
    "a reader changes policies and runs: every chart is drawn, no console error, nothing off the site, and " +
      "the numbers equal Node's compare(), replicate() and `talentflow run`/`compare` of the page's YAML and seed",
    async () => {
      const { page, errors, offSite } = await openPage(browser, pathToFileURL(site).href, siteUrl);
      await page.selectOption("#preset", "alliance2026");
      await page.fill("#c-exchange\\.slots", "3000");
      await page.check("#c-investDE\\.on");
      await page.fill("#c-investDE\\.amount", "1.5");
      for (const [id, value] of [
        ["agents", "8000"],
        ["years", "3"],
        ["replications", "2"],
        ["seed", "3"],
      ])
        await page.fill(`#c-${id}`, value);
      await page.click("#run");
      expect(await waitForRun(page)).toMatch(/^Done: 4 runs of 8,000 agents/);
      const summary = (await page.textContent("#summary")) ?? "";
      expect(summary).toMatch(/^By 2029 .* over 2 paired replications \(seed 3\)\.$/);

      const sections = await readSections(page);
      expect(sections.map((s) => s.title)).toEqual([
        "Talent stock by region",
        "Effect on the talent stock at the horizon",
        "Flows between regions",
        "Brain drain by citizenship",
        "Effect on brain drain at the horizon",
        "Effect on welfare",
      ]);
      for (const s of sections) {
        expect(s.marks, `marks in "${s.title}"`).toBeGreaterThan(0);
        expect(s.width, `width of "${s.title}"`).toBeGreaterThan(250);
      }
      await shoot(page, "results.png", "#output");
      expect(errors).toEqual([]);
      expect(offSite).toEqual([]);

      // Node, from the page's YAML: the same scenario, the same tables to the last whole person.
      const yaml = (await page.textContent("#yaml")) ?? "";
      const scenario = parseScenario(yaml);
      expect(scenario.name).toBe("alliance2026-edited");
      expect(
        scenario.policies.find((p) => p.kind === "investment" && p.region === "DE" && p.from === 2027),
      ).toMatchObject({ amount: 1.5 });
      const baseline = scenarios.baseline({ agents: 8000, years: 3 });
      const options = { replications: 2, seed: 3, metrics: [...EXPLORER_METRICS] };
      const own = await reportFromResult(replicate(scenario, options));
      const effects = await reportFromResult(
        compare({ baseline, [scenario.name]: scenario }, { ...options, varianceReduction: false }),
      );
      const inNode = [
        own.sections[0],
        effects.sections[0],
        own.sections[1],
        own.sections[2],
        effects.sections[1],
        effects.sections[2],
      ];
      expect(sections.map((s) => s.rows)).toEqual(inNode.map(cells));
      expect(sections[0].rows.length).toBe(5);

      // The command line, on the YAML saved from the page.
      const file = join(dir, "from-page.yaml");
      await writeFile(file, yaml);
      const cli = async (args: string[]) => {
        const out: string[] = [];
        const code = await runCli(args, { stdout: { write: (t: string) => out.push(t) }, stderr: { write: () => {} } });
        expect(code).toBe(0);
        return JSON.parse(out.join("")) as { horizon: { region: string; mean: number; armMean: number }[] };
      };
      const metrics = ["--metrics", EXPLORER_METRICS.join(","), "--json", "--quiet"];
      const run = await cli(["run", file, "--replications", "2", "--seed", "3", ...metrics]);
      const stockRows = sections[0].rows;
      const regionNames = ["Germany", "Canada", "Silicon Valley", "Rest of US", "Rest of world"];
      const codes = ["DE", "CA", "SV", "USR", "ROW"];
      for (const r of run.horizon) {
        const row = stockRows.find((x) => x[0] === regionNames[codes.indexOf(r.region)])!;
        expect(row[2], r.region).toBe(Math.round(r.mean).toLocaleString("en-US"));
      }
      const sizes = ["--agents", "8000", "--years", "3", "--no-variance-reduction"];
      const cmp = await cli(["compare", "baseline", file, "--replications", "2", "--seed", "3", ...sizes, ...metrics]);
      const effectRows = sections[1].rows;
      for (const d of cmp.horizon as unknown as { region: string; mean: number; armMean: number }[]) {
        const row = effectRows.find((x) => x[1] === regionNames[codes.indexOf(d.region)])!;
        expect(row[3], d.region).toBe(formatMetricValue("stock", d.armMean));
        expect(row[4], d.region).toBe(formatMetricValue("stock", d.mean, true));
      }

      // The shared link: a new tab restores the controls, the YAML and, run at once, the same results.
      const shared = page.url();
      expect(shared).toContain("#scenario=alliance2026&");
      const other = await openPage(browser, shared, siteUrl);
      expect(await waitForRun(other.page)).toMatch(/^Done/);
      expect(await other.page.textContent("#yaml")).toBe(yaml);
      expect(await other.page.textContent("#summary")).toBe(summary);
      expect((await readSections(other.page)).map((s) => s.rows)).toEqual(sections.map((s) => s.rows));
      expect(await other.page.inputValue("#c-exchange\\.slots")).toBe("3000");
      expect(await other.page.isChecked("#c-investDE\\.on")).toBe(true);
      expect(other.errors).toEqual([]);
      expect(other.offSite).toEqual([]);
      await other.page.close();
      await page.close();
    },
    SLOW,
  );

  it("a bad value is refused at its control with the validator's message; Run waits until it is fixed", async () => {
    const { page, errors } = await openPage(browser, pathToFileURL(site).href, siteUrl);
    await page.fill("#c-us\\.fee", "-5");
    expect(await page.getAttribute("#c-us\\.fee", "aria-invalid")).toBe("true");
    expect(await page.textContent("#e-us\\.fee")).toBe("must be >= 0, got -5");
    expect(await page.getAttribute("#c-us\\.fee", "aria-describedby")).toBe("h-us.fee e-us.fee");
    expect(await page.isDisabled("#run")).toBe(true);
    await page.check("#c-taxCA\\.on");
    await page.fill("#c-taxCA\\.reduction", "1.5");
    expect(await page.textContent("#e-taxCA\\.reduction")).toBe("must be in [0, 1], got 1.5");
    await page.fill("#c-agents", "");
    expect(await page.textContent("#e-agents")).toBe("must be a number; the field is empty");
    // Every problem shows at once: the empty field does not hide the others.
    expect(await page.textContent("#e-us\\.fee")).toBe("must be >= 0, got -5");
    await shoot(page, "invalid.png", "#g-us");
    await page.fill("#c-us\\.fee", "0");
    await page.fill("#c-taxCA\\.reduction", "0.2");
    await page.fill("#c-agents", "5000");
    expect(await page.getAttribute("#c-us\\.fee", "aria-invalid")).toBeNull();
    expect(await page.textContent("#e-us\\.fee")).toBe("");
    expect(await page.isEnabled("#run")).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it(
    "Cancel stops a run in progress, the page answers while it runs, and 100,000 agents over 10 years run in " +
      "the page's worker and in Node (times printed, not asserted)",
    async () => {
      const { page, errors } = await openPage(browser, pathToFileURL(site).href, siteUrl);
      await page.fill("#c-replications", "5");
      await page.click("#run");
      await page.waitForFunction(() => /^Run \d+ of 10/.test(document.getElementById("status")?.textContent ?? ""));
      // The page's thread is free while the worker runs: an evaluation comes back at once.
      const started = Date.now();
      expect(await page.evaluate(() => document.getElementById("progress") instanceof HTMLProgressElement)).toBe(true);
      const answer = Date.now() - started;
      expect(await page.isEnabled("#cancel")).toBe(true);
      await page.click("#cancel");
      expect(await status(page)).toBe("Cancelled.");
      expect(await page.isEnabled("#run")).toBe(true);
      expect(await page.isDisabled("#cancel")).toBe(true);
      expect(await page.textContent("#sections")).toBe("");
      console.log(`the page answered in ${answer} ms during a 100,000-agent run`);

      // Speed: one run, seed 1, of the default scenario at 100,000 agents over 10 years.
      const inBrowser = (await page.evaluate("window.talentflowExplorer.timeRun(100000, 10, 1)")) as {
        ms: number;
        agentPeriods: number;
      };
      const t = performance.now();
      const run = simulate(scenarios.baseline({ agents: 100_000, years: 10 }), { seed: 1 });
      const nodeMs = performance.now() - t;
      expect(inBrowser.agentPeriods).toBe(run.agentPeriods);
      const figures = {
        agents: 100_000,
        years: 10,
        agentPeriods: run.agentPeriods,
        browserMs: Math.round(inBrowser.ms),
        nodeMs: Math.round(nodeMs),
        ratio: Number((inBrowser.ms / nodeMs).toFixed(2)),
        chromium: browser.version(),
        node: process.version,
      };
      console.log(`explorer speed: ${JSON.stringify(figures)}`);
      await writeFile(join(shots, "speed.json"), `${JSON.stringify(figures, null, 2)}\n`);
      expect(errors).toEqual([]);
      await page.close();
    },
    SLOW,
  );
});
