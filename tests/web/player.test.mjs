// End-to-end tests of the mapreel web player and catalogue in a real browser
// (Debian's chromium, driven by playwright-core; no browser is downloaded).
//
//   cd web && npm install && node --test ../tests/web/
//
// Environment:
//   MAPREEL_SITE_DIR       a site written by `mapreel site`; if unset, a fixture
//                          site is built in a temp dir (make-fixture-site.mjs)
//   MAPREEL_ARTIFACTS_DIR  where screenshots go (default out/test-artifacts/web)
//   MAPREEL_CHROMIUM       the browser (default /usr/bin/chromium)
//
// Tests that need fixture content (an HTML-injection story, two languages)
// skip themselves when the site has no such story.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { makeFixtureSite, INJECTION } from './make-fixture-site.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');
const require = createRequire(path.join(repoRoot, 'web/package.json'));
const { chromium } = require('playwright-core');

const CHROMIUM = process.env.MAPREEL_CHROMIUM || '/usr/bin/chromium';
const ARTIFACTS = path.resolve(process.env.MAPREEL_ARTIFACTS_DIR || path.join(repoRoot, 'out/test-artifacts/web'));
const CHROMIUM_ARGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

// Console messages that are expected and harmless.
const ALLOWED_CONSOLE = [
  // The contract puts frame-ancestors in the meta CSP; browsers ignore it there.
  /directive 'frame-ancestors' is ignored when delivered via a <meta> element/
];

let siteDir;
let ownSite = false;
let server;
let baseUrl;
let browser;
let site;   // { catalogue, stories: [{ href, story }] }

// ---------------------------------------------------------------- helpers

function readWindowVar(file, name) {
  const sandbox = { window: {} };
  vm.runInNewContext(fs.readFileSync(file, 'utf8'), sandbox, { filename: file, timeout: 1000 });
  // Plain data of this realm (objects made in the vm have other prototypes).
  return JSON.parse(JSON.stringify(sandbox.window[name]));
}

function loadSite(dir) {
  const catalogue = readWindowVar(path.join(dir, 'catalogue.js'), 'MAPREEL_CATALOGUE');
  const stories = [];
  const seen = new Set();
  const visit = (href) => {
    if (seen.has(href)) { return; }
    seen.add(href);
    const file = path.join(dir, path.dirname(href), 'story.js');
    if (!fs.existsSync(file)) { return; }
    const story = readWindowVar(file, 'MAPREEL_STORY');
    stories.push({ href, story });
    for (const l of story.languages || []) {
      visit(path.posix.normalize(path.posix.join(path.posix.dirname(href), l.href)));
    }
  };
  for (const s of catalogue.series) { for (const m of s.maps) { visit(m.href); } }
  return { catalogue, stories };
}

const MIME = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg', '.webp': 'image/webp',
  '.mp4': 'video/mp4', '.webm': 'video/webm', '.vtt': 'text/vtt; charset=utf-8', '.json': 'application/json'
};

// A tiny static server with byte ranges (video seeking needs them).
function startServer(root) {
  const srv = http.createServer((req, res) => {
    let file;
    try {
      const pathname = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
      file = path.resolve(root, '.' + pathname);
      if (file !== root && !file.startsWith(root + path.sep)) { res.writeHead(403).end(); return; }
      if (fs.existsSync(file) && fs.statSync(file).isDirectory()) { file = path.join(file, 'index.html'); }
    } catch { res.writeHead(400).end(); return; }
    fs.stat(file, (err, st) => {
      if (err || !st.isFile()) { res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found'); return; }
      const headers = {
        'Content-Type': MIME[path.extname(file).toLowerCase()] || 'application/octet-stream',
        'Accept-Ranges': 'bytes',
        'Cache-Control': 'no-store'
      };
      let start = 0;
      let end = st.size - 1;
      let status = 200;
      const m = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range || '');
      if (m && (m[1] || m[2])) {
        if (m[1]) { start = Number(m[1]); if (m[2]) { end = Math.min(Number(m[2]), end); } }
        else { start = Math.max(0, st.size - Number(m[2])); }
        if (start > end || start >= st.size) {
          res.writeHead(416, { 'Content-Range': `bytes */${st.size}` }).end();
          return;
        }
        status = 206;
        headers['Content-Range'] = `bytes ${start}-${end}/${st.size}`;
      }
      headers['Content-Length'] = end - start + 1;
      res.writeHead(status, headers);
      if (req.method === 'HEAD') { res.end(); return; }
      const stream = fs.createReadStream(file, { start, end });
      stream.on('error', () => res.destroy());
      res.on('close', () => stream.destroy());
      stream.pipe(res);
    });
  });
  return new Promise((resolve) => {
    srv.listen(0, '127.0.0.1', () => resolve(srv));
  });
}

// A page in a fresh context that records what must not happen.
async function openPage(url, { width = 1280, height = 720, locale = 'en-US' } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: 1, locale });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('dialog', (d) => { problems.push(`dialog: ${d.message()}`); d.dismiss().catch(() => {}); });
  page.on('console', (msg) => {
    if (msg.type() !== 'error') { return; }
    const text = msg.text();
    if (ALLOWED_CONSOLE.some((re) => re.test(text))) { return; }
    problems.push(`console error: ${text}`);
  });
  page.on('requestfailed', (r) => {
    const f = r.failure();
    // A media request cut short by the browser itself is normal.
    if (f && /ERR_ABORTED/.test(f.errorText) && /\.(mp4|webm)$/.test(r.url())) { return; }
    problems.push(`request failed: ${r.url()} ${f ? f.errorText : ''}`);
  });
  page.on('response', (r) => { if (r.status() >= 400) { problems.push(`HTTP ${r.status()}: ${r.url()}`); } });
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  await page.goto(url);
  return {
    page,
    context,
    problems,
    async close({ allow = [] } = {}) {
      const csp = await page.evaluate(() => window.__csp || []).catch(() => []);
      await context.close();
      const left = problems.concat(csp.map((c) => `CSP violation: ${c}`))
        .filter((p) => !allow.some((re) => re.test(p)));
      assert.deepEqual(left, [], 'the page reported problems');
    }
  };
}

