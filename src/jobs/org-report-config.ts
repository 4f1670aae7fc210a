// The org's opt-in report settings, `.github/agent-census.yml` in its `.github` repository:
//
//   report:
//     repository: acme/engineering   # where the report issue lives (in the same org)
//     schedule: weekly               # daily | weekly | monthly
//
// Nothing is written into an org unless this file asks for it.
import { z } from "zod";

export const ORG_CONFIG_REPOSITORY = ".github";
export const ORG_CONFIG_PATH = ".github/agent-census.yml";

export const orgConfigSchema = z
  .object({
    report: z
      .object({
        repository: z
          .string({ error: "report.repository must be a repository name like acme/engineering" })
          .regex(/^[A-Za-z0-9][A-Za-z0-9-]*\/[A-Za-z0-9._-]+$/, "report.repository must look like owner/name, e.g. acme/engineering"),
        schedule: z.enum(["daily", "weekly", "monthly"], { error: 'report.schedule must be "daily", "weekly" or "monthly"' }).default("weekly"),
        title: z.string().min(1).max(200).optional(),
      })
      .strict(),
  })
  .partial()
  .strict();

export type OrgConfig = z.infer<typeof orgConfigSchema>;
export type ReportSettings = NonNullable<OrgConfig["report"]>;

/** The org's config file is invalid: the message says which key is wrong and how. */
export class OrgConfigError extends Error {
  override name = "OrgConfigError";
}

/** Parses the file's content; null when the org did not ask for a report. */
export function parseOrgConfig(content: unknown, account: string, path: string): ReportSettings | null {
  const parsed = orgConfigSchema.safeParse(content ?? {});
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => (issue.path.length > 0 ? `${issue.path.join(".")}: ${issue.message}` : issue.message)).join("; ");
    throw new OrgConfigError(`${account}/.github ${path} is invalid: ${problems}`);
  }
  const report = parsed.data.report;
  if (!report) return null;
  const [owner] = report.repository.split("/");
  // The installation's token reaches only this org, and a report never leaves the org.
  if (owner?.toLowerCase() !== account.toLowerCase()) {
    throw new OrgConfigError(`${account}/.github ${path} is invalid: report.repository must be a repository of ${account}, not ${report.repository}`);
  }
  return report;
}

const DAY_MS = 24 * 3600 * 1000;

/** Whether a report generated on `last` is due again at `now` under the schedule. */
export function reportIsDue(schedule: ReportSettings["schedule"], last: Date | null, now: Date): boolean {
  if (!last) return true;
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const days = Math.round((today - last.getTime()) / DAY_MS);
  if (schedule === "daily") return days >= 1;
  if (schedule === "weekly") return days >= 7;
  return last.getUTCFullYear() !== now.getUTCFullYear() || last.getUTCMonth() !== now.getUTCMonth();
}
