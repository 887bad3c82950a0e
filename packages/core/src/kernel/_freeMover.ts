/**
 * Who needs a visa where (docs/model.md 3.1, 3.3.5 and 3.3.12): citizens of a region's country and free movers
 * into it never do, and so never hold a temporary status there. The engine's and the mean-field
 * projection's newcomers, the tables and the benchmark peers ask these two questions here.
 */
import type { CompiledScenario } from "./_compile";

/**
 * Whether citizens of citizenship c move freely into the country of region j: the scenario's
 * `freeMovement` lists a group that holds both countries.
 */
export function freeMover(cs: CompiledScenario, c: number, j: number): boolean {
  return cs.freeMove[cs.citizenCountry[c] * cs.countries.length + cs.regionCountry[j]] === 1;
}

/**
 * Whether a person of citizenship c who arrives in region j may start on a temporary status: not
 * a citizen of j's country, not a free mover into it, and not under a visa rule that is
 * permanent (`rulePermanent[j * C + c]`, C citizenships).
 */
export function mayBeTemporary(cs: CompiledScenario, c: number, j: number, rulePermanent: Uint8Array): boolean {
  const citizen = cs.citizenCountry[c] === cs.regionCountry[j];
  return !citizen && !freeMover(cs, c, j) && !rulePermanent[j * cs.citizenships.length + c];
}
