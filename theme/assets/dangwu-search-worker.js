/* dangwu-search-worker.js — the search behind Material's search box (theme/main.html points
 * Material's "search" worker here). It speaks Material 9.8.1's worker protocol:
 *   in:  {type: 0 SETUP, data: {config, docs}}   out: {type: 1 READY}
 *   in:  {type: 2 QUERY, data: "query"}          out: {type: 3 RESULT, data: {items: [[doc …] …]}}
 * where a result item is a page followed by its matching records, each
 * {location, title, text, score, terms}; title and text are HTML (escaped, <mark> added).
 *
 * The index (search/dangwu_index.json, written by generator/engine/search_index.py) is fetched
 * on the first query that is not empty, never on a page view: Material's bundle only fetches the
 * small stub search/search_index.json. Without our index (a preview built by `mkdocs serve`),
 * Material's own entries are searched the same way.
 *
 * How a query is matched, for Chinese without spaces:
 *  - folded first: full-width to half-width (NFKC), traditional to simplified characters (the
 *    index's table), 三月 → 3月, 18,000 / 1.8万 / 18000元 → 18000;
 *  - each part between spaces is kept whole when some record contains it (人民医院 inside
 *    景和区人民医院党委, 志强 inside 韩志强), else cut into the site's words (jieba's search
 *    mode, from the index) and the short names of units (二支部 → 第二党支部);
 *  - every part must be found in a record; a part found nowhere may differ from a record's text
 *    by one character (two when it is long): 学雷峰 finds 学雷锋, 紧急呼救设备 紧急呼叫设备.
 *    A masked name (姜*英) never counts as such a near miss.
 * Records score by where the words are (the title counts most, a title that is just the word
 * more still) and how rare the words are; pages about the board (公开目录, 更新记录) count half;
 * ties keep the order of the site's navigation.
 * ES5-style on purpose, like dangwu.js: cheap phones keep old WebViews.
 */