async function waitPlayer(page, { metadata = true } = {}) {
  await page.waitForFunction(() => document.documentElement.getAttribute('data-player') === 'ready', null, { timeout: 10000 });
  if (metadata) {
    await page.waitForFunction(() => document.querySelector('video').readyState >= 1, null, { timeout: 15000 });
  }
}

async function state(page) {
  return page.evaluate(() => {
    const v = document.querySelector('video');
    const current = [...document.querySelectorAll('#step-list a')].map((a) => a.getAttribute('aria-current'));
    return {
      step: window.mapreelPlayer.currentStep(),
      stepMode: window.mapreelPlayer.stepMode(),
      time: v.currentTime,
      paused: v.paused,
      hash: location.hash,
      title: document.getElementById('step-title').textContent,
      narration: document.getElementById('narration').textContent,
      currentLinks: current.map((c, i) => (c ? i : -1)).filter((i) => i >= 0)
    };
  });
}

const squash = (s) => String(s).replace(/\s+/g, '');

function playerUrl(entry, hash = '') { return `${baseUrl}/${entry.href}${hash}`; }

// The richest story: most steps, preferring one with several languages.
function mainStory() {
  const candidates = site.stories.filter((s) => (s.story.steps || []).length >= 3);
  candidates.sort((a, b) => ((b.story.languages || []).length > 1) - ((a.story.languages || []).length > 1)
    || b.story.steps.length - a.story.steps.length);
  assert.ok(candidates.length, 'the site needs a story with at least 3 steps');
  return candidates[0];
}

async function waitForSeek(page) {
  await page.waitForFunction(() => !document.querySelector('video').seeking, null, { timeout: 10000 });
}

// ---------------------------------------------------------------- setup

before(async () => {
  if (process.env.MAPREEL_SITE_DIR) {
    siteDir = path.resolve(process.env.MAPREEL_SITE_DIR);
  } else {
    siteDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mapreel-site-'));
    ownSite = true;
    makeFixtureSite(siteDir);
  }
  site = loadSite(siteDir);
  server = await startServer(siteDir);
  baseUrl = `http://127.0.0.1:${server.address().port}`;
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  // launch() gives every run a fresh, temporary user-data-dir of its own.
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, timeout: 60000 });
});

after(async () => {
  if (browser) { await browser.close(); }
  if (server) { await new Promise((r) => server.close(r)); }
  if (ownSite && !process.env.MAPREEL_KEEP_SITE) { fs.rmSync(siteDir, { recursive: true, force: true }); }
});

// ---------------------------------------------------------------- catalogue

test('catalogue lists every map as a card with a working link', async () => {
  const p = await openPage(`${baseUrl}/index.html`);
  await p.page.waitForFunction(() => document.documentElement.getAttribute('data-catalogue') === 'ready');
  const expected = site.catalogue.series.flatMap((s) => s.maps);
  const cards = await p.page.$$eval('.card', (cs) => cs.map((c) => ({
    title: c.querySelector('.card__title').textContent,
    href: c.querySelector('a.card__link') && c.querySelector('a.card__link').getAttribute('href'),
    img: c.querySelector('img') ? c.querySelector('img').getAttribute('src') : null
  })));
  assert.equal(cards.length, expected.length);
  expected.forEach((m, i) => {
    assert.equal(cards[i].title, m.title);
    assert.equal(cards[i].href, m.href);
  });
  assert.equal(await p.page.textContent('#site-title'), site.catalogue.title || 'Maps', 'the heading, Maps by default');
  const seriesTitles = await p.page.$$eval('.series__title', (h) => h.map((x) => x.textContent));
  assert.deepEqual(seriesTitles, site.catalogue.series.map((s) => s.title));
  // Thumbnails load.
  await p.page.waitForFunction(() => [...document.images].every((i) => i.complete && i.naturalWidth > 0), null, { timeout: 10000 });

  // Clicking anywhere on a card opens its player.
  const first = expected[0];
  await p.page.click('.card >> nth=0', { position: { x: 40, y: 40 } });
  await p.page.waitForURL(`${baseUrl}/${first.href}`);
  await waitPlayer(p.page, { metadata: false });
  const story = site.stories.find((s) => s.href === first.href).story;
  assert.equal(await p.page.textContent('h1'), story.title);
  await p.close();
});

test('a site of one series without --title is headed by the series, in the reader\'s language', async () => {
  const one = JSON.parse(JSON.stringify(site.catalogue));
  delete one.title;
  one.series = [one.series.find((x) => x.id !== 'other-maps') || one.series[0]];
  const s = one.series[0];
  for (const locale of ['en-US', 'fr-FR']) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, locale });
    await context.route('**/catalogue.js', (route) => route.fulfill({
      contentType: 'text/javascript; charset=utf-8',
      body: `window.MAPREEL_CATALOGUE = ${JSON.stringify(one)};`
    }));
    const page = await context.newPage();
    await page.goto(`${baseUrl}/index.html`);
    await page.waitForFunction(() => document.documentElement.getAttribute('data-catalogue') === 'ready');
    const fr = locale.startsWith('fr') && s.translations && s.translations.fr ? s.translations.fr : {};
    const title = fr.title || s.title;
    assert.equal(await page.textContent('#site-title'), title, `${locale}: the series' title heads the page`);
    assert.notEqual(title, 'Maps');
    assert.equal(await page.title(), title);
    if (fr.description || s.description) {
      assert.equal(await page.textContent('#site-description'), fr.description || s.description);
    }
    assert.equal(await page.locator('.series__title').count(), 0, 'no second heading for the series');
    assert.equal(await page.locator('.card').count(), s.maps.length);
    await context.close();
  }
});

