// Browser quality gates for a built briefgen site, in Debian's headless Chromium (playwright-core),
// with the site served over HTTP under its base path (e.g. /briefs/) by static_server.mjs.
//
//   accessibility: axe-core (WCAG 2.0/2.1 A and AA) on home, an article with a table, an article
//                  with code, an article with charts and figures, a tag page, an author page, search results (if the site has
//                  search/), the archive and a year page, and a 404, at 1280 px and 390 px wide.
//                  Uncaught page errors, failed same-site requests and requests leaving the site
//                  count as findings too.
//                  On a multilingual site, also the home page and an article of each other
//                  language (e.g. ja/).
//   screenshots:   full-page PNGs of home, an article and a tag page (and each other language's
//                  home and article) at both widths, and no horizontal scrolling at 390 px on
//                  any of the pages above. At 390 px an article's title starts within the first
//                  220 px, and the folded navigation works: a Menu button with aria-expanded
//                  opens and (Escape) closes it, and without JavaScript the navigation is a
//                  plain list and the button is hidden.
//
// Usage: node gates_browser.mjs --site DIR --base-url URL [--screens DIR] [--report FILE]
//                               [--dark] [--all-pages] [--only a11y|screens]
// --dark also runs axe with prefers-color-scheme: dark; --all-pages runs axe on every HTML page.
// Prints findings as it goes and writes a JSON report { gates: { a11y, screens } } to --report.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative, sep } from "node:path";
import { performance } from "node:perf_hooks";
import { chromium } from "playwright-core";
import { startStaticServer } from "./static_server.mjs";

const require = createRequire(import.meta.url);
const AXE_PATH = require.resolve("axe-core/axe.min.js");
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
// At 390 px, an article's <h1> must start this close to the top of the page.
const TITLE_WITHIN_PX = 220;
const WIDTHS = [
  { width: 1280, height: 900 },
  { width: 390, height: 844 },
];

// ---- arguments ---------------------------------------------------------------------------------
const opts = { screens: "target/screenshots", report: null, dark: false, allPages: false, only: null };
{
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => {
      if (i + 1 >= argv.length) usage(`${a} needs a value`);
      return argv[++i];
    };
    if (a === "--site") opts.site = val();
    else if (a === "--base-url") opts.baseUrl = val();
    else if (a === "--screens") opts.screens = val();
    else if (a === "--report") opts.report = val();
    else if (a === "--dark") opts.dark = true;
    else if (a === "--all-pages") opts.allPages = true;
    else if (a === "--only") opts.only = val();
    else usage(`unknown argument ${a}`);
  }
  if (!opts.site || !opts.baseUrl) usage("--site and --base-url are required");
}
function usage(msg) {
  console.error(`${msg}\nusage: node gates_browser.mjs --site DIR --base-url URL [--screens DIR] [--report FILE] [--dark] [--all-pages] [--only a11y|screens]`);
  process.exit(2);
}
const basePath = new URL(opts.baseUrl).pathname.replace(/\/?$/, "/");
const site = opts.site;

// ---- choosing pages ----------------------------------------------------------------------------
function htmlFiles(dir) {
  const out = [];
  const walk = (d) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else if (name.endsWith(".html")) out.push(relative(site, p).split(sep).join("/"));
    }
  };
  walk(dir);
  return out;
}
const allHtml = htmlFiles(site);
const read = (rel) => readFileSync(join(site, rel), "utf8");
const has = (rel) => existsSync(join(site, rel));
// "a/b/index.html" -> "a/b/"; "index.html" -> ""; "x.html" -> "x.html"
const toPath = (rel) => (rel === "index.html" ? "" : rel.endsWith("/index.html") ? rel.slice(0, -"index.html".length) : rel);
const isArticle = (rel) => /<meta property="og:type" content="article"/.test(read(rel)) || /<article class="article"/.test(read(rel));
const articles = allHtml.filter((r) => r.endsWith("index.html") && isArticle(r));
const notes = [];

