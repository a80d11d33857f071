"""Rules across records. Each module has ``check(community, today) -> list[Problem]``."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from generator.checks import (
    cadence,
    catalog,
    commitments,
    dates,
    deliberations,
    grids,
    ledger,
    lists,
    markdown,
    notices,
    personal_data,
    photos,
    placeholders,
    references,
    rota,
    service,
    site_links,
)
from generator.load.dataset import Community, community_dirs, load_safely
from generator.load.unsafe import unsafe_outside_communities
from generator.problems import Problem

RULES = [references.check, dates.check, personal_data.check, ledger.check, commitments.check, notices.check,
         cadence.check, catalog.check, placeholders.check, photos.check, site_links.check, markdown.check,
         deliberations.check, grids.check, service.check, lists.check, rota.check]


def check_community(community: Community, today: date) -> list[Problem]:
    return [p for rule in RULES for p in rule(community, today)]


def load_and_check(data_dir: Path, slugs: list[str] | None, today: date):
    """Load and check every community (or the named ones): (communities, problems)."""
    communities, problems = [], unsafe_outside_communities(data_dir)
    dirs = community_dirs(data_dir)
    if slugs:
        known = {d.name for d in dirs}
        problems += [Problem("unknown-community", str(data_dir), 0, 0, params={"slug": s})
                     for s in slugs if s not in known]
        dirs = [d for d in dirs if d.name in slugs]
    elif not dirs:
        problems.append(Problem("no-communities", str(data_dir / "communities"), 0, 0))
    for folder in dirs:
        community, found = load_safely(folder)
        problems += found
        if community is None:  # a link or special file: nothing in the folder was opened
            continue
        if not any(p.severity == "error" for p in found):
            problems += check_community(community, today)
        else:
            # Cross-record rules need valid records; the personal-data scan does not, and a
            # clerk must hear of an ID number at once, whatever else is wrong.
            problems += personal_data.check(community, today)
        communities.append(community)
    return communities, sorted(problems, key=Problem.sort_key)
