"""The tiny community with every hostile value of tests/hostile/theme.yml written in (one build
serves tests/publish/test_trust_theme.py and the browser test)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from tests.conftest import TINY
from tests.hostile.corpus import load

CORPUS = load("theme.yml")
FIELDS = CORPUS["fields"]
SLUG = "xiaoyuan"


def set_field(record: dict, dotted: str, value: str) -> None:
    *parents, last = dotted.split(".")
    for part in parents:
        record = record[int(part)] if part.isdigit() else record[part]
    if last.isdigit():
        record[int(last)] = value
    else:
        record[last] = value


def content_file(case: dict) -> str:
    """notes/index.html → content/notes.md"""
    return f"content/{case['shown'].split('/')[0]}.md"


def hostile_community(data: Path) -> Path:
    """The tiny community with every hostile field value of the corpus written in."""
    shutil.copytree(TINY, data)
    root = data / "communities" / SLUG
    record = yaml.safe_load((root / "community.yml").read_text(encoding="utf-8"))
    for case in FIELDS:
        if case["field"].startswith("content-title"):
            page = root / content_file(case)
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text(f"# {case['value']}\n\n这一页的正文。\n", encoding="utf-8")
        else:
            set_field(record, case["field"], case["value"])
    text = yaml.safe_dump(record, allow_unicode=True, default_style='"', sort_keys=False)
    (root / "community.yml").write_text(text, encoding="utf-8")
    return data


def build_hostile_site(work: Path) -> Path:
    """`dangwu build` of the hostile community into ``work/site``; fails the test if refused."""
    data = hostile_community(work / "data")
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1763856000"}
    result = subprocess.run([sys.executable, "-m", "generator", "build", str(data), "--out",
                             str(work / "site"), "--today", "2026-11-23"],
                            cwd=work, capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    return work / "site"
