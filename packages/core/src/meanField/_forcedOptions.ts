/**
 * The options of the forced decision of the mean-field projection (docs/model.md 3.3.9): where
 * the holders of a status that ends may go.
 * @internal
 * @module
 */
import { admissionChance } from "../kernel/_admission";
import { Admit, type PeriodTables } from "../kernel/_tables";
import type { GroupOptions } from "./_choice";

/** Who decides: the (citizenship, region) row of the tables, its region r, home h and mean skill. */
export interface ForcedChooser {
  readonly R: number;
  readonly c: number;
  readonly r: number;
  readonly h: number;
  readonly row: number;
  readonly zbar: number;
}

/**
 * Fills `group` (e_k, 1 − pi_k), `which` (the destinations) and `pis` (their chances) with the
 * regions of other countries than r's, home aside, that admit by a rule other than a lottery,
 * valued against going home; returns their number. `group.allSure` says whether every chance is 1.
 */
export function forcedOptions(
  tables: PeriodTables,
  regionCountry: Int32Array,
  who: ForcedChooser,
  group: GroupOptions,
  which: Int32Array,
  pis: Float64Array,
): number {
  const { R, c, r, h, row, zbar } = who;
  const { T, betaSigma, admit: admitT } = tables;
  const home = T[row + h] + betaSigma[h] * zbar;
  let nm = 0;
  let allSure = true;
  for (let j = 0; j < R; j++) {
    if (j === h || regionCountry[j] === regionCountry[r]) continue;
    const admit = admitT[row + j];
    if (admit === Admit.Closed || admit === Admit.Lottery) continue;
    const pi = admissionChance(tables, admit, row + j, c * R + j, zbar);
    if (!(pi > 0)) continue;
    const ek = pi * Math.exp(T[row + j] + betaSigma[j] * zbar - home);
    if (!(ek > 0)) continue;
    group.e[nm] = ek;
    group.bk[nm] = 1 - Math.min(1, pi);
    pis[nm] = pi;
    which[nm++] = j;
    if (pi < 1) allSure = false;
  }
  group.m = nm;
  group.allSure = allSure;
  return nm;
}
