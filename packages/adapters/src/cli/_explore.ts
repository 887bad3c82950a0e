/**
 * `talentflow explore`: writes the scenario explorer's static site, and opens it on request.
 * @internal
 * @module
 */
import { spawn } from "node:child_process";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { writeExplorer } from "../explore/writeExplorer";
import { UsageError } from "./_args";
import type { Command } from "./_commands";
import { FLAGS as F } from "./_flags";

/** The program that opens a file with the desktop's default application, if this system has one. */
function opener(): string | undefined {
  if (process.platform === "darwin") return "open";
  if (process.platform === "win32") return undefined;
  return process.env.DISPLAY || process.env.WAYLAND_DISPLAY ? "xdg-open" : undefined;
}

/** The `explore` command. */
export const exploreCommand: Command = {
  name: "explore",
  summary: "Write the scenario explorer: a static web page that runs the model in the browser",
  args: "",
  description:
    "Writes a self-contained static site (index.html, explorer.css, explorer.js) into --out DIR: pick a built-in " +
    "scenario, change its policies, and run it against the baseline on paired replications in the browser, with " +
    "charts, the scenario as YAML for `talentflow run`, and a link that restores the view. No server and no " +
    "network: open index.html from disk or put the folder on any static host. DIR must be new, empty, or an " +
    "earlier explorer site, which is replaced whole. --open opens the page in the default browser.",
  positionals: { min: 0, max: 0, missing: "" },
  flags: [
    { ...F.out, help: "The folder to write the site into (new, empty, or an earlier site)." },
    { name: "open", help: "Open the page in the default browser once written (prints its path if none)." },
    F.quiet,
    F.help,
  ],
  examples: ["talentflow explore --out site", "talentflow explore --out site --open"],
  async run(ctx, values) {
    if (values.out === undefined) throw new UsageError("explore needs --out DIR (the folder to write the site into)");
    const written = await writeExplorer({ outDir: resolve(ctx.cwd, values.out as string) });
    const url = pathToFileURL(written.index).href;
    if (!values.quiet)
      ctx.stdout.write(`Wrote the scenario explorer to ${written.dir}: ${written.files.join(", ")}\nOpen ${url}\n`);
    if (values.open) {
      const program = opener();
      if (program === undefined) ctx.stdout.write(`No program to open it with here: open ${written.index} yourself.\n`);
      else spawn(program, [written.index], { detached: true, stdio: "ignore" }).unref();
    }
    return 0;
  },
};
