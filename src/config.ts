// Every environment variable agent-census reads, parsed and validated in one place.
// Modules take plain options; only entry points (CLI, app) call loadConfig().
import { z } from "zod";

const optionalText = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === "" ? undefined : value.trim()));

const month = /^\d{4}-\d{2}(-\d{2})?$/;

const environmentSchema = z.object({
  DATABASE_URL: optionalText,
  DATA_DIR: z.string().default("./data"),
  CACHE_DIR: z.string().default("./.cache"),
  GITHUB_TOKEN: optionalText,
  GITHUB_TOKENS: optionalText,
  GITHUB_API_URL: optionalText,
  GHE_HOST: optionalText,
  GHE_PROTOCOL: optionalText,
  APP_ID: optionalText,
  PRIVATE_KEY: optionalText,
  PRIVATE_KEY_PATH: optionalText,
  WEBHOOK_SECRET: optionalText,
  LOG_LEVEL: z.enum(["trace", "debug", "info", "warn", "error", "fatal", "silent"]).default("info"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: optionalText,
  /** Months of commit-level facts to keep; when set, the app and crawl workers compact daily (docs/storage.md). */
  COMPACT_OLDER_THAN_MONTHS: optionalText.refine((value) => value === undefined || (/^\d+$/.test(value) && Number(value) >= 4), "COMPACT_OLDER_THAN_MONTHS must be a whole number of months, at least 4"),
  BACKFILL_SINCE: z
    .string()
    .regex(month, "BACKFILL_SINCE must be a date like 2025-10-01")
    .default("2025-10-01"),
});

export type Environment = z.infer<typeof environmentSchema>;

export interface Config {
  databaseUrl: string | undefined;
  dataDir: string;
  cacheDir: string;
  /** One or more GitHub tokens; the crawler spreads its rate budget across them. Never logged. */
  githubTokens: string[];
  /** REST base URL: GITHUB_API_URL, else derived from GHE_HOST, else undefined (github.com). */
  githubApiUrl: string | undefined;
  gheHost: string | undefined;
  logLevel: Environment["LOG_LEVEL"];
  port: number;
  host: string | undefined;
  backfillSince: Date;
  /** COMPACT_OLDER_THAN_MONTHS: the daily compaction's retention in months; undefined = no scheduled compaction. */
  compactOlderThanMonths: number | undefined;
  app: { appId: string | undefined; privateKey: string | undefined; privateKeyPath: string | undefined; webhookSecret: string | undefined };
}

export class ConfigError extends Error {
  override name = "ConfigError";
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = environmentSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ");
    throw new ConfigError(`bad environment: ${problems}`);
  }
  const e = parsed.data;
  const tokens = [...(e.GITHUB_TOKENS?.split(",") ?? []), ...(e.GITHUB_TOKEN ? [e.GITHUB_TOKEN] : [])]
    .map((token) => token.trim())
    .filter((token, index, all) => token.length > 0 && all.indexOf(token) === index);
  const protocol = e.GHE_PROTOCOL ?? "https";
  return {
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    cacheDir: e.CACHE_DIR,
    githubTokens: tokens,
    githubApiUrl: e.GITHUB_API_URL ?? (e.GHE_HOST ? `${protocol}://${e.GHE_HOST}/api/v3` : undefined),
    gheHost: e.GHE_HOST,
    logLevel: e.LOG_LEVEL,
    port: e.PORT,
    host: e.HOST,
    compactOlderThanMonths: e.COMPACT_OLDER_THAN_MONTHS === undefined ? undefined : Number(e.COMPACT_OLDER_THAN_MONTHS),
    backfillSince: new Date(`${e.BACKFILL_SINCE.length === 7 ? `${e.BACKFILL_SINCE}-01` : e.BACKFILL_SINCE}T00:00:00Z`),
    app: {
      appId: e.APP_ID,
      privateKey: e.PRIVATE_KEY,
      privateKeyPath: e.PRIVATE_KEY_PATH,
      webhookSecret: e.WEBHOOK_SECRET,
    },
  };
}
