"""What every page template may use: the community, the build date, the audience, and helpers."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import InitVar, dataclass, field
from datetime import date

from generator.load.alongside import Alongside, load_alongside
from generator.load.dataset import Community
from generator.privacy.audience import namer
from generator.records.kinds import BY_NAME
from generator.views.board import current_year
from generator.views.organization import unit_names


@dataclass
class PageContext:
    community: Community
    today: date
    audience: str  # "public" or "members"
    loaded: InitVar[Alongside | None] = None  # see ``alongside``
    # The history and hand-written pages, loaded beside the records: pages read them from here
    # and never from git or the disk (rendering starts no process).
    alongside: Alongside = field(init=False)
    name: Callable[[str], str] = field(init=False)
    units: dict = field(init=False)

    def __post_init__(self, loaded: Alongside | None):
        # A caller that loaded only the records (`dangwu print`, tests) has them read now.
        self.alongside = loaded if loaded is not None else load_alongside(self.community.root)
        self.name = namer(self.community, self.audience, self.today)
        self.units = unit_names(self.community, self.audience)

    @property
    def info(self):
        return self.community.info

    def years(self, kind: str) -> list[int]:
        return sorted(self.community.of(BY_NAME[kind]), reverse=True)

    def current_year(self, kind: str) -> int | None:
        """The build year when it has records, else the latest year that does."""
        return current_year(self.years(kind), self.today)

    def as_dict(self) -> dict:
        return {"c": self, "info": self.info, "today": self.today, "name": self.name,
                "units": self.units, "members_site": self.audience == "members"}
