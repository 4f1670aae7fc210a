// Response helpers. notFound is deliberately one fixed body: a private repository's page or
// badge must be indistinguishable from one that does not exist.

import type { ServerResponse } from "node:http";

export function sendHtml(res: ServerResponse, html: string, status = 200): true {
  res.writeHead(status, { "content-type": "text/html; charset=utf-8", "cache-control": "no-cache" }).end(html);
  return true;
}

export function sendJson(res: ServerResponse, value: unknown, status = 200): true {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-cache" }).end(`${JSON.stringify(value, null, 2)}\n`);
  return true;
}

export function sendSvg(res: ServerResponse, svg: string): true {
  // Badges are fetched by GitHub's image proxy; a short cache keeps them near live.
  res.writeHead(200, { "content-type": "image/svg+xml; charset=utf-8", "cache-control": "max-age=300" }).end(svg);
  return true;
}

export function notFound(res: ServerResponse, kind: "html" | "json" | "svg"): true {
  if (kind === "json") return sendJson(res, { error: "not found" }, 404);
  res.writeHead(404, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-cache" }).end("not found\n");
  return true;
}

export function badRequest(res: ServerResponse, kind: "html" | "json", message: string): true {
  if (kind === "json") return sendJson(res, { error: message }, 400);
  res.writeHead(400, { "content-type": "text/plain; charset=utf-8" }).end(`${message}\n`);
  return true;
}
