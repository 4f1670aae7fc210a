// The dashboard as a person sees it: real headless Chromium (Debian's chromium package, driven by
// playwright-core) loads the pages, the charts render in the browser, and their text shows the
// seeded figures. Screenshots land in test-output/screenshots/ (kept by CI).

import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";
import { startPublicServer, type TestServer } from "./server.js";
import { cohortName, seedNow, seedPublishWorld } from "./seed.js";

const chromiumPath = "/usr/bin/chromium";
const screenshots = "test-output/screenshots";
const hasChromium = existsSync(chromiumPath);
if (!hasChromium) console.warn(`browser test skipped: ${chromiumPath} is missing (apt-get install -y chromium)`);

let database: TestDatabase;
let server: TestServer;
let browser: Browser;

describe.skipIf(!hasChromium)("dashboard in headless Chromium", () => {
  beforeAll(async () => {
    database = await openTestDatabase();
    await seedPublishWorld(database);
    server = await startPublicServer(database, { now: () => seedNow });
    browser = await chromium.launch({
      executablePath: chromiumPath,
      headless: true,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    await mkdir(screenshots, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await database?.cleanup();
  });

  async function open(path: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    // Nothing may be fetched from outside the test server (no CDN, no fonts).
    page.on("request", (request) => {
      if (!request.url().startsWith(server.url) && !request.url().startsWith("data:")) errors.push(`external request ${request.url()}`);
    });
    await page.goto(`${server.url}${path}`);
    await page.waitForSelector("body[data-charts-rendered=true]", { timeout: 20_000 });
    expect(errors).toEqual([]);
    return page;
  }

  const chartText = (page: Page, id: string) => page.locator(`#chart-${id} svg`).first().textContent();

  it("the ecosystem page draws the cohort's monthly share with its figures and hover values", async () => {
    const page = await open(`/?cohort=${cohortName}&from=2025-10&to=2026-01`);
    const share = (await chartText(page, "share")) ?? "";
    for (const label of ["20.0%", "40.0%", "60.0%", "Oct 2025", "Jan 2026"]) expect(share).toContain(label);
    expect(await page.locator(".headline").textContent()).toContain("was 20.0% (1 of 5) in Oct 2025 and 60.0% (3 of 5) in Jan 2026: too few active repositories to tell");
    expect((await chartText(page, "agents")) ?? "").toContain("Claude Code");
    expect((await chartText(page, "assistants")) ?? "").toContain("CodeRabbit");

    // Hovering a point of the headline line shows its value and denominator.
    const points = page.locator("#chart-share svg .mark-symbol path");
    let tooltip = "";
    for (let i = 0; i < (await points.count()) && !tooltip.includes("3 of 5 active repos"); i += 1) {
      await points.nth(i).hover({ force: true });
      tooltip = (await page.locator("#vg-tooltip-element").textContent()) ?? "";
    }
    expect(tooltip).toContain("60.0%");
    expect(tooltip).toContain("3 of 5 active repos");
    await page.screenshot({ path: `${screenshots}/ecosystem-cohort.png`, fullPage: true });
    await page.close();
  });

  it("choosing the population and month range redraws the charts", async () => {
    const page = await open(`/?cohort=${cohortName}&from=2025-10&to=2026-01`);
    await page.selectOption("select[name=cohort]", "");
    await page.fill("input[name=from]", "2025-12");
    await Promise.all([page.waitForURL(/from=2025-12/), page.click("form.range button")]);
    await page.waitForSelector("body[data-charts-rendered=true]");
    const share = (await chartText(page, "share")) ?? "";
    expect(share).toContain("Dec 2025");
    expect(share).not.toContain("Oct 2025");
    // All public repositories in Jan: 4 of 6 (the cohort's 3 plus the installed Cursor repository).
    expect(share).toContain("66.7%");
    await page.screenshot({ path: `${screenshots}/ecosystem-public.png`, fullPage: true });
    await page.close();
  });

  it("the change, first seen, retention, intensity and per-signal precision render, each section screenshotted", async () => {
    const page = await open(`/?cohort=${cohortName}&from=2025-10&to=2026-02`);
    const change = (await page.locator("#change").textContent()) ?? "";
    expect(change).toContain("Change between Oct 2025 and Feb 2026");
    expect(change).toContain("(Newcombe)");
    expect(change).toContain("too few to tell");
    // First seen: bars of 1, 0, 1, 1, 0 new adopters; hovering one shows its count and denominator.
    const bars = page.locator("#chart-first-seen svg .mark-rect path");
    expect(await bars.count()).toBe(5);
    await bars.first().hover({ force: true });
    expect((await page.locator("#vg-tooltip-element").textContent()) ?? "").toContain("1 new adopters (5 active repos)");
    const intensity = (await chartText(page, "intensity")) ?? "";
    for (const label of ["median", "75th percentile", "90th percentile"]) expect(intensity).toContain(label);
    const retention = (await page.locator("#retention table").textContent()) ?? "";
    expect(retention).toContain("again within 6 months");
    expect(retention).toContain("— (window not closed)");
    await page.locator("#methodology-details summary, details:has(h3) > summary").last().click();
    expect((await page.locator("h3:has-text('Per-signal precision') + p").textContent()) ?? "").toContain("Wilson interval");
    for (const id of ["change", "first-seen", "retention", "intensity"]) {
      await page.locator(`#${id}`).screenshot({ path: `${screenshots}/section-${id}.png` });
    }
    await page.screenshot({ path: `${screenshots}/ecosystem-beyond-the-share.png`, fullPage: true });
    await page.close();
  });

  it("a month without an active repository is a gap in the chart and — in the table, not 0%", async () => {
    const page = await open(`/?cohort=${cohortName}&from=2025-10&to=2026-04`);
    // Two series (lower and upper bound) with a point in each of the 5 months with data: none for Mar or Apr.
    expect(await page.locator("#chart-share svg .mark-symbol.role-mark path").count()).toBe(10);
    const table = (await page.locator("#share details table").textContent()) ?? "";
    expect(table).toContain("Apr 2026");
    expect(table).toContain("—");
    expect((await chartText(page, "share")) ?? "").not.toMatch(/(^|[^0-9])0\.0%/);
    await page.locator("#share").screenshot({ path: `${screenshots}/section-share-with-empty-months.png` });
    await page.close();
  });

  it("an agent page and a repository page draw their charts and the badge", async () => {
    const agent = await open("/agents/claude-code?from=2025-10&to=2026-01");
    const agentChart = (await chartText(agent, "agent")) ?? "";
    // Oct: alpha of 5 active public repositories; Jan: alpha's trailers and gamma's CLAUDE.md, of 6.
    expect(agentChart).toContain("20.0%");
    expect(agentChart).toContain("33.3%");
    await agent.screenshot({ path: `${screenshots}/agent-claude-code.png`, fullPage: true });
    await agent.close();

    const repo = await open("/repos/openproj/alpha-lib");
    const bars = (await chartText(repo, "commits")) ?? "";
    expect(bars).toContain("agent commits");
    const badgeWidth = await repo.locator("img[alt='agent commits badge']").evaluate((img: HTMLImageElement) => img.naturalWidth);
    expect(badgeWidth).toBeGreaterThan(50);
    await repo.screenshot({ path: `${screenshots}/repo-alpha-lib.png`, fullPage: true });
    await repo.close();
  });

  it("an empty store, served before the app is registered, shows the banner and what to do instead of a blank chart", async () => {
    const empty = await openTestDatabase();
    const banner = '<aside class="banner" role="status"><strong>Not connected to GitHub yet.</strong> <a href="/probot">Register the app</a>.</aside>';
    const bare = await startPublicServer(empty, { now: () => seedNow, banner });
    try {
      const page = await browser.newPage({ viewport: { width: 1100, height: 700 } });
      await page.goto(`${bare.url}/`);
      await expect(page.locator("aside.banner").textContent()).resolves.toContain("Not connected to GitHub yet");
      await expect(page.locator(".empty-state").textContent()).resolves.toContain("agent-census scan");
      expect(await page.locator(".chart").count()).toBe(0);
      await page.screenshot({ path: `${screenshots}/empty-store-with-banner.png`, fullPage: true });
      await page.close();
    } finally {
      await bare.close();
      await empty.cleanup();
    }
  });
});
