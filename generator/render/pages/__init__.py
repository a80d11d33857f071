"""Render a community's records as Markdown pages (Jinja2, autoescaped), one function per page.

Pages are mostly raw HTML blocks inside Markdown: Markdown never re-reads record text (a
masked 张*明 stays literal), while headings stay Markdown so MkDocs builds the table of
contents and search sections from them.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import jinja2
import yaml
from markupsafe import Markup

from generator.privacy.detect import literal_markdown
from generator.render.sanitize import render_markdown
from generator.render.templates import keep_compiled
from generator.views import format as fmt

TEMPLATES = Path(__file__).parent / "templates"


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        money=fmt.money,
        cn_date=fmt.cn_date,
        md=lambda text: Markup(render_markdown(text or "")),
        # Record text on a Markdown line (a heading, a paragraph outside an HTML block): shown
        # as typed, so "[点我](javascript:…)" or "**" in a name is not read as Markdown.
        literal=lambda text: Markup(literal_markdown(str(text))),
        front=front_matter,
        width=lambda pct: f"dw-w-{5 * round(max(0, min(100, int(pct))) / 5)}",
    )
    return keep_compiled(env, "pages")


def front_matter(values: dict) -> Markup:
    """YAML front matter written safely: every value quoted and escaped by the YAML emitter."""
    text = yaml.safe_dump(values, allow_unicode=True, default_style='"', sort_keys=True)
    return Markup(f"---\n{text}---\n")


def render(template: str, **context) -> str:
    return environment().get_template(template).render(**context)
