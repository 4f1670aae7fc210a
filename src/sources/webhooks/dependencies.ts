// What the webhook handlers are given: the store to write, the queue to hand slow work to, and
// the GitHub host repositories are stored under (github.com or a GHES host).
import type { AppJobs } from "../../jobs/app-jobs.js";
import type { Database } from "../../store/index.js";

export interface WebhookDependencies {
  database: Database;
  jobs: AppJobs;
  /** "github.com", or the GHES host name (from GHE_HOST). */
  host: string;
}

/** The delivery was not the shape GitHub documents; answered with an error and logged. */
export class MalformedPayloadError extends Error {
  override name = "MalformedPayloadError";
  constructor(event: string, missing: string) {
    super(`malformed ${event} payload: ${missing} is missing or invalid`);
  }
}
