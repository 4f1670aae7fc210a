// The public web surface — dashboard pages, the JSON API under /api/v1 and badges — as one
// plain Node request handler. The Probot app mounts it with addHandler; tests mount it on a
// bare node:http server. It answers false for paths that are not its own.

import type { IncomingMessage, ServerResponse } from "node:http";
import Router from "find-my-way";
import type { Database } from "../../store/index.js";
import { EmptyReportError, InvalidMonthRangeError, UnknownCohortError } from "../errors.js";
import { listCohortNames, listCohorts } from "../read/cohorts.js";
import { listPublicRepositories } from "../read/public-repositories.js";
import { precisionFigures } from "../figures/precision.js";
import { agentView, listAgentInfo } from "../views/agent.js";
import { ecosystemView } from "../views/ecosystem.js";
import { parseViewQuery } from "../views/range.js";
import { repositoryView } from "../views/repository.js";
import { apiIndex, agentsSummary } from "./api.js";
import { readScriptAsset } from "./assets.js";
import { badgeSvg } from "./badge.js";
import { openApiDocument } from "./openapi.js";
import { agentPage, agentsIndexPage } from "./pages/agent.js";
import { ecosystemPage } from "./pages/ecosystem.js";
import { repositoriesIndexPage, repositoryPage } from "./pages/repository.js";
import { badRequest, notFound, sendHtml, sendJson, sendSvg } from "./respond.js";

export interface PublicRoutesOptions {
  /** The clock (badges' 90-day window, default month ranges); tests pass a fixed one. */
  now?: () => Date;
  /** HTML shown at the top of every dashboard page (the app's "not connected to GitHub yet"). */
  banner?: string;
}

export type PublicRequestHandler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

type Params = Record<string, string | undefined>;
type Route = (req: IncomingMessage, res: ServerResponse, params: Params, query: Params) => Promise<boolean>;

/** Keyset page size bounds for /api/v1/repos. */
const maxPageSize = 500;

function pageArgs(query: Params): { after: number; limit: number } | null {
  const after = query.after === undefined ? 0 : Number(query.after);
  const limit = query.limit === undefined ? 100 : Number(query.limit);
  if (!Number.isSafeInteger(after) || after < 0 || !Number.isSafeInteger(limit) || limit < 1 || limit > maxPageSize) return null;
  return { after, limit };
}

