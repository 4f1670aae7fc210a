// One error type per failure a person asking for a report can act on.

/** The cohort named does not exist (or holds no public repository). List cohorts with /api/v1/cohorts. */
export class UnknownCohortError extends Error {
  override name = "UnknownCohortError";
  constructor(readonly cohort: string) {
    super(`unknown cohort "${cohort}": create it with the crawler first (agent-census crawl), or check the name`);
  }
}

/** A month argument that is not "YYYY-MM", or a range that ends before it starts. */
export class InvalidMonthRangeError extends Error {
  override name = "InvalidMonthRangeError";
}

/** Nothing to report: no active repository in the scope in any month of the range. */
export class EmptyReportError extends Error {
  override name = "EmptyReportError";
}

/** A review.csv that cannot be read back: a missing column, a verdict that is not yes or no. */
export class InvalidReviewFileError extends Error {
  override name = "InvalidReviewFileError";
}
