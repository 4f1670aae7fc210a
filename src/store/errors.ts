// One error type per failure a caller can act on.

/** A write or read named a repository the store does not hold. Record a scan for it first. */
export class RepositoryNotFoundError extends Error {
  override name = "RepositoryNotFoundError";
  constructor(readonly ref: unknown) {
    super(`repository not found in the store: ${JSON.stringify(ref)} (record a scan of it first)`);
  }
}

/** A cohort is frozen: its definition cannot change. Create a cohort with a new name instead. */
export class CohortDefinitionConflictError extends Error {
  override name = "CohortDefinitionConflictError";
  constructor(readonly cohort: string) {
    super(`cohort "${cohort}" already exists with a different definition; cohorts are frozen, use a new name`);
  }
}

/** A scan or read named a cohort that was never created. */
export class CohortNotFoundError extends Error {
  override name = "CohortNotFoundError";
  constructor(readonly cohort: string) {
    super(`cohort "${cohort}" does not exist (create it with createCohort first)`);
  }
}

/** Input the store refuses (a bad month string, a git repository without a URL, …). */
export class InvalidStoreInputError extends Error {
  override name = "InvalidStoreInputError";
}
