// The emulator's console in a real browser: the demo stack applied with the real CLI, then the page at
// the emulator's root URL opened in headless Chromium. Every job of the stack is listed with its status,
// every result image loads, the controls reach the emulator, the page fits a laptop (1366 px) and a phone
// (420 px) without overflowing, and screenshots at both widths are saved for people to see.
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import type { Browser, Page } from "playwright-core";
import type { AdminJob, RunningEmulator } from "pulumi-aigc/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAigcStack, repoRoot, type TestStack } from "../../harness";
import { artifactPath, findChromium, launchChromium } from "../support/browser";
import { admin, startTestEmulator } from "../support/emulator";

const chromiumPath = findChromium();
const MISSING =
  "no Chromium found (PULUMI_AIGC_CHROMIUM, /usr/bin/chromium): install Debian's `chromium` package " +
  "(`apt-get install chromium`), as .ci/run does";

/** Each job id output of the demo stack, and the status word its vendor reports for a finished job. */
const JOBS: Record<string, string> = {
  ambassadorTaskId: "FINISH",
  jacketTryOnTaskId: "FINISH",
  jacketBannerTaskId: "FINISH",
  productShotTaskId: "FINISH",
  launchCoversJobId: "success",
  videoCoverJobId: "Success",
  portraitJobId: "FINISHED",
};
/** The demo stack's outputs that hold result image addresses. */
const IMAGE_OUTPUTS = [
  "jacketTryOnUrls",
  "jacketBannerUrls",
  "productShotUrls",
  "launchCoversUrls",
  "videoCoverUrls",
  "portraitImageUrls",
];

/**
 * The demo program (examples/media-pipeline) in a project of its own under the repository, as the root
 * Pulumi.yaml runs it: its packages resolve from the repository's node_modules, and its stack settings file
 * stays out of the example's directory. Its package.json comes along: without one, the Node.js runtime takes
 * the nearest one up the tree (the repository's) and runs that package's main instead.
 */
function demoProject(): string {
  const parent = path.join(repoRoot, ".pulumi-aigc", "e2e");
  fs.mkdirSync(parent, { recursive: true });
  const dir = fs.mkdtempSync(path.join(parent, "console-"));
  for (const file of ["Pulumi.yaml", "package.json", "index.ts", "tsconfig.json"]) {
    fs.copyFileSync(path.join(repoRoot, "examples", "media-pipeline", file), path.join(dir, file));
  }
  return dir;
}

