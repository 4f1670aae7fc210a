// One error type per failure a user can act on (STYLE.md). Unknown failures keep their cause.

export class GitHubSourceError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The token is missing, invalid or lacks a permission for the whole request (401, or 403 that is not a rate limit). */
export class AccessDeniedError extends GitHubSourceError {
  constructor(
    readonly status: number,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(
      `GitHub refused the token (HTTP ${status}: ${detail}). Check GITHUB_TOKEN, or the app installation's permissions (contents: read, pull requests: read, metadata: read).`,
      options,
    );
  }
}

/** The rate budget ran out and waiting for it was not allowed (or would exceed maxWaitMs). */
export class RateLimitedError extends GitHubSourceError {
  constructor(
    readonly resetAt: Date,
    readonly kind: "primary" | "secondary",
    options?: { cause?: unknown },
  ) {
    super(
      `GitHub ${kind} rate limit reached; the budget resets at ${resetAt.toISOString()}. Retry after that, or spread the work over more tokens.`,
      options,
    );
  }
}

/** The repository no longer exists under its name or id (deleted, or renamed beyond what GitHub redirects). */
export class RepositoryGoneError extends GitHubSourceError {
  constructor(readonly fullName: string, options?: { cause?: unknown }) {
    super(`Repository ${fullName} is gone (not found by name or id); its stored data is kept.`, options);
  }
}

/** GitHub blocks access to the repository (HTTP 451, DMCA or a policy block). */
export class RepositoryBlockedError extends GitHubSourceError {
  constructor(readonly fullName: string, options?: { cause?: unknown }) {
    super(`Repository ${fullName} is blocked by GitHub (HTTP 451 / "Repository access blocked"); it cannot be scanned.`, options);
  }
}

/** GitHub answered in a way this code does not understand (5xx after retries, malformed data). */
export class GitHubApiError extends GitHubSourceError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

interface HttpLikeError {
  status?: number;
  message?: string;
  response?: { headers?: Record<string, string | number | undefined>; data?: unknown };
}

function asHttpError(error: unknown): HttpLikeError {
  return typeof error === "object" && error !== null ? (error as HttpLikeError) : {};
}

/** Maps an octokit error for a whole request into the error types above. */
export function classifyRequestError(error: unknown, context: string): GitHubSourceError {
  if (error instanceof GitHubSourceError) return error;
  const http = asHttpError(error);
  const message = http.message ?? String(error);
  const headers = http.response?.headers ?? {};
  if (http.status === 401) return new AccessDeniedError(401, message, { cause: error });
  if ((http.status === 403 || http.status === 429) && (headers["x-ratelimit-remaining"] === "0" || /rate limit/i.test(message))) {
    const reset = Number(headers["x-ratelimit-reset"]);
    const resetAt = Number.isFinite(reset) && reset > 0 ? new Date(reset * 1000) : new Date(Date.now() + 60_000);
    return new RateLimitedError(resetAt, /secondary/i.test(message) ? "secondary" : "primary", { cause: error });
  }
  if (http.status === 403) return new AccessDeniedError(403, message, { cause: error });
  return new GitHubApiError(`${context}: ${message}`, { cause: error });
}
