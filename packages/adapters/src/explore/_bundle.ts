/**
 * Builds the explorer's files with esbuild: the worker (core and the report's charts, with
 * Vega) as one classic script, then the page's script with the worker's code inside it as a
 * string, the HTML and the CSS. Used by the package's build (into dist/explorer/) and, from
 * source, by `writeExplorer` when there is no prebuilt copy. esbuild is a build-time tool: the
 * published package never loads this file at run time.
 * @internal
 * @module
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { BuildOptions } from "esbuild";
import { readFileSync } from "node:fs";
import { EXPLORER_CSS, EXPLORER_FILES, explorerHtml } from "./_page";

/**
 * The explorer's files by name: index.html, explorer.css, explorer.js.
 *
 * @param sourceDir - This folder (src/explore): the package's build passes it, since its bundled
 *   config does not know where this file came from.
 */
export async function bundleExplorer(
  sourceDir: string = dirname(fileURLToPath(import.meta.url)),
): Promise<Record<string, string>> {
  const { build } = await import("esbuild");
  const common: BuildOptions = {
    bundle: true,
    write: false,
    format: "iife",
    platform: "browser",
    target: "es2022",
    minify: true,
    legalComments: "none",
    // Source of the workspace's packages (the published build runs this at build time only).
    conditions: ["@talentflow/source"],
    logLevel: "silent",
  };
  const worker = await build({ ...common, entryPoints: [join(sourceDir, "_worker.ts")] });
  const app = await build({
    ...common,
    entryPoints: [join(sourceDir, "_app.ts")],
    define: { __WORKER_SOURCE__: JSON.stringify(textOf(worker.outputFiles)) },
  });
  return {
    [EXPLORER_FILES.html]: explorerHtml(packageVersion(sourceDir)),
    [EXPLORER_FILES.css]: EXPLORER_CSS,
    [EXPLORER_FILES.js]: textOf(app.outputFiles),
  };
}

/** The version of this package, for the page's generator line (read from its package.json, two folders up). */
function packageVersion(sourceDir: string): string {
  return (JSON.parse(readFileSync(join(sourceDir, "..", "..", "package.json"), "utf8")) as { version: string }).version;
}

/** The one output file's text (a build with `write: false` has it in memory). */
function textOf(files: readonly { text: string }[] | undefined): string {
  if (files?.length !== 1) throw new Error(`the explorer's bundle gave ${files?.length ?? 0} files, not 1`);
  return files[0].text;
}
