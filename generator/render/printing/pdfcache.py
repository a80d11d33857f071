"""Sheet PDFs kept by content hash beside the output folder, so a rebuild renders only the sheets
whose PDF would change (WeasyPrint takes about a second a sheet; reading a kept PDF, none).

A PDF's bytes depend on its HTML (which carries the dates printed and the PDF's own dates), the
print stylesheet, the fonts fontconfig offers, the versions of WeasyPrint, its Python libraries
and the system's Pango/HarfBuzz/fontconfig, and our rendering code: the key hashes them all, so
a new font or an upgrade renders every sheet again. Not SOURCE_DATE_EPOCH: WeasyPrint never
reads it (tests/render/test_print.py checks), and a build sets it to the community's last commit, so
keying on it would render every sheet again after any commit.

One folder per community under ``<out>/.cache/print/<slug>/`` (a dot folder: never served),
``<key>.pdf`` written by rename. Only the PDFs of the last few builds are kept. A cache that
cannot be read or written (a full disk) only means the sheet is rendered again.
"""
from __future__ import annotations

import ctypes
import hashlib
import os
import subprocess
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from generator.publish.scancache import version_of

KEEP_BUILDS = 2  # this build's sheets and the last one's: older ones carry an older build day
# What WeasyPrint is made of, on the Python side (its own version pins the rest).
PYTHON_PARTS = ("weasyprint", "pydyf", "tinycss2", "tinyhtml5", "cssselect2", "fonttools", "cffi")
# The shared libraries WeasyPrint lays out and embeds fonts with (names as weasyprint.text.ffi
# opens them on Linux and macOS), each with the function that says its version.
SYSTEM_PARTS = (
    (("libpango-1.0.so.0", "libpango-1.0.dylib"), "pango_version", ctypes.c_int),
    (("libharfbuzz.so.0", "libharfbuzz.0.dylib"), "hb_version_string", ctypes.c_char_p),
    (("libharfbuzz-subset.so.0", "libharfbuzz-subset.0.dylib"), "hb_subset_input_create_or_fail", None),
    (("libfontconfig.so.1", "libfontconfig.1.dylib"), "FcGetVersion", ctypes.c_int),
)


def _python_versions() -> list[str]:
    found = []
    for name in PYTHON_PARTS:
        try:
            found.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name}=none")
    return found


def _system_versions() -> list[str]:
    """Without importing WeasyPrint (over a second): a build whose sheets are all kept never loads it."""
    found = []
    for names, function, returns in SYSTEM_PARTS:
        value = "none"
        for name in names:
            try:
                library = ctypes.CDLL(name)
            except OSError:
                continue
            if returns is None:
                value = f"{name} has {function}" if hasattr(library, function) else name
            else:
                call = getattr(library, function)
                call.restype = returns
                value = f"{name} {call()!r}"
            break
        found.append(value)
    return found


def _fonts() -> list[str]:
    """Every font fontconfig offers (file, face, family, style, size, time changed) and what the
    stylesheet's families resolve to: a font installed, removed or updated is a new key."""
    try:
        listed = subprocess.run(["fc-list", "--format", "%{file}|%{index}|%{family}|%{style}\n"],
                                capture_output=True, text=True, timeout=60).stdout.splitlines()
        matched = subprocess.run(["fc-match", "--format", "%{file}|%{index}\n", "Noto Sans CJK SC"],
                                 capture_output=True, text=True, timeout=60).stdout
        fallback = subprocess.run(["fc-match", "--format", "%{file}|%{index}\n", "sans-serif:lang=zh"],
                                  capture_output=True, text=True, timeout=60).stdout
    except (OSError, subprocess.SubprocessError):
        return ["no fontconfig tools"]  # WeasyPrint still renders; an unseen font change is not caught
    lines = []
    for line in sorted(set(listed)):
        try:
            stat = os.stat(line.split("|", 1)[0])
            lines.append(f"{line}|{stat.st_size}|{stat.st_mtime_ns}")
        except OSError:
            lines.append(line)
    return lines + [f"match {matched} {fallback}"]


@lru_cache(maxsize=1)
def environment_digest() -> str:
    """Everything besides a sheet's HTML and stylesheet that shapes its PDF, worked out once a process."""
    parts = [*_python_versions(), *_system_versions(), *_fonts(), version_of("generator.render.printing.render")]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def pdf_key(html: str, stylesheet: bytes, base_url: str) -> str:
    digest = hashlib.sha256(b"dangwu-sheet-pdf-1\0")
    for part in (html.encode(), stylesheet, base_url.encode(), environment_digest().encode()):
        digest.update(len(part).to_bytes(8, "big") + part)
    return digest.hexdigest()


class PdfCache:
    def __init__(self, folder: Path):
        self.folder = Path(folder)

    def _path(self, key: str) -> Path:
        return self.folder / f"{key}.pdf"

    def get(self, key: str) -> bytes | None:
        """The kept PDF, or None; a truncated file (a crash while writing it) counts as none."""
        try:
            data = self._path(key).read_bytes()
        except OSError:
            return None
        if not (data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")):
            return None
        try:
            os.utime(self._path(key))  # used now: kept by prune
        except OSError:
            pass
        return data

    def put(self, key: str, data: bytes) -> None:
        path = self._path(key)
        tmp = path.with_name(f".{key}.{os.getpid()}")
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            tmp.write_bytes(data)
            os.replace(tmp, path)
        except OSError:
            try:
                tmp.unlink()
            except OSError:
                pass

    def prune(self, sheets_per_build: int) -> None:
        """Keep the PDFs used most recently, about KEEP_BUILDS builds' worth: sheets change
        with the build day, so older ones would only fill the disk."""
        try:
            kept = sorted(self.folder.glob("*.pdf"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
            for path in kept[max(1, sheets_per_build) * KEEP_BUILDS:]:
                path.unlink()
        except OSError:
            pass


def cache_for(out: Path, slug: str) -> PdfCache:
    return PdfCache(Path(out) / ".cache" / "print" / slug)
