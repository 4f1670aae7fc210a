// Every repository the store can hold has a working page, badge and API route, whatever its name
// (issue 16: links to local clones such as /repos/uptrace%2Bbun/repo answered 404). The test fills a
// store with awkward names and follows every link from "/" to the end.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordScan, type Database, type RepositoryFacts } from "../../src/store/index.js";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";
import { startPublicServer, type TestServer } from "./server.js";

const now = new Date("2026-03-15T12:00:00Z");
const longName = `a${"-very-long-name".repeat(6)}`.slice(0, 100);

interface Seed {
  host: string;
  owner: string;
  name: string;
  visibility: RepositoryFacts["visibility"];
  githubId: number | null;
}

const seeds: Seed[] = [
  { host: "git", owner: "uptrace+bun", name: "repo", visibility: "public", githubId: null },
  { host: "github.com", owner: "socket.io", name: "engine.io-client", visibility: "public", githubId: 101 },
  { host: "git", owner: "src", name: "café-日本", visibility: "public", githubId: null },
  { host: "github.com", owner: "long-owner", name: longName, visibility: "public", githubId: 102 },
  // A local clone and a GitHub repository of the same name: two repositories, two pages.
  { host: "git", owner: "jqlang", name: "jq", visibility: "public", githubId: null },
  { host: "github.com", owner: "jqlang", name: "jq", visibility: "public", githubId: 103 },
  { host: "github.com", owner: "hidden-corp", name: "secret-vault", visibility: "private", githubId: 104 },
];

async function seed(database: Database): Promise<void> {
  for (const [index, repo] of seeds.entries()) {
    await recordScan(database, {
      repo: {
        githubId: repo.githubId,
        host: repo.host,
        owner: repo.owner,
        name: repo.name,
        url: repo.host === "git" ? `file:///home/ada/src/${repo.owner}/${repo.name}` : `https://github.com/${repo.owner}/${repo.name}`,
        visibility: repo.visibility,
        fork: false,
        archived: false,
        stars: 0,
        language: null,
        createdAt: null,
        pushedAt: null,
        defaultBranch: "main",
      },
      tracking: {},
      window: { since: new Date("2026-01-01T00:00:00Z") },
      mode: "window",
      head: `${index + 1}`.padEnd(40, "0"),
      commits: [
        {
          sha: `${index + 1}`.padEnd(40, "a"),
          committedAt: new Date("2026-02-10T12:00:00Z"),
          isMerge: false,
          evidence: index % 2 === 0 ? [{ agent: "claude-code", kind: "trailer", strength: "strong", matched: "Co-Authored-By: Claude <noreply@anthropic.com>" }] : [],
        },
      ],
      configFiles: [],
      pullRequests: [],
      cost: { graphqlPoints: 0, httpRequests: 0 },
      startedAt: now,
      finishedAt: now,
    });
  }
}

let database: TestDatabase;
let server: TestServer;

beforeAll(async () => {
  database = await openTestDatabase();
  await seed(database);
  server = await startPublicServer(database, { now: () => now });
});

afterAll(async () => {
  await server?.close();
  await database?.cleanup();
});

/** Every href and src on an HTML page that stays on this site. */
function links(html: string): string[] {
  return [...html.matchAll(/(?:href|src)="(\/[^"]*)"/g)].map((match) => match[1]!.replaceAll("&amp;", "&"));
}

describe("repositories with awkward names", () => {
  it("answers 200 for every link reachable from the dashboard, and reaches every public repository's page and badge", async () => {
    const seen = new Map<string, number>();
    const queue = ["/"];
    while (queue.length > 0 && seen.size < 400) {
      const path = queue.shift()!;
      if (seen.has(path)) continue;
      const response = await fetch(`${server.url}${path}`);
      seen.set(path, response.status);
      const type = response.headers.get("content-type") ?? "";
      const body = await response.text();
      if (type.includes("text/html")) for (const link of links(body)) if (!seen.has(link) && !link.startsWith("/probot")) queue.push(link);
    }
    const failed = [...seen].filter(([, status]) => status !== 200);
    expect(failed).toEqual([]);
    for (const repo of seeds.filter((s) => s.visibility === "public")) {
      const query = repo.host === "github.com" ? "" : `?host=${encodeURIComponent(repo.host)}`;
      const page = `/repos/${encodeURIComponent(repo.owner)}/${encodeURIComponent(repo.name)}${query}`;
      expect(seen.get(page), page).toBe(200);
      expect(seen.get(`/badge/${encodeURIComponent(repo.owner)}/${encodeURIComponent(repo.name)}.svg${query}`), `badge of ${page}`).toBe(200);
    }
  });

  it("serves the API for each of them, and tells the local clone from the GitHub repository of the same name", async () => {
    for (const repo of seeds.filter((s) => s.visibility === "public")) {
      const query = repo.host === "github.com" ? "" : `?host=${encodeURIComponent(repo.host)}`;
      const response = await fetch(`${server.url}/api/v1/repos/${encodeURIComponent(repo.owner)}/${encodeURIComponent(repo.name)}${query}`);
      expect(response.status, `${repo.host} ${repo.owner}/${repo.name}`).toBe(200);
      const body = (await response.json()) as { repository: { host: string; owner: string; name: string } };
      expect(body.repository).toMatchObject({ host: repo.host, owner: repo.owner, name: repo.name });
    }
  });

  it("answers the documented 404 for a private repository's page, badge and API route", async () => {
    for (const path of ["/repos/hidden-corp/secret-vault", "/badge/hidden-corp/secret-vault.svg", "/api/v1/repos/hidden-corp/secret-vault"]) {
      expect((await fetch(`${server.url}${path}`)).status, path).toBe(404);
    }
  });
});
