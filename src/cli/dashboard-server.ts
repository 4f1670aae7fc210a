// The dashboard, /api/v1 and badges on a plain node:http server, for `agent-census serve` and for
// `npm start` before the GitHub App is registered. Read-only: it reads the store and nothing else.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createPublicRoutes } from "../publish/http/index.js";
import type { Database } from "../store/index.js";

export interface DashboardServerOptions {
  database: Database;
  port: number;
  host?: string;
  /** HTML at the top of every dashboard page. */
  banner?: string;
  /** Requests the dashboard does not answer go here first (Probot's setup pages); else 404. */
  fallback?: (req: IncomingMessage, res: ServerResponse) => boolean;
}

export interface DashboardServer {
  port: number;
  close(): Promise<void>;
}

export async function startDashboardServer(options: DashboardServerOptions): Promise<DashboardServer> {
  const routes = createPublicRoutes(options.database, options.banner ? { banner: options.banner } : {});
  const server = createServer((req, res) => {
    if (options.fallback?.(req, res)) return;
    routes(req, res)
      .then((handled) => {
        if (!handled) res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("not found\n");
      })
      .catch(() => {
        if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain; charset=utf-8" }).end("internal error\n");
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
