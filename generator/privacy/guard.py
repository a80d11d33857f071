"""The last gate before publishing: no personal data in any file of the built site.

Records are checked too (``checks/personal_data.py``), but a number can also reach the
output another way: a template, a hand-written page, a download. So every text file of the
output is read the way a browser or a script would read it — entities and JSON escapes
decoded, tags set aside, right-to-left markup (<bdo dir="rtl">) read as the bidi control it is —
and scanned. Each finding names the record it came from when its
digits occur in one of the community's YAML strings.
"""
from __future__ import annotations

import gzip
import hashlib
import html
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from generator.checks.personal_data import string_scalars
from generator.load.yamlfile import Loaded
from generator.privacy.detect import (
    NUMBER_KINDS,
    Finding,
    canonical_number,
    find_in_file_name,
    find_personal_data,
    fold,
)

MANIFEST = "manifest.json"  # ours: paths and SHA-256 hashes, whose hex digits are not data
# Never text: skipped without reading. Anything else is scanned if it decodes as UTF-8.
BINARY_SUFFIXES = {
    ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".ico", ".bmp", ".tif", ".tiff",
    ".woff", ".woff2", ".ttf", ".otf", ".eot", ".mp3", ".mp4", ".webm", ".ogg", ".wasm",
}
ARCHIVE_SUFFIXES = {".zip", ".xlsx", ".docx", ".pptx", ".odt", ".ods"}  # zipped XML inside
ESCAPED_SUFFIXES = {".js", ".mjs", ".json", ".map", ".webmanifest"}  # "\u200b" is a character there
# Tags inside a line of text (a number split by <strong> still shows as one); other tags
# end a block (U+2029), so table cells next to each other are not read as one number, while a
# line break inside a paragraph (or a <br>) may be: the reader sees the number go on.
INLINE_TAGS = ("a abbr b bdi bdo cite code data del dfn em i ins kbd mark q s samp small span "
               "strong sub sup time u var wbr").split()
_INLINE_TAG = re.compile(r"</?(?:" + "|".join(INLINE_TAGS) + r")\b[^<>]*>", re.IGNORECASE)
_ANY_TAG = re.compile(r"<[!/?]?[A-Za-z][^<>]*>|<!--.*?-->", re.DOTALL)
_BREAK_TAG = re.compile(r"<br\s*/?>", re.IGNORECASE)
BLOCK_END = "\u2029"
# Markup that shows its text right to left, as the bidi controls it stands for: an override
# (RLO … PDF) for <bdo dir="rtl">, an isolate (RLI) for any other element with dir="rtl" or a
# style with direction: rtl (it ends with the block; the guard turns such runs round both ways).
_BDO_RTL = re.compile(r"<bdo\b[^<>]*\bdir\s*=\s*[\"']?rtl\b[^<>]*>", re.IGNORECASE)
_BDO_END = re.compile(r"</bdo\s*>", re.IGNORECASE)
_DIR_RTL = re.compile(r"<(?!bdo\b)[A-Za-z][^<>]*(?:\bdir\s*=\s*[\"']?|direction\s*:\s*)rtl\b[^<>]*>",
                      re.IGNORECASE)
_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})|\\x([0-9a-fA-F]{2})")


@dataclass(frozen=True)
class OutputFinding:
    file: str  # relative to the site folder; "a.xlsx!/xl/sharedStrings.xml" inside archives
    finding: Finding  # offsets into the decoded text of the file (or into ``file`` itself
    #                   when the number is in the file's name), not into its bytes
    source: str | None  # "path/to/record.yml:12" when traceable

    def where(self) -> str:
        return f"{self.file}（来自 {self.source}）" if self.source else self.file


def scan_output(site_dir: Path, allowed_phones: frozenset[str],
                sources: dict[str, Loaded] | None = None, cache=None) -> list[OutputFinding]:
    """Every piece of personal data in the files (and file names) under ``site_dir``, in file order.

    With a ``cache`` (publish.scancache), bytes found clean before are not scanned again."""
    site_dir = Path(site_dir)
    trace = SourceIndex(sources or {})
    offices = office_addresses(sources or {})
    keys = CleanKeys(allowed_phones, offices) if cache is not None else None
    found = []
    for path in sorted(p for p in site_dir.rglob("*") if p.is_file()):
        relative = path.relative_to(site_dir).as_posix()
        if relative == MANIFEST:
            continue
        # A file name is shown too, in every URL: photos/13800138000.jpg leaks as much as a page.
        for finding in find_in_file_name(relative, allowed_phones):
            found.append(OutputFinding(relative, finding, trace.source_of(finding)))
        if _suffix(relative) in BINARY_SUFFIXES:
            continue  # not even read: photos can be large
        raw = _readable_bytes(path)
        sha = hashlib.sha256(raw).hexdigest() if keys else ""
        if keys and _known_clean(cache, keys, relative, sha, raw):
            continue
        findings = [(name, finding) for name, text in _texts(relative, raw)
                    for finding in scan_text(text, _suffix(name), allowed_phones, offices)]
        if keys and not findings:
            cache.put(keys.key(relative, sha, own=True), True)
        found += [OutputFinding(name, finding, trace.source_of(finding)) for name, finding in findings]
    return found


