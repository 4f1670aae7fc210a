// The pure detection core: commits, paths and pull requests in, evidence out.
export { classifyCommit, commitClassifier, parseNameAndEmail, type CommitClassifier } from "./commit.js";
export { classifyPaths, configPathPatterns } from "./paths.js";
export { classifyPullRequest } from "./pull-request.js";
export type * from "./types.js";
