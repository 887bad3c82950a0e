/**
 * Internal: versions recorded in manifests. A test checks them against the package.json files,
 * so a release cannot forget them.
 * @internal
 */
export const ADAPTERS_VERSION = "0.1.0";
export const PARQUET_WRITER = { name: "hyparquet-writer", version: "0.17.0" } as const;
