/*
 * mapreel catalogue page: renders window.MAPREEL_CATALOGUE (catalogue.js).
 * Story text is untrusted: it only reaches the page through textContent.
 *
 * The page speaks the reader's language: the one chosen in its language switch
 * (?lang=fr, remembered for the next visit), else the browser's first language
 * that the site or the interface tables (ui-strings.js) know, else the site's
 * first. A map published in that language shows its title, summary and page in
 * it; another shows its first language's, marked as such for screen readers.
 */
(function () {
  'use strict';

  var doc = document;
  var data = window.MAPREEL_CATALOGUE;
  var STORAGE_KEY = 'mapreel.catalogue.lang';

  var STRINGS = {
    skipToMaps: 'Skip to the maps',
    narratedMaps: 'Narrated maps',
    siteTitle: 'Maps',
    language: 'Language',
    seriesNav: 'Series',
    seriesN: 'Series {n}',
    mapCount: '{n} maps',
    mapCountOne: '1 map',
    seriesCount: '{n} series',
    seriesCountOne: '1 series',
    otherMaps: 'Other maps',
    mapLanguages: 'Languages of this map',
    onlyIn: 'In {language} only',
    catalogueMissing: 'The catalogue data (catalogue.js) could not be loaded. Rebuild the site with “mapreel site”.',
    catalogueFooter: 'Made with mapreel. Each map lists its sources and licence on its page.'
  };

  function $(id) { return doc.getElementById(id); }
  function str(v) { return v == null ? '' : String(v); }
  function own(o, k) { return o && typeof o === 'object' && Object.prototype.hasOwnProperty.call(o, k); }
  function el(tag, className, text) {
    var e = doc.createElement(tag);
    if (className) { e.className = className; }
    if (text != null) { e.textContent = String(text); }
    return e;
  }
  // Only relative URLs (or http/https) become href/src values.
  function safeUrl(u) {
    u = str(u).trim();
    if (!u) { return ''; }
    if (/^[a-z][a-z0-9+.-]*:/i.test(u) && !/^https?:/i.test(u)) { return ''; }
    return u;
  }
  function slug(s) { return str(s).replace(/[^\w-]+/g, '-'); }
  function primary(code) { return str(code).toLowerCase().split('-')[0]; }
  function validCode(code) { return /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i.test(str(code)); }

  // ---------------------------------------------------------------- language

  var tables = (window.MAPREEL_UI_STRINGS && typeof window.MAPREEL_UI_STRINGS === 'object') ? window.MAPREEL_UI_STRINGS : {};
  var siteLangs = [];
  if (data && Array.isArray(data.languages)) {
    data.languages.forEach(function (l) {
      if (l && validCode(l.code) && !siteLangs.some(function (x) { return x.code === str(l.code); })) {
        siteLangs.push({ code: str(l.code), name: str(l.name) || str(l.code) });
      }
    });
  }

  // The site's own code for `code` (fr-CA finds fr), or the interface table's, or ''.
  function known(code) {
    if (!validCode(code)) { return ''; }
    var lower = str(code).toLowerCase();
    var i;
    for (i = 0; i < siteLangs.length; i++) { if (siteLangs[i].code.toLowerCase() === lower) { return siteLangs[i].code; } }
    for (i = 0; i < siteLangs.length; i++) { if (primary(siteLangs[i].code) === primary(lower)) { return siteLangs[i].code; } }
    if (primary(lower) === 'en' || own(tables, primary(lower))) { return primary(lower); }
    return '';
  }

  function storedLanguage() {
    try { return window.localStorage ? str(window.localStorage.getItem(STORAGE_KEY)) : ''; } catch (e) { return ''; }
  }
  function storeLanguage(code) {
    try { if (window.localStorage) { window.localStorage.setItem(STORAGE_KEY, code); } } catch (e) { /* private mode */ }
  }

  function chooseLanguage() {
    var asked = /[?&]lang=([^&#]*)/.exec(location.search);
    if (asked) {
      var a = known(decodeURIComponent(asked[1]));
      if (a) { storeLanguage(a); return a; }
    }
    var stored = known(storedLanguage());
    if (stored) { return stored; }
    var wanted = (navigator.languages && navigator.languages.length) ? navigator.languages : [navigator.language];
    for (var i = 0; i < wanted.length; i++) {
      var k = known(wanted[i]);
      if (k) { return k; }
    }
    return siteLangs.length ? siteLangs[0].code : 'en';
  }

  var lang = chooseLanguage();
  var ui = tables[lang.toLowerCase()] || tables[primary(lang)] || {};
  var uiIsEnglish = primary(lang) === 'en';

  var t = window.MapreelUi.translator(ui, STRINGS);
  // A string the table lacks stays English, and says so to screen readers.
  function markFallback(node, key) {
    if (!uiIsEnglish && typeof ui[key] !== 'string') { node.setAttribute('lang', 'en'); }
  }
  function count(n, one, many) { return n === 1 ? t(one) : t(many, { n: n }); }

  doc.documentElement.lang = lang;
  (function applyStaticStrings() {
    var nodes = doc.querySelectorAll('[data-i18n]');
    for (var i = 0; i < nodes.length; i++) {
      var key = nodes[i].getAttribute('data-i18n');
      nodes[i].textContent = t(key);
      markFallback(nodes[i], key);
    }
    nodes = doc.querySelectorAll('[data-i18n-label]');
    for (i = 0; i < nodes.length; i++) {
      nodes[i].setAttribute('aria-label', t(nodes[i].getAttribute('data-i18n-label')));
    }
  }());

  if (!data || typeof data !== 'object') {
    $('load-error').hidden = false;
    return;
  }

  function selfName(code) {
    for (var i = 0; i < siteLangs.length; i++) { if (siteLangs[i].code === code) { return siteLangs[i].name; } }
    try {
      var n = (window.Intl && Intl.DisplayNames) ? new Intl.DisplayNames([code], { type: 'language' }).of(code) : '';
      if (n) { return n.charAt(0).toLocaleUpperCase(code) + n.slice(1); }
    } catch (e) { /* unknown code */ }
    return str(code).toUpperCase();
  }
  function nameIn(code, inLang) {
    try {
      var n = (window.Intl && Intl.DisplayNames) ? new Intl.DisplayNames([inLang], { type: 'language' }).of(code) : '';
      if (n) { return n; }
    } catch (e) { /* unknown code */ }
    return selfName(code);
  }

  // The language switch: every language a map is published in, and the one shown.
  (function languageSwitch() {
    var offered = siteLangs.map(function (l) { return l.code; });
    if (offered.indexOf(lang) < 0) { offered.push(lang); }
    if (offered.length < 2) { return; }
    var list = $('site-language-list');
    offered.forEach(function (code) {
      var li = el('li');
      var a = el('a', 'site-languages__link', selfName(code));
      a.href = '?lang=' + encodeURIComponent(code) + location.hash;
      a.hreflang = code;
      a.lang = code;
      if (code === lang) { a.setAttribute('aria-current', 'true'); }
      a.addEventListener('click', function () { storeLanguage(code); });
      li.appendChild(a);
      list.appendChild(li);
    });
    $('site-languages').hidden = false;
  }());

  // ---------------------------------------------------------------- content

  var series = Array.isArray(data.series) ? data.series.filter(function (s) { return s && typeof s === 'object'; }) : [];
  var container = $('series-container');

  // A series' title and description in the page's language where its file gives them.
  function seriesText(s, key) {
    var tr = own(s.translations, lang) ? s.translations[lang] : null;
    if (tr && typeof tr[key] === 'string' && tr[key]) { return { text: tr[key], lang: lang }; }
    if (key === 'title' && s.id === 'other-maps' && s.title === STRINGS.otherMaps) { return { text: t('otherMaps'), lang: lang }; }
    return { text: str(s[key]), lang: '' };
  }

  // The language a series' untranslated title is in: its first map's (as mapreel site writes it).
  function firstLanguage(s) {
    var m = Array.isArray(s.maps) ? s.maps[0] : null;
    return (m && validCode(m.lang)) ? str(m.lang) : '';
  }

  // What a card shows: the map's page in the page's language, else its first.
  function pageOf(m) {
    var pages = (m.pages && typeof m.pages === 'object') ? m.pages : {};
    if (own(pages, lang) && pages[lang] && typeof pages[lang] === 'object') {
      var pg = pages[lang];
      return { lang: lang, title: pg.title, summary: pg.summary, summaryLang: validCode(pg.summaryLang) ? str(pg.summaryLang) : lang, href: pg.href, thumbnail: pg.thumbnail, native: true };
    }
    return { lang: str(m.lang), title: m.title, summary: m.summary, summaryLang: str(m.lang), href: m.href, thumbnail: m.thumbnail, native: false };
  }

  // The heading: the site's --title; else, for a site of one series, that series' title
  // and description (its section then shows only its maps); else "Maps", translated.
  var sole = (!data.title && series.length === 1 && seriesText(series[0], 'title').text) ? series[0] : null;
  var title = str(data.title);
  var description = str(data.description);
  if (sole) {
    var soleTitle = seriesText(sole, 'title');
    title = soleTitle.text;
    if (soleTitle.lang === '' && sole.id !== 'other-maps') { inLanguage($('site-title'), firstLanguage(sole)); }
    description = seriesText(sole, 'description').text;
  }
  $('site-title').textContent = title || t('siteTitle');
  if (!title) { markFallback($('site-title'), 'siteTitle'); }
  doc.title = title || t('siteTitle');
  if (description) {
    $('site-description').textContent = description;
    $('site-description').hidden = false;
  }

  var mapCount = series.reduce(function (n, s) { return n + (Array.isArray(s.maps) ? s.maps.length : 0); }, 0);
  $('site-count').textContent = count(mapCount, 'mapCountOne', 'mapCount') + ' · ' +
    count(series.length, 'seriesCountOne', 'seriesCount');
  $('site-count').hidden = false;

  // With several series, a short index of them under the title.
  if (series.length > 1) {
    var navList = $('series-nav-list');
    series.forEach(function (s, i) {
      var li = el('li');
      var st = seriesText(s, 'title');
      var a = el('a', 'series-nav__link', st.text || t('seriesN', { n: i + 1 }));
      a.href = '#' + (slug(s.id) || ('series-' + (i + 1)));
      li.appendChild(a);
      navList.appendChild(li);
    });
    $('series-nav').hidden = false;
  }

  // Marks `node` as written in `code` when that is not the page's language.
  function inLanguage(node, code) {
    if (code && primary(code) !== primary(lang)) { node.setAttribute('lang', code); }
  }

  series.forEach(function (s, si) {
    var section = el('section', 'series');
    section.id = slug(s.id) || ('series-' + (si + 1));
    var headingId = section.id + '-heading';
    section.setAttribute('aria-labelledby', headingId);

    var maps = Array.isArray(s.maps) ? s.maps.filter(function (m) { return m && typeof m === 'object'; }) : [];
    if (s === sole) {
      // The page's heading is this series' title: no second heading for it.
      section.setAttribute('aria-labelledby', 'site-title');
    } else {
      var head = el('div', 'series__head');
      var st = seriesText(s, 'title');
      var h2 = el('h2', 'series__title', st.text);
      h2.id = headingId;
      head.appendChild(h2);
      head.appendChild(el('p', 'series__count', count(maps.length, 'mapCountOne', 'mapCount')));
      section.appendChild(head);
    }
    var sd = s === sole ? { text: '' } : seriesText(s, 'description');
    if (sd.text) {
      var desc = el('div', 'series__description');
      sd.text.split(/\n\s*\n/).forEach(function (p) {
        if (p.trim()) { desc.appendChild(el('p', null, p.trim())); }
      });
      section.appendChild(desc);
    }

    var grid = el('ul', 'cards');
    maps.forEach(function (m) {
      var page = pageOf(m);
      var li = el('li', 'card');
      var href = safeUrl(page.href);

      var figure = el('div', 'card__media');
      var thumb = safeUrl(page.thumbnail);
      if (thumb) {
        var img = el('img', 'card__thumb');
        img.alt = '';
        img.loading = 'lazy';
        img.decoding = 'async';
        img.width = 640;
        img.height = 360;
        img.addEventListener('error', function () { figure.classList.add('card__media--empty'); img.remove(); });
        img.src = thumb;
        figure.appendChild(img);
      } else {
        figure.classList.add('card__media--empty');
      }
      li.appendChild(figure);

      var body = el('div', 'card__body');
      if (m.dates) { body.appendChild(el('p', 'card__dates', str(m.dates))); }
      var h3 = el('h3', 'card__title');
      if (href) {
        var a = el('a', 'card__link', str(page.title) || str(m.id));
        a.href = href;
        if (page.lang) { a.hreflang = page.lang; }
        h3.appendChild(a);
      } else {
        h3.textContent = str(page.title) || str(m.id);
      }
      inLanguage(h3, page.lang);
      body.appendChild(h3);
      if (page.summary) {
        var sum = el('p', 'card__summary', str(page.summary));
        inLanguage(sum, page.summaryLang);
        body.appendChild(sum);
      }
      var langs = Array.isArray(m.languages) ? m.languages.filter(validCode).map(str) : [];
      if (!page.native && langs.length === 1 && primary(langs[0]) !== primary(lang)) {
        body.appendChild(el('p', 'card__only', t('onlyIn', { language: nameIn(langs[0], lang) })));
      }
      if (langs.length > 1) {
        // Each language is a link to that page, above the card's own link.
        var ul = el('ul', 'card__langs');
        ul.setAttribute('aria-label', t('mapLanguages'));
        langs.forEach(function (code) {
          var target = (m.pages && own(m.pages, code) && m.pages[code]) ? safeUrl(m.pages[code].href) : '';
          var item = el('li');
          var chip = el(target ? 'a' : 'span', 'card__lang', selfName(code));
          chip.lang = code;
          if (target) { chip.href = target; chip.hreflang = code; }
          if (code === page.lang) { chip.classList.add('card__lang--shown'); }
          item.appendChild(chip);
          ul.appendChild(item);
        });
        body.appendChild(ul);
      }
      li.appendChild(body);
      grid.appendChild(li);
    });
    section.appendChild(grid);
    container.appendChild(section);
  });

  doc.documentElement.setAttribute('data-catalogue', 'ready');
})();
