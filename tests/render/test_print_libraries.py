"""WeasyPrint's libraries are placed from the linker cache while it imports (render/printing/libraries.py):
the same libraries as Python's own find_library, without its ~200 ldconfig/gcc/ld processes."""
from __future__ import annotations

import ctypes.util
import subprocess
import sys

from generator.render.printing.libraries import libraries_from_linker_cache, linker_cache

NAMES = ["gobject-2.0", "pango-1.0", "pangoft2-1.0", "harfbuzz", "fontconfig", "harfbuzz-subset"]


def test_the_linker_cache_answers_as_find_library_does_for_weasyprints_libraries():
    cache = linker_cache()
    for name in NAMES:
        assert cache.get(name) == ctypes.util.find_library(name), name
    assert ctypes.util.find_library("no-such-library-dangwu") is None
    with libraries_from_linker_cache():
        assert ctypes.util.find_library("no-such-library-dangwu") is None
        assert ctypes.util.find_library("pango-1.0") == cache["pango-1.0"]
    assert ctypes.util.find_library.__module__ == "ctypes.util"  # put back afterwards


def test_importing_weasyprint_starts_at_most_one_process():
    probe = ("import subprocess, sys\n"
             "started = []\n"
             "sys.addaudithook(lambda event, args: started.append(event) if event == 'subprocess.Popen' else None)\n"
             "from generator.render.printing.pending import import_weasyprint\n"
             "import_weasyprint()\n"
             "import weasyprint\n"
             "print(len(started))\n")
    count = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert int(count) <= 1