export function createPublicRoutes(database: Database, options: PublicRoutesOptions = {}): PublicRequestHandler {
  const now = options.now ?? (() => new Date());
  const sendPage = (res: ServerResponse, html: string) => sendHtml(res, options.banner ? html.replace("</nav>", `</nav>\n${options.banner}`) : html);
  const router = Router({ ignoreTrailingSlash: true });
  const routes = new Map<string, Route>();
  const get = (path: string, route: Route) => {
    routes.set(path, route);
    router.on("GET", path, () => undefined, { path });
  };

  // Dashboard pages.
  get("/", async (_req, res, _params, query) => {
    const view = await ecosystemView(database, parseViewQuery(query, now()));
    return sendPage(res, ecosystemPage(view, await listCohortNames(database)));
  });
  get("/agents", async (_req, res) => sendPage(res, agentsIndexPage(listAgentInfo())));
  get("/agents/:agent", async (_req, res, params, query) => {
    const view = await agentView(database, params.agent ?? "", parseViewQuery(query, now()));
    return view ? sendPage(res, agentPage(view, await listCohortNames(database))) : notFound(res, "html");
  });
  get("/repos", async (_req, res, _params, query) => {
    const page = pageArgs(query);
    if (!page) return badRequest(res, "html", `after must be a repository id and limit 1–${maxPageSize}`);
    return sendPage(res, repositoriesIndexPage(await listPublicRepositories(database, page.after, page.limit)));
  });
  get("/repos/:owner/:name", async (_req, res, params, query) => {
    const view = await repositoryView(database, params.owner ?? "", params.name ?? "", now(), query.host);
    return view ? sendPage(res, repositoryPage(view)) : notFound(res, "html");
  });

  // Badges: the same 404 for a private repository as for one that does not exist.
  get("/badge/:owner/:file", async (_req, res, params, query) => {
    const file = params.file ?? "";
    if (!file.endsWith(".svg")) return notFound(res, "svg");
    const view = await repositoryView(database, params.owner ?? "", file.slice(0, -".svg".length), now(), query.host);
    return view ? sendSvg(res, badgeSvg(view.last90Days)) : notFound(res, "svg");
  });

  // Browser builds of the charting library.
  get("/assets/:file", async (_req, res, params) => {
    const script = readScriptAsset(params.file ?? "");
    if (!script) return notFound(res, "html");
    res.writeHead(200, { "content-type": "text/javascript; charset=utf-8", "cache-control": "max-age=86400" }).end(await script);
    return true;
  });

  // The JSON API: the same views the pages render.
  get("/api/v1", async (_req, res) => sendJson(res, apiIndex));
  get("/api/v1/openapi.json", async (_req, res) => sendJson(res, openApiDocument));
  get("/api/v1/cohorts", async (_req, res) => sendJson(res, { cohorts: await listCohorts(database) }));
  get("/api/v1/share", async (_req, res, _params, query) => {
    const view = await ecosystemView(database, parseViewQuery(query, now()), 0);
    return sendJson(res, { query: view.query, cohort: view.cohort, repositories: view.repositories, headline: view.headline, months: view.months });
  });
  get("/api/v1/adoption", async (_req, res, _params, query) => {
    const view = await ecosystemView(database, parseViewQuery(query, now()), 0);
    return sendJson(res, { query: view.query, cohort: view.cohort, ...view.measures });
  });
  get("/api/v1/signals", async (_req, res) => {
    const view = await precisionFigures(database, { publicOnly: true });
    return sendJson(res, view);
  });
  get("/api/v1/agents", async (_req, res, _params, query) => {
    const view = await ecosystemView(database, parseViewQuery(query, now()), 0);
    return sendJson(res, { query: view.query, agents: agentsSummary(listAgentInfo(), view.months) });
  });
  get("/api/v1/agents/:agent", async (_req, res, params, query) => {
    const view = await agentView(database, params.agent ?? "", parseViewQuery(query, now()));
    return view ? sendJson(res, view) : notFound(res, "json");
  });
  get("/api/v1/repos", async (_req, res, _params, query) => {
    const page = pageArgs(query);
    if (!page) return badRequest(res, "json", `after must be a repository id and limit 1–${maxPageSize}`);
    return sendJson(res, await listPublicRepositories(database, page.after, page.limit));
  });
  get("/api/v1/repos/:owner/:name", async (_req, res, params, query) => {
    const view = await repositoryView(database, params.owner ?? "", params.name ?? "", now(), query.host);
    return view ? sendJson(res, view) : notFound(res, "json");
  });

  return async (req, res) => {
    if (req.method !== "GET" && req.method !== "HEAD") return false;
    const found = router.find("GET", req.url ?? "/");
    if (!found) return false;
    const route = routes.get((found.store as { path: string }).path);
    if (!route) return false;
    const kind = (req.url ?? "").startsWith("/api/") ? "json" : "html";
    try {
      return await route(req, res, found.params, found.searchParams);
    } catch (error) {
      // A bad query is the caller's to fix; an unknown cohort is a 404 like any unknown page.
      if (error instanceof InvalidMonthRangeError) return badRequest(res, kind, error.message);
      if (error instanceof UnknownCohortError) return kind === "json" ? sendJson(res, { error: error.message }, 404) : notFound(res, "html");
      if (error instanceof EmptyReportError) return badRequest(res, kind, error.message);
      throw error;
    }
  };
}
