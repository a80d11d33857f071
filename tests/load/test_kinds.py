"""The registry of record kinds and the typed Community the loader fills from it."""
from __future__ import annotations

import dataclasses
import typing

import pytest

from generator.load import dataset
from generator.load.dataset import Community, load_community
from generator.privacy.audience import shows, shows_entry
from generator.records.kinds import BY_NAME, KINDS, finance_line_anchor, kind_of_file
from tests.conftest import TINY


def test_every_kind_has_a_typed_attribute_on_community():
    hints = typing.get_type_hints(Community, vars(dataset))
    for kind in KINDS:
        expected = dict[int, kind.model] if kind.per_year else kind.model | None
        assert hints[kind.field] == expected, kind.name
    record_fields = {f.name for f in dataclasses.fields(Community)} - {"slug", "root", "sources"}
    assert record_fields == {kind.field for kind in KINDS}


def test_the_loader_fills_each_attribute_from_its_file():
    community, problems = load_community(TINY / "communities" / "xiaoyuan")
    assert not [p for p in problems if p.severity == "error"]
    assert community.info is not None and community.info.name
    assert community.organization is not None and community.organization.units
    assert 2026 in community.activities and community.activities[2026].activities
    assert community.files["community"] is community.info
    assert list(community.files) == [kind.name for kind in KINDS]


@pytest.mark.parametrize(("file", "kind"), [
    ("activities/2026.yml", "activities"), ("members.yml", "members"), ("community.yml", "community"),
    ("finances/2026.yml", "finances"), ("members/2026.yml", None), ("activities.yml", None),
    ("activities/notes.yml", None), ("catalog.txt", None),
])
def test_a_file_names_its_kind_by_folder_or_name(file, kind):
    found = kind_of_file(file)
    assert (found.name if found else None) == kind


def test_patterns_pages_and_links():
    assert BY_NAME["notices"].pattern == "notices/<year>.yml"
    assert BY_NAME["organization"].pattern == "organization.yml"
    assert BY_NAME["notices"].link("n2026-01", 2026) == "notices/2026/#n2026-01"
    assert BY_NAME["partners"].link("p01") == "partners/#p01"
    assert BY_NAME["finances"].link(finance_line_anchor(2026, 3), 2026) == "finances/2026/#f2026-3"
    with pytest.raises(ValueError):
        BY_NAME["members"].page_of()


def test_audience_rules_are_privacys_own():
    assert BY_NAME["activities"].audience is shows
    assert BY_NAME["finances"].audience is shows_entry
    assert BY_NAME["community"].audience is None