function pickArticle(preferred, marker, label) {
  if (has(preferred + "index.html")) return preferred;
  const withMarker = articles.find((r) => marker.test(read(r)));
  if (withMarker) {
    notes.push(`${label}: ${preferred} is not in this site, using ${toPath(withMarker)}`);
    return toPath(withMarker);
  }
  if (articles.length) {
    notes.push(`${label}: no article in this site has one, using ${toPath(articles[0])}`);
    return toPath(articles[0]);
  }
  notes.push(`${label}: no article pages in this site, skipped`);
  return null;
}
function pickTerm(taxonomy, preferImg) {
  const dir = join(site, taxonomy);
  if (!existsSync(dir)) return null;
  const terms = readdirSync(dir)
    .filter((n) => n !== "page" && existsSync(join(dir, n, "index.html")))
    .sort();
  if (!terms.length) return null;
  if (preferImg) {
    // an author page with a profile (photo or bio) exercises more of the template
    const rich = terms.find((t) => /<img\b/.test(read(`${taxonomy}/${t}/index.html`)));
    if (rich) return `${taxonomy}/${rich}/`;
  }
  // the term listing the most briefings, for a realistic page
  const size = (t) => statSync(join(dir, t, "index.html")).size;
  return `${taxonomy}/${terms.reduce((a, b) => (size(b) > size(a) ? b : a))}/`;
}

