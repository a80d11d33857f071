"""What to type instead: the canonical value for a date, a choice or an id written another way.

``dangwu check`` refuses 2026.3.5, 主题党日活动 or a unit's name where an id belongs, as it
always has; when ``generator.records.normalise`` (the importer's own readers) can read the
value, the problem names the exact value the importer would have written.
"""
from __future__ import annotations

from pathlib import Path, PurePath

from generator.load.yamlfile import Loaded, load_file
from generator.records import normalise
from generator.records.kinds import BY_NAME

# (record model, field) → the kind of record its id names.
REFERENCES = {
    ("Activity", "unit"): "unit", ("Member", "unit"): "unit", ("Post", "unit"): "unit", ("Unit", "parent"): "unit",
    ("Partner", "paired_unit"): "unit", ("Commitment", "owner"): "owner", ("Entry", "fund"): "fund",
    ("Project", "fund"): "fund", ("BalanceCheck", "fund"): "fund", ("Entry", "project"): "project",
    ("Activity", "partners"): "partner", ("Member", "posts"): "post", ("CommitteeMember", "member"): "member",
}
# kind → (file inside the community or None for the same file, list key)
SOURCES: dict[str, list[tuple[str | None, str]]] = {
           "unit": [("organization.yml", "units")], "post": [("organization.yml", "posts")],
           "member": [("members.yml", "members")], "partner": [("partners.yml", "partners")],
           "owner": [("organization.yml", "units"), ("members.yml", "members")],
           "fund": [(None, "funds")], "project": [(None, "projects")]}


def date_written_as(value: str, file: str) -> tuple[str, dict] | None:
    """("date-write-as", {canonical}) for 2026.3.5; ("no-such-date", …) for 2026.2.30; else None."""
    try:
        when = normalise.day(value, _file_year(file))
    except normalise.Unreadable as exc:
        return ("no-such-date", {"value": value}) if exc.code == "no-such-date" else None
    return "date-write-as", {"value": value, "canonical": when.isoformat()}


def choice_written_as(model: str, field: str, value) -> tuple[str, dict] | None:
    canonical = normalise.choice(model, field, str(value)) if isinstance(value, str) else None
    return ("choice-write-as", {"value": value, "canonical": canonical}) if canonical else None


def id_written_as(model: str, field: str, value, loaded: Loaded) -> tuple[str, dict] | None:
    """A name where an id belongs: ("id-write-as", {canonical}) when it names exactly one record,
    else ("bad-id", {known}): the ids that may be written there, as `dangwu import` lists them."""
    kind = REFERENCES.get((model, field))
    if kind is None or not isinstance(value, str):
        return None
    known = names(kind, loaded)
    found = normalise.resolve(known, value.strip())
    if found and found != value:
        return "id-write-as", {"value": value, "canonical": found}
    listed = "、".join(f"{i}（{n}）" if n and n != i else i for i, n in known.items())
    return ("bad-id", {"value": value, "known": listed}) if listed else None


def names(kind: str, loaded: Loaded) -> dict[str, str]:
    """id → name of the records of ``kind``: from this file, or from the community's other files."""
    known: dict[str, str] = {}
    for name, key in SOURCES[kind]:
        data = loaded.data if name is None else _sibling(loaded.file, name)
        items = data.get(key) if isinstance(data, dict) else None
        for item in items if isinstance(items, list) else []:
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                known[item["id"]] = str(item.get("name") or "")
    return known


def _sibling(file: str, name: str):
    """The data of another file of the same community (only read when a problem needs it)."""
    path = Path(file)
    root = path.parent.parent if _in_year_folder(path) else path.parent
    other = root / name
    if path.suffix != ".yml" or not other.is_file():
        return None
    loaded, _ = load_file(other, str(other))
    return loaded.data if loaded else None


def _file_year(file: str) -> int | None:
    """The year of a year file (activities/2026.yml): 3月5日 there means 2026-03-05."""
    path = PurePath(file)
    return int(path.stem) if _in_year_folder(path) and path.stem.isdigit() else None


def _in_year_folder(path: PurePath) -> bool:
    folder = BY_NAME.get(path.parent.name)
    return folder is not None and folder.per_year
