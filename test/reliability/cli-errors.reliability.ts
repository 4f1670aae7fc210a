// Bad flags, bad environment, an unreachable database and a wrong token: the real CLI (spawned)
// answers each with one line that says what to do, a non-zero exit and no stack trace unless
// --debug. Also a hostile `.github/agent-census.yml`: the org's mistake is one clear warning.
import { parse as parseYaml } from "yaml";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OrgConfigError, parseOrgConfig } from "../../src/jobs/org-report-config.js";
import { runOrgReport } from "../../src/jobs/org-report-job.js";
import { addSyntheticRepositories, MockWorld, startMockGitHub, type MockGitHub } from "../support/mock-github/index.js";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";
import { runCli, type CliRun } from "./support/cli.js";
import { recordFigures } from "./support/figures.js";

const AREA = "bad input: CLI and config";
const STACK_LINE = /^\s+at .+[:(]/m;
/** Lines commander or the CLI add after the message to point at help. */
const HINT = /^\((add --help for usage|run with --debug for details)\)$/;

interface BadRun {
  name: string;
  args: string[];
  env?: Record<string, string>;
  /** Words the one line must contain: what went wrong or what to do. */
  says: RegExp;
}

let mock: MockGitHub;
let target = "";

beforeAll(async () => {
  const world = new MockWorld();
  const [repository] = addSyntheticRepositories(world, { repositories: 1, commitsPerRepository: 3, owner: "acme" });
  target = `${repository!.owner}/${repository!.name}`;
  mock = await startMockGitHub({ world, tokens: ["the-right-token"] });
});
afterAll(async () => {
  await mock?.close();
});

const base = { DATA_DIR: "memory://", CACHE_DIR: "/tmp/agent-census-reliability-cache" };
const unreachable = "postgres://root@127.0.0.1:1/x";

function cases(): BadRun[] {
  return [
    { name: "unknown command", args: ["frobnicate"], says: /unknown command/i },
    { name: "unknown flag", args: ["scan", "acme/x", "--nope"], says: /unknown option '--nope'/ },
    { name: "missing argument", args: ["scan"], says: /missing required argument/i },
    { name: "bad --since", args: ["scan", "acme/x", "--no-store", "--since", "last tuesday"], env: { GITHUB_TOKEN: "t" }, says: /--since.*date like/ },
    { name: "neither repo, URL nor folder", args: ["scan", "no/such/folder"], says: /neither owner\/repo, a git URL, nor an existing folder/ },
    { name: "GitHub scan without a token", args: ["scan", "acme/x", "--no-store"], says: /GITHUB_TOKEN/ },
    { name: "bad PORT", args: ["migrate"], env: { PORT: "eighty" }, says: /PORT/ },
    { name: "bad LOG_LEVEL", args: ["migrate"], env: { LOG_LEVEL: "loud" }, says: /LOG_LEVEL/ },
    { name: "bad BACKFILL_SINCE", args: ["migrate"], env: { BACKFILL_SINCE: "yesterday" }, says: /BACKFILL_SINCE/ },
    { name: "unreachable database (migrate)", args: ["migrate"], env: { DATABASE_URL: unreachable }, says: /DATABASE_URL/ },
    { name: "unreachable database (scan)", args: ["scan", ".", "--since", "2026-01-01"], env: { DATABASE_URL: unreachable }, says: /DATABASE_URL/ },
    { name: "wrong token", args: ["scan", target, "--no-store"], env: { GITHUB_TOKEN: "a-wrong-token", GITHUB_API_URL: mock.url }, says: /token|credentials/i },
    { name: "crawl without a cohort", args: ["crawl"], env: { DATABASE_URL: unreachable }, says: /.+/ },
  ];
}

/** The message lines, without the help hints. */
function messageLines(run: CliRun): string[] {
  return run.stderr
    .trim()
    .split("\n")
    .filter((line) => line.trim() !== "" && !HINT.test(line.trim()));
}

/** Spawns in small batches: each CLI start loads the whole app. */
async function runAll<T>(items: T[], run: (item: T) => Promise<CliRun>, batch = 4): Promise<CliRun[]> {
  const out: CliRun[] = [];
  for (let i = 0; i < items.length; i += batch) out.push(...(await Promise.all(items.slice(i, i + batch).map(run))));
  return out;
}

describe("the CLI on bad input", () => {
  it("answers every bad flag, environment, database and token with one line, a non-zero exit and no stack", async () => {
    const all = cases();
    const runs = await runAll(all, (c) => runCli(c.args, { ...base, ...c.env }));
    const problems: string[] = [];
    all.forEach((c, index) => {
      const run = runs[index]!;
      const lines = messageLines(run);
      if (run.code === 0 || run.code === null) problems.push(`${c.name}: exit ${run.code} ${run.signal ?? ""}`);
      if (STACK_LINE.test(run.stderr)) problems.push(`${c.name}: stack trace without --debug`);
      if (lines.length !== 1) problems.push(`${c.name}: ${lines.length} lines: ${JSON.stringify(lines.slice(0, 4))}`);
      if (!c.says.test(lines.join(" "))) problems.push(`${c.name}: does not say ${c.says}: ${JSON.stringify(lines[0] ?? "")}`);
    });
    recordFigures(AREA, "CLI", { badInputsTried: all.length });
    expect(problems).toEqual([]);
  });

  it("prints the stack with --debug", async () => {
    const debugRuns: Array<{ args: string[]; env: Record<string, string> }> = [
      { args: ["--debug", "migrate"], env: { DATABASE_URL: unreachable } },
      { args: ["--debug", "scan", target, "--no-store"], env: { GITHUB_TOKEN: "a-wrong-token", GITHUB_API_URL: mock.url } },
    ];
    const runs = await runAll(
      debugRuns,
      (c) => runCli(c.args, { ...base, ...c.env }),
    );
    for (const run of runs) {
      expect(run.code).not.toBe(0);
      expect(run.stderr).toMatch(STACK_LINE);
    }
    recordFigures(AREA, "CLI --debug", { badInputsTried: runs.length });
  });

  it("every subcommand the README names answers --help", async () => {
    const commands = ["scan", "crawl", "worker", "report", "migrate", "start", "agents", "detect"];
    const runs = await runAll(commands, (command) => runCli([command, "--help"], base));
    const missing = commands.filter((_, index) => runs[index]!.code !== 0);
    expect(missing, "subcommands not wired into src/cli/main.ts").toEqual([]);
  });
});

describe("a bad .github/agent-census.yml", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(async () => {
    await database?.cleanup();
  });

  const hostileYaml = [
    "report: [",
    "report:\n  repository: 42",
    "report:\n  repository: other-org/reports",
    "report:\n  repository: acme/reports\n  schedule: hourly",
    "report:\n  repository: acme/reports\n  surprise: true",
    "reports:\n  repository: acme/reports",
    "report: null",
    "- a\n- list",
    "just a string",
    "report:\n  repository: acme/reports\n  title: ''",
    "&a [*a]",
    "report:\n  repository: \"acme/\\u0000\"",
    `report:\n  repository: acme/${"x".repeat(100_000)}`,
  ];

  it("parses or rejects any content with one OrgConfigError line naming the file", () => {
    const contents = [...hostileYaml.flatMap((text) => {
      try {
        return [parseYaml(text) as unknown];
      } catch {
        return [];
      }
    }), ...fc.sample(fc.anything(), { numRuns: 300, seed: 8 })];
    for (const content of contents) {
      try {
        parseOrgConfig(content, "acme", ".github/agent-census.yml");
      } catch (error) {
        expect(error).toBeInstanceOf(OrgConfigError);
        const message = (error as Error).message;
        expect(message).toMatch(/^acme\/\.github \.github\/agent-census\.yml is invalid: /);
        expect(message.split("\n")).toHaveLength(1);
      }
    }
    recordFigures(AREA, "org config content", { badInputsTried: contents.length });
  });

  it("the org report job answers an unparseable or invalid file with one warning and no write", async () => {
    const warnings: string[] = [];
    const writes: string[] = [];
    for (const text of hostileYaml) {
      const octokit = {
        config: {
          async get() {
            const config = parseYaml(text) as unknown; // throws on bad YAML, as Probot's config plugin does
            return { config, files: [{ owner: "acme", repo: ".github", path: ".github/agent-census.yml", config }] };
          },
        },
        async request(route: string, parameters: { owner?: string; repo?: string }) {
          if (route.startsWith("GET /repos/")) {
            // As GitHub: only the org's real repository exists.
            if (`${parameters.owner}/${parameters.repo}` === "acme/reports") return { data: { private: true } };
            throw Object.assign(new Error("Not Found"), { status: 404 });
          }
          writes.push(route);
          return { data: { number: 1 } };
        },
        async paginate() {
          return [];
        },
      };
      const dependencies = {
          database,
          octokitFor: async () => octokit as never,
          appOctokit: async () => octokit as never,
          jobs: {} as never,
          log: { info: () => {}, debug: () => {}, error: (...args: unknown[]) => void warnings.push(`ERROR ${JSON.stringify(args)}`), warn: (_fields: unknown, message: string) => void warnings.push(message) },
      } as unknown as Parameters<typeof runOrgReport>[1];
      const outcome = await runOrgReport({ installationId: 9, account: "acme" } as Parameters<typeof runOrgReport>[0], dependencies).catch((error: unknown) => `threw ${String(error)}`);
      if (text.startsWith("report:\n  repository: acme/reports\n  title") || text === "report: null") continue; // valid or empty
      expect(outcome, text).toMatch(/invalid-config|not-configured/);
    }
    expect(writes.filter((route) => route.startsWith("POST") || route.startsWith("PATCH"))).toEqual([]);
    // Each warning names the file in its first line (a YAML syntax error then quotes the bad line
    // with a caret, as the config plugin's parser words it; pino keeps it one JSON log line).
    expect(warnings.length).toBeGreaterThanOrEqual(hostileYaml.length - 2);
    for (const warning of warnings) expect(warning.split("\n")[0], warning).toMatch(/^acme\/\.github \.github\/agent-census\.yml( is invalid| cannot be read|: report\.repository)/);
    recordFigures(AREA, "org config file", { badInputsTried: hostileYaml.length });
  });
});
