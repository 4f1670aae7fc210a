// The dashboard's browser scripts: vega, vega-lite and vega-embed's own browser builds, served
// from node_modules (no CDN: the dashboard works without internet, like the report).

import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);

/** URL file name → package and its browser build. */
const browserBuilds: Record<string, { pkg: string; file: string }> = {
  "vega.min.js": { pkg: "vega", file: "build/vega.min.js" },
  "vega-lite.min.js": { pkg: "vega-lite", file: "build/vega-lite.min.js" },
  "vega-embed.min.js": { pkg: "vega-embed", file: "build/vega-embed.min.js" },
};

export const scriptAssets = Object.keys(browserBuilds);

const cache = new Map<string, Promise<string>>();

function packageDir(pkg: string): string {
  // package.json may not be exported; the main entry's folder walks up to the package root.
  const entry = require.resolve(pkg);
  let dir = dirname(entry);
  while (!dir.endsWith(`node_modules/${pkg}`) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

/** The script's text, or null for a name that is not one of ours. */
export function readScriptAsset(name: string): Promise<string> | null {
  const build = browserBuilds[name];
  if (!build) return null;
  let text = cache.get(name);
  if (!text) {
    text = readFile(join(packageDir(build.pkg), build.file), "utf8");
    cache.set(name, text);
  }
  return text;
}
