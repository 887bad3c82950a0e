/**
 * `@talentflow/adapters`: Node adapters for `@talentflow/core`: scenario and plan files, CSV,
 * atomic file writes, text tables and the `talentflow` command line.
 * @packageDocumentation
 */
export { MODEL_VERSION } from "@talentflow/core";
export { writeFileAtomic } from "./atomicWrite";
export { toCsv } from "./csv";
export type { CsvRow, CsvValue } from "./csv";
export { formatTable, formatNumber } from "./table";
export type { Cell, TableOptions } from "./table";
export { readScenarioFile, parseScenario } from "./files/readScenarioFile";
export type { ParseScenarioOptions } from "./files/readScenarioFile";
export { readPlanFile, parsePlan, PLAN_KINDS } from "./files/readPlanFile";
export type { Plan, PlanKind, ParsePlanOptions, ReplicatePlan, ComparePlan, SweepPlan, SensitivityPlan, CalibratePlan } from "./files/readPlanFile";
export { jsonSchemas } from "./files/jsonSchemas";
export { FileValidationError, formatPlace } from "./files/FileValidationError";
export type { FileIssue } from "./files/FileValidationError";
export { BUILT_IN_SCENARIOS, BUILT_IN_NAMES } from "./files/builtInScenarios";
export type { BuiltInOptions } from "./files/builtInScenarios";
