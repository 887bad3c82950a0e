/**
 * Lists lines longer than 120 characters in the tracked TypeScript and JavaScript files. Biome formats
 * at 120 columns but does not break string literals or comments, so those are split by hand; this
 * check keeps them split. A line passes when its only long token is a URL (it cannot break).
 * Exits 1 when any line is too long.
 *
 *   pnpm lint:lines    # print file:line:length of each; exit 1 if any
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

const MAX = 120;
const URL = /https?:\/\/\S+?(?=["'`)\]>,;]*(\s|$))/g;

const files = execFileSync("git", ["ls-files", "-z", "--", "*.ts", "*.mts", "*.mjs"], { encoding: "utf8" })
  .split("\0")
  .filter((f) => f !== "" && !f.split("/").includes("dist"));

/** Length in characters (code points), as an editor counts columns. */
const width = (text: string) => [...text].length;

const found: string[] = [];
for (const file of files) {
  const lines = readFileSync(file, "utf8").split(/\r?\n/);
  lines.forEach((line, i) => {
    const length = width(line);
    if (length <= MAX) return;
    if (line.replace(URL, "") !== line && width(line.replace(URL, "")) <= MAX) return;
    found.push(`${file}:${i + 1}:${length}`);
  });
}
for (const line of found) console.error(line);
console.log(`check-line-length: ${found.length} line${found.length === 1 ? "" : "s"} over ${MAX} characters`);
process.exit(found.length > 0 ? 1 : 0);
