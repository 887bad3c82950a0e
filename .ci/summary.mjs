#!/usr/bin/env node
// Prints the closing line of a CI run, `N passed, N failed` (plus `, N skipped` when some
// were skipped), from a vitest JSON report (--reporter=json --outputFile.json=FILE).
//
//   node .ci/summary.mjs <report.json> [<vitest exit code>]
//
// The line is always printed, and always last; notes go on lines before it. Failures that
// vitest does not count as failed tests are added to "failed", so that the line never says
// "0 failed" about a run that failed:
//   - a test file that failed with no failed test of its own (it did not load, or a
//     beforeAll/afterAll hook threw: vitest then reports its tests as skipped) counts as one;
//   - a non-zero vitest exit code with nothing failed otherwise (an unhandled error, no test
//     files found) counts as one.
// This script itself always exits 0; .ci/run decides the exit code.
import { readFileSync } from "node:fs";

const [file, exitArg] = process.argv.slice(2);
const vitestExit = exitArg === undefined || exitArg === "" ? undefined : Number(exitArg);

let passed = 0;
let failed = 0;
let skipped = 0;
const notes = [];

try {
  if (!file) throw new Error("no report file given");
  const report = JSON.parse(readFileSync(file, "utf8"));
  passed = report.numPassedTests ?? 0;
  failed = report.numFailedTests ?? 0;
  skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  for (const result of report.testResults ?? []) {
    const ownFailures = (result.assertionResults ?? []).filter((a) => a.status === "failed").length;
    if (result.status === "failed" && ownFailures === 0) {
      failed += 1;
      const why = String(result.message ?? "").split("\n")[0] || "a hook or the file itself failed";
      notes.push(`test file failed outside its tests: ${result.name}: ${why}`);
    }
  }
} catch (error) {
  notes.push(
    `no test report read from ${file ?? "(none)"} ` +
      `(${error.code ?? error.message}): the tests did not run or did not finish`,
  );
}

if (vitestExit !== undefined && vitestExit !== 0 && failed === 0) {
  failed = 1;
  notes.push(
    `vitest exited with ${vitestExit} although no test failed ` +
      `(an unhandled error, or no test files): counted as 1 failed`,
  );
}

for (const note of notes) console.log(`summary: ${note}`);
console.log(`${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ""}`);
