/**
 * `@talentflow/adapters`: Node adapters for `@talentflow/core`.
 * @packageDocumentation
 */
export { MODEL_VERSION } from "@talentflow/core";
export { writeFileAtomic } from "./atomicWrite";
export { toCsv } from "./csv";
export type { CsvRow, CsvValue } from "./csv";
export { formatTable, formatNumber } from "./table";
export type { Cell, TableOptions } from "./table";
export * from "./cluster/index";
