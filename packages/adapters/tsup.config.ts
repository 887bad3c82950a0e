import { join, resolve } from "node:path";
import { mkdir, writeFile } from "node:fs/promises";
import { defineConfig } from "tsup";

export default defineConfig([
  {
    // The worker thread's entry is built next to index.js: the pool loads dist/parallel-worker.{js,cjs}.
    entry: { index: "src/index.ts", "parallel-worker": "src/parallel/_worker.ts" },
    format: ["esm", "cjs"],
    dts: { entry: { index: "src/index.ts" } },
    // import.meta.url in the CommonJS build (the pool finds the worker file next to itself).
    shims: true,
    clean: true,
    sourcemap: true,
    target: "es2022",
    treeshake: true,
    // Only the build bundles the explorer's page (below); the package never loads esbuild.
    external: ["esbuild"],
    // The scenario explorer's static site, built once into dist/explorer/ for writeExplorer to copy.
    async onSuccess() {
      const { bundleExplorer } = await import("./src/explore/_bundle");
      const files = await bundleExplorer(resolve("src/explore"));
      await mkdir("dist/explorer", { recursive: true });
      for (const [name, content] of Object.entries(files)) await writeFile(join("dist/explorer", name), content);
    },
  },
  {
    // The `talentflow` executable: ES module only, its #! line kept by esbuild.
    entry: { bin: "src/cli/bin.ts" },
    format: ["esm"],
    dts: false,
    clean: false,
    sourcemap: true,
    target: "es2022",
  },
]);
