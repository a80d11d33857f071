"""All pages of one community site, the navigation, and the words taught to search."""
from __future__ import annotations

from generator.load.alongside import Alongside
from generator.privacy.audience import public_by_role, sees_all
from generator.privacy.detect import literal_markdown
from generator.render.pages import (
    activities,
    board,
    catalog,
    changes,
    commitments,
    deliberations,
    downloads,
    finances,
    front_matter,
    grids,
    lists,
    notices,
    organization,
    partners,
    rota,
    service,
)
from generator.render.pages.context import PageContext
from generator.render.sanitize import render_markdown
from generator.views.organization import roster

PAGE_GROUPS = [board, organization, commitments, finances, activities, notices, partners, catalog, changes, downloads,
               deliberations, rota, lists, grids, service]
NavEntry = str | list[tuple[str, str]]  # a page, or a group of pages under one tab
NAV: list[tuple[str, NavEntry]] = [
    ("首页", "index.md"), ("组织", "organization/index.md"), ("承诺", "commitments/index.md"),
    ("财务", "finances/index.md"), ("活动", "activities/index.md"), ("公示", "notices/index.md"),
    ("共建", "partners/index.md"),
    # The field's service work, one tab with a page each (a tab per kind would not fit a phone).
    ("为民服务", [("三张清单和微心愿", "lists/index.md"), ("议事", "deliberations/index.md"),
              ("网格", "grids/index.md"), ("双报到", "service/index.md"), ("值班", "rota/index.md")]),
    ("公开目录", "catalog/index.md"), ("更新记录", "changes/index.md"),
    ("数据下载", "downloads/index.md"),
    ("如何看公开栏", "guide/reading.md"), ("反映意见", "guide/feedback.md"),
]


def _nav_paths() -> list[str]:
    """Every page the navigation names, in its order (a group's pages in place of the group)."""
    paths: list[str] = []
    for _, entry in NAV:
        paths += [path for _, path in entry] if isinstance(entry, list) else [entry]
    return paths


def render_site(ctx: PageContext) -> dict[str, str]:
    """Every Markdown page of the site, by its path under docs/."""
    pages: dict[str, str] = {}
    for group in PAGE_GROUPS:
        pages.update(group.pages(ctx))
    pages.update(hand_written(ctx.alongside))
    return pages


def hand_written(alongside: Alongside) -> dict[str, str]:
    """Shared pages from content/, each replaceable by the community's own content/, as they
    were read while loading."""
    pages = dict(alongside.shared_pages)
    pages.update({path: clerk_page(text) for path, text in alongside.own_pages.items()})
    return pages


def clerk_page(text: str) -> str:
    """A community's own page is a clerk's Markdown: rendered and sanitised like any record
    field (no scripts, no event handlers), under its first "# " line as the title."""
    lines = text.splitlines()
    title = next((line[2:].strip() for line in lines if line.startswith("# ")), "")
    body = "\n".join(line for line in lines if not (title and line.strip() == f"# {title}"))
    heading = f"# {literal_markdown(title)}\n\n" if title else ""
    return f"{front_matter({'title': title or '说明'})}{heading}<div class=\"dw-text\">\n{render_markdown(body)}\n</div>\n"


def nav(pages: dict[str, str]) -> list[dict]:
    """The navigation of the pages that exist: a group shows with the pages of it that exist, or not at all."""
    out: list[dict] = []
    for label, entry in NAV:
        if isinstance(entry, list):
            present = [{sub: path} for sub, path in entry if path in pages]
            if present:
                out.append({label: present})
        elif entry in pages:
            out.append({label: entry})
    return out


# Pages about the board rather than its records: their rows name records shown elsewhere
# (公开目录's 主题党日, 更新记录's 新增活动…), so search lists them after the records themselves.
SEARCH_SECONDARY = {"catalog/index.md", "changes/index.md", "downloads/index.md"}


def search_order(pages: dict[str, str]) -> dict[str, float]:
    """The pages' links (``organization/``) in the navigation's order, each with the weight of
    its matches: results that match equally well are listed in this order."""
    def link(path: str) -> str:  # index.md → "", organization/index.md → organization/, guide/reading.md → guide/reading/
        stem = path.removesuffix(".md").removesuffix("index")
        return stem if not stem or stem.endswith("/") else stem + "/"
    return {link(path): 0.5 if path in SEARCH_SECONDARY else 1.0 for path in _nav_paths() if path in pages}


def search_words(ctx: PageContext) -> list[str]:
    """Names jieba must keep whole (only names shown in full): the search cuts a query into the
    words jieba's search mode finds on the site (generator/engine/search_index.py)."""
    c = ctx.community
    words = {ctx.info.name, ctx.info.short_name, ctx.info.street}
    org = c.organization
    if org:
        words |= {u.name for u in org.units} | {p.name for p in org.posts}
    if c.partners:
        words |= {p.name for p in c.partners.partners}
    words |= {m.name for m in roster(c, "members")} if sees_all(ctx.audience) else public_by_role(c, ctx.today)
    for year in c.activities.values():
        words |= {a.location for a in year.activities if a.location}
    return sorted(w for w in words if w and " " not in w)
