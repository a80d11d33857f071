"""Compiled templates kept between runs (generator.render.templates): never shared between
environments whose settings compile the same file differently."""
from __future__ import annotations

from pathlib import Path

import jinja2

from generator.render.templates import keep_compiled


def environment(folder, **settings) -> jinja2.Environment:
    return keep_compiled(jinja2.Environment(loader=jinja2.FileSystemLoader(folder), **settings), "test")


def test_a_compiled_template_is_kept_and_used_again(tmp_path):
    (tmp_path / "t.html").write_text("{% if x %}\n  {{ x }}\n{% endif %}\n", encoding="utf-8")
    cache = environment(tmp_path).bytecode_cache
    def kept() -> set[str]:
        return {p.name for p in Path(cache.directory).glob("__dangwu_test_*")}
    before = kept()
    assert environment(tmp_path).get_template("t.html").render(x="和平里") == "\n  和平里\n"
    assert kept() - before  # one compiled template more
    assert environment(tmp_path).get_template("t.html").render(x="和平里") == "\n  和平里\n"


def test_other_settings_never_read_anothers_compiled_template(tmp_path):
    (tmp_path / "t.html").write_text("{% if x %}\n  {{ x }}\n{% endif %}\n", encoding="utf-8")
    assert environment(tmp_path).get_template("t.html").render(x="甲") == "\n  甲\n"
    trimmed = environment(tmp_path, trim_blocks=True, lstrip_blocks=True)
    assert trimmed.get_template("t.html").render(x="甲") == "  甲\n"
    escaped = environment(tmp_path, autoescape=True)
    assert escaped.get_template("t.html").render(x="<b>") == "\n  &lt;b&gt;\n"