test('the catalogue speaks the reader\'s language, and its switch changes it', async (t) => {
  const cat = site.catalogue;
  const codes = (cat.languages || []).map((l) => l.code);
  if (!codes.includes('fr') || codes.length < 2) { t.skip('the site needs maps in French and another language'); return; }
  const maps = cat.series.flatMap((s) => s.maps);
  const cards = (page) => page.$$eval('.card', (cs) => cs.map((c) => {
    const h = c.querySelector('.card__title');
    const a = c.querySelector('a.card__link');
    const sum = c.querySelector('.card__summary');
    return { title: h.textContent, lang: h.getAttribute('lang'), href: a && a.getAttribute('href'),
      summary: sum && sum.textContent, only: (c.querySelector('.card__only') || {}).textContent || null };
  }));
  const ready = (page) => page.waitForFunction(() => document.documentElement.getAttribute('data-catalogue') === 'ready');

  // A French browser gets a French catalogue: interface, titles and links.
  const p = await openPage(`${baseUrl}/index.html`, { locale: 'fr-FR' });
  await ready(p.page);
  assert.equal(await p.page.getAttribute('html', 'lang'), 'fr');
  assert.equal((await p.page.textContent('.skip-link')).trim(), 'Aller aux cartes');
  assert.match(await p.page.textContent('#site-count'), /^\d+ cartes? · \d+ séries?$/);
  assert.equal(await p.page.getAttribute('#series-nav', 'aria-label'), 'Séries');
  let shown = await cards(p.page);
  maps.forEach((m, i) => {
    const fr = m.pages && m.pages.fr;
    if (fr) {
      assert.equal(shown[i].title, fr.title, `${m.id}: the French title`);
      assert.equal(shown[i].href, fr.href, `${m.id}: links to the French page`);
      assert.equal(shown[i].lang, null, `${m.id}: not marked as another language`);
      if (fr.summary) { assert.equal(shown[i].summary, fr.summary); }
    } else {
      assert.equal(shown[i].title, m.title, `${m.id}: its own language's title`);
      assert.equal(shown[i].href, m.href);
      assert.equal(shown[i].lang, m.lang, `${m.id}: marked as ${m.lang} for screen readers`);
      if (m.languages.length === 1) { assert.match(shown[i].only, /^En \S+ seulement$/); }
    }
  });
  for (const s of cat.series.filter((x) => x.translations && x.translations.fr && x.translations.fr.title)) {
    assert.ok((await p.page.$$eval('.series__title', (h) => h.map((x) => x.textContent))).includes(s.translations.fr.title));
  }
  // A map in several languages links to each of its pages from its card.
  const multi = maps.find((m) => m.languages.length > 1);
  const chips = await p.page.$$eval(`.card:has(a[href="${multi.pages.fr.href}"]) a.card__lang`,
    (as) => as.map((a) => ({ lang: a.hreflang, href: a.getAttribute('href') })));
  assert.deepEqual(chips, multi.languages.map((l) => ({ lang: l, href: multi.pages[l].href })));

  // The switch: English, remembered on the next visit without ?lang.
  assert.equal(await p.page.isVisible('#site-languages'), true);
  assert.equal(await p.page.getAttribute('#site-languages a[aria-current]', 'hreflang'), 'fr');
  const other = codes.find((c) => c !== 'fr');
  await Promise.all([p.page.waitForURL(new RegExp(`[?&]lang=${other}`)),
    p.page.click(`#site-languages a[hreflang="${other}"]`)]);
  await p.page.waitForFunction((c) => document.documentElement.lang === c &&
    document.documentElement.getAttribute('data-catalogue') === 'ready', other);
  shown = await cards(p.page);
  maps.forEach((m, i) => {
    const pg = (m.pages && m.pages[other]) || m;
    assert.equal(shown[i].title, pg.title);
    assert.equal(shown[i].href, pg.href);
  });
  await p.page.goto(`${baseUrl}/index.html`);
  await ready(p.page);
  assert.equal(await p.page.getAttribute('html', 'lang'), other, 'the choice is remembered');
  // The switch and the revisit navigate away while thumbnails and the icon may still be
  // loading: the browser cancels those requests, which is not a fault of the page.
  await p.close({ allow: [/^request failed: \S+\.(png|svg) net::ERR_ABORTED$/] });

  // A language the interface knows but no map is written in: German chrome, maps as they are.
  const d = await openPage(`${baseUrl}/index.html`, { locale: 'de-DE' });
  await ready(d.page);
  assert.equal(await d.page.getAttribute('html', 'lang'), 'de');
  assert.equal((await d.page.textContent('.skip-link')).trim(), 'Zu den Karten springen');
  assert.equal(await d.page.textContent('.masthead__eyebrow'), 'Erzählte Karten');
  shown = await cards(d.page);
  maps.forEach((m, i) => { assert.equal(shown[i].title, m.title); assert.equal(shown[i].lang, m.lang); });
  assert.ok(await d.page.isVisible('#site-languages a[hreflang="de"][aria-current]'), 'the shown language is in the switch');
  assert.deepEqual(await lowContrast(d.page), [], 'catalogue contrast with the switch');
  await d.close();
});

// ---------------------------------------------------------------- videos

// ISO 639-2/B, as the encoder tags streams (adapters/av languageCode3).
const LANG3 = { en: 'eng', fr: 'fre', de: 'ger', es: 'spa', it: 'ita', pt: 'por', ru: 'rus', zh: 'chi', ja: 'jpn', ko: 'kor' };

test('the site videos carry captions and chapter marks in the page language', (t) => {
  if (ownSite) { t.skip('the fixture site has plain test videos; run with a site from mapreel site'); return; }
  for (const { href, story } of site.stories) {
    const dir = path.join(siteDir, path.dirname(href));
    for (const name of [story.video, story.videoWebm].filter(Boolean)) {
      const probe = JSON.parse(execFileSync('ffprobe', ['-v', 'error', '-show_streams', '-show_chapters',
        '-of', 'json', path.join(dir, name)], { encoding: 'utf8' }));
      const what = `${story.id}/${story.lang}/${name}`;
      const subs = probe.streams.filter((st) => st.codec_type === 'subtitle');
      const captioned = story.steps.some((st) => String(st.narration || '').trim());
      assert.equal(subs.length, captioned ? 1 : 0, `${what}: one caption track`);
      if (subs.length) {
        assert.equal(subs[0].codec_name, name.endsWith('.webm') ? 'webvtt' : 'mov_text', what);
        assert.equal((subs[0].tags || {}).language, LANG3[story.lang] || story.lang, `${what}: caption language`);
      }
      const chapters = probe.chapters.map((c) => ({ start: Number(c.start_time), title: (c.tags || {}).title }));
      assert.deepEqual(chapters.map((c) => c.title), story.steps.map((st) => st.title), `${what}: one chapter per step`);
      chapters.forEach((c, i) => assert.ok(Math.abs(c.start - story.steps[i].start) < 0.01,
        `${what}: chapter ${i + 1} starts at ${c.start}, its step at ${story.steps[i].start}`));
    }
  }
});

