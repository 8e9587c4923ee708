/*
 * mapreel: historical dates for the player's date scrubber.
 *
 * Dates are ISO-like strings with a year of any sign ("1950-09-15", "1950-09",
 * "1950", "-0490-09"). They are turned into day numbers on the proleptic
 * Gregorian calendar, so that interpolating between two dates is plain
 * arithmetic, and formatted at a precision: day "25 June 1950",
 * month "June 1950", year "1950".
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

  var MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July',
    'August', 'September', 'October', 'November', 'December'];

  function locale(lang) {
    lang = String(lang || 'en');
    return /^en$/i.test(lang) ? 'en-GB' : lang;   // "25 June 1950"
  }

  var fmtCache = {};
  function intlFormat(lang, precision) {
    var key = lang + '|' + precision;
    if (fmtCache[key] !== undefined) { return fmtCache[key]; }
    var opts = { timeZone: 'UTC', year: 'numeric' };
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

  // Intl calendars switch to Julian before 1582: use them from 1583 on only.
  function intlSafe(days) { return civilFromDays(days).y >= 1583 && civilFromDays(days).y <= 9999; }

  function monthName(m, lang) {
    if (/^en/i.test(lang)) { return MONTHS_EN[m - 1]; }
    try {
      return new Intl.DateTimeFormat(locale(lang), { month: 'long', timeZone: 'UTC' })
        .format(new Date(Date.UTC(2000, m - 1, 15)));
    } catch (e) { return MONTHS_EN[m - 1]; }
  }

  function yearText(y) { return y <= 0 ? (1 - y) + ' BC' : String(y); }

  function manual(days, precision, lang) {
    var c = civilFromDays(days);
    if (precision === 'year') { return yearText(c.y); }
    if (precision === 'month') { return monthName(c.m, lang) + ' ' + yearText(c.y); }
    return c.d + ' ' + monthName(c.m, lang) + ' ' + yearText(c.y);
  }

  function format(days, precision, lang) {
    if (days == null || !isFinite(days)) { return ''; }
    precision = PRECISIONS[precision] ? precision : 'day';
    if (intlSafe(days)) {
      var f = intlFormat(lang, precision);
      if (f) { try { return f.format(toDate(days)); } catch (e) { /* fall through */ } }
    }
    return manual(days, precision, lang);
  }

  function formatRange(range, lang) {
    if (!range) { return ''; }
    var a = format(range.from, range.precision, lang);
    var b = format(range.to, range.precision, lang);
    if (a === b) { return a; }
    if (intlSafe(range.from) && intlSafe(range.to)) {
      var f = intlFormat(lang, range.precision);
      if (f && f.formatRange) {
        try { return f.formatRange(toDate(range.from), toDate(range.to)); } catch (e) { /* fall through */ }
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
