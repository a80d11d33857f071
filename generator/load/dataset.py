"""Load a community folder into typed records, collecting every problem on the way."""
from __future__ import annotations

import re
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ValidationError

from generator.load.unsafe import unsafe_entries
from generator.load.yamlfile import Loaded, load_file
from generator.problems import WARNING, Problem, display_path, messages
from generator.records.activities import ActivitiesFile
from generator.records.base import Record
from generator.records.catalog import CatalogFile
from generator.records.commitments import CommitmentsFile
from generator.records.community import CommunityFile
from generator.records.deliberations import DeliberationsFile
from generator.records.errors import to_problems
from generator.records.finances import FinanceFile
from generator.records.grids import GridsFile
from generator.records.kinds import KINDS, PER_YEAR, SINGLE, RecordKind
from generator.records.lists import ListsFile
from generator.records.members import MembersFile
from generator.records.notices import NoticesFile
from generator.records.organization import OrganizationFile
from generator.records.partners import PartnersFile
from generator.records.rota import RotaFile
from generator.records.service import ServiceFile

SLUG_RE = re.compile(r"^[a-z0-9-]+$")
YEAR_FILE_RE = re.compile(r"([0-9]{4})\.yml")  # fullmatch; ASCII digits only
# Files and folders a community may hold besides records.
EXTRA_ALLOWED = {"photos", "content", "catalog.yml", "README.md"}

messages.add({
    "file-is-folder": (
        "这里应是一个记录文件，却是一个文件夹：请把文件夹里的内容移走，删除这个文件夹，再按模板建同名的 .yml 文件。",
        "this should be a record file but is a folder: move its contents out, delete it and create the .yml file.",
    ),
    "file-unreadable": (
        "无法读取这个文件（{reason}）：请检查文件的权限，或把它重新复制一份。",
        "the file cannot be read ({reason}): check its permissions or copy it again.",
    ),
})


@dataclass
class Community:
    """Everything one community publishes, validated; ``sources`` keeps each file's places.

    One attribute per record kind (``records.kinds``): the file's record, or None when the file is
    missing or does not validate; for per-year kinds, year -> record for the years that validate."""

    slug: str
    root: Path
    info: CommunityFile | None = None  # community.yml
    organization: OrganizationFile | None = None
    members: MembersFile | None = None
    partners: PartnersFile | None = None
    catalog: CatalogFile | None = None
    grids: GridsFile | None = None  # grids.yml: 网格（定格、定人、定责）
    commitments: dict[int, CommitmentsFile] = field(default_factory=dict)
    finances: dict[int, FinanceFile] = field(default_factory=dict)
    activities: dict[int, ActivitiesFile] = field(default_factory=dict)
    notices: dict[int, NoticesFile] = field(default_factory=dict)
    lists: dict[int, ListsFile] = field(default_factory=dict)  # lists/<year>.yml: 三张清单和微心愿
    deliberations: dict[int, DeliberationsFile] = field(default_factory=dict)
    rota: dict[int, RotaFile] = field(default_factory=dict)  # rota/<year>.yml: 值班和错时服务
    service: dict[int, ServiceFile] = field(default_factory=dict)  # service/<year>.yml: 在职党员双报到服务
    sources: dict[str, Loaded] = field(default_factory=dict)  # display name -> Loaded

    def of(self, kind: RecordKind):
        """The record (or year -> record) of a kind named by the registry, for code that walks every kind."""
        return getattr(self, kind.field)

    @property
    def files(self) -> dict[str, object]:
        """Kind name -> its record, or year -> record for per-year kinds, in the registry's order."""
        return {kind.name: self.of(kind) for kind in KINDS}

    def all_years(self) -> list[int]:
        return sorted({y for kind in PER_YEAR for y in self.of(kind)})


def _validate(model: type[BaseModel], loaded: Loaded) -> tuple[BaseModel | None, list[Problem]]:
    if not isinstance(loaded.data, dict):
        return None, [Problem("file-not-mapping", loaded.file, 1, 1)]
    try:
        record = model.model_validate(loaded.data)
    except ValidationError as exc:
        return None, to_problems(exc, loaded, model)
    _locate(record, loaded, ())
    return record, []


