/** The model version that scenario files and run manifests carry (`model: "talentflow/1"`). */
export const MODEL_VERSION = "talentflow/1" as const;

/** The package version of `@talentflow/core`, recorded in run manifests. */
export const PACKAGE_VERSION = "0.1.0";