// ---------------------------------------------------------------- steps

test('next step jumps the video, the narration and the highlighted step', async () => {
  const entry = mainStory();
  const { steps } = entry.story;
  const p = await openPage(playerUrl(entry));
  await waitPlayer(p.page);
  let s = await state(p.page);
  assert.equal(s.step, 0);
  assert.deepEqual(s.currentLinks, [0]);
  assert.equal(s.hash, '', 'opening the page does not rewrite the URL');

  await p.page.click('#next-button');
  s = await state(p.page);
  assert.equal(s.step, 1);
  assert.ok(Math.abs(s.time - steps[1].start) < 0.05, `currentTime ${s.time} is step 2's start ${steps[1].start}`);
  assert.equal(s.title, steps[1].title);
  assert.equal(squash(s.narration), squash(steps[1].narration));
  assert.deepEqual(s.currentLinks, [1]);
  assert.equal(s.hash, `#step=${encodeURIComponent(steps[1].id)}`);
  assert.equal(await p.page.textContent('#step-count'), `Step 2 of ${steps.length}`);

  await p.page.click('#prev-button');
  s = await state(p.page);
  assert.equal(s.step, 0);
  assert.ok(Math.abs(s.time - steps[0].start) < 0.05);

  // The step list seeks too.
  await p.page.click(`#step-list a >> nth=${steps.length - 1}`);
  s = await state(p.page);
  assert.equal(s.step, steps.length - 1);
  assert.ok(Math.abs(s.time - steps[steps.length - 1].start) < 0.05);
  await p.close();
});

test('step mode pauses at the end of a step; continuous mode plays on', async () => {
  const entry = mainStory();
  const { steps } = entry.story;
  const p = await openPage(playerUrl(entry));
  await waitPlayer(p.page);
  const i = 1;
  const end = steps[i].end;

  // Continuous (the default): plays across the boundary.
  assert.equal((await state(p.page)).stepMode, false);
  await p.page.evaluate((tm) => { document.querySelector('video').currentTime = tm; }, end - 0.8);
  await waitForSeek(p.page);
  await p.page.click('#play-button');
  await p.page.waitForFunction((e) => document.querySelector('video').currentTime > e + 0.4, end, { timeout: 8000 });
  let s = await state(p.page);
  assert.equal(s.paused, false, 'continuous mode does not pause at a step end');
  assert.equal(s.step, i + 1);
  await p.page.click('#play-button');

  // Step mode.
  await p.page.click('#step-mode-button');
  assert.equal(await p.page.getAttribute('#step-mode-button', 'aria-checked'), 'true');
  assert.equal((await state(p.page)).stepMode, true);
  await p.page.evaluate((tm) => { document.querySelector('video').currentTime = tm; }, end - 1.0);
  await waitForSeek(p.page);
  await p.page.click('#play-button');
  await p.page.waitForFunction(() => !document.querySelector('video').paused, null, { timeout: 5000 });
  await p.page.waitForFunction(() => document.querySelector('video').paused, null, { timeout: 8000 });
  s = await state(p.page);
  assert.ok(Math.abs(s.time - end) <= 0.3, `paused at ${s.time}, step ends at ${end}`);
  assert.equal(s.step, i, 'the finished step stays current');
  assert.ok(await p.page.isVisible('#continue-button'), 'a continue button is offered');
  await p.page.screenshot({ path: path.join(ARTIFACTS, 'player-step-end.png') });

  // Continue plays the next step, and pauses at its end.
  await p.page.click('#continue-button');
  await p.page.waitForFunction((e) => document.querySelector('video').currentTime > e + 0.3, end, { timeout: 8000 });
  s = await state(p.page);
  assert.equal(s.step, i + 1);
  assert.equal(s.paused, false);
  assert.ok(s.hash.includes('mode=step'), `step mode is kept in the link: ${s.hash}`);
  await p.page.click('#play-button');
  await p.close();
});

// ---------------------------------------------------------------- deep links

test('#step= deep link opens at that step', async () => {
  const entry = mainStory();
  const { steps } = entry.story;
  const k = 2;
  const p = await openPage(playerUrl(entry, `#step=${encodeURIComponent(steps[k].id)}`));
  await waitPlayer(p.page);
  await waitForSeek(p.page);
  const s = await state(p.page);
  assert.equal(s.step, k);
  assert.ok(Math.abs(s.time - steps[k].start) < 0.05, `currentTime ${s.time}`);
  assert.equal(s.title, steps[k].title);
  assert.deepEqual(s.currentLinks, [k]);

  // Changing the hash in place also navigates.
  await p.page.evaluate((id) => { location.hash = `#step=${encodeURIComponent(id)}`; }, steps[0].id);
  await p.page.waitForFunction(() => window.mapreelPlayer.currentStep() === 0);
  await p.close();
});

test('#t= deep link opens at that time', async () => {
  const entry = mainStory();
  const { steps } = entry.story;
  const tm = Math.round((steps[1].start + steps[1].end) / 2 * 10) / 10;
  const p = await openPage(playerUrl(entry, `#t=${tm}`));
  await waitPlayer(p.page);
  await waitForSeek(p.page);
  const s = await state(p.page);
  assert.ok(Math.abs(s.time - tm) < 0.05, `currentTime ${s.time}, wanted ${tm}`);
  assert.equal(s.step, 1);
  assert.equal(s.hash, `#t=${tm}`, 'the opening link is left as it is');
  await p.close();
});

// ---------------------------------------------------------------- keyboard