(function () {
  "use strict";

  var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
  var MASK = /[*]/;
  var CJK = /[\u3400-\u9fff]/;
  var ALL_CJK = /^[\u3400-\u9fff]+$/;
  var NUMERAL = "一二三四五六七八九";

  var index = null;        // {docs: [{l, t, x, p, w, T, X}], words: {}, aliases: {}, fold: {}}
  var loading = null;
  var fallback = [];       // Material's entries, when our index cannot be fetched

  // ---- text -------------------------------------------------------------------------

  function unescapeHTML(text) {
    return String(text).replace(/<[^>]*>/g, "").replace(/&lt;/g, "<").replace(/&gt;/g, ">")
      .replace(/&quot;/g, "\"").replace(/&#0?39;/g, "'").replace(/&amp;/g, "&")
      .replace(/\u200b/g, "");
  }

  function escapeHTML(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;");
  }

  function nfkc(text) {
    return text.normalize ? text.normalize("NFKC") : text;
  }

  /** Text of a record as it is searched: half-width, lower case, no thousands separators. */
  function flat(text) {
    return nfkc(text).toLowerCase().replace(/(\d),(?=\d{3})/g, "$1").replace(/¥/g, "");
  }

  function chineseNumber(numeral) {
    if (numeral === "十") { return 10; }
    var at = numeral.indexOf("十");
    if (at < 0) { return NUMERAL.indexOf(numeral) + 1; }
    var tens = at === 0 ? 1 : NUMERAL.indexOf(numeral.charAt(0)) + 1;
    var ones = at === numeral.length - 1 ? 0 : NUMERAL.indexOf(numeral.charAt(at + 1)) + 1;
    return tens * 10 + ones;
  }

  /** A query as residents type it, in the form the records are written in. */
  function foldQuery(query) {
    var text = flat(query), out = "", i, c;
    for (i = 0; i < text.length; i++) {
      c = text.charAt(i);
      out += index.fold[c] || c;
    }
    return out
      .replace(/([一二三四五六七八九十]{1,3})月份?/g, function (all, numeral) {
        var n = chineseNumber(numeral);
        return n >= 1 && n <= 12 ? n + "月" : all;
      })
      .replace(/(\d+)月份/g, "$1月")
      .replace(/(\d+(?:\.\d+)?)万元?/g, function (all, number) {
        return String(Math.round(parseFloat(number) * 1000000) / 100);
      })
      .replace(/(\d)元/g, "$1");
  }

  // ---- matching ---------------------------------------------------------------------

  function isDigit(c) { return c >= "0" && c <= "9"; }

  /** Where ``term`` occurs in ``text`` as a whole number (18000 not inside 118000), or -1. */
  function find(text, term, from) {
    var at = text.indexOf(term, from || 0);
    while (at >= 0) {
      var before = at > 0 ? text.charAt(at - 1) : "";
      var after = text.charAt(at + term.length);
      var okBefore = !isDigit(term.charAt(0)) || !(isDigit(before) || before === ".");
      var okAfter = !isDigit(term.charAt(term.length - 1)) || !isDigit(after);
      if (okBefore && okAfter) { return at; }
      at = text.indexOf(term, at + 1);
    }
    return -1;
  }

  function count(text, term) {
    var n = 0, at = find(text, term, 0);
    while (at >= 0 && n < 5) { n++; at = find(text, term, at + term.length); }
    return n;
  }

  function occurs(term) {
    for (var i = 0; i < index.docs.length; i++) {
      var doc = index.docs[i];
      if (find(doc.T, term) >= 0 || find(doc.X, term) >= 0) { return true; }
    }
    return false;
  }

  /** The end of a stretch of ``text`` within ``limit`` edits of ``pattern`` (Sellers), or -1.
   *  Masked characters and anything but Chinese cost more than the limit: 姜*英 is no near
   *  miss of a full name. A three-character pattern keeps its first character (a surname). */
  function nearMiss(text, pattern, limit) {
    var m = pattern.length, column = [], i, j;
    if (m === 3) {
      for (i = 0; i + 3 <= text.length; i++) {
        if (text.charAt(i) !== pattern.charAt(0)) { continue; }
        var same = 0, bad = false;
        for (j = 1; j < 3; j++) {
          var c = text.charAt(i + j);
          if (MASK.test(c) || !CJK.test(c)) { bad = true; }
          if (c === pattern.charAt(j)) { same++; }
        }
        if (!bad && same === 1) { return i + 3; }
      }
      return -1;
    }
    for (j = 0; j <= m; j++) { column.push(j); }
    for (i = 0; i < text.length; i++) {
      var ch = text.charAt(i), cost = MASK.test(ch) || !CJK.test(ch) ? limit + 1 : 1;
      var diagonal = column[0], next;
      column[0] = 0;
      for (j = 1; j <= m; j++) {
        next = Math.min(column[j] + cost, column[j - 1] + 1,
                        diagonal + (pattern.charAt(j - 1) === ch ? 0 : cost));
        diagonal = column[j];
        column[j] = next;
      }
      if (column[m] <= limit) { return i + 1; }
    }
    return -1;
  }

  /** Cut a part of the query into the site's words, longest first; null when some of it is
   *  no word of the site. */
  function cut(part) {
    var words = [], at = 0;
    while (at < part.length) {
      var found = "", number = /^\d+(?:\.\d+)?[年月日号]?/.exec(part.slice(at));
      if (number) {
        found = number[0];
      } else {
        for (var n = Math.min(12, part.length - at); n >= 2 && !found; n--) {
          var piece = part.substr(at, n);
          if (index.aliases.hasOwnProperty(piece) || index.words.hasOwnProperty(piece)) { found = piece; }
        }
      }
      if (!found) { return null; }
      words.push(index.aliases.hasOwnProperty(found) ? index.aliases[found] : found);
      at += found.length;
    }
    return words;
  }

  /** The query as terms: {text, near} where near says it may differ by one or two characters. */
  function terms(query) {
    var out = [];
    foldQuery(query).split(/[\s,，、;；:：·|/()（）"“”'‘’?？!！。]+/).forEach(function (part) {
      if (!part) { return; }
      if (index.aliases.hasOwnProperty(part)) { out.push({ text: index.aliases[part] }); return; }
      if (occurs(part)) { out.push({ text: part }); return; }
      var words = cut(part);
      if (words && words.every(occurs)) {
        words.forEach(function (word) { out.push({ text: word }); });
      } else {
        // Only Chinese words may be near misses: a voucher number or an amount is exact.
        out.push({ text: part, near: part.length >= 3 && ALL_CJK.test(part) ? (part.length >= 8 ? 2 : 1) : 0 });
      }
    });
    return out;
  }

  /** How well a record matches one term (null: not at all), and what to mark. */
  function score(doc, term, rarity) {
    var inTitle = find(doc.T, term.text) >= 0, inText = count(doc.X, term.text);
    var mark = term.text, weight = 1;
    if (!inTitle && !inText && term.near) {
      var end = nearMiss(doc.T, term.text, term.near), where = doc.T;
      if (end < 0) { end = nearMiss(doc.X, term.text, term.near); where = doc.X; }
      if (end < 0) { return null; }
      mark = where.slice(Math.max(0, end - term.text.length), end);
      inTitle = where === doc.T;
      inText = where === doc.X ? 1 : 0;
      weight = 0.6;
    }
    if (!inTitle && !inText) { return null; }
    var value = 0;
    if (inTitle) {
      value += 2 + 2 * mark.length / Math.max(doc.T.length, 1) + (doc.T === mark ? 2 : 0);
    }
    if (inText) { value += 1 + 0.1 * (inText - 1); }
    return { value: value * rarity * weight, mark: mark };
  }

  function search(query) {
    var wanted = terms(query);
    if (!wanted.length) { return []; }
    var n = index.docs.length;
    var rarity = wanted.map(function (term) {
      var df = 0;
      index.docs.forEach(function (doc) {
        if (find(doc.T, term.text) >= 0 || find(doc.X, term.text) >= 0) { df++; }
      });
      return Math.log(1 + n / Math.max(df, 1));
    });
    var hits = [];
    index.docs.forEach(function (doc, at) {
      var total = 0, marks = [];
      for (var i = 0; i < wanted.length; i++) {
        var one = score(doc, wanted[i], rarity[i]);
        if (!one) { return; }
        total += one.value;
        marks.push(one.mark);
      }
      hits.push({ doc: doc, at: at, score: total * (index.docs[doc.p].w || 1), marks: marks });
    });
    hits.sort(function (a, b) { return b.score - a.score || a.at - b.at; });
    return group(hits);
  }

  // ---- results ----------------------------------------------------------------------

  /** Text with the marked words in <mark>, escaped; ``around`` cuts it to a window. */
  function marked(text, marks, around) {
    var flatText = flat(text), starts = [], i;
    // flat() drops thousands separators: map positions of the flat text back to the text.
    var map = [], k = 0;
    for (i = 0; i < text.length; i++) {
      var piece = flat(text.charAt(i));
      if (text.charAt(i) === "," && i > 0 && isDigit(text.charAt(i - 1)) && /^\d{3}/.test(text.substr(i + 1, 3))) { continue; }
      for (var p = 0; p < piece.length; p++) { map[k++] = i; }
    }
    map[k] = text.length;
    marks.forEach(function (word) {
      var at = flatText.indexOf(word);
      while (at >= 0 && word) {
        starts.push([map[at] === undefined ? text.length : map[at], map[at + word.length] === undefined ? text.length : map[at + word.length]]);
        at = flatText.indexOf(word, at + word.length);
      }
    });
    starts.sort(function (a, b) { return a[0] - b[0]; });
    var from = 0, to = text.length;
    if (around) {
      var first = starts.length ? starts[0][0] : 0;
      from = Math.max(0, first - 30);
      to = Math.min(text.length, from + around);
    }
    var out = from > 0 ? "…" : "", cursor = from;
    starts.forEach(function (span) {
      if (span[0] < cursor || span[1] > to) { return; }
      out += escapeHTML(text.slice(cursor, span[0])) + "<mark>" + escapeHTML(text.slice(span[0], span[1])) + "</mark>";
      cursor = span[1];
    });
    return out + escapeHTML(text.slice(cursor, to)) + (to < text.length ? "…" : "");
  }

  function item(doc, hit, value) {
    var marks = hit ? hit.marks : [], terms = {};
    marks.forEach(function (word) { terms[word] = true; });
    return {
      location: doc.l, score: value,
      title: marked(doc.t, marks, 0), text: hit ? marked(doc.x, marks, 120) : "",
      terms: terms
    };
  }

  /** Material's shape: per page (best first), the page, then its records, best first. The page
   *  scores just under its best record, so its header never outranks the record. */
  function group(hits) {
    var pages = [], byPage = {};
    hits.forEach(function (hit) {
      var page = hit.doc.p;
      if (!byPage.hasOwnProperty(page)) { byPage[page] = []; pages.push(page); }
      if (byPage[page].length < 20) { byPage[page].push(hit); }
    });
    return pages.slice(0, 50).map(function (page) {
      var list = byPage[page], best = list[0].score, pageDoc = index.docs[page];
      var own = null;
      var records = list.filter(function (hit) {
        if (hit.doc === pageDoc) { own = hit; return false; }
        return true;
      });
      var header = own && own.score >= best
        ? item(pageDoc, own, best)
        : item(pageDoc, null, records.length ? best * 0.999 : best);
      if (own && own.score < best) { records.push(own); }
      return [header].concat(records.map(function (hit) {
        return item(hit.doc, hit, hit.score);
      }).filter(function (entry) { return entry.location !== pageDoc.l; }));
    });
  }

  // ---- the index --------------------------------------------------------------------

  function prepare(data) {
    var docs = data.docs.map(function (doc) {
      var t = unescapeHTML(doc.t), x = unescapeHTML(doc.x);
      return { l: doc.l, t: t, x: x, p: doc.p, w: doc.w, T: flat(t), X: flat(x) };
    });
    var words = {}, fold = {}, i;
    (data.v || "").split(" ").forEach(function (word) { if (word) { words[word] = true; } });
    for (i = 0; i + 1 < (data.f || "").length; i += 2) { fold[data.f.charAt(i)] = data.f.charAt(i + 1); }
    return { docs: docs, words: words, aliases: data.a || {}, fold: fold };
  }

  /** Material's own entries, as pages and sections, when our index is missing. */
  function fromMaterial(docs) {
    var pages = {}, out = [];
    docs.forEach(function (doc) {
      var page = doc.location.split("#")[0];
      if (!pages.hasOwnProperty(page)) {
        pages[page] = out.length;
        if (doc.location !== page) { out.push({ l: page, t: doc.title, x: "", p: out.length }); }
      }
      out.push({ l: doc.location, t: doc.title, x: doc.text, p: pages[page] });
    });
    return { docs: out };
  }

  function load() {
    if (!loading) {
      var url = new URL("../search/dangwu_index.json", self.location.href);
      loading = fetch(url.href, { credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) { throw new Error(response.status + " " + url.href); }
          return response.json();
        })
        .catch(function () { return fromMaterial(fallback); })
        .then(function (data) { index = prepare(data); });
    }
    return loading;
  }

  self.addEventListener("message", function (event) {
    var message = event.data;
    if (message.type === SETUP) {
      fallback = (message.data && message.data.docs) || [];
      self.postMessage({ type: READY });
    } else if (message.type === QUERY) {
      var query = String(message.data || "");
      if (!query.trim()) {
        self.postMessage({ type: RESULT, data: { items: [] } });
        return;
      }
      load().then(function () {
        self.postMessage({ type: RESULT, data: { items: search(query) } });
      });
    }
  });
}());
