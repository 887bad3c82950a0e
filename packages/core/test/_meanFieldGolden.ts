import { meanField, scenarios, type MeanFieldOptions, type Scenario } from "../src/index";

/** Coarse options that still run every branch: few bins and nodes, wide age bands. */
const OPTIONS: MeanFieldOptions = { skillBins: 6, ageBandYears: 8, quadratureNodes: 3 };

/**
 * Two small meanField runs whose every number is pinned in golden/meanField.json: the baseline
 * (the H-1B lottery draws in burn-in and in the reported year) and alliance2026 (its policies come
 * into force within the horizon). Each row as [period, year, metric, region, origin, destination,
 * citizenship, value], NaN written as "NaN" (JSON has no NaN); then the stock paths. Written by
 * `pnpm tsx packages/core/test/golden/write-meanField.ts`, only for a deliberate change of the
 * model, said so in the commit. `change` alters both scenarios first (the golden itself uses none).
 */
export function meanFieldGolden(change: (s: Scenario) => Scenario = (s) => s) {
  const runs: Record<string, Scenario> = {
    baseline: change(scenarios.baseline({ years: 1, burnInYears: 1 })),
    alliance2026: change(scenarios.alliance2026({ years: 2, burnInYears: 1 })),
  };
  return Object.fromEntries(
    Object.entries(runs).map(([name, scenario]) => {
      const mf = meanField(scenario, OPTIONS);
      const value = (x: number) => (Number.isNaN(x) ? "NaN" : x);
      const rows = mf.rows.map((r) => [
        r.period,
        r.year,
        r.metric,
        r.region,
        r.origin,
        r.destination,
        r.citizenship,
        value(r.value),
      ]);
      return [name, { rows, stock: mf.stock, skillBins: mf.skillBins, ageBands: mf.ageBands }];
    }),
  );
}