test('keyboard: arrows, Home, End and Space', async () => {
  const entry = mainStory();
  const { steps } = entry.story;
  const last = steps.length - 1;
  const p = await openPage(playerUrl(entry));
  await waitPlayer(p.page);
  await p.page.click('h1');   // focus the page, not a control
  const step = async () => (await state(p.page)).step;

  await p.page.keyboard.press('ArrowRight');
  assert.equal(await step(), 1);
  await p.page.keyboard.press('ArrowRight');
  assert.equal(await step(), 2);
  await p.page.keyboard.press('ArrowLeft');
  assert.equal(await step(), 1);
  await p.page.keyboard.press('End');
  assert.equal(await step(), last);
  assert.ok(Math.abs((await state(p.page)).time - steps[last].start) < 0.05);
  await p.page.keyboard.press('Home');
  assert.equal(await step(), 0);
  assert.ok((await state(p.page)).time < 0.05);

  // The button's label follows the media events, a moment after paused flips.
  const label = (l) => p.page.waitForFunction((x) => document.getElementById('play-button').getAttribute('aria-label') === x, l, { timeout: 5000 });
  await p.page.keyboard.press('Space');
  await p.page.waitForFunction(() => !document.querySelector('video').paused, null, { timeout: 5000 });
  await label('Pause');
  await p.page.keyboard.press('Space');
  await p.page.waitForFunction(() => document.querySelector('video').paused, null, { timeout: 5000 });
  await label('Play');

  // S toggles step mode; on the seek bar the arrows move by 5 s instead.
  await p.page.keyboard.press('s');
  assert.equal((await state(p.page)).stepMode, true);
  await p.page.keyboard.press('s');
  assert.equal((await state(p.page)).stepMode, false);
  await p.page.focus('#progress');
  const before5 = (await state(p.page)).time;
  await p.page.keyboard.press('ArrowRight');
  assert.ok(Math.abs((await state(p.page)).time - Math.min(before5 + 5, entry.story.duration)) < 0.3);
  await p.close();
});

// ---------------------------------------------------------------- captions, languages

test('the captions button toggles the text track', async () => {
  const entry = mainStory();
  const p = await openPage(playerUrl(entry));
  await waitPlayer(p.page);
  await p.page.waitForFunction(() => {
    const t = document.querySelector('track[kind="captions"]');
    return t && t.readyState === 2;
  }, null, { timeout: 10000 });
  const track = await p.page.$eval('track[kind="captions"]', (t) => ({ srclang: t.srclang, src: t.getAttribute('src'), def: t.default }));
  assert.equal(track.srclang, entry.story.lang);
  assert.equal(track.src, entry.story.captions);
  assert.equal(track.def, false);
  // The narration panel is in sight, so the captions start off (loaded, not shown).
  const mode = () => p.page.evaluate(() => document.querySelector('track[kind="captions"]').track.mode);
  assert.equal(await mode(), 'hidden');
  assert.equal(await p.page.getAttribute('#captions-button', 'aria-pressed'), 'false');
  await p.page.click('#captions-button');
  assert.equal(await mode(), 'showing');
  assert.equal(await p.page.getAttribute('#captions-button', 'aria-pressed'), 'true');
  await p.page.click('#captions-button');
  assert.equal(await mode(), 'hidden');
  await p.page.click('h1');
  await p.page.keyboard.press('c');
  assert.equal(await mode(), 'showing');
  await p.close();
});

// The narration once: the panel shows it, the captions are off and the site's video has no
// narration card. real-site.sh leaves stills of the story's step 2 with and without the card
// in test-refs/; the video's frame at that moment must be the one without.
test('a player page of the series shows the narration once by default', async (t) => {
  const refs = path.join(siteDir, 'test-refs');
  const entry = site.stories.find((s) => s.story.id === 'mini-korea' && s.story.lang === 'en');
  if (!entry || !fs.existsSync(path.join(refs, 'card-on.png'))) { t.skip('needs the real site of tests/web/site-stories'); return; }
  const step = entry.story.steps[1];
  assert.equal(entry.story.narrationCard, false, 'story.js says the video has no card');
  const p = await openPage(playerUrl(entry, `#step=${encodeURIComponent(step.id)}`));
  await waitPlayer(p.page);
  await waitForSeek(p.page);
  // The panel has the text ...
  const s = await state(p.page);
  assert.equal(squash(s.narration), squash(step.narration));
  assert.ok(await p.page.isVisible('#narration'));
  // ... no captions are shown (they stay available) ...
  const shown = await p.page.evaluate(() => [...document.querySelector('video').textTracks]
    .filter((tt) => tt.kind === 'captions' && tt.mode === 'showing').length);
  assert.equal(shown, 0, 'no caption track showing');
  assert.equal(await p.page.isVisible('#captions-button'), true);
  assert.equal(await p.page.getAttribute('#captions-button', 'aria-pressed'), 'false');
  // ... and the video's frame at the step's settled moment is the still without the card.
  const diff = await p.page.evaluate(async (at) => {
    const v = document.querySelector('video');
    v.pause();
    await new Promise((resolve) => { v.addEventListener('seeked', resolve, { once: true }); v.currentTime = at; });
    const w = v.videoWidth;
    const h = v.videoHeight;
    const pixels = (source) => {
      const c = document.createElement('canvas');
      c.width = w; c.height = h;
      const g = c.getContext('2d');
      g.drawImage(source, 0, 0, w, h);
      return g.getImageData(0, 0, w, h).data;
    };
    const image = async (src) => {
      const img = new Image();
      img.src = src;
      await img.decode();
      return pixels(img);
    };
    const frame = pixels(v);
    const meanDiff = (a) => {
      let sum = 0;
      for (let i = 0; i < a.length; i += 4) {
        sum += Math.abs(a[i] - frame[i]) + Math.abs(a[i + 1] - frame[i + 1]) + Math.abs(a[i + 2] - frame[i + 2]);
      }
      return sum / (a.length / 4) / 3;
    };
    return { on: meanDiff(await image('../../../test-refs/card-on.png')), off: meanDiff(await image('../../../test-refs/card-off.png')) };
  }, step.settled);
  assert.ok(diff.off < 6, `the frame is the still without the card (mean difference ${diff.off.toFixed(2)})`);
  assert.ok(diff.on > 2 * diff.off, `the frame is not the still with the card (${diff.on.toFixed(2)} vs ${diff.off.toFixed(2)})`);
  await p.close();
});

