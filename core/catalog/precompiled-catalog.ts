import type { PrecompiledCatalog } from './precompiled';

/**
 * What the build checked and compiled of resources/services/. This file is a placeholder:
 * build/build.mjs replaces its contents in the bundles with the generated module (see
 * ./precompile.ts). Unbundled (the tests run the TypeScript sources) nothing is precompiled,
 * and the catalog checks and compiles every file at start-up.
 */
export const PRECOMPILED_CATALOG: PrecompiledCatalog = { definitions: [], schemas: [] };
