// The git backend: local clones read in place, URLs as blob-less partial clones in a cache.
// It adapts git into detector input; it never classifies and never stores.
export { openGitRepository, readHeadState, type GitRepository, type HeadState, type OpenOptions } from "./open-repository.js";
export {
  readCommits,
  readCommitBatches,
  commitLogArgs,
  type ReadCommitsOptions,
} from "./read-commits.js";
export { readHeadGitattributes, readHeadPaths, readHeadTree, type HeadTree } from "./head-paths.js";
export { datedConfigFiles, dateHeadPaths, type DatedConfigFile, type DatedConfigOptions } from "./config-file-dates.js";
export { globsToPathspecs, compilePathMatcher } from "../path-globs.js";
export { isGitUrl, cachePathForUrl } from "./cache-path.js";
export {
  NotAGitRepositoryError,
  UnsafeRepositoryError,
  GitCloneError,
  CursorNotFoundError,
  GitCommandError,
  GitNotFoundError,
} from "./errors.js";
export { isAncestorOfHead } from "./ancestry.js";