test('mute and full screen buttons', async () => {
  const p = await openPage(playerUrl(mainStory()));
  await waitPlayer(p.page);
  await p.page.click('#mute-button');
  assert.equal(await p.page.evaluate(() => document.querySelector('video').muted), true);
  await p.page.waitForFunction(() => document.getElementById('mute-button').getAttribute('aria-pressed') === 'true');
  assert.equal(await p.page.getAttribute('#mute-button', 'aria-label'), 'Unmute');
  await p.page.click('#mute-button');
  assert.equal(await p.page.evaluate(() => document.querySelector('video').muted), false);

  await p.page.click('#fullscreen-button');
  await p.page.waitForFunction(() => document.fullscreenElement && document.fullscreenElement.id === 'stage', null, { timeout: 5000 });
  await p.page.waitForFunction(() => document.getElementById('fullscreen-button').getAttribute('aria-label') === 'Exit full screen');
  const fs1 = await p.page.evaluate(() => {
    const r = document.getElementById('controls').getBoundingClientRect();
    return { controlsBottom: r.bottom, h: innerHeight };
  });
  assert.ok(fs1.controlsBottom <= fs1.h + 1, 'our controls stay on screen in full screen');
  await p.page.click('#fullscreen-button');
  await p.page.waitForFunction(() => !document.fullscreenElement, null, { timeout: 5000 });
  await p.close();
});

test('language switch only when there is more than one language', async (t) => {
  const multi = site.stories.find((s) => (s.story.languages || []).length > 1);
  const single = site.stories.find((s) => (s.story.languages || []).length <= 1);
  if (!multi || !single) { t.skip('the site needs a map in one language and a map in several'); return; }

  let p = await openPage(playerUrl(single));
  await waitPlayer(p.page, { metadata: false });
  assert.equal(await p.page.isVisible('#languages'), false);
  await p.close();

  p = await openPage(playerUrl(multi, `#step=${encodeURIComponent(multi.story.steps[1].id)}`));
  await waitPlayer(p.page, { metadata: false });
  assert.equal(await p.page.isVisible('#languages'), true);
  const links = await p.page.$$eval('#languages a', (as) => as.map((a) => ({ text: a.textContent, current: a.getAttribute('aria-current'), lang: a.hreflang })));
  assert.equal(links.length, multi.story.languages.length);
  assert.deepEqual(links.filter((l) => l.current === 'page').map((l) => l.lang), [multi.story.lang]);
  const other = multi.story.languages.find((l) => l.code !== multi.story.lang);
  await p.page.click(`#languages a[hreflang="${other.code}"]`);
  await p.page.waitForFunction((code) => document.documentElement.lang === code &&
    document.documentElement.getAttribute('data-player') === 'ready', other.code);
  assert.equal(await p.page.evaluate(() => window.mapreelPlayer.currentStep()), 1, 'the step is kept across languages');
  if (other.code === 'fr') {
    // The interface speaks the page's language too, not only the story.
    assert.equal(await p.page.getAttribute('#next-button', 'aria-label'), 'Étape suivante');
    assert.equal((await p.page.textContent('#steps-heading')).trim(), 'Étapes');
    assert.equal(await p.page.getAttribute('#steps-heading', 'lang'), null, 'a translated string is not marked English');
  }
  await p.close();
});

// ---------------------------------------------------------------- untrusted text

test('story text with HTML is shown as text, never run', async (t) => {
  const evil = site.stories.find((s) => JSON.stringify(s.story).includes(INJECTION));
  if (!evil) { t.skip('the site has no story with an HTML injection'); return; }
  const idx = evil.story.steps.findIndex((s) => s.title.includes(INJECTION) || s.narration.includes(INJECTION));
  const p = await openPage(playerUrl(evil, `#step=${encodeURIComponent(evil.story.steps[Math.max(idx, 0)].id)}`));
  await waitPlayer(p.page, { metadata: false });
  await p.page.waitForTimeout(300);
  const r = await p.page.evaluate(() => ({
    imgs: document.querySelectorAll('img').length,
    scripts: [...document.scripts].map((s) => s.getAttribute('src')),
    bold: document.querySelectorAll('#narration b').length,
    h1: document.querySelector('h1').textContent,
    body: document.body.innerText,
    embed: document.getElementById('embed-code').value
  }));
  assert.equal(r.imgs, 0, 'no <img> was created from story text');
  assert.equal(r.bold, 0);
  assert.ok(r.scripts.every((s) => s && !/alert/.test(s)));
  assert.equal(r.h1, evil.story.title);
  assert.ok(r.body.includes(INJECTION), 'the markup is visible as text');
  assert.equal(r.embed, evil.story.embed);
  await p.close();

  const c = await openPage(`${baseUrl}/index.html`);
  await c.page.waitForFunction(() => document.documentElement.getAttribute('data-catalogue') === 'ready');
  const cat = await c.page.evaluate(() => ({ xs: [...document.images].filter((i) => /\/x$/.test(i.src)).length, text: document.body.innerText }));
  assert.equal(cat.xs, 0);
  if (JSON.stringify(site.catalogue).includes(INJECTION)) { assert.ok(cat.text.includes(INJECTION)); }
  await c.close();
});

test('embed code is shown in a read-only box and can be copied', async () => {
  const entry = mainStory();
  const p = await openPage(playerUrl(entry));
  await p.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl });
  await waitPlayer(p.page, { metadata: false });
  const box = await p.page.$eval('#embed-code', (e) => ({ value: e.value, readOnly: e.readOnly, tag: e.tagName }));
  assert.deepEqual(box, { value: entry.story.embed, readOnly: true, tag: 'TEXTAREA' });
  await p.page.click('#copy-embed');
  await p.page.waitForFunction(() => document.getElementById('copy-status').textContent.length > 0);
  assert.equal(await p.page.evaluate(() => navigator.clipboard.readText()), entry.story.embed);
  await p.close();
});

// ---------------------------------------------------------------- video and dates

