#!/usr/bin/env node
// Browser test of briefgen's search page, in headless Chromium through playwright-core.
//
//   node tests/search_browser.mjs http://127.0.0.1:8000/briefs/      # a site already served
//   node tests/search_browser.mjs --dir public                        # serves public/ at /briefs/
//   options: --case 'QUERY=>briefings/expected-slug/' (repeatable; default: the bundled archive)
//            --chromium /usr/bin/chromium
//
// Types each query into the search page's box as a reader would, waits for the results and
// checks that the expected briefing is listed, that its link resolves inside the sub-path, that
// matches are highlighted and the count is announced. Also checks ?q= from the header form,
// a filter, "More results" focus, and that the tokenizer agrees with the Rust indexer.
// Prints `search: N passed, M failed` and exits non-zero when anything failed.
//
// Needs `npm install playwright-core` (no browser download: it drives Debian's chromium).

import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

// playwright-core from the current directory's node_modules (or the script's, or NODE_PATH):
// an ES import would only look beside this file.
function loadPlaywright() {
  for (const from of [path.join(process.cwd(), 'x.js'), import.meta.url]) {
    try {
      return createRequire(from)('playwright-core');
    } catch {
      // try the next place
    }
  }
  console.error('search_browser.mjs needs playwright-core: run `npm install playwright-core`');
  console.log('search: 0 passed, 1 failed');
  process.exit(1);
}
const { chromium } = loadPlaywright();

const argv = process.argv.slice(2);
const option = (name) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : null;
};
const cases = [];
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === '--case') {
    const [query, expected] = argv[++i].split('=>');
    cases.push({ query, expected });
  }
}
if (!cases.length) {
  // The bundled example archive (content/briefings).
  cases.push(
    { query: 'kursk', expected: 'briefings/kursk-north-korean-deployment/' },
    { query: 'ship-to-ship transfers', expected: 'briefings/hull-to-hull-ship-to-ship-transfers/' },
    { query: 'panel of experts', expected: 'briefings/panel-of-experts-veto/' },
    { query: 'japan defence budget', expected: 'briefings/counting-the-yen-japan-defence-budget/' },
  );
}

// ------------------------------------------------------------------ server for --dir
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.xml': 'application/xml', '.json': 'application/json' };

