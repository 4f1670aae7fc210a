import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { catalog } from "../../src/agents/index.js";
import { catalogSignals } from "../../src/publish/audit/signals.js";
import { openApiDocument } from "../../src/publish/http/openapi.js";
import { buildReportFigures, writeReport } from "../../src/publish/report/index.js";
import type { MonthlyShareRow } from "../../src/store/index.js";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";
import { startPublicServer, type TestServer } from "./server.js";
import { cohortName, privateMarkers, privateRepos, publicRepos, seedNow, seedPublishWorld } from "./seed.js";

let database: TestDatabase;
let server: TestServer;

beforeAll(async () => {
  database = await openTestDatabase();
  await seedPublishWorld(database);
  server = await startPublicServer(database, { now: () => seedNow });
});

afterAll(async () => {
  await server?.close();
  await database?.cleanup();
});

async function get(path: string): Promise<{ status: number; type: string; body: string }> {
  const response = await fetch(`${server.url}${path}`);
  return { status: response.status, type: response.headers.get("content-type") ?? "", body: await response.text() };
}

const range = "from=2025-10&to=2026-01";

const signalIds = catalogSignals().map((s) => s.id).sort((a, b) => b.length - a.length);
const withoutCatalogSignalIds = (text: string) => signalIds.reduce((rest, id) => rest.replaceAll(id, ""), text);

describe("public API", () => {
  it("gives a cohort's monthly share over its public members only", async () => {
    const { status, body } = await get(`/api/v1/share?cohort=${cohortName}&${range}`);
    expect(status).toBe(200);
    const share = JSON.parse(body) as { months: MonthlyShareRow[]; repositories: number; headline: { ratio: number } };
    expect(share.repositories).toBe(5);
    expect(share.months.map((m) => m.activeRepos)).toEqual([5, 5, 5, 5]);
    expect(share.months.map((m) => m.withAgent.any.count)).toEqual([1, 1, 2, 3]);
    expect(share.headline.ratio).toBeCloseTo(3, 10);
  });

  it("the public scope adds public installed repositories", async () => {
    const share = JSON.parse((await get(`/api/v1/share?${range}`)).body) as { months: MonthlyShareRow[] };
    expect(share.months.at(-1)).toMatchObject({ activeRepos: 6, withAgent: { any: { count: 4 } } });
    expect(share.months.at(-1)!.perAgent.cursor?.count).toBe(1);
  });

  it("answers a bad range with 400 and an unknown cohort with 404", async () => {
    expect((await get("/api/v1/share?from=2026-01&to=2025-01")).status).toBe(400);
    expect((await get("/api/v1/share?from=oct")).status).toBe(400);
    expect((await get("/api/v1/share?cohort=nope")).status).toBe(404);
  });

  it("a public repository's detail holds its months, config files, pull requests and 90-day share", async () => {
    const detail = JSON.parse((await get("/api/v1/repos/openproj/gamma-docs")).body) as {
      repository: Record<string, unknown>;
      configFiles: Array<{ path: string }>;
    };
    expect(detail.repository).toMatchObject({ owner: "openproj", name: "gamma-docs" });
    expect(detail.repository).not.toHaveProperty("installationIds");
    expect(detail.configFiles.map((f) => f.path)).toEqual(["CLAUDE.md"]);
  });

  it("pages through public repositories by keyset", async () => {
    const first = JSON.parse((await get("/api/v1/repos?limit=4")).body) as { repositories: Array<{ name: string }>; next: number | null };
    expect(first.repositories).toHaveLength(4);
    expect(first.next).not.toBeNull();
    const second = JSON.parse((await get(`/api/v1/repos?limit=4&after=${first.next}`)).body) as typeof first;
    const names = [...first.repositories, ...second.repositories].map((r) => r.name).sort();
    expect(names).toEqual(publicRepos.map((r) => r.name).sort());
    expect(second.next).toBeNull();
  });

  it("leaves paths that are not its own to the next handler", async () => {
    expect((await get("/probot")).status).toBe(418);
    expect((await get("/api/github/webhooks")).status).toBe(418);
  });
});

describe("badges", () => {
  it("shows a public repository's agent-commit share over the last 90 days", async () => {
    const { status, type, body } = await get("/badge/openproj/alpha-lib.svg");
    expect(status).toBe(200);
    expect(type).toContain("image/svg+xml");
    // 90 days before 2026-02-15 is 2025-11-17: Dec, Jan and Feb's 4 commits each; 2 + 3 + 3 by Claude Code.
    expect(body).toContain("66.7%");
    expect(body).toContain("8 of 12 commits");
  });

  it("says so when a repository had no commits in 90 days", async () => {
    const { body } = await get("/badge/openproj/eta-archive.svg");
    expect(body).toContain("no commits");
  });
});

