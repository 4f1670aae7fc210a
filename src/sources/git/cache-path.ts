// Where a URL's partial clone lives in the cache: `<cacheDir>/<host>/<path>.git`.
import { join } from "node:path";

const URL_SCHEME = /^(https?|file|ssh|git):\/\//i;
// scp-like syntax: user@host:path (no scheme, the colon before any slash).
const SCP_LIKE = /^(?:[^@/\s]+@)?([^:/\s]+):(?!\/\/)(.+)$/;

/** True when the target should be cloned rather than read in place. */
export function isGitUrl(target: string): boolean {
  return URL_SCHEME.test(target) || (SCP_LIKE.test(target) && target.includes("@"));
}

/** The cache folder for a URL; credentials and unsafe characters never reach the file system. */
export function cachePathForUrl(cacheDir: string, url: string): string {
  const { host, path } = hostAndPath(url);
  const segments = path
    .replace(/\.git\/?$/, "")
    .split("/")
    .map((segment) => segment.replace(/[^A-Za-z0-9._-]/g, "_"))
    .filter((segment) => segment !== "" && segment !== "." && segment !== "..");
  const last = segments.pop() ?? "repository";
  return join(cacheDir, safeSegment(host), ...segments, `${last}.git`);
}

function hostAndPath(url: string): { host: string; path: string } {
  if (URL_SCHEME.test(url)) {
    const parsed = new URL(url);
    const host = parsed.protocol === "file:" ? "file" : parsed.host;
    return { host, path: decodeURIComponent(parsed.pathname) };
  }
  const match = SCP_LIKE.exec(url);
  if (match === null) throw new Error(`not a git URL: ${url}`);
  return { host: match[1] ?? "unknown", path: match[2] ?? "" };
}

function safeSegment(segment: string): string {
  const cleaned = segment.replace(/[^A-Za-z0-9._-]/g, "_");
  return cleaned === "" || cleaned === "." || cleaned === ".." ? "unknown" : cleaned;
}
