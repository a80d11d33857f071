"""WeasyPrint's native libraries found without starting ~40 processes.

WeasyPrint looks for Pango, HarfBuzz, fontconfig and GObject by trying up to six names for each;
cffi sends every name that is not a path to ``ctypes.util.find_library``, which on Linux runs
``ldconfig -p``, then ``gcc`` and ``ld`` for each name it cannot place (and the optional
harfbuzz-vector, absent on Debian 12, fails all six). That made importing WeasyPrint start about
forty processes. While it imports, the names are answered from one read of the linker's cache;
if the import fails that way (a library only LD_LIBRARY_PATH knows), it is tried again the slow way.
"""
from __future__ import annotations

import ctypes.util
import re
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager

_SONAME = re.compile(r"^\s*(lib(\S+?)\.so(?:\.[\d.]+)?)\s", re.M)


def linker_cache() -> dict[str, str]:
    """``gobject-2.0`` → ``libgobject-2.0.so.0``: what find_library would answer, for every
    library in ``ldconfig -p``; empty when there is no ldconfig."""
    for ldconfig in ("/sbin/ldconfig", "ldconfig"):
        try:
            listing = subprocess.run([ldconfig, "-p"], capture_output=True, text=True, check=True).stdout
        except (OSError, subprocess.CalledProcessError):
            continue
        names: dict[str, str] = {}
        for soname, name in _SONAME.findall(listing):
            names.setdefault(name, soname)
        return names
    return {}


@contextmanager
def libraries_from_linker_cache() -> Iterator[None]:
    cache = linker_cache()
    original = ctypes.util.find_library
    def from_cache(name: str) -> str | None:
        return cache.get(name)

    if cache:
        ctypes.util.find_library = from_cache
    try:
        yield
    finally:
        ctypes.util.find_library = original


def import_weasyprint_quickly() -> None:
    """``import weasyprint`` with its libraries placed from the linker cache (see above)."""
    try:
        with libraries_from_linker_cache():
            import weasyprint  # noqa: F401
    except OSError:
        import weasyprint  # noqa: F401,F811  (the slow way: find_library as Python has it)
