// End-to-end: `briefgen serve` in real headless Chromium. Opens a briefing, saves an edit to
// its Markdown file, and waits for the open page to show the edit without a manual reload; then
// saves a broken edit and expects the error overlay, and a fix that clears it.
//
// Usage: node live_reload.mjs BRIEFGEN_BIN SITE_DIR
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

const [bin, siteDir] = process.argv.slice(2);
if (!bin || !siteDir) {
  console.error("usage: node live_reload.mjs BRIEFGEN_BIN SITE_DIR");
  process.exit(2);
}

const work = mkdtempSync(join(tmpdir(), "briefgen-e2e-"));
for (const part of ["site.toml", "content", "templates", "static"]) {
  cpSync(join(siteDir, part), join(work, part), { recursive: true });
}
const server = spawn(bin, ["serve", "--port", "0", "--root", work], { stdio: ["ignore", "ignore", "pipe"] });
let log = "";
const url = await new Promise((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error(`serve did not start:\n${log}`)), 30000);
  server.stderr.on("data", (chunk) => {
    log += chunk;
    const m = log.match(/at (http:\/\/[^ ]+\/)/);
    if (m) {
      clearTimeout(timer);
      resolve(m[1]);
    }
  });
});

let failures = 0;
let passed = 0;
const check = (ok, what) => {
  console.log(`${ok ? "ok" : "FAILED"}: ${what}`);
  if (ok) passed++;
  else failures++;
};

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run"],
});
try {
  const page = await browser.newPage();
  const article = "content/briefings/camp-david-trilateral-plumbing.md";
  await page.goto(`${url}briefings/camp-david-trilateral-plumbing/`);
  const before = await page.textContent("h1");
  check(before.length > 0, `article opened: "${before}"`);
  // Give the EventSource a moment to connect before saving.
  await page.waitForFunction(() => performance.getEntriesByType("resource").some((r) => r.name.includes("__briefgen/events")), null, { timeout: 10000 }).catch(() => {});

  const file = join(work, article);
  const original = readFileSync(file, "utf8");
  const marker = `Live reload marker ${Date.now()}`;
  const started = Date.now();
  writeFileSync(file, original.replace(/\n\+\+\+\n/, `\n+++\n\n${marker}.\n`));
  await page.waitForFunction((m) => document.body.innerText.includes(m), marker, { timeout: 15000 });
  check(true, `the open page showed the edit without a manual reload (${Date.now() - started} ms after save)`);

  writeFileSync(file, original.replace(/^date = .*$/m, 'date = "not a date"'));
  await page.waitForSelector("#briefgen-error-overlay", { timeout: 15000 });
  const overlay = await page.textContent("#briefgen-error-overlay");
  check(/camp-david-trilateral-plumbing\.md:\d+:\d+/.test(overlay), "a broken save shows the error overlay with file:line:col");

  writeFileSync(file, original);
  await page.waitForFunction(() => !document.getElementById("briefgen-error-overlay"), null, { timeout: 15000 });
  check(!(await page.textContent("body")).includes(marker), "the next good save clears the overlay and shows the fixed page");
} catch (e) {
  console.error(e);
  failures++;
} finally {
  await browser.close();
  server.kill("SIGINT");
  rmSync(work, { recursive: true, force: true });
}
console.log(`e2e live reload: ${passed} passed, ${failures} failed`);
process.exit(failures ? 1 : 0);
