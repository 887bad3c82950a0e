#!/usr/bin/env node
/**
 * The `talentflow` executable: runs {@link runCli} on the process's arguments and exits with its
 * code. Ctrl-C asks the running command to stop after the runs in flight; a second Ctrl-C quits.
 * @module
 */
import { existsSync } from "node:fs";
import { runCli } from "./runCli";

const controller = new AbortController();
process.once("SIGINT", () => {
  process.stderr.write("\nstopping after the runs in flight (Ctrl-C again to quit now)\n");
  controller.abort();
  process.once("SIGINT", () => process.exit(130));
});

// `pnpm talentflow ...` runs from the repository root; paths are the user's, relative to where
// they typed the command (INIT_CWD, set by npm and pnpm).
const initCwd = process.env.INIT_CWD;
const cwd = initCwd && existsSync(initCwd) ? initCwd : process.cwd();

runCli(process.argv.slice(2), { cwd, signal: controller.signal }).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`talentflow: unexpected error: ${(error as Error)?.message ?? String(error)}\n`);
    process.exitCode = 1;
  },
);