const pages = [];
const add = (name, path, extra = {}) => {
  if (path === null) return;
  const same = pages.find((p) => p.path === path);
  if (same) notes.push(`${name}: same page as ${same.name}, checked once`);
  else pages.push({ name, path, ...extra });
};
add("home", "");
add("article-table", pickArticle("briefings/counting-the-yen-japan-defence-budget/", /<table\b/, "article with a table"));
add("article-code", pickArticle("briefings/hull-to-hull-ship-to-ship-transfers/", /<pre\b/, "article with code"));
add("article-chart", pickArticle("briefings/munitions-gap/", /<svg class="chart /, "article with a chart"));
const tag = pickTerm("tags", false);
if (tag) add("tag", tag);
else notes.push("tag page: this site has no tags/ pages, skipped");
const author = pickTerm("authors", true);
if (author) add("author", author);
else notes.push("author page: this site has no authors/ pages, skipped");
// The query must match something in the site: GATES_SEARCH_QUERY overrides the default.
const searchQuery = process.env.GATES_SEARCH_QUERY || "sanctions";
if (has("search/index.html")) add("search", `search/?q=${encodeURIComponent(searchQuery)}`, { search: true });
else notes.push("search page: search/index.html does not exist in this site yet, skipped");
if (has("archive/index.html")) {
  add("archive", "archive/");
  const years = readdirSync(join(site, "archive"))
    .filter((n) => /^\d{4}$/.test(n) && has(`archive/${n}/index.html`))
    .sort();
  if (years.length) add("archive-year", `archive/${years[years.length - 1]}/`);
  else notes.push("archive year page: none in this site, skipped");
} else notes.push("archive: archive/index.html does not exist in this site, skipped");
add("404", "this-page-does-not-exist-gates/", { expectStatus: 404 });
// Multilingual sites: the home page and an article of every other language (a top-level
// folder whose home is in another language than the site's), e.g. ja-home and ja-article.
const langOf = (rel) => (read(rel).match(/<html[^>]*\slang="([^"]+)"/) || [])[1];
const siteLang = has("index.html") ? langOf("index.html") : null;
const languageHomes = readdirSync(site)
  .filter((n) => has(`${n}/index.html`) && langOf(`${n}/index.html`) && langOf(`${n}/index.html`) !== siteLang)
  .sort();
for (const dir of languageHomes) {
  add(`${dir}-home`, `${dir}/`, { screenshot: true });
  const own = articles.filter((r) => r.startsWith(`${dir}/`));
  // the longest article, with a translation if any has one
  const size = (r) => statSync(join(site, r)).size;
  const pool = own.filter((r) => /class="language-switcher"/.test(read(r)) && /hreflang="/.test(read(r)));
  const list = pool.length ? pool : own;
  if (list.length) add(`${dir}-article`, toPath(list.reduce((a, b) => (size(b) > size(a) ? b : a))), { screenshot: true });
  else notes.push(`${dir}: no article pages in this language, skipped`);
}
if (opts.allPages) {
  const seen = new Set(pages.map((p) => p.path));
  for (const rel of allHtml) {
    if (rel === "404.html") continue;
    const p = toPath(rel);
    if (!seen.has(p)) pages.push({ name: p.replace(/\/$/, "").replace(/\//g, "-") || "home", path: p });
  }
}
const byName = Object.fromEntries(pages.map((p) => [p.name, p]));
const screenshotPages = [
  byName.home,
  byName["article-table"] || byName["article-code"],
  byName["article-chart"],
  byName.tag,
  ...pages.filter((p) => p.screenshot),
].filter(Boolean);

// ---- running -----------------------------------------------------------------------------------
const gates = {
  a11y: { findings: [], notes: [...notes], seconds: 0, ran: opts.only !== "screens" },
  screens: { findings: [], notes: [], seconds: 0, ran: opts.only !== "a11y" },
};
const finding = (gate, text) => {
  gates[gate].findings.push(text);
  console.log(`  [${gate}] ${text}`);
};

const server = await startStaticServer(site, basePath);
const t0 = performance.now();
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run"],
});

let current = { gate: "a11y", label: "" };
async function newPage(viewport, colorScheme = "light") {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1, colorScheme, reducedMotion: "reduce" });
  await context.route("**/*", (route) => {
    const u = route.request().url();
    if (u.startsWith(server.origin + "/") || u.startsWith("data:") || u.startsWith("blob:")) return route.continue();
    finding(current.gate, `${current.label}: request leaves the site: ${u}`);
    return route.abort();
  });
  const page = await context.newPage();
  page.on("pageerror", (err) => finding(current.gate, `${current.label}: uncaught page error: ${String(err.message || err).split("\n")[0]}`));
  page.on("response", (res) => {
    if (res.request().isNavigationRequest() && res.request().frame() === page.mainFrame()) return;
    if (res.status() >= 400) finding(current.gate, `${current.label}: request failed with ${res.status()}: ${res.url().replace(server.origin, "")}`);
  });
  page.on("requestfailed", (req) => {
    // ERR_ABORTED is a request cut short by the next navigation (a late favicon fetch), not a failure
    const why = req.failure()?.errorText || "";
    if (req.url().startsWith(server.origin) && !/ERR_ABORTED/.test(why)) finding(current.gate, `${current.label}: request failed: ${req.url().replace(server.origin, "")} (${why})`);
  });
  return { context, page };
}

async function open(page, spec) {
  const res = await page.goto(server.url + spec.path, { waitUntil: "load", timeout: 30000 });
  const want = spec.expectStatus || 200;
  if (!res || res.status() !== want) finding(current.gate, `${current.label}: HTTP status ${res ? res.status() : "none"}, expected ${want}`);
  await page.evaluate(() => document.fonts && document.fonts.ready);
  if (spec.search) {
    const ok = await page
      .waitForFunction(() => document.querySelectorAll("[data-search-results] > li, .search-results > li, .search-result").length > 0, null, { timeout: 15000 })
      .then(() => true, () => false);
    if (!ok) {
      const status = await page.evaluate(() => (document.querySelector("[data-search-status], [role=status]") || {}).textContent || "");
      finding(current.gate, `${current.label}: no search results rendered for ?q=${searchQuery} within 15 s (status: "${status.trim()}")`);
    } else {
      await page.waitForTimeout(200); // let the status line and "More results" settle
    }
  }
}

function short(html, n = 160) {
  const s = html.replace(/\s+/g, " ").trim();
  return s.length > n ? s.slice(0, n) + "…" : s;
}

async function axeCheck(viewport, colorScheme) {
  const { context, page } = await newPage(viewport, colorScheme);
  try {
    for (const spec of pages) {
      current = { gate: "a11y", label: `${spec.name} (${basePath}${spec.path}) @${viewport.width}px${colorScheme === "dark" ? " dark" : ""}` };
      await open(page, spec);
      await page.addScriptTag({ path: AXE_PATH });
      const result = await page.evaluate(async (tags) => {
        // eslint-disable-next-line no-undef
        const r = await axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
        return r.violations.map((v) => ({
          id: v.id,
          impact: v.impact,
          help: v.help,
          nodes: v.nodes.map((n) => ({ target: n.target.join(" "), html: n.html, summary: n.failureSummary || "" })),
        }));
      }, AXE_TAGS);
      for (const v of result) {
        // one finding per rule and page, naming up to four of its elements
        const shown = v.nodes.slice(0, 4).map((n) => {
          const why = n.summary.split("\n").map((l) => l.trim()).filter((l) => l && !/^Fix (any|all) of the following:?$/.test(l)).slice(0, 1).join(" / ");
          return `\n      - ${n.target}: ${short(n.html, 120)}\n        ${why}`;
        });
        const more = v.nodes.length > 4 ? `\n      - … and ${v.nodes.length - 4} more` : "";
        finding("a11y", `${current.label}: ${v.id} (${v.impact}) "${v.help}" on ${v.nodes.length} element(s):${shown.join("")}${more}`);
      }
    }
  } finally {
    await context.close();
  }
}

async function overflowCulprits(page) {
  return page.evaluate(() => {
    const w = window.innerWidth;
    const out = [];
    for (const el of document.body.querySelectorAll("*")) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.right <= w + 0.5) continue;
      // report the outermost overflowing element only, unless it sits in a scroll container
      let p = el.parentElement;
      let covered = false;
      while (p && p !== document.body) {
        const cs = getComputedStyle(p);
        if (/(auto|scroll|hidden|clip)/.test(cs.overflowX)) { covered = true; break; }
        if (p.getBoundingClientRect().right > w + 0.5) { covered = true; break; }
        p = p.parentElement;
      }
      if (covered) continue;
      const name = (n) => {
        const id = n.id ? `#${n.id}` : "";
        const cls = typeof n.className === "string" && n.className.trim() ? "." + n.className.trim().split(/\s+/).slice(0, 3).join(".") : "";
        return `${n.tagName.toLowerCase()}${id}${cls}`;
      };
      const path = [];
      for (let n = el; n && n !== document.body && path.length < 4; n = n.parentElement) path.unshift(name(n));
      out.push(`${path.join(" > ")} (${Math.round(r.width)}px wide, right edge at ${Math.round(r.right)}px)`);
      if (out.length >= 5) break;
    }
    return out;
  });
}