class CleanKeys:
    """Cache keys of a clean scan: the guard's version, the file's kind (which views it is read
    in), its bytes, and the allowances it was scanned with (the office's own phones and address).
    Allowances only ever remove findings, so bytes clean with none are clean for every community:
    that is how Material's assets are scanned once for the whole street."""

    def __init__(self, allowed_phones: frozenset[str], offices: frozenset[str]):
        from generator.publish.scancache import version_of

        self.version = version_of("generator.privacy.guard", "generator.privacy.detect", "generator.privacy.words")
        self.own = "\x1f".join(sorted(allowed_phones) + ["|"] + sorted(offices))

    def key(self, relative: str, sha: str, own: bool) -> str:
        from generator.publish.scancache import ScanCache

        return ScanCache.key("guard", self.version, _suffix(relative), sha, self.own if own else "")


def _known_clean(cache, keys: CleanKeys, relative: str, sha: str, raw: bytes) -> bool:
    """Bytes found clean before, with no allowances or with this community's. The theme's files
    (assets/) are tried with no allowances first, so one scan serves every community."""
    if cache.get(keys.key(relative, sha, own=False)) or cache.get(keys.key(relative, sha, own=True)):
        return True
    if not relative.startswith("assets/"):
        return False
    if any(scan_text(text, _suffix(name), frozenset()) for name, text in _texts(relative, raw)):
        return False
    cache.put(keys.key(relative, sha, own=False), True)
    return True


def _readable_bytes(path: Path) -> bytes:
    """A file's bytes; for a PDF printed from an HTML page beside it (the 公开栏 sheets,
    ``<sheet>.pdf`` from ``<sheet>.html``), that page: the same text, while the PDF's own text
    is compressed glyph codes no pattern can read. Its findings are named after the PDF too."""
    source = path.with_suffix(".html")
    if path.suffix.lower() == ".pdf" and source.is_file():
        return source.read_bytes()
    return path.read_bytes()


def _suffix(name: str) -> str:
    return PurePosixPath(name.rsplit("!/", 1)[-1]).suffix.lower()


def _texts(name: str, raw: bytes) -> Iterator[tuple[str, str]]:
    """(name, text) of a file, or of each member of an archive; nothing for binary files."""
    suffix = _suffix(name)
    if suffix in BINARY_SUFFIXES:
        return
    if suffix == ".gz":  # sitemap.xml.gz
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError):
            return
        yield from _texts(name[:-3], raw)
        return
    if suffix in ARCHIVE_SUFFIXES:
        yield from _members(name, raw)
        return
    text = _decode(raw)
    if text is not None:
        yield name, text


def _members(name: str, raw: bytes) -> Iterator[tuple[str, str]]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except zipfile.BadZipFile:
        return
    with archive:
        for member in sorted(archive.namelist()):
            if not member.endswith("/"):
                yield from _texts(f"{name}!/{member}", archive.read(member))


def _decode(raw: bytes) -> str | None:
    if b"\x00" in raw[:8192]:
        return None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None


def readable_views(text: str, suffix: str) -> list[str]:
    """The text as written (attributes included) and as shown (tags set aside)."""
    if suffix in ESCAPED_SUFFIXES:
        text = _ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), text)
    text = html.unescape(text)
    # right-to-left markup acts in both views: the tags stay in the first, beside their controls
    text = _BDO_END.sub("\u202c\\g<0>", _DIR_RTL.sub("\\g<0>\u2067", _BDO_RTL.sub("\\g<0>\u202e", text)))
    shown = _ANY_TAG.sub(BLOCK_END, _INLINE_TAG.sub("", _BREAK_TAG.sub("\n", text)))
    return [text, shown]


def scan_text(text: str, suffix: str, allowed_phones: frozenset[str],
              allowed_addresses: frozenset[str] = frozenset()) -> list[Finding]:
    """Findings in any view of the text, each once."""
    seen: set[tuple[str, str]] = set()
    found = []
    for view in readable_views(text, suffix):
        for finding in find_personal_data(view, allowed_phones, allowed_addresses):
            key = (finding.kind, finding.digits if finding.kind in NUMBER_KINDS else fold(finding.text))
            if key not in seen:
                seen.add(key)
                found.append(finding)
    return found


def office_addresses(sources: dict[str, Loaded]) -> frozenset[str]:
    """The office's address from community.yml: public by design, so never a finding."""
    return frozenset(
        loaded.data["office"]["address"] for name, loaded in sources.items()
        if PurePosixPath(name.replace("\\", "/")).name == "community.yml" and isinstance(loaded.data, dict)
        and isinstance(loaded.data.get("office"), dict) and isinstance(loaded.data["office"].get("address"), str))


class SourceIndex:
    """Which record a number came from: the YAML string that holds it (file:line)."""

    def __init__(self, sources: dict[str, Loaded]):
        self._sources = sources
        self._strings: list[tuple[set[str], str, str]] | None = None

    def _index(self) -> list[tuple[set[str], str, str]]:
        """(numbers found in the string, all its digits, "file:line") for every YAML string."""
        if self._strings is None:
            self._strings = [
                ({f.digits for f in find_personal_data(text)}, canonical_number(text),
                 f"{loaded.file}:{loaded.mark(path)[0]}")
                for _, loaded in sorted(self._sources.items())
                for path, text in string_scalars(loaded.data)
            ]
        return self._strings

    def source_of(self, finding: Finding) -> str | None:
        digits = finding.digits
        exact = (where for numbers, _, where in self._index() if digits in numbers)
        # A number the page put together differently (split by a tag, say) still has its digits.
        loose = (where for _, held, where in self._index() if digits in held)
        return next(exact, None) or next(loose, None)
