"""The street's own files (portal ``index.html``, its assets, the street ``feed.xml``), made from
the releases that are about to be live, before any link moves.

They are written into a shadow of the output folder (a link per community to the release it
will show), so a full disk stops the run while the published site is still whole; after the
swap each file is moved in by rename, which needs no space. A rollback uses the same path, so
the portal and the feed never show a withdrawn release.
"""
from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from generator.publish import release
from generator.render.opendata import write_street_feed
from generator.render.portal import write_portal

STATE = ".street.json"  # the releases and 未更新 notes the street files were made for


def shown_state(sites: dict[str, str], notes: dict[str, dict]) -> bytes:
    return (json.dumps({"live": sites, "not_updated": notes}, ensure_ascii=False, sort_keys=True) + "\n").encode()


def outdated(out: Path) -> bool:
    """The street files do not show what is live now (a kill after a swap, a note since)."""
    live = {slug: folder.name for slug, folder in live_releases(out).items()}
    notes = {slug: note for slug in live for note in [release.not_updated(out, slug)] if note}
    try:
        return (out / STATE).read_bytes() != shown_state(live, notes)
    except OSError:
        return True


@dataclass(frozen=True)
class Street:
    out: Path
    shadow: Path

    def files(self) -> list[Path]:
        """The prepared files, relative to the shadow (assets first, the portal page last)."""
        found = [(Path(folder) / name).relative_to(self.shadow)
                 for folder, _, names in os.walk(self.shadow)  # the links to releases are not entered
                 for name in names if not name.startswith(".") and not (Path(folder) / name).is_symlink()]
        return sorted(found, key=lambda rel: (rel.name == "index.html", rel.as_posix()))

    def commit(self) -> None:
        """Move every prepared file into the output folder (renames: atomic, no space needed),
        the record of what they show last: a run killed before it leaves them outdated."""
        for rel in self.files():
            os.replace(self.shadow / rel, self.out / rel)
        os.replace(self.shadow / STATE, self.out / STATE)
        discard(self)


def discard(street: Street) -> None:
    shutil.rmtree(street.shadow, ignore_errors=True)


def live_releases(out: Path) -> dict[str, Path]:
    """Every community published under ``out`` and the release folder it shows."""
    return {link.name: link.resolve() for link in sorted(out.iterdir())
            if link.is_symlink() and not link.name.startswith(".") and link.resolve().is_dir()}


def prepare(out: Path, today: date, changes: dict[str, str]) -> Street:
    """Write the street files for the site as it will be once ``changes`` (slug -> release id)
    are live. Raises OSError (a full disk, say) with nothing published changed."""
    shadow = out / ".staging" / f"street-{os.getpid()}"
    shutil.rmtree(shadow, ignore_errors=True)
    shadow.mkdir(parents=True)
    street = Street(out, shadow)
    try:
        sites = live_releases(out) | {slug: (release.releases_dir(out, slug) / build_id).resolve()
                                      for slug, build_id in changes.items()}
        for slug, folder in sites.items():
            (shadow / slug).symlink_to(folder, target_is_directory=True)
        notes = {slug: note for slug in sites if slug not in changes
                 for note in [release.not_updated(out, slug)] if note}
        write_portal(shadow, today, notes)
        (shadow / STATE).write_bytes(shown_state({slug: folder.name for slug, folder in sites.items()}, notes))
        write_street_feed(shadow, [shadow / slug / "data" / "feed.xml" for slug in sorted(sites)])
        for rel in street.files():
            (out / rel).parent.mkdir(parents=True, exist_ok=True)
    except BaseException:
        discard(street)
        raise
    return street


def assemble(out: Path, today: date) -> None:
    """The street files from what is live in ``out`` (`dangwu portal`, after shard builds)."""
    prepared = prepare(out, today, {})
    prepared.commit()