async function titleOffset(page) {
  const top = await page.evaluate(() => {
    const h1 = document.querySelector("main h1");
    return h1 ? h1.getBoundingClientRect().top + window.scrollY : null;
  });
  if (top === null) finding("screens", `${current.label}: no <h1> in <main>`);
  else if (top > TITLE_WITHIN_PX) finding("screens", `${current.label}: the article's title starts at ${Math.round(top)} px, below the first ${TITLE_WITHIN_PX} px`);
  else gates.screens.notes.push(`${current.label}: title starts at ${Math.round(top)} px`);
}

// The narrow-screen navigation, on the home page: folded behind a real button that says
// whether it is open, unfolded by a click, folded again by Escape with focus back on the
// button; and without JavaScript, no button and every link in a plain list.
async function foldedNavigation() {
  const home = byName.home;
  const state = (page) => page.evaluate(() => {
    const button = document.querySelector("header button[aria-controls]");
    const nav = document.querySelector("nav.site-nav");
    const shown = (el) => !!el && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden";
    return {
      button: !!button && shown(button),
      expanded: button ? button.getAttribute("aria-expanded") : null,
      controls: button ? button.getAttribute("aria-controls") === (nav && nav.id) : false,
      navShown: shown(nav),
      links: nav ? [...nav.querySelectorAll("a")].filter(shown).length : 0,
      focused: !!button && document.activeElement === button,
    };
  });
  const { context, page } = await newPage({ width: 390, height: 844 });
  try {
    current = { gate: "screens", label: `navigation (${basePath}${home.path}) @390px` };
    await open(page, home);
    const folded = await state(page);
    if (!folded.button || folded.expanded !== "false" || !folded.controls || folded.navShown) {
      finding("screens", `${current.label}: expected a visible Menu button (aria-expanded="false", aria-controls naming the nav) and the navigation folded, got ${JSON.stringify(folded)}`);
    } else {
      await page.click("header button[aria-controls]");
      const open_ = await state(page);
      if (open_.expanded !== "true" || !open_.navShown || open_.links === 0) finding("screens", `${current.label}: the Menu button did not unfold the navigation: ${JSON.stringify(open_)}`);
      await page.focus("nav.site-nav a");
      await page.keyboard.press("Escape");
      const closed = await state(page);
      if (closed.expanded !== "false" || closed.navShown || !closed.focused) finding("screens", `${current.label}: Escape did not fold the navigation and return focus to the button: ${JSON.stringify(closed)}`);
    }
  } finally {
    await context.close();
  }
  const noJs = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, javaScriptEnabled: false });
  try {
    current = { gate: "screens", label: `navigation without JavaScript (${basePath}${home.path}) @390px` };
    const page = await noJs.newPage();
    await page.goto(server.url + home.path, { waitUntil: "load", timeout: 30000 });
    const plain = await state(page);
    if (plain.button || !plain.navShown || plain.links === 0) finding("screens", `${current.label}: expected no button and every link shown, got ${JSON.stringify(plain)}`);
  } finally {
    await noJs.close();
  }
}

