import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parseFlags } from "../src/cli/_args";
import { COMMANDS } from "../src/cli/_commands";

const ROOT = resolve(__dirname, "../../..");
const DOCS = ["docs/cli.md", "docs/files.md"];

describe("docs/cli.md and docs/files.md", () => {
  it(
    "every `$ talentflow ...` command in the docs names a " + "command and flags that exist, with values they accept",
    () => {
      let seen = 0;
      for (const doc of DOCS) {
        for (const m of readFileSync(join(ROOT, doc), "utf8").matchAll(/^\$ talentflow (.+)$/gm)) {
          const [name, ...args] = m[1].trim().split(/\s+/);
          if (name === "--help") continue;
          const command = COMMANDS.find((c) => c.name === name);
          expect(command, `${doc}: ${m[0]}`).toBeDefined();
          expect(() => parseFlags(args, command!.flags, command!.name), `${doc}: ${m[0]}`).not.toThrow();
          seen++;
        }
      }
      expect(seen).toBeGreaterThanOrEqual(9);
    },
  );

  it("every relative link in the docs leads to a file of the repository", () => {
    for (const doc of DOCS) {
      for (const m of readFileSync(join(ROOT, doc), "utf8").matchAll(/\]\((?!https?:)([^)#]+)(#[^)]*)?\)/g)) {
        expect(existsSync(resolve(ROOT, dirname(doc), m[1])), `${doc}: ${m[1]}`).toBe(true);
      }
    }
  });
});
