// How a git target (a URL or a local path) is named and keyed in the store. A plain git
// repository has no GitHub id, so its URL (or file:// path) is its key.
import { basename, dirname, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { isGitUrl } from "../sources/git/index.js";
import type { RepositoryFacts, Visibility } from "../store/index.js";

/** A URL without credentials: "https://token@host/x" must never reach the store or a log. */
export function redactUrl(target: string): string {
  try {
    const url = new URL(target);
    url.username = "";
    url.password = "";
    return url.toString();
  } catch {
    return target;
  }
}

export function gitTargetKey(target: string): string {
  return isGitUrl(target) ? redactUrl(target) : pathToFileURL(resolve(target)).toString();
}

function ownerAndName(key: string): { owner: string; name: string } {
  const path = key.replace(/^[a-z+]+:\/\/[^/]*/i, "").replace(/^[^@]+@[^:]+:/, "").replace(/\.git\/?$/, "").replace(/\/+$/, "");
  const name = basename(path) || "repository";
  const owner = basename(dirname(path)) || "local";
  return { owner, name };
}

export function gitRepositoryFacts(target: string, options: { visibility: Visibility; defaultBranch: string | null }): RepositoryFacts {
  const url = gitTargetKey(target);
  return {
    githubId: null,
    host: "git",
    ...ownerAndName(url),
    url,
    visibility: options.visibility,
    fork: false,
    archived: false,
    stars: 0,
    language: null,
    createdAt: null,
    pushedAt: null,
    defaultBranch: options.defaultBranch,
  };
}
