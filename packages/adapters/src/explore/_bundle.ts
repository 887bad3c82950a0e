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
import { PACKAGE_VERSION } from "@talentflow/core";
import { EXPLORER_CSS, EXPLORER_FILES, explorerHtml } from "./_page";

const here = dirname(fileURLToPath(import.meta.url));

/** The explorer's files by name: index.html, explorer.css, explorer.js. */
export async function bundleExplorer(): Promise<Record<string, string>> {
  const { build } = await import("esbuild");
  const common = {
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
  } as const;
  const worker = await build({ ...common, entryPoints: [join(here, "_worker.ts")] });
  const app = await build({
    ...common,
    entryPoints: [join(here, "_app.ts")],
    define: { __WORKER_SOURCE__: JSON.stringify(worker.outputFiles[0].text) },
  });
  return {
    [EXPLORER_FILES.html]: explorerHtml(PACKAGE_VERSION),
    [EXPLORER_FILES.css]: EXPLORER_CSS,
    [EXPLORER_FILES.js]: app.outputFiles[0].text,
  };
}
