/** The agent panel: a copy of the active agents' state, one entry per agent in each column. */
import { type AgentColumns, Flag } from "../engine/_agentColumns";
import type { CompiledScenario } from "../kernel/_compile";

/**
 * The active agents at this moment, one entry per agent in each column (a copy). Ages are in
 * years; `region`, `home` and `citizenship` are codes of the scenario.
 */
export interface AgentPanel {
  readonly id: Uint32Array;
  readonly region: readonly string[];
  readonly home: readonly string[];
  readonly citizenship: readonly string[];
  readonly skill: Float32Array;
  readonly age: Float64Array;
  readonly german: Uint8Array;
  readonly researcher: Uint8Array;
  readonly temporary: Uint8Array;
}

/**
 * Copies the active agents out of the engine's columns, sorted by id (slots are reused, ids are
 * not, so the order does not depend on who left when). `t` is the next internal period to run:
 * ages are counted up to its start, in years of `periodsPerYear` periods.
 */
export function agentPanel(agents: AgentColumns, cs: CompiledScenario, t: number, periodsPerYear: number): AgentPanel {
  const a = agents;
  const slots: number[] = [];
  for (let i = 0; i < a.used; i++) if (a.flags[i] & Flag.Active) slots.push(i);
  slots.sort((x, y) => a.id[x] - a.id[y]);
  const n = slots.length;
  const id = new Uint32Array(n);
  const skill = new Float32Array(n);
  const age = new Float64Array(n);
  const german = new Uint8Array(n);
  const researcher = new Uint8Array(n);
  const temporary = new Uint8Array(n);
  slots.forEach((i, k) => {
    id[k] = a.id[i];
    skill[k] = a.skill[i];
    age[k] = (t - a.bornPeriod[i]) / periodsPerYear;
    german[k] = a.flags[i] & Flag.German ? 1 : 0;
    researcher[k] = a.flags[i] & Flag.Researcher ? 1 : 0;
    temporary[k] = a.flags[i] & Flag.Temporary ? 1 : 0;
  });
  return {
    id,
    region: slots.map((i) => cs.regions[a.region[i]]),
    home: slots.map((i) => cs.regions[a.home[i]]),
    citizenship: slots.map((i) => cs.citizenships[a.citizenship[i]]),
    skill,
    age,
    german,
    researcher,
    temporary,
  };
}
