// The video's dates (ICU, through tests/locale/date_strings.cpp) and the web player's
// (web/assets/dates.js in Chromium, whose Intl is ICU too) must read the same in every
// language the series is written or translated in: the date the player shows under its
// scrubber at any moment is the one in the video's frame. (A step's range, in the step list
// and the handout, is written once by the video's formatter: story.js carries it as
// `dateText`, because CLDR's range patterns change between ICU versions.)
//
//   MAPREEL_DATE_STRINGS=build/release/tests/mapreel_date_strings node --test tests/locale/
//
// MAPREEL_CHROMIUM: the browser (default /usr/bin/chromium).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');
const require = createRequire(path.join(repoRoot, 'web/package.json'));
const { chromium } = require('playwright-core');

const BINARY = process.env.MAPREEL_DATE_STRINGS;
const CHROMIUM = process.env.MAPREEL_CHROMIUM || '/usr/bin/chromium';
const LANGUAGES = ['en', 'fr', 'de', 'es', 'ru', 'ko', 'zh'];

// [from, to, precision]: a date shown at that precision.
const CASES = [
  ['1950-06-25', '1950-06-25', 'day'],
  ['1950-06', '1950-06', 'month'],
  ['1950', '1950', 'year'],
  ['1953-07-27', '1953-07-27', 'day'],
  ['1962-10-22', '1962-10-22', 'day'],
  ['1989-11-09', '1989-11-09', 'day'],
  ['1200-03-15', '1200-03-15', 'day'],
  ['-0489-09-12', '-0489-09-12', 'day'],
  ['-0043', '-0043', 'year']
];
for (let m = 1; m <= 12; m++) {
  const mm = String(m).padStart(2, '0');
  CASES.push([`1951-${mm}-01`, `1951-${mm}-01`, 'day'], [`1951-${mm}`, `1951-${mm}`, 'month']);
}

test('the video and the player write dates alike in en, fr, de, es, ru, ko and zh', async (t) => {
  if (!BINARY) {
    t.skip('MAPREEL_DATE_STRINGS is not set (ctest sets it)');
    return;
  }
  const rows = [];
  for (const lang of LANGUAGES) {
    for (const [from, to, precision] of CASES) { rows.push({ lang, from, to, precision }); }
  }
  const input = rows.map((r) => [r.lang, r.from, r.to, r.precision].join('\t')).join('\n') + '\n';
  const video = execFileSync(BINARY, [], { input, encoding: 'utf8' }).split('\n').slice(0, rows.length);

  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking']
  });
  try {
    const page = await browser.newPage();
    await page.setContent('<!doctype html><meta charset="utf-8"><title>dates</title>');
    await page.addScriptTag({ content: fs.readFileSync(path.join(repoRoot, 'web/assets/dates.js'), 'utf8') });
    const player = await page.evaluate((list) => list.map((r) => {
      const D = window.MapreelDates;
      const range = D.parseRange(r.from, r.to, r.precision);
      return r.from === r.to ? D.format(range.from, range.precision, r.lang) : D.formatRange(range, r.lang);
    }), rows);
    const differ = rows
      .map((r, i) => ({ ...r, video: video[i], player: player[i] }))
      .filter((r) => r.video !== r.player);
    assert.deepEqual(differ, [], 'dates that read differently in the video and the player');
    // Guard against both sides agreeing on nothing useful.
    assert.equal(video[rows.findIndex((r) => r.lang === 'ko' && r.precision === 'day')], '1950년 6월 25일');
  } finally {
    await browser.close();
  }
});
