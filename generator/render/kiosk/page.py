"""Write the kiosk page: ``<site>/kiosk/index.html`` plus its script and styles from ``theme/kiosk``.

The page carries its own strict Content-Security-Policy (no inline script, no ``style=``
attribute, nothing from another origin, fetches to this site only); settings travel in
``data-`` attributes the script reads. Script and stylesheet are
linked with a content hash (``kiosk.js?v=…``) so a running kiosk can tell when a new build
brought new code rather than only new figures. The page ends with ``SENTINEL``: the running
kiosk switches to a new page only after it fetched it whole, sentinel included.
"""
from __future__ import annotations

import hashlib
import re
import shutil
from functools import lru_cache
from pathlib import Path

import jinja2
from markupsafe import Markup

from generator import resources
from generator.render.kiosk.qr import qr_svg, target_url
from generator.render.kiosk.slides import slides
from generator.render.templates import keep_compiled
from generator.views import format as fmt
from generator.views.charts import balance_svg

THEME = resources.THEME / "kiosk"
ASSETS = ("kiosk.js", "kiosk.css")
SENTINEL = "<!-- dangwu-kiosk-end -->"
POLL_SECONDS = 300  # how often the kiosk asks whether a new build was published
WEEKDAYS = "一二三四五六日"


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(THEME), autoescape=True, undefined=jinja2.StrictUndefined,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
    )
    env.filters.update(money=fmt.money, cn_date=fmt.cn_date, chart=chart)
    return keep_compiled(env, "kiosk")


def chart(ledger) -> Markup:
    """The fund's balance chart, its inline ``style`` dropped (sizes come from kiosk.css)."""
    svg = balance_svg(ledger)
    return Markup(re.sub(r'\sstyle="[^"]*"', "", svg, count=1))


def asset_versions() -> dict[str, str]:
    return {name: hashlib.sha256((THEME / name).read_bytes()).hexdigest()[:10] for name in ASSETS}


def settings(info) -> dict[str, int]:
    kiosk = info.kiosk
    return {"interval": kiosk.interval if kiosk else 12, "idle": kiosk.idle if kiosk else 90,
            "poll": POLL_SECONDS}


def render_page(ctx) -> str:
    info = ctx.info
    shown = []
    for slide in slides(ctx):
        url = target_url(info.base_url, slide.path)
        shown.append({"slide": slide, "url": url, "qr": Markup(qr_svg(url))})
    return environment().get_template("kiosk.html.j2").render(
        info=info, slides=shown, settings=settings(info), versions=asset_versions(),
        built=fmt.cn_date(ctx.today), weekday=f"星期{WEEKDAYS[ctx.today.weekday()]}",
        absolute=bool(info.base_url), sentinel=Markup(SENTINEL),
    )


def write_kiosk(site_dir: Path, ctx) -> None:
    """Write ``site_dir/kiosk/`` (page, script, styles) and nothing else there.

    The folder is replaced whole: MkDocs copies ``theme/kiosk/`` (templates included) into the
    site as theme files, and those copies must not be published. Only the public site gets a
    kiosk: the lobby screen is seen by everyone, so a members-only build gets none at all.
    """
    folder = Path(site_dir) / "kiosk"
    if folder.exists():
        shutil.rmtree(folder)
    if ctx.audience != "public":
        return
    folder.mkdir(parents=True)
    for name in ASSETS:
        (folder / name).write_bytes((THEME / name).read_bytes())
    (folder / "index.html").write_text(render_page(ctx), encoding="utf-8")
