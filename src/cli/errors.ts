// Errors the CLI turns into one clear line and a non-zero exit code (no stack unless --debug).
export class CliError extends Error {
  override name = "CliError";
  exitCode = 1;

  constructor(message: string, options?: { cause?: unknown; exitCode?: number }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    if (options?.exitCode !== undefined) this.exitCode = options.exitCode;
  }
}

/** Exit code for bad usage (unknown flag, bad argument), as commander uses. */
export const USAGE_EXIT_CODE = 2;
