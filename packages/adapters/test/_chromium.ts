import { accessSync, constants } from "node:fs";
import { chromium, type Browser, type Page } from "playwright-core";

/**
 * Where Debian's Chromium keeps its real binary (the `chromium` command is a shell wrapper), and
 * other usual places. `TALENTFLOW_CHROMIUM` names another one.
 */
const CANDIDATES = [
  "/usr/lib/chromium/chromium",
  "/usr/lib/chromium-browser/chromium-browser",
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
];

/** Flags for a headless Chromium in a container: no sandbox (root), no GPU, no background traffic. */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** The Chromium binary to drive, or why there is none. */
export function findChromium(): { path: string } | { missing: string } {
  const wanted = process.env.TALENTFLOW_CHROMIUM;
  for (const path of wanted ? [wanted] : CANDIDATES) {
    try {
      accessSync(path, constants.X_OK);
      return { path };
    } catch {
      // try the next place
    }
  }
  return {
    missing: wanted
      ? `TALENTFLOW_CHROMIUM=${wanted} is not an executable file`
      : `no Chromium found (looked in ${CANDIDATES.join(", ")}); install ` +
        `it with \`apt-get install -y chromium\` or set TALENTFLOW_CHROMIUM`,
  };
}

/** Starts the Chromium at `path` headless with {@link CHROMIUM_ARGS} (60 s to start). */
export function launchChromium(path: string): Promise<Browser> {
  return chromium.launch({ executablePath: path, args: CHROMIUM_ARGS, timeout: 60_000 });
}

/**
 * Records what a page must not do: console errors and uncaught exceptions (`errors`), and requests
 * to any URL for which `allowed` is false (`refused`). Attach before the page loads.
 */
export function watchPage(page: Page, allowed: (url: string) => boolean): { errors: string[]; refused: string[] } {
  const errors: string[] = [];
  const refused: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("request", (r) => {
    if (!allowed(r.url())) refused.push(r.url());
  });
  return { errors, refused };
}

/**
 * The CSS selector of a Vega chart's data marks in its SVG (what it drew, not its axes or title):
 * a chart with none drew nothing. Pass it to `page.$$eval` as the argument.
 */
export const CHART_MARKS =
  '[role="graphics-symbol"]:not([aria-roledescription="axis"]):not([aria-roledescription="title"])';