test('the video plays, and the date scrubber shows the date under the pointer', async (t) => {
  const entry = mainStory();
  const { steps } = entry.story;
  const p = await openPage(playerUrl(entry));
  await waitPlayer(p.page);
  const codecs = await p.page.evaluate(() => {
    const v = document.querySelector('video');
    return {
      h264: v.canPlayType('video/mp4; codecs="avc1.640028"'),
      vp9: v.canPlayType('video/webm; codecs="vp9"'),
      sources: [...v.querySelectorAll('source')].map((s) => s.getAttribute('src'))
    };
  });
  await p.page.click('#play-button');
  await p.page.waitForFunction(() => document.querySelector('video').currentTime > 0.8, null, { timeout: 8000 });
  const played = await p.page.evaluate(() => document.querySelector('video').currentSrc.split('/').pop());
  await p.page.click('#play-button');

  // The other source, on its own: every page must play whatever it is given.
  const results = { chromium: (await browser.version()), canPlayType: codecs, [entry.href]: played };
  for (const other of site.stories.filter((s) => s.href !== entry.href)) {
    const q = await openPage(playerUrl(other));
    await waitPlayer(q.page);
    await q.page.click('#play-button');
    await q.page.waitForFunction(() => document.querySelector('video').currentTime > 0.5, null, { timeout: 8000 });
    results[other.href] = await q.page.evaluate(() => document.querySelector('video').currentSrc.split('/').pop());
    await q.close();
  }
  fs.writeFileSync(path.join(ARTIFACTS, 'playback.json'), JSON.stringify(results, null, 2) + '\n');
  t.diagnostic(`playback: ${JSON.stringify(results)}`);

  // Hover the middle of step 2: the tip shows the interpolated date and the step.
  const s = steps[1];
  const box = await p.page.locator('#progress').boundingBox();
  const tm = (s.start + s.end) / 2;
  await p.page.mouse.move(box.x + box.width * tm / entry.story.duration, box.y + box.height / 2);
  await p.page.waitForSelector('#scrub-tip', { state: 'visible' });
  const tip = {
    date: await p.page.textContent('#scrub-tip-date'),
    step: await p.page.textContent('#scrub-tip-step')
  };
  const expected = await p.page.evaluate(([st, t2]) => {
    const D = window.MapreelDates;
    const r = D.parseRange(st.dates[0], st.dates[1], st.precision);
    if (!st.dateCurve) {   // fixture data without a curve: the dates spread over the step
      const d = D.interpolate(r, (t2 - st.start) / (st.end - st.start));
      return D.format(d.days, d.precision, document.documentElement.lang);
    }
    // The curve the video's clock computed: read it at t2.
    const k = st.dateCurve;
    let days = k[k.length - 1][1];
    for (let i = 1; i < k.length; i++) {
      if (t2 <= k[i][0]) {
        days = k[i - 1][1] + (k[i][1] - k[i - 1][1]) * (t2 - k[i - 1][0]) / (k[i][0] - k[i - 1][0]);
        break;
      }
    }
    return D.format(Math.floor(days + 1e-9), r.precision, document.documentElement.lang);
  }, [s, tm]);
  assert.equal(tip.step, s.title);
  assert.equal(tip.date, expected);
  await p.page.screenshot({ path: path.join(ARTIFACTS, 'player-scrub.png') });

  // Dragging seeks.
  await p.page.mouse.down();
  await p.page.mouse.move(box.x + box.width * 0.9, box.y + box.height / 2, { steps: 5 });
  await p.page.mouse.up();
  const after = await state(p.page);
  assert.ok(Math.abs(after.time - entry.story.duration * 0.9) < 0.3, `dragged to ${after.time}`);
  await p.close();
});

test('dates are interpolated and formatted by precision', async () => {
  const p = await openPage(playerUrl(mainStory()));
  await waitPlayer(p.page, { metadata: false });
  const r = await p.page.evaluate(() => {
    const D = window.MapreelDates;
    const f = (a, b, prec, frac, lang = 'en') => { const d = D.interpolate(D.parseRange(a, b, prec), frac); return D.format(d.days, d.precision, lang); };
    return {
      day: f('1950-06-25', '1950-06-25', 'day', 0.5),
      month: f('1950-06', '1950-06', 'month', 0),
      year: f('1950', '1950', 'year', 1),
      mid: f('1950-09-15', '1950-09-28', 'day', 0.5),
      end: f('1950-09-15', '1950-09-28', 'day', 1),
      monthRange: f('1950-01', '1950-12', 'month', 0.999),
      bc: f('-0489-09-12', '-0489-09-12', 'day', 0),
      leap: f('2000-02-28', '2000-03-01', 'day', 0.5),
      range: D.formatRange(D.parseRange('1950-09-15', '1950-09-28', 'day'), 'en'),
      fr: f('1950-06-25', '1950-06-25', 'day', 0, 'fr')
    };
  });
  assert.deepEqual(r, {
    day: '25 June 1950', month: 'June 1950', year: '1950', mid: '21 September 1950', end: '28 September 1950',
    monthRange: 'December 1950', bc: '12 September 490 BC', leap: '29 February 2000',
    range: r.range, fr: '25 juin 1950'
  });
  assert.match(r.range, /^15\s*–\s*28 September 1950$/);
  await p.close();
});

// ---------------------------------------------------------------- file://

test('the pages work from file://', async () => {
  const entry = mainStory();
  const { steps } = entry.story;
  const url = pathToFileURL(path.join(siteDir, entry.href)).href;
  // Browsers will not load .vtt tracks from file:// pages; the player then
  // uses captionCues from story.js when the site provides them.
  const allow = [/captions\.vtt|chapters\.vtt/];
  const p = await openPage(`${url}#step=${encodeURIComponent(steps[1].id)}`);
  await waitPlayer(p.page);
  await waitForSeek(p.page);
  let s = await state(p.page);
  assert.equal(s.step, 1);
  assert.ok(Math.abs(s.time - steps[1].start) < 0.05);
  await p.page.click('#next-button');
  s = await state(p.page);
  assert.equal(s.step, 2);
  assert.equal(s.hash, `#step=${encodeURIComponent(steps[2].id)}`, 'replaceState works on file://');
  await p.page.click('#play-button');
  await p.page.waitForFunction((t0) => document.querySelector('video').currentTime > t0 + 0.5, steps[2].start, { timeout: 8000 });
  await p.page.click('#play-button');
  if (entry.story.captionCues) {
    assert.equal(await p.page.isVisible('#captions-button'), true);
    // Built from story.js, and off while the narration panel shows the text.
    const cues = await p.page.evaluate(() => [...document.querySelector('video').textTracks]
      .filter((t) => t.kind === 'captions' && t.mode !== 'disabled').map((t) => [t.mode, t.cues ? t.cues.length : 0]));
    assert.deepEqual(cues, [['hidden', entry.story.captionCues.length]]);
  }
  await p.close({ allow });

  const c = await openPage(pathToFileURL(path.join(siteDir, 'index.html')).href);
  await c.page.waitForFunction(() => document.documentElement.getAttribute('data-catalogue') === 'ready');
  assert.equal(await c.page.locator('.card').count(), site.catalogue.series.flatMap((x) => x.maps).length);
  await c.page.click('.card__link >> nth=0');
  await c.page.waitForFunction(() => document.documentElement.getAttribute('data-player') === 'ready');
  await c.close({ allow });
});

