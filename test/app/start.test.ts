// `agent-census start` as a user runs it (`npm start`): Probot's setup flow without credentials,
// the app on the embedded database with them.
import { spawn, type ChildProcess } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parse } from "yaml";

const ROOT = resolve(import.meta.dirname, "../..");

async function freePort(): Promise<number> {
  const probe = createServer();
  const port = await new Promise<number>((done) => probe.listen(0, "127.0.0.1", () => done((probe.address() as AddressInfo).port)));
  await new Promise((done) => probe.close(done));
  return port;
}

function startCli(env: Record<string, string>): ChildProcess & { output: () => string } {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(APP_ID|PRIVATE_KEY|PRIVATE_KEY_PATH|WEBHOOK_SECRET|DATABASE_URL|GHE_HOST|WEBHOOK_PROXY_URL)$/.test(key)));
  const child = spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", "start"], { cwd: ROOT, env: { ...clean, NO_SMEE_SETUP: "true", LOG_LEVEL: "info", ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return Object.assign(child, { output: () => output });
}

async function waitFor(url: string, child: ReturnType<typeof startCli>, timeoutMs = 90_000): Promise<Response> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`start exited with ${child.exitCode}: ${child.output()}`);
    try {
      return await fetch(url);
    } catch {
      await new Promise((done) => setTimeout(done, 300));
    }
  }
  throw new Error(`${url} never answered: ${child.output()}`);
}

describe("agent-census start", () => {
  let child: ReturnType<typeof startCli> | undefined;
  const folders: string[] = [];

  afterEach(() => {
    if (child?.exitCode === null && child.pid) process.kill(child.pid, "SIGKILL");
    child = undefined;
    for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  });

  it("without App credentials serves the dashboard with a banner, and Probot's setup flow at /probot with the least-privilege manifest from app.yml", async () => {
    const port = await freePort();
    const dataDir = mkdtempSync(join(tmpdir(), "agent-census-setup-"));
    folders.push(dataDir);
    child = startCli({ PORT: String(port), DATA_DIR: dataDir });
    const home = await waitFor(`http://localhost:${port}/`, child);
    expect(home.status).toBe(200);
    const homeHtml = await home.text();
    expect(homeHtml).toContain("Not connected to GitHub yet");
    expect(homeHtml).toContain('href="/probot"');
    // An empty store says what to do instead of drawing an empty chart.
    expect(homeHtml).toContain("No public repository in the store yet");
    expect(homeHtml).toContain("agent-census scan");
    expect(homeHtml).not.toContain("vega-embed");
    expect((await fetch(`http://localhost:${port}/api/v1`)).status).toBe(200);
    expect((await fetch(`http://localhost:${port}/badge/nobody/nothing.svg`)).status).toBe(404);
    const page = await fetch(`http://localhost:${port}/probot`);
    expect(page.status).toBe(200);
    const html = await page.text();
    const manifest = JSON.parse(/id="manifest" value='([^']*)'/.exec(html)?.[1] ?? "{}") as Record<string, unknown>;
    const appYml = parse(readFileSync(join(ROOT, "app.yml"), "utf8")) as Record<string, unknown>;
    expect(manifest.default_permissions).toEqual({ metadata: "read", contents: "read", pull_requests: "read", issues: "write" });
    expect(manifest.default_permissions).toEqual(appYml.default_permissions);
    expect(manifest.default_events).toEqual(["push", "pull_request", "installation_repositories", "repository"]);
  });

  it("with credentials runs the app on the embedded database, migrated on boot, and stops cleanly", async () => {
    const port = await freePort();
    const dataDir = mkdtempSync(join(tmpdir(), "agent-census-start-"));
    folders.push(dataDir);
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048, privateKeyEncoding: { type: "pkcs1", format: "pem" }, publicKeyEncoding: { type: "spki", format: "pem" } });
    const secret = "start-test-webhook-secret";
    child = startCli({ PORT: String(port), APP_ID: "12345", PRIVATE_KEY: privateKey, WEBHOOK_SECRET: secret, DATA_DIR: dataDir });
    const api = await waitFor(`http://127.0.0.1:${port}/api/v1`, child);
    expect(api.status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${port}/ping`)).status).toBe(200);
    const exited = new Promise<number | null>((done) => child?.once("exit", (code) => done(code)));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    // Never log the key or the secret.
    expect(child.output()).not.toContain(secret);
    expect(child.output()).not.toContain("PRIVATE KEY");
  });
});
