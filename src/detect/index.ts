// The pure detection core: commits, paths and pull requests in, evidence out.
export { classifyCommit, compiledCatalog } from "./commit.js";
export { parseNameAndEmail } from "./identity.js";
export { classifyPaths, configPathPatterns, type ClassifyPathsOptions } from "./paths.js";
export { classifyPullRequest } from "./pull-request.js";
export type * from "./types.js";