// ---------------------------------------------------------------- layout and accessibility

// WCAG relative luminance contrast of every visible text run against the
// first opaque background behind it.
async function lowContrast(page) {
  return page.evaluate(() => {
    const parse = (c) => { const m = c.match(/[\d.]+/g); return m ? m.map(Number) : [0, 0, 0, 0]; };
    const lum = ([r, g, b]) => {
      const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const bgOf = (el) => {
      for (let e = el; e; e = e.parentElement) {
        // (a gradient background is judged by its base colour)
        const c = parse(getComputedStyle(e).backgroundColor);
        if (c.length < 4 || c[3] >= 0.95) { return c; }
      }
      return [255, 255, 255];
    };
    const bad = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const seen = new Set();
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || seen.has(el) || !n.textContent.trim()) { continue; }
      seen.add(el);
      const r = el.getBoundingClientRect();
      const cs = getComputedStyle(el);
      if (r.width === 0 || r.height === 0 || cs.visibility === 'hidden' || el.closest('[hidden], noscript, option')) { continue; }
      if (el.closest('.visually-hidden')) { continue; }
      const fg = parse(cs.color);
      const bg = bgOf(el);
      const a = fg.length > 3 ? fg[3] : 1;
      const mixed = fg.slice(0, 3).map((v, i) => v * a + bg[i] * (1 - a));
      const l1 = lum(mixed), l2 = lum(bg);
      const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
      const size = parseFloat(cs.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(cs.fontWeight) >= 700);
      if (ratio < (large ? 3 : 4.5)) { bad.push(`${ratio.toFixed(2)} "${n.textContent.trim().slice(0, 40)}" ${cs.color} on rgb(${bg.slice(0, 3)})`); }
    }
    return bad;
  });
}

async function unnamedButtons(page) {
  return page.evaluate(() => [...document.querySelectorAll('button, [role="slider"], [role="switch"]')]
    .filter((b) => b.offsetParent !== null && b.getAttribute('aria-hidden') !== 'true')
    .filter((b) => !(b.getAttribute('aria-label') || b.textContent.trim()))
    .map((b) => b.id || b.outerHTML.slice(0, 60)));
}

test('layout from a 360 px phone to a 1920 px projector; names and contrast', async () => {
  const entry = mainStory();
  for (const [width, height] of [[360, 740], [768, 1024], [1280, 720], [1920, 1080]]) {
    const p = await openPage(playerUrl(entry, `#step=${encodeURIComponent(entry.story.steps[1].id)}`), { width, height });
    await waitPlayer(p.page);
    const m = await p.page.evaluate(() => {
      const r = (id) => document.getElementById(id).getBoundingClientRect().toJSON();
      return { scrollWidth: document.documentElement.scrollWidth, stage: r('stage'), aside: r('companion'), controls: r('controls') };
    });
    assert.ok(m.scrollWidth <= width, `no sideways scrolling at ${width}px (scrollWidth ${m.scrollWidth})`);
    if (width >= 1280) {
      assert.ok(m.aside.left >= m.stage.right, `narration beside the map at ${width}px`);
      assert.ok(m.controls.bottom <= height, `controls on screen at ${width}x${height} (bottom ${m.controls.bottom})`);
    } else {
      assert.ok(m.aside.top >= m.stage.bottom, `narration under the map at ${width}px`);
    }
    assert.deepEqual(await unnamedButtons(p.page), [], `every control has a name at ${width}px`);
    assert.deepEqual(await lowContrast(p.page), [], `text contrast at ${width}px`);
    if (width === 360 || width === 1920) {
      await p.page.screenshot({ path: path.join(ARTIFACTS, `player-${width}.png`), fullPage: width === 360 });
    }
    await p.close();
  }

  for (const [width, height] of [[360, 740], [1280, 720]]) {
    const c = await openPage(`${baseUrl}/index.html`, { width, height });
    await c.page.waitForFunction(() => document.documentElement.getAttribute('data-catalogue') === 'ready');
    assert.ok(await c.page.evaluate((w) => document.documentElement.scrollWidth <= w, width));
    assert.deepEqual(await lowContrast(c.page), [], `catalogue contrast at ${width}px`);
    if (width === 360) { await c.page.screenshot({ path: path.join(ARTIFACTS, 'catalogue-360.png'), fullPage: true }); }
    await c.close();
  }
});

test('focus is visible on the controls', async () => {
  const p = await openPage(playerUrl(mainStory()));
  await waitPlayer(p.page);
  await p.page.keyboard.press('Tab');   // skip link
  await p.page.keyboard.press('Tab');
  const outline = async () => p.page.evaluate(() => {
    const cs = getComputedStyle(document.activeElement);
    return { id: document.activeElement.id || document.activeElement.tagName, width: parseFloat(cs.outlineWidth), style: cs.outlineStyle };
  });
  for (let i = 0; i < 6; i++) {
    const o = await outline();
    assert.ok(o.style !== 'none' && o.width >= 2, `focus ring on ${o.id}: ${JSON.stringify(o)}`);
    await p.page.keyboard.press('Tab');
  }
  await p.close();
});

// ---------------------------------------------------------------- screenshots

test('screenshots of the player and the catalogue (1280x720)', async () => {
  const entry = mainStory();
  const p = await openPage(playerUrl(entry, `#step=${encodeURIComponent(entry.story.steps[1].id)}`));
  await waitPlayer(p.page);
  await waitForSeek(p.page);
  await p.page.waitForFunction(() => document.querySelector('video').readyState >= 2);
  const file = path.join(ARTIFACTS, 'player.png');
  await p.page.screenshot({ path: file });
  assert.ok(fs.statSync(file).size > 10000);
  await p.close();

  const c = await openPage(`${baseUrl}/index.html`);
  await c.page.waitForFunction(() => document.documentElement.getAttribute('data-catalogue') === 'ready' &&
    [...document.images].every((i) => i.complete));
  const cfile = path.join(ARTIFACTS, 'catalogue.png');
  await c.page.screenshot({ path: cfile });
  assert.ok(fs.statSync(cfile).size > 10000);
  await c.close();
});
