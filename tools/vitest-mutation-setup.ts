// With MUTATION_ISOLATE=0 (vitest.mutation.config.ts) the test files share their imports, also
// from one of Stryker's runs to the next, so a mutant that acts when a module is evaluated (a
// module-level constant) would never be applied. Re-evaluate the modules once per mutant: the
// first test file of a mutant's run imports them afresh, the following files share them.
import { inject, vi } from "vitest";

const mode: unknown = inject("mode" as never);
const activeMutant: unknown = inject("activeMutant" as never);
const seen = globalThis as { __mutationSetupMutant?: unknown };
if (mode === "mutant" && seen.__mutationSetupMutant !== activeMutant) {
  seen.__mutationSetupMutant = activeMutant;
  vi.resetModules();
}
