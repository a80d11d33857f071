/* dangwu kiosk: rotate the slides, pause on touch, come back by itself, pick up new builds.

   Settings come from data- attributes on <body> (seconds): data-interval (per slide),
   data-idle (no touch for this long: back to the first slide, rotation resumes), data-poll
   (how often to ask ../manifest.json whether a new build was published). The query string may
   override them (?interval=1&idle=2&poll=1), which the browser tests use.

   A new build is taken only after its page was fetched whole (it ends with SENTINEL); the
   slides are then swapped in place, so the screen never navigates and can never end up on a
   browser error page. When the server cannot be reached the kiosk keeps what it shows and says
   "暂时离线" next to the date of its data.

   Written for old kiosk Chromiums: ES2017 at most (no ?. or ??, no class fields). */
(function () {
  'use strict';

  var SENTINEL = '<!-- dangwu-kiosk-end -->';
  var TICK_MS = 200;
  var FETCH_TIMEOUT_MS = 20000;
  var WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

  var cfg = null;
  var state = {
    index: 0, shownAt: 0, paused: false, touchedAt: 0,
    knownBuild: null, polledAt: 0, polling: false
  };

  // --- settings ------------------------------------------------------------------------------

  function seconds(value, fallback) {
    var n = parseFloat(value);
    return isFinite(n) && n > 0 ? n : fallback;
  }

  function readConfig() {
    var data = document.body.dataset;
    var query = new URLSearchParams(window.location.search);
    return {
      interval: seconds(query.get('interval'), seconds(data.interval, 12)) * 1000,
      idle: seconds(query.get('idle'), seconds(data.idle, 90)) * 1000,
      poll: seconds(query.get('poll'), seconds(data.poll, 300)) * 1000
    };
  }

  // --- showing slides ------------------------------------------------------------------------

  function slides() {
    return document.querySelectorAll('.slide');
  }

  function setText(selector, text) {
    var nodes = document.querySelectorAll(selector);
    for (var i = 0; i < nodes.length; i++) {
      if (nodes[i].textContent !== text) nodes[i].textContent = text;
    }
  }

  function setProgress(share) {
    var fill = document.querySelector('.progress-fill');
    if (fill) fill.style.transform = 'scaleX(' + Math.max(0, Math.min(1, share)).toFixed(3) + ')';
  }

  function show(index) {
    var all = slides();
    if (!all.length) return;
    state.index = ((index % all.length) + all.length) % all.length;
    for (var i = 0; i < all.length; i++) all[i].classList.toggle('is-active', i === state.index);
    state.shownAt = Date.now();
    setText('.count-now', String(state.index + 1));
    setProgress(0);
  }

  // --- touch, pause, idle --------------------------------------------------------------------

  function pause() {
    state.touchedAt = Date.now();
    if (state.paused) return;
    state.paused = true;
    document.body.classList.add('is-paused');
  }

  function resume() {
    state.paused = false;
    document.body.classList.remove('is-paused');
    state.shownAt = Date.now();
    setProgress(0);
  }

  function act(action) {
    if (action === 'prev') { pause(); show(state.index - 1); }
    else if (action === 'next') { pause(); show(state.index + 1); }
    else if (action === 'resume') { resume(); }
  }

  function onClick(event) {
    var target = event.target;
    var button = target && target.closest ? target.closest('[data-action]') : null;
    if (button) act(button.getAttribute('data-action'));
  }

  function onKey(event) {
    var keys = { ArrowLeft: 'prev', ArrowRight: 'next', PageUp: 'prev', PageDown: 'next' };
    if (keys[event.key]) act(keys[event.key]);
    else if (event.key === ' ' || event.key === 'Enter') { if (state.paused) resume(); else pause(); }
  }

  // --- the clock -----------------------------------------------------------------------------

  function two(n) {
    return (n < 10 ? '0' : '') + n;
  }

  function updateClock(now) {
    var time = now.getHours() + ':' + two(now.getMinutes());
    var weekday = '星期' + WEEKDAYS[now.getDay()];
    var date = now.getFullYear() + '年' + (now.getMonth() + 1) + '月' + now.getDate() + '日';
    setText('[data-clock="time"]', time);
    setText('[data-clock="date"]', date + ' ' + weekday);
    setText('[data-clock="short"]', (now.getMonth() + 1) + '月' + now.getDate() + '日 ' + weekday + ' ' + time);
  }

  // --- new builds ----------------------------------------------------------------------------

  function withTimeout(promise, ms) {
    return new Promise(function (resolve, reject) {
      var timer = setTimeout(function () { reject(new Error('timeout')); }, ms);
      promise.then(
        function (value) { clearTimeout(timer); resolve(value); },
        function (error) { clearTimeout(timer); reject(error); }
      );
    });
  }

  function fetchOk(url, cacheMode) {
    return withTimeout(fetch(url, { cache: cacheMode, credentials: 'same-origin' }), FETCH_TIMEOUT_MS)
      .then(function (response) {
        if (!response.ok) throw new Error(url + ': HTTP ' + response.status);
        return response;
      });
  }

  function assets(doc) {
    var script = doc.querySelector('script[src]');
    var style = doc.querySelector('link[rel="stylesheet"]');
    return [script ? script.getAttribute('src') : '', style ? style.getAttribute('href') : ''];
  }

  function complete(html) {
    var end = html.replace(/\s+$/, '');
    return end.slice(end.length - SENTINEL.length) === SENTINEL;
  }

  // New code (script or styles changed): fetch it first, then reload, so the reload finds it.
  function reloadWith(urls) {
    return Promise.all(urls.map(function (url) { return fetchOk(url, 'reload'); }))
      .then(function () { window.location.reload(); });
  }

  function adopt(html, buildId) {
    if (!complete(html)) throw new Error('incomplete page');
    var doc = new DOMParser().parseFromString(html, 'text/html');
    var frame = doc.querySelector('.frame');
    if (!frame || !frame.querySelector('.slide')) throw new Error('page without slides');
    var fresh = assets(doc);
    var current = assets(document);
    if (fresh[0] !== current[0] || fresh[1] !== current[1]) return reloadWith(fresh);
    var old = document.querySelector('.frame');
    old.parentNode.replaceChild(document.importNode(frame, true), old);
    ['interval', 'idle', 'poll'].forEach(function (name) {
      if (doc.body.dataset[name]) document.body.dataset[name] = doc.body.dataset[name];
    });
    cfg = readConfig();
    state.knownBuild = buildId;
    document.body.dataset.build = buildId;
    show(state.paused ? state.index : 0);
    return null;
  }

  function setOnline(online) {
    document.body.classList.toggle('is-offline', !online);
  }

  function poll() {
    state.polling = true;
    state.polledAt = Date.now();
    fetchOk('../manifest.json', 'no-store')
      .then(function (response) { return response.json(); })
      .then(function (manifest) {
        var id = manifest && manifest.build_id;
        if (typeof id !== 'string' || !id) throw new Error('manifest without build_id');
        if (state.knownBuild === null) {  // the build this page came with
          state.knownBuild = id;
          document.body.dataset.build = id;
          return null;
        }
        if (id === state.knownBuild) return null;
        return fetchOk('./index.html', 'no-store')
          .then(function (response) { return response.text(); })
          .then(function (html) { return adopt(html, id); });
      })
      .then(function () { setOnline(true); }, function () { setOnline(false); })
      .then(function () { state.polling = false; });
  }

  // --- the heartbeat -------------------------------------------------------------------------

  function tick() {
    var now = Date.now();
    updateClock(new Date(now));
    if (now < state.shownAt) state.shownAt = now;  // the clock was set back
    if (state.paused) {
      if (now - state.touchedAt >= cfg.idle) { resume(); show(0); }
    } else {
      var share = (now - state.shownAt) / cfg.interval;
      if (share >= 1) show(state.index + 1);
      else setProgress(share);
    }
    if (!state.polling && now - state.polledAt >= cfg.poll) poll();
  }

  function start() {
    cfg = readConfig();
    document.addEventListener('pointerdown', pause, true);
    document.addEventListener('click', onClick);
    document.addEventListener('keydown', onKey);
    document.addEventListener('contextmenu', function (event) { event.preventDefault(); });
    show(0);
    poll();
    tick();
    setInterval(tick, TICK_MS);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
}());
