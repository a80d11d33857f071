"""What the layout tests measure in the page, as JavaScript run by Playwright."""

# Text: every visible element with its own text (not inside SVG charts), its font size and
# line height. "Body text" is p/li/td/th/dd/dt of the content, footer and portal.
TEXT = """() => {
  const vw = window.innerWidth;
  const shown = (el) => {
    const r = el.getBoundingClientRect();
    if (r.width <= 1 || r.height <= 1 || r.right <= 0 || r.left >= vw) return false;
    return el.checkVisibility({opacityProperty: true, visibilityProperty: true});
  };
  const BODY = new Set(["P", "LI", "TD", "TH", "DD", "DT"]);
  const out = [];
  for (const el of document.body.querySelectorAll("*")) {
    if (el.closest("svg, script, style, noscript, template")) continue;
    const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    if (!own || !shown(el)) continue;
    const style = getComputedStyle(el);
    const size = parseFloat(style.fontSize);
    const line = style.lineHeight === "normal" ? null : parseFloat(style.lineHeight);
    const body = BODY.has(el.tagName) && !!el.closest("article, main, footer");
    out.push({tag: el.tagName.toLowerCase(), cls: el.className && String(el.className),
              text: el.textContent.trim().slice(0, 30), size, line, body});
  }
  return out;
}"""

# Tap targets: links, buttons and labels one can tap, except links inside running text
# (WCAG 2.5.8 exempts them) and Material's heading permalinks.
TARGETS = """() => {
  const vw = window.innerWidth;
  const shown = (el) => {
    const r = el.getBoundingClientRect();
    if (r.width <= 1 || r.height <= 1 || r.right <= 0 || r.left >= vw) return false;
    return el.checkVisibility({opacityProperty: true, visibilityProperty: true});
  };
  const INLINE = "p, li, dd, dt, figcaption, blockquote, h1, h2, h3, h4";
  const out = [];
  for (const el of document.querySelectorAll("a[href], button, label[for], summary, [role=button]")) {
    if (!shown(el) || el.classList.contains("headerlink")) continue;
    const sized = el.matches(".dw-button, .dw-tel, .md-nav__link, .md-tabs__link");
    if (!sized && el.matches("a") && el.parentElement.closest(INLINE) && !el.closest("td, th")) continue;
    const r = el.getBoundingClientRect();
    out.push({tag: el.tagName.toLowerCase(), cls: String(el.className || ""),
              text: (el.textContent || el.getAttribute("aria-label") || "").trim().slice(0, 20),
              height: Math.round(r.height * 10) / 10});
  }
  return out;
}"""

SCROLL_WIDTH = "() => document.documentElement.scrollWidth"

# The font size and colour of the first paragraph of the content (community page or portal).
BODY_TEXT = """() => {
  const p = document.querySelector("article p, main p");
  const style = getComputedStyle(p);
  return {size: parseFloat(style.fontSize), line: parseFloat(style.lineHeight), color: style.color};
}"""

# Tables wider than the box they sit in (which would then scroll sideways), and every table's
# caption or first header for the message.
WIDE_TABLES = """() => [...document.querySelectorAll("article table, main table")]
  .filter((t) => t.getBoundingClientRect().width > 1)
  .filter((t) => t.scrollWidth > t.parentElement.clientWidth + 1 || t.getBoundingClientRect().right > window.innerWidth)
  .map((t) => ({first: (t.caption || t.querySelector("th") || t).textContent.trim().slice(0, 20),
                width: Math.round(t.scrollWidth), room: t.parentElement.clientWidth}))"""

# Every label of the static SVG charts as drawn: its font size (user units) times the chart's scale.
CHART_LABELS = """() => [...document.querySelectorAll("svg.dangwu-chart text")].map((text) => {
  const svg = text.ownerSVGElement;
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  return {text: text.textContent.slice(0, 20), px: parseFloat(getComputedStyle(text).fontSize) * scale};
})"""
