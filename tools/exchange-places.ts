/**
 * How many places of each capped program (open work permits, exchange slots) a run gives out, per
 * reported year and in total: the measure behind docs/alliance.md's "How many exchange places
 * fill" (docs/model.md, "Policies of the alliance").
 *
 *   pnpm tsx --conditions=@talentflow/source tools/exchange-places.ts                 # alliance2026, 477,600 agents
 *   pnpm tsx --conditions=@talentflow/source tools/exchange-places.ts --agents 50000 --seeds 3
 */
import { runSeed, scenarios } from "@talentflow/core";
import { compileScenario } from "../packages/core/src/kernel/_compile";
import { Engine } from "../packages/core/src/engine/_engine";

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const v = Number(process.argv[i + 1]);
  if (!Number.isInteger(v) || v < 1)
    throw new Error(`--${name} must be a whole number >= 1, got ${process.argv[i + 1]}`);
  return v;
}

const agents = option("agents", 477_600);
const seeds = option("seeds", 1);
const s = scenarios.alliance2026({ agents });
const cs = compileScenario(s);
for (let rep = 0; rep < seeds; rep++) {
  const engine = new Engine(cs, { seed: runSeed(1, rep) });
  const ppy = s.periodsPerYear;
  const perYear: string[] = [];
  let last: Float64Array = new Float64Array(engine.programPlacesGiven.length);
  while (!engine.done) {
    engine.step();
    const t = engine.t;
    if (t > engine.burnInPeriods && (t - engine.burnInPeriods) % ppy === 0) {
      const now = engine.programPlacesGiven;
      const year = s.startYear + (t - engine.burnInPeriods) / ppy - 1;
      perYear.push(`${year}: ${[...now].map((v, q) => Math.round(v - last[q])).join(" + ")}`);
      last = now;
    }
  }
  const total = [...engine.programPlacesGiven].map(Math.round);
  const programs = s.policies.filter((p) => p.kind === "talentExchange");
  console.log(`seed replicate ${rep}, ${agents} agents: places given per year (per program) ${perYear.join("; ")}`);
  console.log(`total ${total.join(" + ")} = ${total.reduce((a, b) => a + b, 0)} (${programs.length} exchange policy)`);
}
