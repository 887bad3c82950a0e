import { execFile } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { USAGE, cli, parseDemoArguments } from "../demo";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../..");

/** Runs `pnpm demo`'s command (node with the source condition and tsx) as a real process. */
function demo(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      ["--conditions=@talentflow/source", "--import", "tsx", "examples/demo.ts", ...args],
      { cwd: ROOT, timeout: 60_000 },
      (error, stdout, stderr) => done({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

function capture(argv: readonly string[]): { code: number; out: string; err: string } {
  const out: string[] = [];
  const err: string[] = [];
  const code = cli(argv, { print: (t) => out.push(t), error: (t) => err.push(t) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("pnpm demo's command line", () => {
  it("parseDemoArguments(argv) reads --agents and --seed, also as --flag=value", () => {
    expect(parseDemoArguments([])).toEqual({ kind: "run", options: {} });
    expect(parseDemoArguments(["--agents", "5000", "--seed=7"])).toEqual({
      kind: "run",
      options: { agents: 5000, seed: 7 },
    });
    expect(parseDemoArguments(["--seed", "3", "-h"])).toEqual({ kind: "help" });
  });

  it.each([
    [["--agent", "5000"], "unknown flag --agent (did you mean --agents?)"],
    [["--sed=4"], "unknown flag --sed (did you mean --seed?)"],
    [["--verbose"], "unknown flag --verbose"],
    [["5000"], 'unexpected argument "5000": the demo takes only flags (see --help)'],
    [["--agents"], "--agents needs a value, e.g. --agents 50000"],
    [["--agents", "--seed", "3"], "--agents needs a value, e.g. --agents 50000"],
    [["--agents", "5k"], '--agents must be a whole number >= 1, got "5k"'],
    [["--agents", "0"], '--agents must be a whole number >= 1, got "0"'],
    [["--seed", "1.5"], '--seed must be a whole number, got "1.5"'],
  ])("parseDemoArguments(%j) refuses with %j", (argv, message) => {
    expect(parseDemoArguments(argv)).toEqual({ kind: "error", message });
  });

  it("cli(['--help']) prints the usage and returns 0 without running", () => {
    const r = capture(["--help"]);
    expect(r).toEqual({ code: 0, out: USAGE, err: "" });
    expect(USAGE).toContain("--agents N");
  });

  it("cli(['--agent', '5000']) returns 2 with a message suggesting --agents and prints nothing on stdout", () => {
    const r = capture(["--agent", "5000"]);
    expect(r).toEqual({
      code: 2,
      out: "",
      err: "pnpm demo: unknown flag --agent (did you mean --agents?)\nRun pnpm demo --help for usage.",
    });
  });

  it("pnpm demo --help exits 0 with the usage, as a process", async () => {
    const r = await demo(["--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(USAGE);
  }, 60_000);

  it("pnpm demo --agent 5000 exits 2 naming --agents, as a process, without a stack trace", async () => {
    const r = await demo(["--agent", "5000"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(
      "pnpm demo: unknown flag --agent (did you mean --agents?)\nRun pnpm demo --help for usage.\n",
    );
  }, 60_000);
});