describe("privacy", () => {
  const notFoundPaths = (owner: string, name: string) => [`/badge/${owner}/${name}.svg`, `/repos/${owner}/${name}`, `/api/v1/repos/${owner}/${name}`];

  it("a private repository's badge, page and API answer exactly like a nonexistent one", async () => {
    for (const repo of privateRepos) {
      const missing = notFoundPaths("nobody", "does-not-exist");
      const hidden = notFoundPaths(repo.owner, repo.name);
      for (let i = 0; i < hidden.length; i += 1) {
        const [a, b] = [await get(hidden[i]!), await get(missing[i]!)];
        expect(a.status).toBe(404);
        expect(a).toEqual(b);
      }
    }
  });

  it("no page, API route or badge reachable from the dashboard shows a private name or figure", async () => {
    const seeds = [
      "/",
      `/?cohort=${cohortName}&${range}`,
      `/?${range}`,
      "/agents",
      "/repos",
      "/api/v1",
      "/api/v1/cohorts",
      `/api/v1/share?${range}`,
      `/api/v1/share?cohort=${cohortName}&${range}`,
      `/api/v1/adoption?${range}`,
      `/api/v1/adoption?cohort=${cohortName}&${range}`,
      "/api/v1/signals",
      `/api/v1/agents?${range}`,
      "/api/v1/repos?limit=500",
      ...catalog.map((a) => `/api/v1/agents/${a.id}?${range}`),
      ...publicRepos.flatMap((r) => [`/api/v1/repos/${r.owner}/${r.name}`, `/badge/${r.owner}/${r.name}.svg`]),
      ...privateRepos.flatMap((r) => notFoundPaths(r.owner, r.name)),
    ];
    const seen = new Set<string>();
    const queue = [...seeds];
    while (queue.length > 0) {
      const path = queue.shift()!;
      if (seen.has(path)) continue;
      seen.add(path);
      const { status, body } = await get(path);
      expect([200, 404], path).toContain(status);
      // The catalog's signal ids are public (the methodology lists those never reviewed); a
      // private repository's path or name outside them is what must never show.
      const text = withoutCatalogSignalIds(body);
      for (const marker of privateMarkers) expect(text, `${path} shows ${marker}`).not.toContain(marker);
      // Follow every same-site link and image on the dashboard's pages.
      for (const match of body.matchAll(/(?:href|src)="(\/[^"]*)"/g)) {
        const link = match[1]!.replace(/&amp;/g, "&");
        if (!link.startsWith("/assets/")) queue.push(link);
      }
    }
    expect(seen.size).toBeGreaterThan(catalog.length + publicRepos.length);
    expect([...seen]).toEqual(expect.arrayContaining(publicRepos.map((r) => `/repos/${r.owner}/${r.name}`)));
  });

  it("an agent only private repositories use shows no repositories and zero counts", async () => {
    const devin = JSON.parse((await get(`/api/v1/agents/devin?${range}`)).body) as { months: Array<{ count: number }>; repositories: unknown[] };
    expect(devin.months.map((m) => m.count)).toEqual([0, 0, 0, 0]);
    expect(devin.repositories).toEqual([]);
    const page = (await get(`/?${range}`)).body;
    expect(page).not.toContain("/agents/devin");
  });

  it("the public report carries no private name or figure", async () => {
    const dir = await mkdtemp(join(tmpdir(), "agent-census-public-report-"));
    try {
      await writeReport(await buildReportFigures(database, { scope: { kind: "public" }, from: "2025-10", to: "2026-02", now: seedNow }), dir);
      for (const name of await readdir(dir)) {
        const text = withoutCatalogSignalIds(await readFile(join(dir, name), "utf8"));
        // "devin" is the private repositories' only agent id (the methodology names Devin in prose).
        for (const marker of [...privateMarkers, "devin"]) expect(text, `${name} shows ${marker}`).not.toContain(marker);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("OpenAPI description", () => {
  it("docs/openapi.yaml is the document the API serves", async () => {
    const served = JSON.parse((await get("/api/v1/openapi.json")).body) as unknown;
    const file = parseYaml(await readFile("docs/openapi.yaml", "utf8")) as unknown;
    expect(served).toEqual(JSON.parse(JSON.stringify(openApiDocument)));
    expect(file, "regenerate docs/openapi.yaml from src/publish/http/openapi.ts").toEqual(served);
  });

  it("every documented path answers with its documented content type", async () => {
    for (const [template, item] of Object.entries(openApiDocument.paths)) {
      const path = template.replace("{agent}", "claude-code").replace("{owner}", "openproj").replace("{name}", "alpha-lib");
      const { status, type } = await get(path);
      expect(status, path).toBe(200);
      const documented = Object.keys(item.get.responses["200"].content);
      expect(documented.some((t) => type.startsWith(t)), `${path} answered ${type}`).toBe(true);
    }
  });
});
