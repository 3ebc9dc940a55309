// Headless Chromium for the browser tests: the system's Chromium (Debian's `chromium` package, which
// `.ci/run` installs when it is missing) driven by playwright-core. Nothing is downloaded at install.
import * as fs from "node:fs";
import * as path from "node:path";
import { type Browser, chromium } from "playwright-core";
import { repoRoot } from "../../harness";

/**
 * Flags that let Chromium start on a machine with no network beyond loopback: no background connections,
 * no component or sync updates, no QUIC, no GPU, no sandbox (CI runs as root). Playwright adds headless
 * mode and a new empty --user-data-dir of its own.
 */
export const CHROMIUM_FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** The Chromium to drive: PULUMI_AIGC_CHROMIUM, else the first of the usual system paths that exists. */
export function findChromium(): string | undefined {
  const candidates = [process.env.PULUMI_AIGC_CHROMIUM, "/usr/bin/chromium", "/usr/bin/chromium-browser"];
  return candidates.find((p): p is string => !!p && fs.existsSync(p));
}

/** Launches headless Chromium at `executablePath`. */
export function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_FLAGS });
}

/** Where browser tests save screenshots: `artifacts/e2e/` (ignored by git). */
export function artifactPath(name: string): string {
  const dir = path.join(repoRoot, "artifacts", "e2e");
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, name);
}
