/*
 * mapreel: historical dates for the player's date scrubber.
 *
 * Dates are ISO-like strings with a year of any sign ("1950-09-15", "1950-09",
 * "1950", "-0490-09"). They are turned into day numbers on the proleptic
 * Gregorian calendar, so that interpolating between two dates is plain
 * arithmetic, and formatted at a precision by the browser's locale data: day
 * "25 June 1950", month "June 1950", year "1950" in English, "1950년 6월 25일" in Korean.
 */
(function () {
  'use strict';

  var PRECISIONS = { day: 1, month: 1, year: 1 };

  // Days since 1970-01-01 (H. Hinnant's algorithms, valid for any year).
  function daysFromCivil(y, m, d) {
    y -= m <= 2 ? 1 : 0;
    var era = Math.floor(y / 400);
    var yoe = y - era * 400;
    var doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
    var doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
    return era * 146097 + doe - 719468;
  }

  function civilFromDays(z) {
    z += 719468;
    var era = Math.floor(z / 146097);
    var doe = z - era * 146097;
    var yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
    var doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
    var mp = Math.floor((5 * doy + 2) / 153);
    var d = doy - Math.floor((153 * mp + 2) / 5) + 1;
    var m = mp + (mp < 10 ? 3 : -9);
    return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m: m, d: d };
  }

  function isLeap(y) { return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0; }
  function daysInMonth(y, m) { return [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]; }

  // -> { days, precision } or null. asEnd: a month or year means its last day.
  function parse(s, asEnd) {
    if (s == null) { return null; }
    var m = /^\s*([+-]?\d{1,6})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[T ].*)?\s*$/.exec(String(s));
    if (!m) { return null; }
    var y = parseInt(m[1], 10);
    var mo = m[2] ? parseInt(m[2], 10) : 0;
    var d = m[3] ? parseInt(m[3], 10) : 0;
    if (mo && (mo < 1 || mo > 12)) { return null; }
    var precision = d ? 'day' : (mo ? 'month' : 'year');
    if (!mo) { mo = asEnd ? 12 : 1; d = asEnd ? 31 : 1; }
    else if (!d) { d = asEnd ? daysInMonth(y, mo) : 1; }
    d = Math.min(Math.max(d, 1), daysInMonth(y, mo));
    return { days: daysFromCivil(y, mo, d), precision: precision };
  }

  var RANK = { year: 0, month: 1, day: 2 };

  // A step's dates: [from, to] (the same twice for a single date).
  function parseRange(a, b, precision) {
    var from = parse(a, false);
    var to = parse(b == null ? a : b, true);
    if (!from && !to) { return null; }
    if (!from) { from = parse(b, false); }
    if (!to) { to = parse(a, true); }
    var p = PRECISIONS[precision] ? precision :
      (RANK[from.precision] >= RANK[to.precision] ? from.precision : to.precision);
    // A single day given twice: from == to.
    var toDays = Math.max(to.days, from.days);
    return { from: from.days, to: toDays, precision: p };
  }

  function interpolate(range, frac) {
    if (!range) { return null; }
    frac = Math.min(1, Math.max(0, Number(frac) || 0));
    return { days: Math.floor(range.from + frac * (range.to - range.from) + 1e-9), precision: range.precision };
  }

  // ------------------------------------------------------------ formatting

  // Dates are written by the browser's locale data (Intl, i.e. ICU/CLDR), asked for the same
  // fields as the video's formatter (adapters/icu): year, long month, numeric day, and the era
  // for years before 1. English reads the British way ("25 June 1950"); a language the
  // browser does not know reads English, as in the video.
  function locale(lang) {
    lang = String(lang || 'en');
    if (/^en$/i.test(lang)) { return 'en-GB'; }
    try { return Intl.DateTimeFormat.supportedLocalesOf([lang]).length ? lang : 'en-GB'; } catch (e) { return 'en-GB'; }
  }

  var fmtCache = {};
  function intlFormat(lang, precision, era) {
    var key = lang + '|' + precision + (era ? '|G' : '');
    if (fmtCache[key] !== undefined) { return fmtCache[key]; }
    var opts = { timeZone: 'UTC', year: 'numeric' };
    if (era) { opts.era = 'short'; }
    if (precision !== 'year') { opts.month = 'long'; }
    if (precision === 'day') { opts.day = 'numeric'; }
    var f = null;
    try { f = new Intl.DateTimeFormat(locale(lang), opts); } catch (e) { f = null; }
    fmtCache[key] = f;
    return f;
  }

  function toDate(days) {
    var c = civilFromDays(days);
    var dt = new Date(0);
    dt.setUTCFullYear(c.y, c.m - 1, c.d);
    return dt;
  }

  // Intl's calendar is proleptic Gregorian, like the historical clock, for every year a
  // Date holds (about 271,000 years either side of 1970).
  function intlSafe(days) { return Math.abs(civilFromDays(days).y) <= 271000; }
  function beforeYearOne(days) { return civilFromDays(days).y < 1; }

  function pad(n, w) { var s = String(Math.abs(n)); while (s.length < w) { s = '0' + s; } return (n < 0 ? '-' : '') + s; }

  // Beyond Date's range: the ISO form, as the video writes dates without locale data.
  function iso(days, precision) {
    var c = civilFromDays(days);
    if (precision === 'year') { return pad(c.y, 4); }
    if (precision === 'month') { return pad(c.y, 4) + '-' + pad(c.m, 2); }
    return pad(c.y, 4) + '-' + pad(c.m, 2) + '-' + pad(c.d, 2);
  }

  // CLDR versions differ in the spaces they put (thin, narrow no-break); the video and the
  // page both write plain ones.
  function plainSpaces(text) { return String(text).replace(/[\u00a0\u2009\u202f]/g, ' '); }

  function format(days, precision, lang) {
    if (days == null || !isFinite(days)) { return ''; }
    precision = PRECISIONS[precision] ? precision : 'day';
    if (intlSafe(days)) {
      var f = intlFormat(lang, precision, beforeYearOne(days));
      if (f) { try { return plainSpaces(f.format(toDate(days))); } catch (e) { /* fall through */ } }
    }
    return iso(days, precision);
  }

  function formatRange(range, lang) {
    if (!range) { return ''; }
    var a = format(range.from, range.precision, lang);
    var b = format(range.to, range.precision, lang);
    if (a === b) { return a; }
    if (intlSafe(range.from) && intlSafe(range.to)) {
      var f = intlFormat(lang, range.precision, beforeYearOne(range.from) || beforeYearOne(range.to));
      if (f && f.formatRange) {
        try { return plainSpaces(f.formatRange(toDate(range.from), toDate(range.to))); } catch (e) { /* fall through */ }
      }
    }
    return a + ' – ' + b;
  }

  // ------------------------------------------------------------ licences

  function licenceInfo(id) {
    id = String(id || '').trim();
    var m = /^CC-(BY(?:-NC)?(?:-SA|-ND)?)-(\d\.\d)$/i.exec(id);
    if (m) {
      return {
        name: 'CC ' + m[1].toUpperCase() + ' ' + m[2],
        url: 'https://creativecommons.org/licenses/' + m[1].toLowerCase() + '/' + m[2] + '/'
      };
    }
    if (/^CC0-1\.0$/i.test(id)) {
      return { name: 'CC0 1.0', url: 'https://creativecommons.org/publicdomain/zero/1.0/' };
    }
    return { name: id, url: '' };
  }

  window.MapreelDates = Object.freeze({
    parse: parse,
    parseRange: parseRange,
    interpolate: interpolate,
    format: format,
    formatRange: formatRange,
    licenceInfo: licenceInfo,
    daysFromCivil: daysFromCivil,
    civilFromDays: civilFromDays
  });
})();
