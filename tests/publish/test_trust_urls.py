"""Web addresses in records are http(s) and nothing else: `dangwu check` refuses a hostile
base_url (tests/hostile/theme.yml, urls) at its file and line, in Chinese (issue 10)."""
from __future__ import annotations

import json
import typing

import pytest
from pydantic import BaseModel

from generator import cli
from generator.records.base import Url
from generator.records.kinds import BY_NAME
from tests.conftest import TINY
from tests.hostile.corpus import load

URLS = load("theme.yml")["urls"]
COMMUNITY = (TINY / "communities" / "xiaoyuan" / "community.yml").read_text(encoding="utf-8")
BASE_URL_LINE = COMMUNITY.count("\n") + 1  # appended as the file's last line


def with_base_url(value: str) -> str:
    return COMMUNITY + f"base_url: {json.dumps(value)}\n"  # a JSON string is a YAML string


def check(capsys, data) -> tuple[int, str]:
    code = cli.main(["check", str(data), "--today", "2026-11-23"])
    return code, capsys.readouterr().out


@pytest.mark.parametrize("case", URLS["bad"], ids=[repr(c["value"]) for c in URLS["bad"]])
def test_check_refuses_a_hostile_base_url_at_its_line(write_community, capsys, case):
    data = write_community({"community.yml": with_base_url(case["value"])})
    code, out = check(capsys, data)
    assert code == 1
    assert f"communities/xiaoyuan/community.yml:{BASE_URL_LINE}:11: bad-url" in out, out
    assert "只能写以 http:// 或 https:// 开头的完整网址" in out


@pytest.mark.parametrize("value", URLS["ok"])
def test_check_accepts_an_ordinary_address(write_community, capsys, value):
    code, out = check(capsys, write_community({"community.yml": with_base_url(value)}))
    assert code == 0, out


def test_the_build_refuses_before_rendering_anything(write_community, capsys, tmp_path, monkeypatch):
    data = write_community({"community.yml": with_base_url("javascript:alert(1)")})
    monkeypatch.chdir(tmp_path)
    code = cli.main(["build", str(data), "--out", str(tmp_path / "site"), "--today", "2026-11-23"])
    out = capsys.readouterr().out
    assert code == 1 and "bad-url" in out and "没有构建" in out
    assert not (tmp_path / "site" / "xiaoyuan").exists()


def test_the_message_names_the_field_and_the_value(write_community, capsys):
    _, out = check(capsys, write_community({"community.yml": with_base_url("javascript:alert(1)")}))
    assert "公开网址" in out or "base_url" in out  # the field's Chinese label, or its key
    assert "写的“javascript:alert(1)”不能用作网址" in out


def _url_fields(model: type[BaseModel], seen: set) -> list[str]:
    """Fields of every record model whose name says it holds an address."""
    found = []
    if model in seen:
        return found
    seen.add(model)
    for name, info in model.model_fields.items():
        if any(word in name for word in ("url", "link", "href", "website", "site", "homepage")):
            found.append(f"{model.__name__}.{name}")
        for arg in _walk(info.annotation):
            if isinstance(arg, type) and issubclass(arg, BaseModel):
                found += _url_fields(arg, seen)
    return found


def _walk(annotation):
    yield annotation
    for arg in typing.get_args(annotation):
        yield from _walk(arg)


def test_every_address_field_of_every_record_is_a_url():
    seen: set = set()
    fields = [f for kind in BY_NAME.values() for f in _url_fields(kind.model, seen)]
    assert fields == ["CommunityFile.base_url"], "a new address field? give it the Url type"
    annotation = BY_NAME["community"].model.model_fields["base_url"].annotation
    assert Url in typing.get_args(annotation)
