"""Results of the output scans (personal data, other origins, links) kept by content hash, so
bytes already scanned — Material's assets in every community, the pages a one-record change
did not touch — are not scanned again.

One small file per result under ``<out>/.cache/scan/`` (a dot folder: never served). Each key
hashes the scanner's own source with the bytes, so a changed rule rescans everything. Only a
clean result (no finding) is kept for the personal-data scan: a finding is always worked out
again, so its message and the record it names stay exact. Workers in parallel write distinct
files by rename; a cache that cannot be written (a full disk) only means a rescan next time.
"""
from __future__ import annotations

import hashlib
import json
import os
from functools import cache
from pathlib import Path


@cache
def version_of(*modules: str) -> str:
    """The hash of these modules' source files (a changed rule is a new version)."""
    import importlib
    import inspect

    digest = hashlib.sha256()
    for name in modules:
        digest.update(Path(inspect.getfile(importlib.import_module(name))).read_bytes())
    return digest.hexdigest()[:16]


class ScanCache:
    def __init__(self, folder: Path):
        self.folder = Path(folder)

    @staticmethod
    def key(*parts: str) -> str:
        return hashlib.sha256("\0".join(parts).encode()).hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / key

    def get(self, key: str):
        """The stored value, or None when this result was never stored."""
        try:
            return json.loads(self._path(key).read_bytes())
        except (OSError, ValueError):
            return None

    def put_all(self, results: dict[str, object]) -> None:
        for key, value in results.items():
            self.put(key, value)

    def put(self, key: str, value) -> None:
        path = self._path(key)
        tmp = path.with_name(f".{key}.{os.getpid()}")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(tmp, "wb") as handle:
                handle.write(json.dumps(value, ensure_ascii=False).encode())
            os.replace(tmp, path)
        except OSError:
            try:
                tmp.unlink()
            except OSError:
                pass


class Deferred:
    """A ScanCache whose new results are held back (``held``) until the caller stores them
    (``ScanCache.put_all``): a build's helper scans before the community's checks have passed,
    and a community they refuse leaves nothing in the output folder, its caches included."""

    def __init__(self, cache: ScanCache):
        self.cache = cache
        self.held: dict[str, object] = {}

    def get(self, key: str):
        return self.held[key] if key in self.held else self.cache.get(key)

    def put(self, key: str, value) -> None:
        self.held[key] = value


def cache_for(out: Path) -> ScanCache:
    return ScanCache(Path(out) / ".cache" / "scan")
