/**
 * `@talentflow/adapters`: Node adapters for `@talentflow/core`: scenario and plan files, CSV,
 * atomic file writes, text tables and the `talentflow` command line.
 * @packageDocumentation
 */
export { MODEL_VERSION } from "@talentflow/core";
export { writeFileAtomic } from "./atomicWrite";
export { toCsv, parseCsv } from "./csv";
export type { CsvRow, CsvValue } from "./csv";
export { formatTable, formatNumber } from "./table";
export type { Cell, TableOptions } from "./table";
export { stockChart } from "./report/stockChart";
export type { StockPoint } from "./report/stockChart";
export { flowMatrixChart } from "./report/flowMatrixChart";
export type { FlowCell } from "./report/flowMatrixChart";
export { brainDrainChart } from "./report/brainDrainChart";
export type { BrainDrainPoint } from "./report/brainDrainChart";
export { effectsChart } from "./report/effectsChart";
export type { Effect, EffectsChartOptions } from "./report/effectsChart";
export { sweepChart } from "./report/sweepChart";
export type { SweepChartPoint, SweepChartOptions } from "./report/sweepChart";
export { sensitivityChart } from "./report/sensitivityChart";
export { renderVegaLite } from "./report/_render";
export type { SensitivityIndex, SensitivityChartOptions } from "./report/sensitivityChart";
export type { ChartOptions } from "./report/chartOptions";
export { REGION_NAMES, CITIZENSHIP_NAMES, regionName, citizenshipName } from "./report/names";
export { renderReportHtml } from "./report/renderReportHtml";
export { writeReport } from "./report/writeReport";
export type { WrittenReport } from "./report/writeReport";
export { reportFromResult } from "./report/reportFromResult";
export type { ReportableResult, ReportOptions } from "./report/reportFromResult";
export { reportFromTables, REPORT_TABLES } from "./report/reportFromTables";
export { writeExplorer } from "./explore/writeExplorer";
export type { WriteExplorerOptions, WrittenExplorer } from "./explore/writeExplorer";
export type { Report, ReportSection, ReportTable } from "./report/report";
export * from "./export/index";
export { readScenarioFile, parseScenario } from "./files/readScenarioFile";
export type { ParseScenarioOptions } from "./files/readScenarioFile";
export { readPlanFile, parsePlan, PLAN_KINDS } from "./files/readPlanFile";
export type {
  Plan,
  PlanKind,
  ParsePlanOptions,
  ReplicatePlan,
  ComparePlan,
  SweepPlan,
  SensitivityPlan,
  CalibratePlan,
} from "./files/readPlanFile";
export { jsonSchemas } from "./files/jsonSchemas";
export { FileValidationError, formatPlace } from "./files/FileValidationError";
export type { FileIssue } from "./files/FileValidationError";
export { BUILT_IN_SCENARIOS, BUILT_IN_NAMES } from "./files/builtInScenarios";
export type { BuiltInOptions } from "./files/builtInScenarios";
export * from "./parallel/index";
export * from "./cluster/index";
