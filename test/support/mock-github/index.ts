export { startMockGitHub, githubSchema } from "./server.js";
export type { MockGitHub, MockGitHubOptions, MockStats, Fault, FaultRule, GraphQLQueryInfo } from "./server.js";
export { MockWorld, addSyntheticRepositories, loadFixtureRepositories, fakeSha, fullName } from "./world.js";
export type { MockCommit, MockPerson, MockPullRequest, MockRepository, SyntheticOptions } from "./world.js";
export { queryPoints, connectionRequests } from "./cost.js";
