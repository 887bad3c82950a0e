/**
 * The memory a run needs, as the validator estimates it before the run, and the message that
 * says it is above the limit: one slot of {@link BYTES_PER_AGENT} per agent, plus fixed tables.
 * @module
 */
import { STATE_BYTES_PER_AGENT } from "../engine/_agentColumns";
import type { Scenario } from "./types";

/**
 * Bytes per agent slot: the typed-array columns of the agent state (30 bytes, `engine/_agentColumns.ts`)
 * plus 4 bytes for the free-slot stack and the scratch lists of a period.
 */
export const BYTES_PER_AGENT = STATE_BYTES_PER_AGENT + 4;

/** Fixed memory for the per-period tables, bytes. @internal */
export const TABLE_BYTES = 64 * 1024 ** 2;

/**
 * Memory a run of `scenario` needs, bytes: one slot per agent alive at the start plus one per
 * entrant over burn-in and the reported years (an upper bound: slots freed by exits are reused),
 * times {@link BYTES_PER_AGENT}, plus 64 MiB for the per-period tables.
 */
export function estimateMemoryBytes(scenario: Scenario): number {
  return TABLE_BYTES + agentSlots(scenario) * BYTES_PER_AGENT;
}

/** The agent slots {@link estimateMemoryBytes} counts. @internal */
export function agentSlots(scenario: Scenario): number {
  let people = 0;
  let entrants = 0;
  for (const r of Object.values(scenario.regions)) {
    people += r.initialStock;
    entrants += r.entrants;
  }
  const agents = scenario.agents ?? people;
  const scale = people > 0 && agents > 0 ? people / agents : 1;
  return Math.ceil(agents + (entrants / scale) * (scenario.years + scenario.burnInYears));
}

/** "the population needs about 1.2 GiB of memory (...), above the limit of ...": the memory check's message. */
export function memoryMessage(bytes: number, slots: number, maxBytes: number): string {
  return (
    `the population needs about ${formatBytes(bytes)} of memory (${groupDigits(slots)} agents x ${BYTES_PER_AGENT} ` +
    `bytes, plus ${formatBytes(TABLE_BYTES)} for tables), above the limit of ${formatBytes(maxBytes)}; lower ` +
    `\`agents\` or raise the limit with { maxBytes }`
  );
}

function formatBytes(bytes: number): string {
  if (bytes === Infinity) return "Infinity";
  const units: [string, number][] = [
    ["GiB", 1024 ** 3],
    ["MiB", 1024 ** 2],
    ["KiB", 1024],
  ];
  for (const [unit, size] of units) {
    if (bytes >= size) return `${Number((bytes / size).toFixed(1))} ${unit}`;
  }
  return `${bytes} bytes`;
}

function groupDigits(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}
