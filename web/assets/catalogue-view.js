/*
 * mapreel catalogue page: renders window.MAPREEL_CATALOGUE (catalogue.js).
 * Story text is untrusted: it only reaches the page through textContent.
 */
(function () {
  'use strict';

  var doc = document;
  var data = window.MAPREEL_CATALOGUE;

  function $(id) { return doc.getElementById(id); }
  function str(v) { return v == null ? '' : String(v); }
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

  if (!data || typeof data !== 'object') {
    $('load-error').hidden = false;
    return;
  }

  var pageLang = str(data.lang) || doc.documentElement.lang || 'en';
  var names = null;
  try { names = (window.Intl && Intl.DisplayNames) ? new Intl.DisplayNames([pageLang], { type: 'language' }) : null; } catch (e) { names = null; }
  function languageName(code) {
    try { return (names && names.of(code)) || code.toUpperCase(); } catch (e) { return str(code).toUpperCase(); }
  }

  var title = str(data.title) || 'mapreel';
  $('site-title').textContent = title;
  doc.title = title;
  if (data.description) {
    $('site-description').textContent = str(data.description);
    $('site-description').hidden = false;
  }

  var series = Array.isArray(data.series) ? data.series.filter(function (s) { return s && typeof s === 'object'; }) : [];
  var container = $('series-container');

  var mapCount = series.reduce(function (n, s) { return n + (Array.isArray(s.maps) ? s.maps.length : 0); }, 0);
  $('site-count').textContent = (mapCount === 1 ? '1 map' : mapCount + ' maps') +
    ' · ' + (series.length === 1 ? '1 series' : series.length + ' series');
  $('site-count').hidden = false;

  // With several series, a short index of them under the title.
  if (series.length > 1) {
    var navList = $('series-nav-list');
    series.forEach(function (s, i) {
      var li = el('li');
      var a = el('a', 'series-nav__link', str(s.title) || ('Series ' + (i + 1)));
      a.href = '#' + (slug(s.id) || ('series-' + (i + 1)));
      li.appendChild(a);
      navList.appendChild(li);
    });
    $('series-nav').hidden = false;
  }

  series.forEach(function (s, si) {
    var section = el('section', 'series');
    section.id = slug(s.id) || ('series-' + (si + 1));
    var headingId = section.id + '-heading';
    section.setAttribute('aria-labelledby', headingId);

    var head = el('div', 'series__head');
    var h2 = el('h2', 'series__title', str(s.title));
    h2.id = headingId;
    head.appendChild(h2);
    var maps = Array.isArray(s.maps) ? s.maps.filter(function (m) { return m && typeof m === 'object'; }) : [];
    head.appendChild(el('p', 'series__count', maps.length === 1 ? '1 map' : maps.length + ' maps'));
    section.appendChild(head);
    if (s.description) {
      var desc = el('div', 'series__description');
      str(s.description).split(/\n\s*\n/).forEach(function (p) {
        if (p.trim()) { desc.appendChild(el('p', null, p.trim())); }
      });
      section.appendChild(desc);
    }

    var grid = el('ul', 'cards');
    maps.forEach(function (m) {
      var li = el('li', 'card');
      var href = safeUrl(m.href);

      var figure = el('div', 'card__media');
      var thumb = safeUrl(m.thumbnail);
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
        var a = el('a', 'card__link', str(m.title) || str(m.id));
        a.href = href;
        h3.appendChild(a);
      } else {
        h3.textContent = str(m.title) || str(m.id);
      }
      body.appendChild(h3);
      if (m.summary) { body.appendChild(el('p', 'card__summary', str(m.summary))); }
      var langs = Array.isArray(m.languages) ? m.languages.filter(Boolean).map(str) : [];
      if (langs.length) {
        var ul = el('ul', 'card__langs');
        ul.setAttribute('aria-label', 'Languages');
        langs.forEach(function (code) {
          var l = el('li', 'card__lang', languageName(code));
          l.title = code;
          ul.appendChild(l);
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
