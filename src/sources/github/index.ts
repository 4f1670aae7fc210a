// The GitHub API backend: a throttled client and the batched GraphQL scanner.
//
//   const client = createGitHubClient(gitHubClientOptionsFromEnv(process.env)); // or { octokit: context.octokit }
//   for await (const page of scanRepositories(client, requests, { configPatterns: configPathPatterns() })) {
//     // page 0 carries facts, head and config files; later pages more commits / PRs; `done` marks the last.
//     // Advance a repository's cursor to page.head only when its last page is done with outcome "ok".
//   }
export { createGitHubClient, gitHubClientOptionsFromEnv, resolveApiUrls, PUBLIC_API_URL } from "./client.js";
export type { GitHubClient, GitHubClientOptions, OctokitLike, RateLimitWait, ApiUrls } from "./client.js";
export { scanRepositories, collectScans, outcomeOfErrors, isTooHeavy, isUnanswerable, UNANSWERABLE } from "./scan.js";
export type { CollectedScan } from "./scan.js";
export { compileConfigMatcher, configDirectories } from "./config-paths.js";
export { RateBudget } from "./rate-budget.js";
export * from "./errors.js";
export type * from "./types.js";
export { InstallationTokenSource, createTokenSourceAuth, installationTokenSource, installationTokenSources } from "./app-tokens.js";
export type { AppCredentials, TokenSource, InstallationTokenOptions } from "./app-tokens.js";
