"""Open data: each community's published records as JSON, CSV and an Atom feed; the street feed.

``write_downloads(site_dir, ctx)`` writes ``site_dir/data/`` during a build, after MkDocs and
before verification, so the files are scanned for personal data and listed in the manifest
like every other file. Every file is made from the same views as the pages, for the site's
audience: the public site's files hold no members-only record, and names are masked as on
the pages. ``write_street_feed(out, feeds)`` merges the published communities' feeds.
"""
from __future__ import annotations

import os
from pathlib import Path

from generator.render.opendata.feed import street_feed
from generator.render.opendata.files import Download, download_files

DATA_DIR = "data"

__all__ = ["DATA_DIR", "Download", "download_files", "write_downloads", "write_street_feed"]


def write_downloads(site_dir: Path, ctx) -> list[str]:
    """Write every download under ``site_dir/data/``; returns their paths relative to ``site_dir``."""
    folder = Path(site_dir) / DATA_DIR
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for download in download_files(ctx):
        (folder / download.name).write_bytes(download.make())
        written.append(f"{DATA_DIR}/{download.name}")
    return written


def write_street_feed(out: Path, community_feeds: list[Path]) -> Path:
    """Merge the communities' feeds (those that exist) into ``out/feed.xml``, replaced atomically."""
    out = Path(out)
    feeds = [(Path(os.path.relpath(f.parent, out)).as_posix(), f) for f in community_feeds if f.is_file()]
    target = out / "feed.xml"
    tmp = out / f".feed.xml.{os.getpid()}"
    tmp.write_bytes(street_feed(feeds))
    os.replace(tmp, target)
    return target
