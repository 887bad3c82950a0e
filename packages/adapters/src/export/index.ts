/**
 * Exports: results of core as tidy tables, written to a folder as CSV, NDJSON or Parquet with a
 * manifest, read back, and agent panels streamed to disk.
 * @module
 */
export { writeResult } from "./writeResult";
export type { WriteResultOptions, WrittenOutput } from "./writeResult";
export { resultTables } from "./resultTables";
export type { ResultTablesOptions } from "./resultTables";
export { readTables, readManifest } from "./readTables";
export { writePanel } from "./writePanel";
export type { WritePanelOptions } from "./writePanel";
export { resultKind } from "./resultKind";
export type { ExportableResult, ResultKind } from "./resultKind";
export { METRIC_KINDS } from "./metricKinds";
export type { MetricKind } from "./metricKinds";
export { columnOf, tableRecords } from "./tables";
export type {
  Table,
  TableName,
  Column,
  ColumnType,
  StringColumn,
  NumberColumn,
  BooleanColumn,
  ResultTables,
} from "./tables";
export type { Manifest, ManifestTable, ManifestScenario, ManifestRun } from "./manifest";
export type { ExportFormat } from "./_formats";