def _locate(record, loaded: Loaded, path: tuple) -> None:
    """Note on each record where it stands, so later checks can name its line."""
    if isinstance(record, Record):  # every model of a record file is one
        record._src = (loaded.file, *loaded.mark(path))
        record._field_src = {
            name: (loaded.file, *loaded.values[path + (name,)])
            for name in record.__class__.model_fields if path + (name,) in loaded.values
        }
        for name in record.__class__.model_fields:
            _locate(getattr(record, name), loaded, path + (name,))
    elif isinstance(record, list):
        for index, item in enumerate(record):
            _locate(item, loaded, path + (index,))


# The live preview reloads only the files a save changed: path -> (bytes, loaded, record, problems).
_REUSE: ContextVar[dict | None] = ContextVar("reuse", default=None)


@contextmanager
def reusing(cache: dict):
    """Within this block a file whose bytes equal those last read through ``cache`` is not parsed
    again: its records and problems are reused (records are frozen, so sharing them is safe)."""
    token = _REUSE.set(cache)
    try:
        yield cache
    finally:
        _REUSE.reset(token)


def _read(path: Path, model, display: str, community: Community) -> tuple[object, list[Problem]]:
    cache = _REUSE.get()
    if cache is None or path.is_dir():
        return _read_file(path, model, display, community)
    try:
        data = path.read_bytes()
    except OSError:
        return _read_file(path, model, display, community)
    kept = cache.get(path)
    if kept and kept[0] == data:
        if kept[1] is not None:
            community.sources[display] = kept[1]
        return kept[2], kept[3]
    record, problems = _read_file(path, model, display, community)
    cache[path] = (data, community.sources.get(display), record, problems)
    return record, problems


def _read_file(path: Path, model, display: str, community: Community) -> tuple[object, list[Problem]]:
    if path.is_dir():
        return None, [Problem("file-is-folder", display, 0, 0)]
    try:
        loaded, problems = load_file(path, display)
    except OSError as exc:  # no permission, a disk error: the clerk hears which file, not a traceback
        return None, [Problem("file-unreadable", display, 0, 0, params={"reason": exc.strerror or str(exc)})]
    if loaded is None:
        return None, problems
    # Duplicate keys are reported, and the rest of the file is still checked (first value kept).
    community.sources[display] = loaded
    record, found = _validate(model, loaded)
    return (None if problems else record), problems + found


def load_safely(root: Path) -> tuple[Community | None, list[Problem]]:
    """``load_community``, unless the folder holds a link or a special file: then nothing in it
    is opened (a link may point at a server file, a FIFO would hang the read) and None is returned."""
    unsafe = unsafe_entries(root)
    if unsafe:
        return None, unsafe
    return load_community(root)


def load_community(root: Path) -> tuple[Community, list[Problem]]:
    slug = root.name
    community = Community(slug, root)
    problems: list[Problem] = []
    name = lambda p: display_path(p)  # noqa: E731 - the name a clerk sees
    if not SLUG_RE.match(slug):
        problems.append(Problem("bad-slug", name(root), 0, 0, params={"slug": slug}))
    for kind in SINGLE:
        path = kind.path(root)
        if not path.exists():
            if kind.required:
                problems.append(Problem("missing-file", name(path), 0, 0, params={"kind": kind.name}))
            continue
        record, found = _read(path, kind.model, name(path), community)
        problems += found
        setattr(community, kind.field, record)
    for kind in PER_YEAR:
        folder = root / kind.name
        if not folder.is_dir():
            continue
        for path in sorted(folder.iterdir()):
            if path.name.startswith("."):  # .DS_Store, editor swap files: not the clerk's records
                continue
            match = YEAR_FILE_RE.fullmatch(path.name)
            if not match:
                problems.append(Problem("bad-year-file", name(path), 0, 0, params={"kind": kind.name}))
                continue
            record, found = _read(path, kind.model, name(path), community)
            problems += found
            if record is not None:
                community.of(kind)[int(match.group(1))] = record
    problems += _unknown_entries(root, name)
    return community, problems


def _unknown_entries(root: Path, name) -> list[Problem]:
    known = {kind.name if kind.per_year else kind.pattern for kind in KINDS} | EXTRA_ALLOWED
    return [
        Problem("unknown-file", name(p), 0, 0, severity=WARNING)
        for p in sorted(root.iterdir())
        if p.name not in known and not p.name.startswith(".")
    ]


def community_dirs(data_dir: Path) -> list[Path]:
    base = data_dir / "communities"
    if not base.is_dir():
        return []
    # A linked community folder is not one: the walk of data/ reports the link (load.unsafe).
    return sorted(p for p in base.iterdir() if p.is_dir() and not p.is_symlink() and not p.name.startswith("."))
