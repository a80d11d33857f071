"""The registry of record kinds: one entry per kind of file a community folder holds.

Each entry says where the kind's files are (``organization.yml`` once, or ``activities/<year>.yml``
one per year), which model reads them, what a clerk calls it, which function of
``privacy.audience`` decides whether a site shows one of its records, the list its records are
in, and the page a record is shown on (its anchor is its id). Loading, checks, schemas, the
clerk's tools and the pages ask here instead of keeping their own table of kinds.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePath

from pydantic import BaseModel

from generator.privacy.audience import shows, shows_entry
from generator.records.activities import ActivitiesFile
from generator.records.catalog import CatalogFile
from generator.records.commitments import CommitmentsFile
from generator.records.community import CommunityFile
from generator.records.deliberations import DeliberationsFile
from generator.records.finances import FinanceFile
from generator.records.grids import GridsFile
from generator.records.lists import ListsFile
from generator.records.members import MembersFile
from generator.records.notices import NoticesFile
from generator.records.organization import OrganizationFile
from generator.records.partners import PartnersFile
from generator.records.rota import RotaFile
from generator.records.service import ServiceFile

YEAR = "<year>"  # how a file pattern names the year part


@dataclass(frozen=True)
class RecordKind:
    name: str  # the file's stem (organization.yml) or the folder's name (activities/2026.yml)
    model: type[BaseModel]
    label: str  # what clerks and residents call it
    per_year: bool = False  # one file per year in a folder, else one file per community
    required: bool = False  # a community without it is refused
    attribute: str = ""  # Community's attribute holding it; the name when empty
    items: tuple[str, ...] = ()  # the lists in the file that hold its records
    dated_by: str = ""  # per year: the date field that places a record in its year
    # privacy.audience's rule for whether a site shows one of its records (a ledger entry's also reads its
    # fund: shows_entry(entry, fund, audience)); None: the whole file is public
    audience: Callable[..., bool] | None = shows
    page: str | None = None  # the page its records are shown on ({year} for a year's page)

    @property
    def field(self) -> str:
        return self.attribute or self.name

    @property
    def pattern(self) -> str:
        """Where its files are in a community folder: ``activities/<year>.yml`` or ``members.yml``."""
        return f"{self.name}/{YEAR}.yml" if self.per_year else f"{self.name}.yml"

    def records(self, file: BaseModel) -> list:
        """The records one of its files holds, list after list (an organisation's units, then posts)."""
        return [record for name in self.items for record in getattr(file, name)]

    def path(self, root: Path, year: int | None = None) -> Path:
        """The file of ``year`` (per-year kinds) or the one file in the community folder ``root``."""
        return root / self.name / f"{year}.yml" if self.per_year else root / f"{self.name}.yml"

    def page_of(self, year: int | None = None) -> str:
        """The page, from the site root, its records (of ``year``) are shown on: ``notices/2026/``."""
        if self.page is None:
            raise ValueError(f"{self.name} has no page of its own")
        return self.page.format(year=year)

    def link(self, anchor: str, year: int | None = None) -> str:
        """A record's place on the site: its page and its id as the fragment (``notices/2026/#n2026-01``)."""
        return f"{self.page_of(year)}#{anchor}"


KINDS: tuple[RecordKind, ...] = (  # single files first, then year folders: the order files are read in
    RecordKind("community", CommunityFile, "社区信息", required=True, attribute="info", audience=None, page=""),
    RecordKind("organization", OrganizationFile, "组织", required=True, items=("units", "posts"),
               page="organization/"),
    RecordKind("members", MembersFile, "党员名册", items=("members",)),
    RecordKind("partners", PartnersFile, "共建单位", items=("partners",), page="partners/"),
    RecordKind("catalog", CatalogFile, "公开目录", items=("items",), page="catalog/"),
    RecordKind("grids", GridsFile, "网格", items=("grids",), page="grids/"),
    RecordKind("commitments", CommitmentsFile, "承诺", per_year=True, items=("commitments",), dated_by="made",
               page="commitments/{year}/"),
    RecordKind("finances", FinanceFile, "收支明细", per_year=True, items=("entries",), dated_by="date",
               audience=shows_entry, page="finances/{year}/"),
    RecordKind("activities", ActivitiesFile, "活动", per_year=True, items=("activities",), dated_by="date",
               page="activities/{year}/"),
    RecordKind("notices", NoticesFile, "公示", per_year=True, items=("notices",), dated_by="start",
               page="notices/{year}/"),
    RecordKind("lists", ListsFile, "三张清单", per_year=True, items=("needs", "resources", "projects"),
               dated_by="raised", page="lists/{year}/"),
    RecordKind("deliberations", DeliberationsFile, "议事", per_year=True, items=("deliberations",), dated_by="date",
               page="deliberations/{year}/"),
    # A rota is planned ahead and a weekly duty has no date: checks/rota.py places duties in their year.
    RecordKind("rota", RotaFile, "值班表", per_year=True, items=("duties",), page="rota/{year}/"),
    RecordKind("service", ServiceFile, "双报到服务", per_year=True, items=("services",), dated_by="date",
               page="service/{year}/records/"),  # the year's page has the tallies, records/ each service
)
BY_NAME: dict[str, RecordKind] = {kind.name: kind for kind in KINDS}
SINGLE: tuple[RecordKind, ...] = tuple(kind for kind in KINDS if not kind.per_year)
PER_YEAR: tuple[RecordKind, ...] = tuple(kind for kind in KINDS if kind.per_year)


def kind_of_file(file: str | PurePath) -> RecordKind | None:
    """The kind a file inside a community folder holds: by its folder (activities/2026.yml) or its
    name (members.yml); None for anything else."""
    path = PurePath(file)
    if path.suffix != ".yml":
        return None
    folder = BY_NAME.get(path.parent.name)
    if folder is not None and folder.per_year and path.stem.isdigit():
        return folder
    single = BY_NAME.get(path.stem)
    return single if single is not None and not single.per_year else None


def finance_line_anchor(year: int, index: int) -> str:
    """The anchor of a ledger line (it has no id): its year and its place in the year's file."""
    return f"f{year}-{index}"
