// Smoke test of `pnpm bench:ab`: runs it against HEAD at a tiny size as a child process and
// checks the results' shape and statistics (not the timings, which depend on the machine), its
// errors, and that no temporary checkout is left behind, also after Ctrl-C.
import { type ChildProcess, execFileSync, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import type { AbResults } from "../ab";
import { prepareCase } from "../_abCases";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
/** A run unpacks, installs and bundles HEAD: 6-19 s on a loaded 2-core machine, so a margin over vitest's 60 s. */
const SLOW = 120_000;
const OUT = mkdtempSync(join(tmpdir(), "talentflow-ab-test-"));
afterAll(() => rmSync(OUT, { recursive: true, force: true }));

/** Runs `pnpm bench:ab ...args` in the repository's root to its end. */
function benchAb(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync("pnpm", ["--silent", "bench:ab", ...args], { cwd: ROOT, encoding: "utf8" });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** The temporary checkout the run announced on stderr. */
function checkoutOf(stderr: string): string {
  const match = /checking out .* into (\S+) and installing/.exec(stderr);
  expect(match, `a checkout line in:\n${stderr}`).not.toBeNull();
  return match?.[1] ?? "";
}

function expectSoundStatistics(results: AbResults, pairs: number): void {
  const { ratio, lo, hi, level, resamples } = results.ratioOfMedians;
  for (const x of [ratio, lo, hi]) {
    expect(Number.isFinite(x)).toBe(true);
    expect(x).toBeGreaterThan(0);
  }
  expect(lo).toBeLessThanOrEqual(ratio);
  expect(ratio).toBeLessThanOrEqual(hi);
  expect([level, resamples]).toEqual([0.95, 2000]);
  expect(results.runs.map((r) => r.order)).toEqual(Array.from({ length: pairs }, (_, k) => (k % 2 ? "B,A" : "A,B")));
  for (const r of results.runs) {
    expect(r.a).toBeGreaterThan(0);
    expect(r.b).toBeGreaterThan(0);
    expect(r.ratio).toBe(r.b / r.a);
  }
  expect(results.faster).toBe(ratio < 1 ? "B" : ratio > 1 ? "A" : "neither");
  expect(results.agentPeriodsPerSecond.a).toBeGreaterThan(0);
  expect(results.agentPeriodsPerSecond.b).toBeGreaterThan(0);
}

describe("pnpm bench:ab", () => {
  const head = execFileSync("git", ["rev-parse", "HEAD"], { cwd: ROOT, encoding: "utf8" }).trim();

  it(
    "pnpm bench:ab HEAD --case loop times both sides, prints the ratio of medians and removes its checkout",
    () => {
      const json = join(OUT, "loop.json");
      const run = benchAb(["HEAD", "--case", "loop", "--agents", "2000", "--pairs", "2", "--json", json]);
      expect(run.status, run.stderr).toBe(0);
      const results = JSON.parse(readFileSync(json, "utf8")) as AbResults;
      expect([results.case, results.agents, results.pairs, results.agentPeriodsPerRun]).toEqual([
        "loop",
        2000,
        2,
        80_000,
      ]);
      expect([results.a.ref, results.a.commit]).toEqual(["HEAD", head]);
      expectSoundStatistics(results, 2);
      const printed = /ratio of medians B\/A ([\d.]+), 95% bootstrap interval \[([\d.]+), ([\d.]+)\]/.exec(run.stdout);
      expect(printed?.slice(1).map(Number)).toEqual(
        [results.ratioOfMedians.ratio, results.ratioOfMedians.lo, results.ratioOfMedians.hi].map((x) => +x.toFixed(3)),
      );
      expect(run.stdout).toMatch(/(A|B) is faster|neither is faster/);
      const checkout = checkoutOf(run.stderr);
      expect(existsSync(checkout)).toBe(false);
      expect(existsSync(dirname(checkout))).toBe(false);
    },
    SLOW,
  );

  it(
    "pnpm bench:ab HEAD --case simulate times the whole simulate call",
    () => {
      const json = join(OUT, "simulate.json");
      const run = benchAb(["HEAD", "--case", "simulate", "--agents", "2000", "--pairs", "2", "--json", json]);
      expect(run.status, run.stderr).toBe(0);
      const results = JSON.parse(readFileSync(json, "utf8")) as AbResults;
      expect(results.case).toBe("simulate");
      // alliance2026's default burn-in and horizon: more than the 40 periods of the loop case.
      expect(results.agentPeriodsPerRun).toBeGreaterThan(80_000);
      expectSoundStatistics(results, 2);
      expect(existsSync(dirname(checkoutOf(run.stderr)))).toBe(false);
    },
    SLOW,
  );

  it("pnpm bench:ab --a . --b . compares two folders without git", () => {
    const run = benchAb(["--a", ".", "--b", ".", "--case", "decide", "--agents", "500", "--pairs", "1"]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain("decide, 500 agents, 40 periods, 1 pairs");
    expect(run.stderr).not.toContain("checking out");
  });

  it("pnpm bench:ab <unknown ref> fails with a message naming the ref", () => {
    const run = benchAb(["no-such-ref-3f9a", "--agents", "100"]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('unknown git ref "no-such-ref-3f9a"');
  });

  it("pnpm bench:ab refuses a bad --case, --pairs and a second ref, naming the option", () => {
    expect(benchAb(["HEAD", "--case", "loops"]).stderr).toContain(
      '--case is "loops", not one of loop, decide, simulate',
    );
    expect(benchAb(["HEAD", "--pairs", "0"]).stderr).toContain('--pairs is "0", not a positive integer');
    const both = benchAb(["HEAD", "--a", "."]);
    expect([both.status, both.stderr.includes("give a git ref or --a, not both")]).toEqual([2, true]);
  });

  it("pnpm bench:ab HEAD stopped by Ctrl-C exits 130 and leaves no temporary checkout", async () => {
    const child: ChildProcess = spawn(
      process.execPath,
      ["--import", "tsx", "benchmarks/ab.ts", "HEAD", "--agents", "2000", "--pairs", "40"],
      { cwd: ROOT, detached: true, stdio: ["ignore", "pipe", "pipe"] },
    );
    let stderr = "";
    const code = await new Promise<number | null>((done) => {
      child.stderr?.on("data", (chunk: Buffer) => {
        const first = !stderr.includes("and installing");
        stderr += chunk.toString();
        // Ctrl-C reaches the whole process group: ab.ts and the pnpm install it is waiting for.
        if (first && stderr.includes("and installing") && child.pid !== undefined) process.kill(-child.pid, "SIGINT");
      });
      child.on("close", done);
    });
    expect(code, stderr).toBe(130);
    expect(stderr).toContain("interrupted by SIGINT; temporary folders removed");
    expect(existsSync(dirname(checkoutOf(stderr)))).toBe(false);
  });
});

describe("prepareCase", () => {
  it("prepareCase(core, label, 'simulate', n) on a core without simulate names the side and the export", () => {
    const old = { scenarios: { alliance2026: () => ({}) }, createSimulation: () => ({}) };
    expect(() => prepareCase(old, "A (v0 = 0123456789)", "simulate", 100)).toThrow(
      "ab: A (v0 = 0123456789) has no simulate in its @talentflow/core, which the simulate case needs",
    );
    expect(() => prepareCase({}, "A (v0)", "loop", 100)).toThrow("A (v0) has no scenarios.alliance2026");
  });
});
