"""The inline scripts this project ships, and the file that lists their hashes.

Material 9.8.1 writes two inline scripts into every page: ``partials/javascripts/base.html``
(its localStorage helpers, which name the page's relative ``base_url``, so one variant per
folder depth) and ``partials/javascripts/content.html``. Nothing else may run inline: the
Content-Security-Policy lists only hashes from ``csp_scripts.txt``, and a page with any other
inline script fails the build (``generator.publish.csp``).

The list is a file, reviewed like code, not computed at build time: a Material upgrade that
changes its scripts makes ``tests/publish/test_trust_theme.py`` fail until someone looks at the new
scripts and rewrites the list with::

    .venv/bin/python -m generator.publish.csp_allowlist
"""
from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import jinja2
import yaml

from generator import resources
from generator.engine.mkdocs import MATERIAL_TEMPLATES

MATERIAL = MATERIAL_TEMPLATES
THEME = resources.THEME
LIST = Path(__file__).with_name("csp_scripts.txt")
# Pages sit at most this many folders below the site root (activities/2026/ is 2); a deeper
# page gets a base_url whose script is not listed, and the build says so.
MAX_DEPTH = 6
# Script bodies that are Material's own, rendered from its templates with our config.
MATERIAL_SCRIPTS = ("partials/javascripts/base.html", "partials/javascripts/content.html")
INLINE = re.compile(r"<script(?![^>]*\ssrc\s*=)[^>]*>(.*?)</script>", re.S | re.I)
HEADER = """\
# Inline scripts the site may run (Content-Security-Policy hashes), one per line:
#   'sha256-…'  where the script comes from
# Generated from Material's templates and theme/; do not edit by hand. After upgrading
# Material or changing an inline script in theme/, review the scripts and run
#   .venv/bin/python -m generator.publish.csp_allowlist
"""


def digest(body: str) -> str:
    """The CSP source expression for an inline script's exact text."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode() + "'"


def base_urls() -> list[str]:
    return ["."] + ["/".join([".."] * depth) for depth in range(1, MAX_DEPTH + 1)]


def _features() -> list[str]:
    config = yaml.load(resources.MKDOCS_YML.read_text(encoding="utf-8"), Loader=yaml.Loader)
    return list(config["theme"].get("features", []))


def _material_scripts() -> dict[str, str]:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader([str(THEME), str(MATERIAL)]))
    found: dict[str, str] = {}
    for name in MATERIAL_SCRIPTS:
        template = env.get_template(name)
        for base_url in base_urls():
            html = template.render(config={"extra": {}}, base_url=base_url, features=_features())
            for body in INLINE.findall(html):
                where = f"material {name}" + (f" (base_url {base_url})" if f"\"{base_url}\"" in body else "")
                found.setdefault(digest(body), where)
    return found


def _theme_scripts() -> dict[str, str]:
    """Inline scripts written literally in theme/ (a script with Jinja in it cannot be listed)."""
    found: dict[str, str] = {}
    for path in sorted(THEME.rglob("*.html")):
        for body in INLINE.findall(path.read_text(encoding="utf-8")):
            if "{{" in body or "{%" in body:
                raise ValueError(f"{path}: an inline script built from template values cannot be allow-listed")
            found.setdefault(digest(body), f"theme/{path.relative_to(THEME).as_posix()}")
    return found


def shipped() -> dict[str, str]:
    """Every inline script the project ships: {hash: where it comes from}."""
    return {**_material_scripts(), **_theme_scripts()}


def listed() -> dict[str, str]:
    """The hashes in csp_scripts.txt: {hash: where it comes from}."""
    entries = {}
    for line in LIST.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            source, _, where = line.partition("  ")
            entries[source.strip()] = where.strip()
    return entries


def render_list(scripts: dict[str, str]) -> str:
    return HEADER + "".join(f"{h}  {where}\n" for h, where in sorted(scripts.items(), key=lambda i: i[1]))


if __name__ == "__main__":
    LIST.write_text(render_list(shipped()), encoding="utf-8")
    print(f"{LIST}: {len(shipped())} scripts")
