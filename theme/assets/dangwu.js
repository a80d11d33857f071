/* dangwu.js — 关怀模式, filter buttons, and a guard for old browsers.
 *
 * Loaded synchronously in <head> (theme/main.html, theme/portal.html), so it runs before the
 * first paint and before Material's bundle. It makes no request of its own. Written in ES5
 * because cheap phones keep old WebViews.
 *
 * 关怀模式: any <button data-dw-care> toggles the class "dw-care" on <html>; the choice is
 * kept in localStorage ("dangwu.care" = "1") for every page of the site, portal included.
 *
 * Filters: a button
 *   <button type="button" data-filter-key="status" data-filter-value="overdue">逾期</button>
 * inside a ".dw-filterable" block, or in a ".dw-filter" row followed (as a later sibling) by
 * one, shows only the items of that block whose attribute data-status contains "overdue"
 * (space-separated values allowed); data-filter-value="" means 全部. Buttons of different
 * keys combine (unit AND status). Items without the attribute are left alone. A
 * ".dw-filter-group" with filterable items but none shown is hidden too, and a
 * ".dw-filter-count" says how many are shown. Without JavaScript the buttons are hidden
 * (CSS) and every item is shown.
 */
(function () {
  "use strict";

  var root = document.documentElement;
  var CARE_KEY = "dangwu.care";

  root.className += " dw-js";

  // Material's bundle loads a ResizeObserver polyfill from a CDN when the browser has
  // none (Chrome < 64, Safari < 13.1). Offer a small local stand-in so that never happens.
  // Material only reads entry.target and measures the element itself.
  if (typeof window.ResizeObserver === "undefined") {
    window.ResizeObserver = LocalResizeObserver;
  }

  function LocalResizeObserver(callback) {
    var self = this;
    self.targets = [];
    self.notify = function (targets) {
      var list = targets || self.targets;
      if (!list.length) { return; }
      callback(list.map(function (target) {
        return { target: target, contentRect: target.getBoundingClientRect() };
      }), self);
    };
    self.onResize = function () { self.notify(); };
    window.addEventListener("resize", self.onResize);
    window.addEventListener("load", self.onResize);
  }
  LocalResizeObserver.prototype.observe = function (target) {
    var self = this;
    if (self.targets.indexOf(target) < 0) { self.targets.push(target); }
    setTimeout(function () { self.notify([target]); }, 0);
  };
  LocalResizeObserver.prototype.unobserve = function (target) {
    var at = this.targets.indexOf(target);
    if (at >= 0) { this.targets.splice(at, 1); }
  };
  LocalResizeObserver.prototype.disconnect = function () {
    this.targets = [];
    window.removeEventListener("resize", this.onResize);
    window.removeEventListener("load", this.onResize);
  };

  // ---- 关怀模式 ---------------------------------------------------------------------

  function readCare() {
    try { return window.localStorage.getItem(CARE_KEY) === "1"; } catch (e) { return false; }
  }

  function writeCare(on) {
    try {
      if (on) { window.localStorage.setItem(CARE_KEY, "1"); }
      else { window.localStorage.removeItem(CARE_KEY); }
    } catch (e) { /* private mode: the switch still works for this page */ }
  }

  function showCare(on) {
    if (on) { root.classList.add("dw-care"); } else { root.classList.remove("dw-care"); }
    each(document.querySelectorAll("[data-dw-care]"), function (button) {
      button.setAttribute("aria-pressed", on ? "true" : "false");
    });
  }

  function initCare() {
    showCare(readCare());
    each(document.querySelectorAll("[data-dw-care]"), function (button) {
      button.addEventListener("click", function () {
        var on = !root.classList.contains("dw-care");
        writeCare(on);
        showCare(on);
      });
    });
  }

  showCare(readCare());   // before the first paint: no flash of small text

  // ---- Filters ----------------------------------------------------------------------

  function initFilters() {
    var boxes = [];
    var buttonsOf = [];
    each(document.querySelectorAll("[data-filter-key]"), function (button) {
      var box = targetOf(button);
      if (!box) { return; }
      var at = boxes.indexOf(box);
      if (at < 0) { at = boxes.push(box) - 1; buttonsOf.push([]); }
      buttonsOf[at].push(button);
    });
    each(boxes, function (box, at) { initFilterable(box, buttonsOf[at]); });
  }

  // A button filters the .dw-filterable it sits in, or else the first .dw-filterable
  // that follows its .dw-filter row.
  function targetOf(button) {
    var inside = closest(button, ".dw-filterable");
    if (inside) { return inside; }
    var row = closest(button, ".dw-filter");
    for (var node = row && row.nextElementSibling; node; node = node.nextElementSibling) {
      if (node.classList.contains("dw-filterable")) { return node; }
    }
    return null;
  }

  function initFilterable(box, buttons) {
    var state = {};
    each(buttons, function (button) {
      var key = button.getAttribute("data-filter-key");
      if (!(key in state)) { state[key] = ""; }
      if (button.getAttribute("aria-pressed") === "true") {
        state[key] = button.getAttribute("data-filter-value") || "";
      }
      button.addEventListener("click", function () {
        state[key] = button.getAttribute("data-filter-value") || "";
        applyFilter(box, buttons, state);
      });
    });
    applyFilter(box, buttons, state);
  }

  function applyFilter(box, buttons, state) {
    each(buttons, function (button) {
      var key = button.getAttribute("data-filter-key");
      var value = button.getAttribute("data-filter-value") || "";
      button.setAttribute("aria-pressed", state[key] === value ? "true" : "false");
    });
    var keys = Object.keys(state);
    var items = filterItems(box, keys);
    var shown = 0;
    each(items, function (item) {
      var visible = matches(item, keys, state);
      item.hidden = !visible;
      if (visible) { shown += 1; }
    });
    hideEmptyGroups(box, keys);
    showCount(box, shown, items.length);
  }

  function filterItems(box, keys) {
    var selector = keys.map(function (key) { return "[data-" + key + "]"; }).join(",");
    var items = [];
    if (!selector) { return items; }
    each(box.querySelectorAll(selector), function (item) {
      if (!item.hasAttribute("data-filter-key") && closest(item, ".dw-filterable") === box) {
        items.push(item);
      }
    });
    return items;
  }

  function matches(item, keys, state) {
    return keys.every(function (key) {
      var wanted = state[key];
      if (!wanted || !item.hasAttribute("data-" + key)) { return true; }
      return item.getAttribute("data-" + key).split(/\s+/).indexOf(wanted) >= 0;
    });
  }

  function hideEmptyGroups(box, keys) {
    var selector = keys.map(function (key) { return "[data-" + key + "]:not([data-filter-key])"; }).join(",");
    each(box.querySelectorAll(".dw-filter-group"), function (group) {
      var items = group.querySelectorAll(selector);
      if (!items.length) { return; }
      var anyShown = false;
      each(items, function (item) { if (!item.hidden) { anyShown = true; } });
      group.hidden = !anyShown;
    });
  }

  function showCount(box, shown, total) {
    each(box.querySelectorAll(".dw-filter-count"), function (counter) {
      counter.setAttribute("aria-live", "polite");
      counter.textContent = shown === total ? "共 " + total + " 条" : "显示 " + shown + " 条，共 " + total + " 条";
    });
  }

  // ---- Tabs: on a phone, scroll the current section's tab into view ------------------

  function revealActiveTab() {
    var active = document.querySelector(".md-tabs__item--active");
    var list = active && active.parentNode;
    if (!list || list.scrollWidth <= list.clientWidth) { return; }
    list.scrollLeft = active.offsetLeft - (list.clientWidth - active.offsetWidth) / 2;
  }

  // ---- Helpers ----------------------------------------------------------------------

  function each(list, fn) { Array.prototype.forEach.call(list, fn); }

  function closest(element, selector) {
    for (var node = element; node && node.nodeType === 1; node = node.parentNode) {
      if ((node.matches || node.msMatchesSelector).call(node, selector)) { return node; }
    }
    return null;
  }

  function init() {
    initCare();
    initFilters();
    revealActiveTab();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
