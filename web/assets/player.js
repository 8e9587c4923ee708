/*
 * mapreel web player.
 *
 * Reads window.MAPREEL_STORY (set by story.js, written by `mapreel site`) and
 * drives the <video> in player.html with our own controls: step navigation,
 * a date scrubber, step mode, captions, full screen, deep links and an embed box.
 *
 * Rules: classic script (module scripts do not load from file://), no inline
 * styles or scripts (the page has a strict Content-Security-Policy), and story
 * text is untrusted: it only ever reaches the page through textContent.
 */
(function () {
  'use strict';

  var doc = document;
  var story = window.MAPREEL_STORY;
  var stage = document.getElementById('stage');
  var D = window.MapreelDates;

  function $(id) { return doc.getElementById(id); }

  // ---------------------------------------------------------------- strings

  var STRINGS = {
    skipToVideo: 'Skip to the video',
    breadcrumb: 'Breadcrumb',
    language: 'Language',
    loading: 'Loading map…',
    mapVideo: 'Map video',
    seek: 'Seek',
    previousStep: 'Previous step',
    nextStep: 'Next step',
    play: 'Play',
    pause: 'Pause',
    replay: 'Play again',
    stepMode: 'Step by step',
    stepModeLabel: 'Step by step: pause after each step',
    mute: 'Mute',
    unmute: 'Unmute',
    captions: 'Captions',
    fullscreen: 'Full screen',
    exitFullscreen: 'Exit full screen',
    narrationAndSteps: 'Narration and steps',
    steps: 'Steps',
    stepOf: 'Step {n} of {total}',
    endOfStep: 'End of step {n}',
    continueTo: 'Continue: {title}',
    watchAgain: 'Watch again from the start',
    credits: 'Credits',
    licence: 'Licence',
    sources: 'Sources',
    useInClass: 'Use in class',
    embedLabel: 'Embed this map on your own page',
    copyEmbed: 'Copy embed code',
    copied: 'Copied to the clipboard.',
    copyFailed: 'Select the code and copy it with Ctrl+C (⌘C on a Mac).',
    downloads: 'Downloads',
    downloadVideo: 'Video ({format})',
    downloadCaptions: 'Captions (WebVTT)',
    downloadChapters: 'Chapters (WebVTT)',
    shortcuts: 'Keyboard shortcuts',
    keyPlay: 'Play or pause',
    keySteps: 'Previous or next step',
    keyFirstLast: 'First or last step',
    keyStepMode: 'Step by step (pause after each step) on or off',
    keyCaptions: 'Captions on or off',
    keySound: 'Sound on or off',
    keyFullscreen: 'Full screen',
    onSeekBar: 'On the seek bar:',
    keySeek: 'Back or forward 5 seconds',
    madeWith: 'Made with',
    videoError: 'This browser cannot play the video. You can still read the narration step by step below, or download the video.',
    noData: 'The map data (story.js) could not be loaded. Rebuild the site with “mapreel site”.',
    stepTime: 'starts at {time}'
  };

  // The interface in the page's language: the built-in table for it (ui-strings.js), then
  // any string the story overrides with story.ui = { play: "Lecture", ... }.
  var storyLang = (story && typeof story.lang === 'string' && story.lang) ? story.lang : 'en';
  var ui = {};
  (function () {
    var tables = window.MAPREEL_UI_STRINGS || {};
    var own = tables[storyLang.toLowerCase()] || tables[storyLang.toLowerCase().split('-')[0]] || {};
    var custom = (story && story.ui && typeof story.ui === 'object') ? story.ui : {};
    var k;
    for (k in own) { if (Object.prototype.hasOwnProperty.call(own, k)) { ui[k] = own[k]; } }
    for (k in custom) { if (Object.prototype.hasOwnProperty.call(custom, k)) { ui[k] = custom[k]; } }
  }());
  var uiIsEnglishFallback = !/^en\b/i.test(storyLang);

  var t = window.MapreelUi.translator(ui, STRINGS);
  function isFallback(key) { return uiIsEnglishFallback && typeof ui[key] !== 'string'; }

  function applyStaticStrings() {
    var nodes = doc.querySelectorAll('[data-i18n]');
    for (var i = 0; i < nodes.length; i++) {
      var key = nodes[i].getAttribute('data-i18n');
      nodes[i].textContent = t(key);
      if (isFallback(key)) { nodes[i].setAttribute('lang', 'en'); }
    }
    nodes = doc.querySelectorAll('[data-i18n-label]');
    for (i = 0; i < nodes.length; i++) {
      nodes[i].setAttribute('aria-label', t(nodes[i].getAttribute('data-i18n-label')));
    }
  }

  // ---------------------------------------------------------------- helpers

  function str(v) { return (v == null) ? '' : String(v); }
  function num(v, dflt) { var n = Number(v); return isFinite(n) ? n : dflt; }
  function clamp(v, lo, hi) { return Math.min(hi, Math.max(lo, v)); }

  function el(tag, className, text) {
    var e = doc.createElement(tag);
    if (className) { e.className = className; }
    if (text != null) { e.textContent = String(text); }
    return e;
  }

  // Split untrusted text into paragraphs (blank lines) and append them as <p>.
  function appendParagraphs(parent, text) {
    var parts = str(text).split(/\n\s*\n/);
    for (var i = 0; i < parts.length; i++) {
      var p = parts[i].trim();
      if (p) { parent.appendChild(el('p', null, p)); }
    }
  }

  function setText(node, text) { if (node.textContent !== text) { node.textContent = text; } }

  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }

  function formatTime(s) {
    s = Math.max(0, Math.floor(num(s, 0) + 1e-6));
    var h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), sec = s % 60;
    var ss = (sec < 10 ? '0' : '') + sec;
    if (h > 0) { return h + ':' + (m < 10 ? '0' : '') + m + ':' + ss; }
    return m + ':' + ss;
  }

  // Only relative URLs inside the site (or http(s)) may become href/src values.
  function safeUrl(u) {
    u = str(u).trim();
    if (!u) { return ''; }
    if (/^[a-z][a-z0-9+.-]*:/i.test(u) && !/^https?:/i.test(u)) { return ''; }
    return u;
  }

  // ---------------------------------------------------------------- bail out

  var loadError = $('load-error');
  if (!story || typeof story !== 'object' || !D) {
    applyStaticStrings();
    $('title').textContent = 'mapreel';
    loadError.textContent = t('noData');
    loadError.hidden = false;
    $('layout').hidden = true;
    return;
  }

  // ---------------------------------------------------------------- model

  var video = $('video');
  var storyDuration = num(story.duration, 0);

  var steps = (Array.isArray(story.steps) ? story.steps : []).filter(function (s) {
    return s && typeof s === 'object' && isFinite(Number(s.start));
  }).map(function (s, i) {
    var dates = Array.isArray(s.dates) ? s.dates : [];
    var range = D.parseRange(dates[0], dates.length > 1 ? dates[1] : dates[0], s.precision);
    return {
      index: i,
      id: str(s.id) || ('step-' + (i + 1)),
      title: str(s.title),
      start: Math.max(0, Number(s.start)),
      end: num(s.end, NaN),
      narration: str(s.narration),
      range: range,
      // The step's dates as the video's formatter writes them (the handout's too).
      dateText: str(s.dateText),
      curve: dateCurve(s.dateCurve)
    };
  }).sort(function (a, b) { return a.start - b.start; });
  steps.forEach(function (s, i) {
    s.index = i;
    var next = steps[i + 1];
    if (!isFinite(s.end) || s.end <= s.start) {
      s.end = next ? next.start : (storyDuration > s.start ? storyDuration : s.start + 1);
    }
  });

  var storyRange = Array.isArray(story.dateRange) ?
    D.parseRange(story.dateRange[0], story.dateRange[1], null) : null;

  function duration() {
    if (storyDuration > 0) { return storyDuration; }
    if (isFinite(video.duration) && video.duration > 0) { return video.duration; }
    return steps.length ? steps[steps.length - 1].end : 0;
  }

  // Index of the step playing at time t: the last one that has started.
  function stepIndexAt(t) {
    var idx = 0;
    for (var i = 0; i < steps.length; i++) {
      if (steps[i].start <= t + 0.005) { idx = i; } else { break; }
    }
    return idx;
  }

  // The date curve the video's clock computed for a step: [[seconds, days], ...] in time
  // order, or null when the data has none.
  function dateCurve(knots) {
    if (!Array.isArray(knots)) { return null; }
    var out = knots.filter(function (k) {
      return Array.isArray(k) && isFinite(Number(k[0])) && isFinite(Number(k[1]));
    }).map(function (k) { return [Number(k[0]), Number(k[1])]; });
    return out.length ? out : null;
  }

  // Historical date shown at time t: the step's date curve read at t, so the page shows
  // what the video shows. Without a curve, the step's dates spread evenly over the step.
  function dateAt(t) {
    if (!steps.length) { return storyRange ? D.interpolate(storyRange, duration() ? t / duration() : 0) : null; }
    var s = steps[stepIndexAt(t)];
    if (!s.range) {
      return storyRange ? D.interpolate(storyRange, duration() ? t / duration() : 0) : null;
    }
    if (s.curve) {
      var k = s.curve;
      var days = k[k.length - 1][1];
      if (t <= k[0][0]) {
        days = k[0][1];
      } else {
        for (var i = 1; i < k.length; i++) {
          if (t <= k[i][0]) {
            var span = k[i][0] - k[i - 1][0];
            days = span > 0 ? k[i - 1][1] + (k[i][1] - k[i - 1][1]) * (t - k[i - 1][0]) / span : k[i][1];
            break;
          }
        }
      }
      return { days: Math.floor(days + 1e-9), precision: s.range.precision };
    }
    var len = s.end - s.start;
    return D.interpolate(s.range, len > 0 ? (t - s.start) / len : 0);
  }

  function dateTextAt(t) {
    var d = dateAt(t);
    return d ? D.format(d.days, d.precision, storyLang) : '';
  }

  // ---------------------------------------------------------------- clock

  // The clock is the video's, except before its metadata has loaded (a seek
  // is kept pending) or when no source can play (we keep a virtual clock so
  // that the steps and narration still work as a reader).
  var pendingSeek = null;
  var mediaBroken = false;
  var virtualTime = 0;

  function now() {
    if (mediaBroken) { return virtualTime; }
    if (pendingSeek != null) { return pendingSeek; }
    return video.currentTime || 0;
  }

  function seek(tm) {
    tm = clamp(num(tm, 0), 0, Math.max(0, duration() - 0.05));
    hideStepEnd();
    if (mediaBroken) {
      virtualTime = tm;
    } else if (video.readyState >= 1) {
      pendingSeek = null;
      video.currentTime = tm;
    } else {
      pendingSeek = tm;
    }
    armStop();
    render();
  }

  video.addEventListener('loadedmetadata', function () {
    if (pendingSeek != null) {
      var tm = pendingSeek;
      pendingSeek = null;
      video.currentTime = tm;
    }
    buildMarks();
    render();
  });

  // ---------------------------------------------------------------- video setup

  function addSource(src, type) {
    src = safeUrl(src);
    if (!src) { return null; }
    var s = doc.createElement('source');
    s.src = src;
    if (type) { s.type = type; }
    video.appendChild(s);
    return s;
  }

  var poster = safeUrl(story.poster);
  if (poster) { video.poster = poster; }
  var sources = [];
  // WebM (VP9) first when present: it plays in every browser build, even ones
  // without proprietary H.264 support. MP4 is the fallback (and Safari's choice).
  var webmSrc = addSource(story.videoWebm, 'video/webm');
  if (webmSrc) { sources.push(webmSrc); }
  var mp4Src = addSource(story.video || 'video.mp4', 'video/mp4');
  if (mp4Src) { sources.push(mp4Src); }

  // Captions: a <track> with captions.vtt. Browsers refuse to load track
  // files from file:// pages, so when the story also carries the cues
  // (captionCues: [{start, end, text}]) they are used there instead, and
  // whenever the .vtt file fails to load.
  var captionTrack = null;       // the <track> element, if any
  var cueTrack = null;           // a TextTrack built from story.captionCues
  var captionsSrc = safeUrl(story.captions);
  var captionCues = Array.isArray(story.captionCues) ? story.captionCues : null;
  function buildCueTrack() {
    if (cueTrack || !captionCues || !video.addTextTrack || !window.VTTCue) { return cueTrack; }
    cueTrack = video.addTextTrack('captions', languageName(storyLang), storyLang);
    captionCues.forEach(function (c) {
      if (!c) { return; }
      var a = Number(c.start), b = Number(c.end);
      if (!isFinite(a) || !isFinite(b) || b <= a) { return; }
      try { cueTrack.addCue(new VTTCue(a, b, str(c.text))); } catch (e) { /* skip bad cue */ }
    });
    cueTrack.mode = captionsWanted() ? 'showing' : 'hidden';
    return cueTrack;
  }
  if (captionsSrc && !(location.protocol === 'file:' && captionCues)) {
    var tr = doc.createElement('track');
    tr.kind = 'captions';
    tr.srclang = storyLang;
    tr.label = languageName(storyLang);
    tr.src = captionsSrc;
    tr.addEventListener('error', function () {
      if (tr.track) { tr.track.mode = 'disabled'; }
      buildCueTrack();
      updateCaptionsButton();
    });
    video.appendChild(tr);
    captionTrack = tr;
  } else {
    buildCueTrack();
  }
  var chaptersSrc = safeUrl(story.chapters);
  if (chaptersSrc) {
    var ch = doc.createElement('track');
    ch.kind = 'chapters';
    ch.srclang = storyLang;
    ch.src = chaptersSrc;
    video.appendChild(ch);
  }

  function onAllSourcesFailed() {
    if (mediaBroken) { return; }
    mediaBroken = true;
    virtualTime = pendingSeek != null ? pendingSeek : (video.currentTime || 0);
    pendingSeek = null;
    stage.classList.add('is-broken');
    setDisabled($('play-button'), true);
    var msg = $('video-message');
    clear(msg);
    msg.appendChild(el('p', null, t('videoError')));
    msg.hidden = false;
    render();
  }
  if (sources.length) {
    sources[sources.length - 1].addEventListener('error', onAllSourcesFailed);
  }
  video.addEventListener('error', function () {
    if (video.error && video.error.code === 4) { onAllSourcesFailed(); }
  });
  video.load();

  function languageName(code) {
    var langs = Array.isArray(story.languages) ? story.languages : [];
    for (var i = 0; i < langs.length; i++) {
      if (langs[i] && langs[i].code === code && langs[i].name) { return str(langs[i].name); }
    }
    try {
      if (window.Intl && Intl.DisplayNames) {
        return new Intl.DisplayNames([code], { type: 'language' }).of(code) || code;
      }
    } catch (e) { /* unknown code */ }
    return code;
  }

  // ---------------------------------------------------------------- page text

  doc.documentElement.lang = storyLang;
  applyStaticStrings();

  var title = str(story.title) || 'mapreel';
  $('title').textContent = title;
  var seriesTitle = story.series && story.series.title ? str(story.series.title) : '';
  doc.title = seriesTitle ? (title + ' · ' + seriesTitle) : (title + ' · mapreel');

  if (story.subtitle) {
    $('subtitle').textContent = str(story.subtitle);
    $('subtitle').hidden = false;
  }

  if (story.series && (story.series.title || story.series.href)) {
    var sl = $('series-link');
    sl.textContent = seriesTitle || t('steps');
    var href = safeUrl(story.series.href);
    if (href) { sl.href = href; $('home-link').href = href.replace(/#.*$/, ''); }
    $('series-crumb').hidden = false;
  }

  // Language switch: only with more than one language.
  var langLinks = [];
  (function buildLanguages() {
    var langs = Array.isArray(story.languages) ? story.languages.filter(function (l) {
      return l && l.code && safeUrl(l.href);
    }) : [];
    if (langs.length < 2) { return; }
    var list = $('language-list');
    langs.forEach(function (l) {
      var li = el('li');
      var a = el('a', 'languages__link', str(l.name) || str(l.code));
      a.href = safeUrl(l.href);
      a.hreflang = str(l.code);
      a.lang = str(l.code);
      if (l.code === storyLang) { a.setAttribute('aria-current', 'page'); }
      else { langLinks.push({ a: a, base: a.getAttribute('href').replace(/#.*$/, '') }); }
      li.appendChild(a);
      list.appendChild(li);
    });
    $('languages').hidden = false;
  })();

  // Credits, licence, sources.
  if (story.credits) {
    appendParagraphs($('credits'), story.credits);
    $('credits-block').hidden = false;
  }
  if (story.licence) {
    var lic = $('licence');
    lic.appendChild(el('span', 'licence__label', t('licence') + ': '));
    var info = D.licenceInfo(story.licence);
    if (info.url) {
      var la = el('a', null, info.name);
      la.href = info.url;
      la.rel = 'license';
      lic.appendChild(la);
    } else {
      lic.appendChild(doc.createTextNode(info.name));
    }
    lic.hidden = false;
    $('credits-block').hidden = false;
  }
  if (Array.isArray(story.sources) && story.sources.length) {
    var ol = $('sources');
    story.sources.forEach(function (s) {
      if (!s) { return; }
      var li = el('li', null, typeof s === 'string' ? s : str(s.text));
      if (s.id) { li.id = 'source-' + str(s.id).replace(/[^\w-]/g, '_'); }
      ol.appendChild(li);
    });
    $('sources-block').hidden = false;
  }

  // Embed box.
  if (story.embed) {
    var code = $('embed-code');
    code.value = str(story.embed);
    $('embed-block').hidden = false;
    $('copy-embed').addEventListener('click', function () {
      var status = $('copy-status');
      function done(ok) {
        status.textContent = ok ? t('copied') : t('copyFailed');
        clearTimeout(done.timer);
        done.timer = setTimeout(function () { status.textContent = ''; }, 4000);
      }
      function legacy() {
        code.focus();
        code.select();
        var ok = false;
        try { ok = doc.execCommand('copy'); } catch (e) { ok = false; }
        done(ok);
      }
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(code.value).then(function () { done(true); }, legacy);
      } else {
        legacy();
      }
    });
    $('embed-code').addEventListener('focus', function () { this.select(); });
  }

  // Downloads.
  (function buildDownloads() {
    var list = $('downloads');
    function add(href, label) {
      href = safeUrl(href);
      if (!href) { return; }
      var li = el('li');
      var a = el('a', 'downloads__link', label);
      a.href = href;
      a.setAttribute('download', '');
      li.appendChild(a);
      list.appendChild(li);
    }
    add(story.video || 'video.mp4', t('downloadVideo', { format: 'MP4' }));
    if (story.videoWebm) { add(story.videoWebm, t('downloadVideo', { format: 'WebM' })); }
    if (story.captions) { add(story.captions, t('downloadCaptions')); }
    if (story.chapters) { add(story.chapters, t('downloadChapters')); }
    if (list.firstChild) { $('downloads-heading').hidden = false; }
  })();

  // ---------------------------------------------------------------- step list

  var stepList = $('step-list');
  var stepLinks = [];
  var singleDay = steps.length && steps.every(function (s) {
    return s.range && s.range.from === steps[0].range.from && s.range.to === steps[0].range.to;
  });
  steps.forEach(function (s, i) {
    var li = el('li', 'steps__item');
    var a = el('a', 'steps__link');
    a.href = '#step=' + encodeURIComponent(s.id);
    a.setAttribute('data-index', String(i));
    a.appendChild(el('span', 'steps__num', String(i + 1)));
    var body = el('span', 'steps__body');
    body.appendChild(el('span', 'steps__title', s.title || t('stepOf', { n: i + 1, total: steps.length })));
    var meta = el('span', 'steps__meta');
    if (s.range && !singleDay) {
      meta.appendChild(el('span', 'steps__date', s.dateText || D.formatRange(s.range, storyLang)));
    }
    var tm = el('span', 'steps__time', formatTime(s.start));
    tm.setAttribute('aria-label', t('stepTime', { time: formatTime(s.start) }));
    meta.appendChild(tm);
    body.appendChild(meta);
    a.appendChild(body);
    a.addEventListener('click', function (ev) {
      if (ev.ctrlKey || ev.metaKey || ev.shiftKey || ev.button !== 0) { return; }
      ev.preventDefault();
      goToStep(i);
    });
    li.appendChild(a);
    stepList.appendChild(li);
    stepLinks.push(a);
  });
  if (!steps.length) { $('companion').hidden = true; stage.parentNode.classList.add('layout--solo'); }

  // ---------------------------------------------------------------- current step

  var current = -1;
  var hashWritable = false;  // do not rewrite the URL the page was opened with

  function showStep(i) {
    if (i === current || !steps.length) { return; }
    var prev = current;
    current = i;
    var s = steps[i];
    $('step-count').textContent = t('stepOf', { n: i + 1, total: steps.length });
    $('step-dates').textContent = s.dateText || (s.range ? D.formatRange(s.range, storyLang) : '');
    $('step-title').textContent = s.title;
    var nar = $('narration');
    clear(nar);
    appendParagraphs(nar, s.narration);
    $('now').scrollTop = 0;
    updateClipped();
    if (prev >= 0 && stepLinks[prev]) { stepLinks[prev].removeAttribute('aria-current'); }
    stepLinks[i].setAttribute('aria-current', 'step');
    keepVisible(stepLinks[i].parentNode, stepList);
    setDisabled($('next-button'), i === steps.length - 1);
    if (hashWritable) { writeHash(); }
    updateLanguageLinks();
  }

  // A fade at the foot of the narration when it scrolls.
  function updateClipped() {
    var box = $('now');
    var more = box.scrollHeight - box.clientHeight - box.scrollTop > 4;
    box.classList.toggle('is-clipped', more);
  }
  $('now').addEventListener('scroll', updateClipped, { passive: true });
  window.addEventListener('resize', updateClipped);

  // aria-disabled rather than disabled: a disabled button would drop the focus.
  function setDisabled(b, off) {
    if (off) { b.setAttribute('aria-disabled', 'true'); } else { b.removeAttribute('aria-disabled'); }
  }

  // An item leaving the box is brought to its middle, so the steps before and after it
  // show too, rather than to the edge where its neighbour would be cut in half.
  function keepVisible(item, box) {
    if (box.scrollHeight <= box.clientHeight + 1) { return; }
    var ir = item.getBoundingClientRect(), br = box.getBoundingClientRect();
    if (ir.top < br.top + 12 || ir.bottom > br.bottom - 12) {
      box.scrollTop += (ir.top + ir.height / 2) - (br.top + br.height / 2);
    }
  }

  function hashFor() {
    if (current < 0) { return ''; }
    return '#step=' + encodeURIComponent(steps[current].id) + (stepMode ? '&mode=step' : '');
  }
  function writeHash() {
    var h = hashFor();
    if (!h || location.hash === h) { return; }
    try { history.replaceState(history.state, '', h); } catch (e) { /* sandboxed frames */ }
  }
  function updateLanguageLinks() {
    var h = current >= 0 ? '#step=' + encodeURIComponent(steps[current].id) : '';
    langLinks.forEach(function (l) { l.a.href = l.base + h; });
  }

  function goToStep(i) {
    if (!steps.length) { return; }
    i = clamp(i, 0, steps.length - 1);
    hashWritable = true;
    seek(steps[i].start);
  }
  function nextStep() {
    var i = stepIndexAt(now());
    if (i < steps.length - 1) { goToStep(i + 1); }
  }
  function previousStep() {
    var i = stepIndexAt(now());
    goToStep(i > 0 ? i - 1 : 0);
  }

  // ---------------------------------------------------------------- step mode

  var stepMode = false;
  var stopAt = null;     // time at which step mode pauses the video
  var STOP_EARLY = 0.04; // park just inside the step so it stays current

  function setStepMode(on) {
    stepMode = !!on;
    var b = $('step-mode-button');
    b.setAttribute('aria-checked', stepMode ? 'true' : 'false');
    stage.classList.toggle('is-step-mode', stepMode);
    armStop();
    if (!stepMode) { hideStepEnd(); }
    if (hashWritable) { writeHash(); }
  }

  function armStop() {
    if (!stepMode || !steps.length) { stopAt = null; return; }
    var tm = now();
    var i = stepIndexAt(tm);
    // Parked at the end of a step: playing on means the next step.
    if (tm >= steps[i].end - STOP_EARLY - 0.06 && i < steps.length - 1) { i += 1; }
    stopAt = (i === steps.length - 1) ? null : steps[i].end;
  }

  function checkStop() {
    if (stopAt == null || video.paused) { return; }
    var tm = video.currentTime;
    if (tm >= stopAt - STOP_EARLY - 0.02) {
      var target = stopAt;
      stopAt = null;
      video.pause();
      if (video.currentTime > target - STOP_EARLY) { video.currentTime = target - STOP_EARLY; }
      showStepEnd(stepIndexAt(target - STOP_EARLY));
    }
  }

  function showStepEnd(i) {
    var next = steps[i + 1];
    if (!next) { return; }
    $('step-end-label').textContent = t('endOfStep', { n: i + 1 });
    $('continue-text').textContent = t('continueTo', { title: next.title || t('stepOf', { n: i + 2, total: steps.length }) });
    $('step-end').hidden = false;
    stage.classList.add('is-at-step-end');
  }
  function hideStepEnd() {
    $('step-end').hidden = true;
    stage.classList.remove('is-at-step-end');
  }

  // ---------------------------------------------------------------- playback

  function play() {
    if (mediaBroken) { return; }
    if (video.ended) { hideStepEnd(); }
    hashWritable = true;
    if (video.ended) { video.currentTime = 0; }
    var p = video.play();
    if (p && p.catch) { p.catch(function () { updatePlayState(); }); }
  }
  function togglePlay() { if (video.paused || video.ended) { play(); } else { video.pause(); } }

  function updatePlayState() {
    var playing = !video.paused && !video.ended;
    stage.classList.toggle('is-playing', playing);
    stage.classList.toggle('is-started', playing || video.currentTime > 0.05 || stage.classList.contains('is-started'));
    var b = $('play-button');
    var label = playing ? t('pause') : (video.ended ? t('replay') : t('play'));
    b.setAttribute('aria-label', label);
    b.title = label + ' (' + 'Space' + ')';
  }

  var rafId = 0;
  function loop() {
    rafId = 0;
    checkStop();
    render();
    if (!video.paused && !video.ended) { rafId = requestAnimationFrame(loop); }
  }
  function startLoop() { if (!rafId) { rafId = requestAnimationFrame(loop); } }

  video.addEventListener('play', function () { hideStepEnd(); armStop(); updatePlayState(); startLoop(); });
  video.addEventListener('playing', function () { updatePlayState(); startLoop(); });
  video.addEventListener('pause', function () { updatePlayState(); render(); });
  video.addEventListener('ended', function () { updatePlayState(); render(); });
  video.addEventListener('timeupdate', function () { checkStop(); render(); });
  video.addEventListener('seeked', function () { if (!video.paused) { armStop(); } render(); });
  video.addEventListener('durationchange', function () { buildMarks(); render(); });
  video.addEventListener('progress', renderBuffered);
  video.addEventListener('volumechange', updateMute);

  // ---------------------------------------------------------------- scrubber

  var bar = $('progress');
  var fill = $('progress-fill');
  var thumb = $('progress-thumb');
  var hoverFill = $('progress-hover');
  var tip = $('scrub-tip');
  var lastAria = -1;

  function buildMarks() {
    var marks = $('progress-marks');
    clear(marks);
    var d = duration();
    if (!(d > 0)) { return; }
    steps.forEach(function (s, i) {
      if (i === 0 && s.start < 0.05) { return; }
      var m = el('span', 'scrubber__mark');
      m.style.left = (100 * s.start / d) + '%';
      marks.appendChild(m);
    });
    bar.setAttribute('aria-valuemax', String(Math.round(d)));
    $('time-total').textContent = formatTime(d);
  }

  function render() {
    var tm = now();
    var d = duration();
    var frac = d > 0 ? clamp(tm / d, 0, 1) : 0;
    fill.style.transform = 'scaleX(' + frac + ')';
    thumb.style.left = (frac * 100) + '%';
    setText($('time-current'), formatTime(tm));
    var dateText = dateTextAt(tm);
    setText($('date-current'), dateText);
    var whole = Math.floor(tm);
    if (whole !== lastAria) {
      lastAria = whole;
      bar.setAttribute('aria-valuenow', String(whole));
      var vt = formatTime(tm) + ' / ' + formatTime(d);
      if (dateText) { vt += ', ' + dateText; }
      if (steps.length) { vt += ', ' + steps[stepIndexAt(tm)].title; }
      bar.setAttribute('aria-valuetext', vt);
    }
    if (steps.length) { showStep(stepIndexAt(tm)); }
    if (current >= 0) { setDisabled($('prev-button'), current === 0 && tm - steps[0].start < 0.5); }
  }

  function renderBuffered() {
    var d = duration();
    var b = video.buffered;
    if (!(d > 0) || !b || !b.length) { return; }
    var end = b.end(b.length - 1);
    $('progress-buffered').style.transform = 'scaleX(' + clamp(end / d, 0, 1) + ')';
  }

  function timeAtPointer(ev) {
    var r = bar.getBoundingClientRect();
    var x = clamp(ev.clientX - r.left, 0, r.width);
    return { time: r.width > 0 ? (x / r.width) * duration() : 0, x: x, width: r.width };
  }

  function showTip(ev) {
    var p = timeAtPointer(ev);
    var s = steps.length ? steps[stepIndexAt(p.time)] : null;
    $('scrub-tip-date').textContent = dateTextAt(p.time);
    $('scrub-tip-step').textContent = s ? s.title : '';
    $('scrub-tip-time').textContent = formatTime(p.time);
    tip.hidden = false;
    var half = tip.offsetWidth / 2;
    tip.style.left = clamp(p.x, half, Math.max(half, p.width - half)) + 'px';
    hoverFill.style.transform = 'scaleX(' + (p.width ? p.x / p.width : 0) + ')';
    stage.classList.add('is-hovering-bar');
  }
  function hideTip() {
    tip.hidden = true;
    stage.classList.remove('is-hovering-bar');
  }

  var dragging = false;
  var wasPlaying = false;
  bar.addEventListener('pointerdown', function (ev) {
    if (ev.button !== 0) { return; }
    dragging = true;
    wasPlaying = !video.paused;
    if (wasPlaying) { video.pause(); }
    try { bar.setPointerCapture(ev.pointerId); } catch (e) { /* ignore */ }
    hashWritable = true;
    showTip(ev);
    seek(timeAtPointer(ev).time);
    stage.classList.add('is-dragging');
    ev.preventDefault();
    bar.focus({ preventScroll: true });
  });
  bar.addEventListener('pointermove', function (ev) {
    showTip(ev);
    if (dragging) { seek(timeAtPointer(ev).time); }
  });
  function endDrag(ev) {
    if (!dragging) { return; }
    dragging = false;
    stage.classList.remove('is-dragging');
    if (ev.pointerType !== 'mouse') { hideTip(); }
    if (wasPlaying) { play(); }
  }
  bar.addEventListener('pointerup', endDrag);
  bar.addEventListener('pointercancel', endDrag);
  bar.addEventListener('pointerleave', function () { if (!dragging) { hideTip(); } });

  bar.addEventListener('keydown', function (ev) {
    var d = duration(), tm = now(), handled = true;
    switch (ev.key) {
      case 'ArrowLeft': case 'ArrowDown': seek(tm - 5); break;
      case 'ArrowRight': case 'ArrowUp': seek(tm + 5); break;
      case 'PageUp': nextStep(); break;
      case 'PageDown': previousStep(); break;
      case 'Home': seek(0); break;
      case 'End': seek(d); break;
      default: handled = false;
    }
    if (handled) { hashWritable = true; ev.preventDefault(); ev.stopPropagation(); }
  });

  // ---------------------------------------------------------------- buttons

  $('play-button').addEventListener('click', togglePlay);
  $('screen-play').addEventListener('click', togglePlay);
  $('next-button').addEventListener('click', nextStep);
  $('prev-button').addEventListener('click', previousStep);
  $('continue-button').addEventListener('click', function () { play(); });
  $('step-mode-button').addEventListener('click', function () { hashWritable = true; setStepMode(!stepMode); });
  video.addEventListener('click', togglePlay);
  video.addEventListener('dblclick', toggleFullscreen);

  // Captions. The narration is shown once: in the panel beside the video while it is in
  // sight, so the captions start off; in full screen, or on a page without the panel, they
  // come on. Once the reader turns them on or off, that choice stays.
  var ccButton = $('captions-button');
  var captionsChosen = null;     // true or false once the reader has chosen
  function captionsWanted() {
    if (typeof captionsChosen === 'boolean') { return captionsChosen; }
    var companion = $('companion');
    return !companion || companion.hidden || !!fsElement();
  }
  function applyCaptions() {
    var tt = captionTextTrack();
    if (tt) { tt.mode = captionsWanted() ? 'showing' : 'hidden'; }
    updateCaptionsButton();
  }
  function captionTextTrack() {
    if (cueTrack) { return cueTrack; }
    if (captionTrack && captionTrack.readyState !== 3) { return captionTrack.track; }
    return null;
  }
  function updateCaptionsButton() {
    var tt = captionTextTrack();
    ccButton.hidden = !tt;
    ccButton.setAttribute('aria-pressed', tt && tt.mode === 'showing' ? 'true' : 'false');
  }
  function toggleCaptions() {
    var tt = captionTextTrack();
    if (!tt) { return; }
    captionsChosen = tt.mode !== 'showing';
    applyCaptions();
  }
  ccButton.addEventListener('click', toggleCaptions);
  if (video.textTracks && video.textTracks.addEventListener) {
    video.textTracks.addEventListener('change', updateCaptionsButton);
  }
  // A track that is not 'disabled' loads its cues; 'hidden' keeps them off screen.
  applyCaptions();

  // Sound.
  function updateMute() {
    var b = $('mute-button');
    b.setAttribute('aria-pressed', video.muted ? 'true' : 'false');
    b.setAttribute('aria-label', video.muted ? t('unmute') : t('mute'));
    b.title = b.getAttribute('aria-label') + ' (M)';
  }
  $('mute-button').addEventListener('click', function () { video.muted = !video.muted; });

  // Full screen: the whole stage (video and our controls).
  var fsButton = $('fullscreen-button');
  var fsEnabled = !!(doc.fullscreenEnabled || doc.webkitFullscreenEnabled);
  function fsElement() { return doc.fullscreenElement || doc.webkitFullscreenElement || null; }
  function toggleFullscreen() {
    if (fsElement()) {
      (doc.exitFullscreen || doc.webkitExitFullscreen).call(doc);
    } else if (fsEnabled) {
      var req = stage.requestFullscreen || stage.webkitRequestFullscreen;
      var r = req.call(stage);
      if (r && r.catch) { r.catch(function () { /* refused */ }); }
    } else if (video.webkitEnterFullscreen) {
      video.webkitEnterFullscreen();   // iPhone: native player only
    }
  }
  function updateFullscreen() {
    var on = !!fsElement();
    stage.classList.toggle('is-fullscreen', on);
    fsButton.setAttribute('aria-label', on ? t('exitFullscreen') : t('fullscreen'));
    fsButton.title = fsButton.getAttribute('aria-label') + ' (F)';
    applyCaptions();
  }
  if (fsEnabled || video.webkitEnterFullscreen) {
    fsButton.addEventListener('click', toggleFullscreen);
    doc.addEventListener('fullscreenchange', updateFullscreen);
    doc.addEventListener('webkitfullscreenchange', updateFullscreen);
  } else {
    fsButton.hidden = true;
  }

  // Tooltips carry the keyboard shortcut.
  (function () {
    var b = doc.querySelectorAll('[data-key]');
    for (var i = 0; i < b.length; i++) {
      var label = b[i].getAttribute('aria-label') || b[i].textContent.trim();
      b[i].title = label + ' (' + b[i].getAttribute('data-key') + ')';
    }
  })();

  // ---------------------------------------------------------------- keyboard

  doc.addEventListener('keydown', function (ev) {
    if (ev.defaultPrevented || ev.altKey || ev.ctrlKey || ev.metaKey) { return; }
    var tgt = ev.target;
    var tag = tgt && tgt.tagName ? tgt.tagName.toLowerCase() : '';
    if (tag === 'input' || tag === 'textarea' || tag === 'select' || (tgt && tgt.isContentEditable)) { return; }
    // Space presses a focused button; on links and elsewhere it plays or pauses.
    var onControl = tag === 'button' || tag === 'summary';
    var handled = true;
    switch (ev.key) {
      case ' ': case 'Spacebar': case 'k': case 'K':
        if (onControl && ev.key !== 'k' && ev.key !== 'K') { handled = false; break; }  // let the focused control act
        togglePlay(); break;
      case 'ArrowRight': nextStep(); break;
      case 'ArrowLeft': previousStep(); break;
      case 'Home': goToStep(0); break;
      case 'End': goToStep(steps.length - 1); break;
      case 'c': case 'C': toggleCaptions(); break;
      case 'm': case 'M': video.muted = !video.muted; break;
      case 'f': case 'F': toggleFullscreen(); break;
      case 's': case 'S': hashWritable = true; setStepMode(!stepMode); break;
      default: handled = false;
    }
    if (handled) { ev.preventDefault(); }
  });

  // ---------------------------------------------------------------- deep links

  function parseHash(h) {
    var out = {};
    str(h).replace(/^#/, '').split('&').forEach(function (kv) {
      if (!kv) { return; }
      var i = kv.indexOf('=');
      var k = i < 0 ? kv : kv.slice(0, i);
      var v = i < 0 ? '' : kv.slice(i + 1);
      try { v = decodeURIComponent(v.replace(/\+/g, ' ')); } catch (e) { /* keep raw */ }
      out[k] = v;
    });
    return out;
  }

  // "83", "83.5", "1:23", "1:02:03", "1m23s", "90s"
  function parseTime(v) {
    v = str(v).trim();
    if (/^\d+(\.\d+)?$/.test(v)) { return Number(v); }
    if (/^\d+(:\d{1,2}){1,2}(\.\d+)?$/.test(v)) {
      return v.split(':').reduce(function (acc, p) { return acc * 60 + Number(p); }, 0);
    }
    var m = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+(?:\.\d+)?)s)?$/.exec(v);
    if (m && (m[1] || m[2] || m[3])) { return (Number(m[1] || 0) * 3600) + (Number(m[2] || 0) * 60) + Number(m[3] || 0); }
    return NaN;
  }

  function applyHash() {
    var h = parseHash(location.hash);
    if (h.mode === 'step' || h.mode === 'steps') { setStepMode(true); }
    else if (h.mode === 'continuous') { setStepMode(false); }
    if (h.step != null) {
      for (var i = 0; i < steps.length; i++) {
        if (steps[i].id === h.step) { seek(steps[i].start); return; }
      }
      var n = parseInt(h.step, 10);   // #step=3 (1-based) also works
      if (String(n) === h.step && n >= 1 && n <= steps.length) { seek(steps[n - 1].start); return; }
    }
    if (h.t != null) {
      var tm = parseTime(h.t);
      if (isFinite(tm)) { seek(tm); }
    }
  }

  window.addEventListener('hashchange', function () { applyHash(); });

  // ---------------------------------------------------------------- start

  if (window.self !== window.top) { doc.documentElement.classList.add('is-embedded'); }
  buildMarks();
  updatePlayState();
  updateMute();
  updateFullscreen();
  applyHash();
  render();
  doc.documentElement.setAttribute('data-player', 'ready');

  // Read-only hook for tests and for pages that embed the player.
  var hook = {};
  Object.defineProperty(hook, 'currentStep', { value: function () { return current; }, enumerable: true });
  Object.defineProperty(hook, 'stepMode', { value: function () { return stepMode; }, enumerable: true });
  Object.freeze(hook);
  Object.defineProperty(window, 'mapreelPlayer', { value: hook, enumerable: true });
})();
