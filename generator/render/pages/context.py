"""What every page template may use: the community, the build date, the audience, and helpers."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Callable

from generator.load.dataset import Community
from generator.views.organization import unit_names
from generator.privacy.audience import namer


@dataclass
class PageContext:
    community: Community
    today: date
    audience: str  # "public" or "members"
    name: Callable[[str], str] = field(init=False)
    units: dict = field(init=False)

    def __post_init__(self):
        self.name = namer(self.community, self.audience, self.today)
        self.units = unit_names(self.community, self.audience)

    @property
    def info(self):
        return self.community.single("community")

    def years(self, kind: str) -> list[int]:
        return sorted(self.community.years(kind), reverse=True)

    def current_year(self, kind: str) -> int | None:
        """The build year when it has records, else the latest year that does."""
        years = self.years(kind)
        if not years:
            return None
        return self.today.year if self.today.year in years else years[0]

    def as_dict(self) -> dict:
        return {"c": self, "info": self.info, "today": self.today, "name": self.name,
                "units": self.units, "members_site": self.audience == "members"}
