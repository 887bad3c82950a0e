import { describe, expect, it } from "vitest";
import { PARAMETER_SOURCES, type ParameterSource } from "../../src/index";

/** The bare flags that once stood in for a reason; they do not count towards one. */
const BARE_FLAGS = [/Assumption; no source found\./g, /No source found\./gi];

/**
 * Assumed entries whose text belongs to the recalibration of the starting state (wages, entrant mixes, the
 * DE-ROW moving cost) and still lacks a reason. Each must leave this list once its reason is written: a test
 * below fails while a listed path already meets the rule.
 */

const MIN_CHARS = 60;
const MIN_WORDS_IN_A_SENTENCE = 8;

/**
 * Why an assumed entry's source text falls short of a reason, or undefined when it gives one: once the bare
 * flags are removed it must keep at least MIN_CHARS characters and one sentence of at least
 * MIN_WORDS_IN_A_SENTENCE words, and it must not say "no source found" at all.
 */
function missingReason(entry: ParameterSource): string | undefined {
  if (/no source found/i.test(entry.source)) return 'says "no source found" instead of what the value rests on';
  const rest = BARE_FLAGS.reduce((text, flag) => text.replace(flag, ""), entry.source).trim();
  if (rest.length < MIN_CHARS) return `has ${rest.length} characters of reason, fewer than ${MIN_CHARS}`;
  const longest = Math.max(...rest.split(/[.!?](?:\s+|$)/).map((s) => (s.match(/[A-Za-z][A-Za-z'-]*/g) ?? []).length));
  if (longest < MIN_WORDS_IN_A_SENTENCE) return `has no sentence of ${MIN_WORDS_IN_A_SENTENCE} words or more`;
  return undefined;
}

const assumed = PARAMETER_SOURCES.filter((p) => p.basis === "assumed" || p.basis === "assumed, tuned");

describe("PARAMETER_SOURCES, assumed entries", () => {
  it("gives every assumed or assumed-and-tuned entry a reason of at least one full sentence", () => {
    const failures = assumed
      .map((p) => ({ path: p.path, problem: missingReason(p) }))
      .filter((f) => f.problem !== undefined);
    expect(failures).toEqual([]);
  });

  it("missingReason(entry) rejects an empty text, the old bare flag and a bare phrase, and accepts a reason", () => {
    const entry = (source: string): ParameterSource => ({ path: "behavior.x", basis: "assumed", source });
    expect(missingReason(entry(""))).toMatch(/fewer than 60/);
    expect(missingReason(entry("Assumption; no source found."))).toMatch(/no source found/);
    expect(missingReason(entry("Elasticity eta of labour demand to AI investment. No source found."))).toMatch(
      /no source found/,
    );
    expect(missingReason(entry("Flatter pay scales."))).toMatch(/fewer than 60/);
    expect(
      missingReason(entry("0.3; 0.8; 0.4; 0.2 in DE, CA, SV. 0.5 in USR, ROW. 0.1 elsewhere; fixed for now.")),
    ).toMatch(/no sentence of 8 words/);
    expect(
      missingReason(entry("A normalisation: only differences between regions matter, so ROW is the zero point.")),
    ).toBeUndefined();
  });
});
