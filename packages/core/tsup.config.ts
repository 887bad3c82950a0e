import { defineConfig, type Options } from "tsup";

/**
 * The browser build: one ES module with every dependency (mathjs, seedrandom, zod) inside, so a
 * page can `import { simulate } from "./browser.js"` with no bundler and no import map. It ships as
 * `dist/browser.js`, exported as `@talentflow/core/browser`; its types are those of the main entry.
 * Exported so that the browser test builds the same bundle from source.
 */
export const browserBuild: Options = {
  entry: { browser: "src/index.ts" },
  format: ["esm"],
  platform: "browser",
  noExternal: [/.*/],
  dts: false,
  sourcemap: true,
  minify: true,
  target: "es2022",
  treeshake: true,
};

export default defineConfig([
  {
    entry: ["src/index.ts", "src/internal.ts"],
    format: ["esm", "cjs"],
    // Code shared by index and internal goes into one chunk in both formats (tsup splits only ES
    // modules by default), so a process holds one policy-kind registry whichever entry it loads.
    splitting: true,
    dts: true,
    clean: true,
    sourcemap: true,
    target: "es2022",
    treeshake: true,
  },
  browserBuild,
]);