function serve(dir, prefix) {
  const root = path.resolve(dir);
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    if (!url.pathname.startsWith(prefix)) return res.writeHead(404).end();
    const rel = decodeURIComponent(url.pathname.slice(prefix.length));
    let file = path.join(root, rel);
    if (!file.startsWith(root)) return res.writeHead(400).end();
    try {
      if (fs.statSync(file).isDirectory()) {
        if (!url.pathname.endsWith('/')) return res.writeHead(301, { location: url.pathname + '/' }).end();
        file = path.join(file, 'index.html');
      }
      const body = fs.readFileSync(file);
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

// ------------------------------------------------------------------ checks
let passed = 0;
let failed = 0;
async function check(name, fn) {
  try {
    await fn();
    passed++;
    console.log(`ok   ${name}`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${name}: ${e && e.message ? e.message.split('\n')[0] : e}`);
  }
}
function assert(cond, message) {
  if (!cond) throw new Error(message);
}

/* Waits for the search run started after `since` (data-search-done counts runs). */
async function waitForResults(page, previous) {
  await page.waitForFunction((prev) => {
    const root = document.querySelector('[data-search-root]');
    return root && root.getAttribute('data-search-done') && root.getAttribute('data-search-done') !== prev;
  }, previous, { timeout: 10000 });
}
const doneCount = (page) => page.evaluate(() => document.querySelector('[data-search-root]').getAttribute('data-search-done'));
const resultLinks = (page) => page.$$eval('[data-search-results] .search-result-title a', (as) => as.map((a) => a.href));

async function main() {
  let base = argv.find((a, i) => /^https?:/.test(a) && argv[i - 1] !== '--case');
  let server = null;
  const dir = option('--dir');
  if (dir) {
    server = await serve(dir, '/briefs/');
    base = `http://127.0.0.1:${server.address().port}/briefs/`;
  }
  if (!base) {
    console.error('usage: search_browser.mjs SITE_URL | --dir DIR [--case "QUERY=>PATH"]…');
    process.exit(2);
  }
  if (!base.endsWith('/')) base += '/';
  const browser = await chromium.launch({
    executablePath: option('--chromium') || process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));

  await check('search page loads its index', async () => {
    await page.goto(base + 'search/');
    await page.waitForSelector('[data-search-root][data-search-ready]', { timeout: 10000 });
  });

  await check('search box is labelled and results are announced', async () => {
    const label = await page.$eval('#search-q', (el) => (el.labels && el.labels[0] ? el.labels[0].textContent.trim() : ''));
    assert(label, 'the search input has no label');
    const live = await page.$eval('[data-search-status]', (el) => el.getAttribute('role') === 'status' || el.getAttribute('aria-live'));
    assert(live, 'the status is not a live region');
  });

  await check('browser tokenizer agrees with the indexer', async () => {
    // Expected tokens are those of text.rs's unit tests.
    const samples = {
      'Tomás ÉLYSÉE': ['tomas', 'elysee'],
      'ＡＢＣ１２': ['abc12'],
      'ΟΔΥΣΣΕΥΣ': ['οδυσσευσ'],
      "Seoul's defence-industrial base, a €77.5 billion plan": ['seoul', 'defence', 'industrial', 'base', '77', '5', 'billion', 'plan'],
      '北朝鮮の核': ['北朝', '朝鮮', '鮮の', 'の核'],
      '米 Japan': ['米', 'japan'],
      '한국': ['한국'],
    };
    for (const [text, expected] of Object.entries(samples)) {
      const got = await page.evaluate((t) => window.__briefgenSearch.tokens(t), text);
      assert(JSON.stringify(got) === JSON.stringify(expected), `${text}: ${JSON.stringify(got)}`);
    }
  });

  for (const c of cases) {
    await check(`typing "${c.query}" lists ${c.expected}`, async () => {
      const before = await doneCount(page);
      await page.fill('#search-q', '');
      await page.locator('#search-q').pressSequentially(c.query, { delay: 20 });
      await waitForResults(page, before);
      // Typing may still be settling: wait until the box and the results agree.
      await page.waitForFunction((q) => {
        const s = document.querySelector('[data-search-status]').textContent;
        return s.includes(q);
      }, c.query, { timeout: 10000 });
      const links = await resultLinks(page);
      const want = new URL(c.expected, base).href;
      assert(links.includes(want), `not among ${links.length} results: ${links.slice(0, 5).join(', ')}`);
      assert(links.every((h) => h.startsWith(base)), 'a result link leaves the site sub-path');
      const marks = await page.$$eval('[data-search-results] mark', (m) => m.length);
      assert(marks > 0, 'no highlighted match');
      const status = await page.textContent('[data-search-status]');
      assert(/\d/.test(status), `status does not give a count: "${status}"`);
    });
  }

  await check('the header form’s ?q= runs the search on arrival', async () => {
    await page.goto(base);
    const form = page.locator('form[role="search"]').first();
    await form.locator('input[name="q"]').fill(cases[0].query);
    await Promise.all([page.waitForURL(/\/search\/(index\.html)?\?q=/), form.locator('input[name="q"]').press('Enter')]);
    await page.waitForSelector('[data-search-root][data-search-done]', { timeout: 10000 });
    const links = await resultLinks(page);
    assert(links.includes(new URL(cases[0].expected, base).href), 'expected briefing missing');
    assert((await page.inputValue('#search-q')) === cases[0].query, 'query not copied into the search box');
  });

  await check('a year filter narrows the results to that year', async () => {
    const year = await page.$eval('select[data-filter="year"]', (s) => (s.options.length > 1 ? s.options[1].value : null));
    assert(year, 'no year filter values');
    const before = await doneCount(page);
    await page.selectOption('select[data-filter="year"]', year);
    await waitForResults(page, before);
    const dates = await page.$$eval('[data-search-results] time', (ts) => ts.map((t) => t.getAttribute('datetime') || ''));
    assert(dates.every((d) => d.startsWith(year)), `dates outside ${year}: ${dates.join(', ')}`);
    assert(new URL(page.url()).searchParams.get('year') === year, 'the filter is not kept in the URL');
    await page.selectOption('select[data-filter="year"]', '');
  });

  await check('"More results" appends results and moves focus to the first new one', async () => {
    // A filter alone (empty query) lists every briefing with that value, newest first.
    await page.fill('#search-q', '');
    const filter = await page.$eval('select[data-filter]', (s) => [s.getAttribute('data-filter'), s.options.length > 1 ? s.options[1].value : null]);
    assert(filter[1], 'no filter values');
    const before = await doneCount(page);
    await page.selectOption(`select[data-filter="${filter[0]}"]`, filter[1]);
    await waitForResults(page, before);
    const more = page.locator('[data-search-more]');
    if (await more.isHidden()) return; // one page of results: nothing more to check
    const count = (await resultLinks(page)).length;
    await more.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction((n) => document.querySelectorAll('[data-search-results] > li').length > n, count);
    const focused = await page.evaluate(() => {
      const li = document.activeElement && document.activeElement.closest('li');
      return Array.prototype.indexOf.call(document.querySelectorAll('[data-search-results] > li'), li);
    });
    assert(focused === count, `focus is on result ${focused}, expected ${count}`);
  });

  // The Japanese half has its own index: its search page finds its briefings by Japanese words.
  await check('the Japanese search page lists a Japanese briefing for "反撃能力"', async () => {
    await page.goto(base + 'ja/search/');
    await page.waitForSelector('[data-search-root][data-search-ready]', { timeout: 10000 });
    const before = await doneCount(page);
    await page.locator('#search-q').pressSequentially('反撃能力', { delay: 20 });
    await waitForResults(page, before);
    await page.waitForFunction(() => document.querySelector('[data-search-status]').textContent.includes('反撃能力'), null, { timeout: 10000 });
    const links = await resultLinks(page);
    const want = new URL('ja/briefings/reassurance-deficit/', base).href;
    assert(links.includes(want), `not among ${links.length} results: ${links.slice(0, 5).join(', ')}`);
  });

  await check('no script errors', async () => {
    assert(!errors.length, errors.join('; '));
  });

  await browser.close();
  if (server) server.close();
  console.log(`search: ${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

main().catch((e) => {
  console.error(e);
  console.log(`search: ${passed} passed, ${failed + 1} failed`);
  process.exit(1);
});
