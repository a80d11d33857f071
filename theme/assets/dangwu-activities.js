/* dangwu-activities.js — old links into a busy year's activities.
 *
 * A year with many activities is split into month pages (activities/2026/01/) and its year
 * page becomes an index of months (generator/pages/activities.py). Links written before the
 * split still point at the year page: activities/2026/#a2026-0110 (a record) or #m2026-01 (a
 * month). On that index every month's link lists the ids its page holds:
 *   <a href="01/" data-ids="m2026-01 a2026-0110 …">1月活动</a>
 * and this script replaces the address with that month's page, anchor kept. A busy year of
 * commitments does the same with a page per 党支部 (.dw-record-pages, generator/pages/commitments.py). It does nothing
 * on any other page and makes no request of its own. ES5, like dangwu.js.
 */
(function () {
  "use strict";

  function monthLinkFor(id) {
    var links = document.querySelectorAll(".dw-activity-months a[data-ids], .dw-record-pages a[data-ids]");
    for (var i = 0; i < links.length; i++) {
      if ((" " + links[i].getAttribute("data-ids") + " ").indexOf(" " + id + " ") !== -1) {
        return links[i];
      }
    }
    return null;
  }

  function follow() {
    var id = decodeURIComponent(location.hash.slice(1));
    if (!id) {
      return;
    }
    var link = monthLinkFor(id);
    if (link) {
      location.replace(link.href.split("#")[0] + "#" + encodeURIComponent(id));
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", follow);
  } else {
    follow();
  }
  window.addEventListener("hashchange", follow);
})();