async function screens() {
  mkdirSync(opts.screens, { recursive: true });
  for (const viewport of WIDTHS) {
    const { context, page } = await newPage(viewport);
    try {
      const shoot = new Set(screenshotPages.map((p) => p.name));
      // every gate page is checked for horizontal scrolling at the narrow width; the three
      // screenshot pages are rendered at both widths
      const list = viewport.width <= 390 ? pages : screenshotPages;
      for (const spec of list) {
        current = { gate: "screens", label: `${spec.name} (${basePath}${spec.path}) @${viewport.width}px` };
        await open(page, spec);
        if (viewport.width <= 390 && spec.name.startsWith("article")) await titleOffset(page);
        if (viewport.width <= 390) {
          const m = await page.evaluate(() => ({ sw: document.documentElement.scrollWidth, iw: window.innerWidth }));
          if (m.sw > m.iw) {
            const culprits = await overflowCulprits(page);
            finding("screens", `${current.label}: scrolls horizontally (scrollWidth ${m.sw} > innerWidth ${m.iw}); widest: ${culprits.join(", ") || "?"}`);
          }
        }
        if (shoot.has(spec.name)) {
          const file = join(opts.screens, `${spec.name}-${viewport.width}.png`);
          await page.screenshot({ path: file, fullPage: true });
          gates.screens.notes.push(`wrote ${file}`);
        }
      }
    } finally {
      await context.close();
    }
  }
}

try {
  if (gates.a11y.ran) {
    for (const viewport of WIDTHS) await axeCheck(viewport, "light");
    if (opts.dark) for (const viewport of WIDTHS) await axeCheck(viewport, "dark");
    gates.a11y.seconds = (performance.now() - t0) / 1000;
    gates.a11y.notes.push(`${pages.length} pages × ${WIDTHS.length} widths${opts.dark ? " × light/dark" : ""}: ${pages.map((p) => p.name).join(", ")}`);
  }
  if (gates.screens.ran) {
    const t1 = performance.now();
    await screens();
    await foldedNavigation();
    gates.screens.seconds = (performance.now() - t1) / 1000 + (gates.a11y.ran ? 0 : (t1 - t0) / 1000);
  }
} catch (err) {
  finding(current.gate, `${current.label}: gate crashed: ${err.stack || err}`);
} finally {
  await browser.close();
  await server.close();
}

for (const [name, g] of Object.entries(gates)) {
  if (!g.ran) continue;
  for (const n of g.notes) console.log(`  [${name}] note: ${n}`);
}
if (opts.report) {
  mkdirSync(dirname(opts.report), { recursive: true });
  writeFileSync(opts.report, JSON.stringify({ gates }, null, 2));
}
const failed = Object.values(gates).some((g) => g.ran && g.findings.length);
process.exit(failed ? 1 : 0);
