// The GitHub API backend: a throttled client and the batched GraphQL scanner.
export { createGitHubClient, gitHubClientOptionsFromEnv, resolveApiUrls, PUBLIC_API_URL } from "./client.js";
export type { GitHubClient, GitHubClientOptions, OctokitLike, RateLimitWait, ApiUrls } from "./client.js";
export { scanRepositories, collectScans, outcomeOfErrors } from "./scan.js";
export type { CollectedScan } from "./scan.js";
export { compileConfigMatcher, configDirectories, globToRegExp } from "./config-paths.js";
export { RateBudget } from "./rate-budget.js";
export * from "./errors.js";
export type * from "./types.js";
