"""JSON Schemas for editors: committed, up to date, in Chinese, and wired into VS Code."""
from __future__ import annotations

import json
import re
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from pydantic_core import PydanticCustomError

from generator.clerk.schema import DEFAULT_OUT, data_globs, schema_for, schema_name, write_schemas
from generator.cli import parser
from generator.records.base import MONEY_RE, parse_money
from generator.records.kinds import BY_NAME

REPO = Path(__file__).parents[2]
COMMITTED = REPO / "generator" / "clerk" / "schemas"


def properties(schema: dict, model: str) -> dict:
    return schema["$defs"][model]["properties"] if model in schema.get("$defs", {}) else schema["properties"]


def every_property(node):
    """(name, property schema) of every field of every record in a schema."""
    if isinstance(node, dict):
        yield from (node.get("properties") or {}).items()
        for value in node.values():
            yield from every_property(value)
    elif isinstance(node, list):
        for value in node:
            yield from every_property(value)


def test_the_committed_schemas_are_freshly_generated(tmp_path):
    # If this fails after changing a record model, run: dangwu schema
    written = write_schemas(tmp_path)
    assert sorted(p.name for p in COMMITTED.glob("*.schema.json")) == sorted(p.name for p in written)
    for path in written:
        assert (COMMITTED / path.name).read_text(encoding="utf-8") == path.read_text(encoding="utf-8"), path.name


def test_dangwu_schema_writes_to_the_committed_folder_by_default():
    assert parser().parse_args(["schema"]).out is None
    assert DEFAULT_OUT.resolve() == COMMITTED.resolve()


def test_the_schema_folder_is_tracked_not_ignored():
    result = subprocess.run(["git", "check-ignore", "-q", "generator/clerk/schemas/finances.schema.json"], cwd=REPO)
    assert result.returncode == 1  # 1: not ignored


@pytest.mark.parametrize("kind", sorted(BY_NAME))
def test_every_field_is_described_in_chinese(kind):
    fields = list(every_property(schema_for(kind)))
    assert fields
    for name, prop in fields:
        assert re.search(r"[\u4e00-\u9fff]", prop.get("description", "")), (kind, name)
        assert re.search(r"[\u4e00-\u9fff]", prop["title"]), (kind, name)


def test_the_field_docstrings_are_the_descriptions():
    amount = properties(schema_for("finances"), "Entry")["amount"]
    assert amount["description"] == "金额：带两位小数并加引号，收入为正 \"1280.50\"，支出为负 \"-35.00\"。"
    assert amount["title"] == "金额"
    assert properties(schema_for("members"), "Member")["workplace"]["description"].startswith("工作单位：")


def test_unknown_fields_and_choices_are_known_to_the_editor():
    activity = schema_for("activities")["$defs"]["Activity"]
    assert activity["additionalProperties"] is False
    assert "主题党日" in activity["properties"]["kind"]["enum"]


def test_an_amount_must_be_quoted_text_in_the_editor_too():
    amount = properties(schema_for("finances"), "Entry")["amount"]
    assert amount["type"] == "string"  # an unquoted 12.50 is a number: squiggled
    pattern = re.compile(amount["pattern"])
    for typed in ["1280.50", "-35.00", "0.00", "12.5", "1,000.00", "¥12.00", "12.345", "１２.５０", "01.00"]:
        try:
            loader_accepts = isinstance(parse_money(typed), Decimal)
        except PydanticCustomError:
            loader_accepts = False
        assert bool(pattern.search(typed)) == loader_accepts, typed
    assert amount["pattern"] == f"^{MONEY_RE.pattern}$"


def test_a_count_or_year_may_be_unquoted_in_the_editor():
    member = properties(schema_for("members"), "Member")
    year = member["joined"]["anyOf"][0]
    assert set(year["type"]) == {"integer", "string"} and (year["minimum"], year["maximum"]) == (1900, 2099)
    phone = properties(schema_for("community"), "Office")["phone"]
    assert "number" in phone["type"]  # 04711234567 unquoted is still the text typed


def test_vscode_maps_every_file_kind_to_its_schema():
    settings = json.loads((REPO / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    mapping = settings["yaml.schemas"]
    assert set(mapping) == {f"./generator/clerk/schemas/{schema_name(kind)}" for kind in BY_NAME}
    for kind in BY_NAME:
        globs = mapping[f"./generator/clerk/schemas/{schema_name(kind)}"]
        assert data_globs(kind)[0] in globs
        assert (REPO / "generator" / "clerk" / "schemas" / schema_name(kind)).is_file()
    assert mapping["./generator/clerk/schemas/finances.schema.json"][0] == "data/communities/*/finances/*.yml"
    assert settings["[yaml]"]["editor.insertSpaces"] is True  # a tab is refused by the loader