if (!chromiumPath) {
  describe("the emulator console in Chromium", () => {
    if (process.env.CI === "true") {
      it("needs Chromium on CI", () => {
        throw new Error(MISSING);
      });
    } else {
      process.stderr.write(`[console.test] not run: ${MISSING}\n`);
      it.skip(`not run: ${MISSING}`, () => {});
    }
  });
} else {
  describe("the emulator console in Chromium", () => {
    let emu: RunningEmulator;
    let t: TestStack;
    let browser: Browser;
    let page: Page;
    let outputs: Record<string, unknown>;
    let project: string | undefined;
    /** Answers of 400 and above the page received while loading (a missing favicon was one). */
    const failedLoads: string[] = [];

    beforeAll(async () => {
      emu = await startTestEmulator({ jobLatencyMs: 800 });
      project = demoProject();
      t = await createAigcStack("console", emu, {
        projectDir: project,
        env: { PULUMI_NODEJS_TRANSPILE_ONLY: "true" },
      });
      const up = await t.stack.up();
      outputs = Object.fromEntries(Object.entries(up.outputs).map(([k, v]) => [k, v.value]));
      browser = await launchChromium(chromiumPath);
      page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
      page.on("response", (r) => {
        if (r.status() >= 400) failedLoads.push(`${r.status()} ${r.url()}`);
      });
      await page.goto(emu.url);
      await page.waitForSelector("body[data-ready=true]");
    });
    afterAll(async () => {
      await browser?.close();
      await t?.cleanup();
      if (project) fs.rmSync(project, { recursive: true, force: true });
      await emu?.close();
    });

    it("lists every job of the stack with the status its vendor reports", async () => {
      for (const [output, status] of Object.entries(JOBS)) {
        const id = String(outputs[output]);
        const row = page.locator(`#jobs tr[data-job-id="${id}"]`);
        await expect.poll(() => row.count(), { message: `${output} ${id}` }).toBe(1);
        expect(await row.getAttribute("data-status"), output).toBe(status);
        expect(await row.locator(".badge").textContent(), output).toBe(status);
      }
      const rows = await page.locator("#jobs tbody tr[data-job-id]").count();
      expect(rows).toBe(Object.keys(JOBS).length);
    });

    it("shows every result image with the address its stack output holds, and every image loads", async () => {
      const stackUrls = IMAGE_OUTPUTS.flatMap((k) => outputs[k] as string[]);
      expect(stackUrls.length).toBeGreaterThan(0);
      const shown = await page.locator("#gallery figure a.url").evaluateAll((as) => as.map((a) => a.title));
      expect([...shown].sort()).toEqual([...stackUrls].sort());
      // Browser-side code as text: the tests are compiled without the DOM's types.
      await page.waitForFunction("[...document.querySelectorAll('#gallery img')].every((img) => img.complete)");
      const images = (await page.evaluate(
        `[...document.querySelectorAll('#gallery img')].map((img) => ({
          job: img.closest('figure').getAttribute('data-job-id'),
          width: img.naturalWidth,
          height: img.naturalHeight,
        }))`,
      )) as Array<{ job: string; width: number; height: number }>;
      expect(images).toHaveLength(stackUrls.length);
      for (const img of images) expect(img.width, `image of ${img.job}`).toBeGreaterThan(0);
      // Sizes follow the requests: a 16:9 banner, a 4:3 product shot.
      const size = (output: string) => images.find((i) => i.job === outputs[output]);
      expect(size("jacketBannerTaskId")).toMatchObject({ width: 512, height: 288 });
      expect(size("productShotTaskId")).toMatchObject({ width: 512, height: 384 });
      await page.screenshot({ path: artifactPath("console.png"), fullPage: true });
    });

    it("loads without a failed request (its icon is inline)", async () => {
      expect(failedLoads).toEqual([]);
      expect(await page.locator("link[rel=icon]").getAttribute("href")).toMatch(/^data:image\/svg\+xml,/);
    });

    it("labels the request counters as the running emulator's own, apart from the job counts", async () => {
      await expect.poll(() => page.locator("#summary #since-start").textContent()).toMatch(/^Since start \d\d:\d\d/);
      const after = await page.locator("#summary .traffic-cards .card span").allTextContents();
      expect(after).toEqual(["API requests", "submissions", "throttled", "faults injected"]);
      expect(await page.locator("#summary .jobs-cards .card span").allTextContents()).toEqual([
        "jobs",
        "in progress",
        "succeeded",
        "failed",
      ]);
    });

    it("links a job row to its images in the gallery", async () => {
      const id = String(outputs.productShotTaskId);
      const link = page.locator(`#jobs tr[data-job-id="${id}"] a.to-results`);
      expect(await link.textContent()).toMatch(/^\d+ images? ↓$/);
      await link.click();
      const target = page.locator("#gallery .group:target");
      await expect.poll(() => target.getAttribute("data-job-id")).toBe(id);
      expect(await target.isVisible()).toBe(true);
      const box = await target.boundingBox();
      expect(box!.y).toBeGreaterThanOrEqual(0);
      expect(box!.y).toBeLessThan(900);
      await page.evaluate("window.scrollTo(0, 0)");
    });

    it("fits 1366 and 420 px wide windows: nothing overflows, every button is on screen", async () => {
      // Browser-side code as text: the tests are compiled without the DOM's types.
      const layout = `(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        innerWidth: innerWidth,
        jobsClipped: document.querySelector("#jobs").scrollWidth - document.querySelector("#jobs").clientWidth,
        outside: [...document.querySelectorAll("button")]
          .map((b) => ({ text: b.textContent.trim() || b.title, box: b.getBoundingClientRect() }))
          .filter((b) => b.box.width > 0 && (b.box.left < 0 || b.box.right > innerWidth))
          .map((b) => b.text + " at " + Math.round(b.box.left) + "–" + Math.round(b.box.right)),
      }))()`;
      const check = async (p: Page, width: number) => {
        const m = (await p.evaluate(layout)) as {
          scrollWidth: number;
          innerWidth: number;
          jobsClipped: number;
          outside: string[];
        };
        expect(m.innerWidth, `${width} px`).toBe(width);
        expect(m.scrollWidth, `page width at ${width} px`).toBeLessThanOrEqual(m.innerWidth);
        // Nor does the job table hide columns behind its own scroll bar.
        expect(m.jobsClipped, `job table overflow at ${width} px`).toBeLessThanOrEqual(0);
        expect(m.outside, `buttons outside the window at ${width} px`).toEqual([]);
        // The request toggle is a real target: 24 px or more on each side.
        const toggle = await p.locator("#jobs button.toggle").first().boundingBox();
        expect(toggle!.width).toBeGreaterThanOrEqual(24);
        expect(toggle!.height).toBeGreaterThanOrEqual(24);
      };
      await check(page, 1366);
      await page.screenshot({ path: artifactPath("console-1366.png"), fullPage: true });
      const phone = await browser.newPage({ viewport: { width: 420, height: 900 } });
      try {
        await phone.goto(emu.url);
        await phone.waitForSelector("body[data-ready=true]");
        await phone.waitForFunction("[...document.querySelectorAll('#gallery img')].every((img) => img.complete)");
        await check(phone, 420);
        // An open request (wide JSON) scrolls inside its own box, not the page.
        await phone.locator(`#jobs tr[data-job-id="${outputs.jacketBannerTaskId}"] button[data-act=request]`).click();
        await phone.waitForSelector("#jobs tr.request pre");
        await check(phone, 420);
        await phone.screenshot({ path: artifactPath("console-420.png"), fullPage: true });
      } finally {
        await phone.close();
      }
    });

    it("shows the request that created a job", async () => {
      const id = String(outputs.portraitJobId);
      await page.locator(`#jobs tr[data-job-id="${id}"] button[data-act=request]`).click();
      const text = await page.locator("#jobs tr.request pre").textContent();
      expect(JSON.parse(text ?? "{}")).toMatchObject({ imageNumber: 2, seed: 20261121 });
    });

    it("sets fault rates, advances the clock and expires a job through the admin API", async () => {
      await page.fill("#f-throttle", "0.25");
      await page.click("#faults button[type=submit]");
      await expect.poll(async () => (await admin<{ throttle: number }>(emu, "faults")).throttle).toBe(0.25);
      await page.click("#faults-off");
      await expect.poll(async () => (await admin<{ throttle: number }>(emu, "faults")).throttle).toBe(0);

      await page.click("button[data-advance='60000']");
      await expect.poll(async () => (await admin<{ advancedMs: number }>(emu, "clock")).advancedMs).toBe(60_000);
      await expect.poll(() => page.locator("#clock-offset").textContent()).toContain("60 s");

      const id = String(outputs.videoCoverJobId);
      await page.locator(`#jobs tr[data-job-id="${id}"] button[data-act=expire]`).click();
      await expect
        .poll(() => page.locator(`#jobs tr[data-job-id="${id}"]`).getAttribute("data-outcome"))
        .toBe("expired");
      const jobs = (await admin<{ jobs: AdminJob[] }>(emu, "jobs")).jobs;
      expect(jobs.find((j) => j.id === id)?.stage).toBe("expired");
    });

    it("renders the bench's SVG charts, drawn by npm run charts from the committed results", async () => {
      const dir = path.dirname(artifactPath("charts/latest.json"));
      fs.mkdirSync(dir, { recursive: true });
      fs.copyFileSync(path.join(repoRoot, "bench/results/latest.json"), path.join(dir, "latest.json"));
      await promisify(execFile)(process.execPath, [
        path.join(repoRoot, "dist/harness/charts/write-charts.js"),
        path.join(dir, "latest.json"),
      ]);
      const chart = await browser.newPage({ viewport: { width: 800, height: 420 } });
      try {
        await chart.goto(`file://${path.join(dir, "stack-wall-time.svg")}`);
        const box = await chart.locator("svg").boundingBox();
        expect(box).toMatchObject({ width: 760, height: 380 });
        const labels = await chart.locator("svg text").allTextContents();
        expect(labels).toContain("Stack wall time against the floor, per N");
        expect(labels).toContain("N = 100 scene");
        // Text really renders: a label has a width on screen.
        expect((await chart.locator("svg text", { hasText: "N = 100 scene" }).boundingBox())?.width).toBeGreaterThan(
          40,
        );
        const bars = await chart.locator('svg rect[rx="2"]').count();
        expect(bars).toBeGreaterThanOrEqual(2 * 4);
        await chart.screenshot({ path: artifactPath("stack-wall-time.png") });
      } finally {
        await chart.close();
      }
    });
  });
}
