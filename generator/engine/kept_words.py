"""The site's words for the search index (``search_index.site_words``), kept between builds.

Loading jieba's dictionary takes about a second, on every build; a one-record change brings a
few new runs of text to cut. So a community keeps, from its last verified build:

- each run's words (``words.json``), valid while jieba's version and the community's names
  (the user dictionary) stay the same: only runs not seen before are cut;
- the part of jieba's dictionary the site can use (``dictionary.marshal``, its characters in
  ``characters.txt``): every entry made only of characters the site has. jieba looks up nothing but parts of the text it cuts, so for
  a text of those characters it cuts exactly as with the whole dictionary (the total frequency
  is the whole dictionary's), and the part loads in a few hundredths of a second. Pages with a
  character the site never had load the whole dictionary (while MkDocs builds, see
  ``needs_whole_dictionary``), and the part is made anew.

``site_words_kept`` returns the words and the files to keep; the build writes them (``keep``)
into the build folder only once its site is verified, so no text of a site that failed ends up
in the cache.
"""
from __future__ import annotations

import hashlib
import json
import marshal
import os
from pathlib import Path

from generator.engine.search_index import CJK, on_dictionary, words_by_run

WORDS = "words.json"
DICTIONARY = "dictionary.marshal"
CHARACTERS = "characters.txt"  # those the kept part of the dictionary serves


def folder_for(work: Path, slug: str, audience: str) -> Path:
    """In the build folder (``--work``), not the output folder: the part of jieba's dictionary
    holds whatever words of it the site's characters make, names of people among them."""
    return Path(work) / ".cache" / "words" / f"{slug}-{audience}"


def needs_whole_dictionary(folder: Path, texts) -> bool:
    """Whether cutting the runs of ``texts`` (a site's pages; None: not known yet) will need
    jieba's whole dictionary: nothing kept, or a character the kept part does not serve."""
    try:
        covered = (folder / CHARACTERS).read_text(encoding="utf-8")
    except OSError:
        return True
    if not (folder / WORDS).is_file():
        return True
    # Chinese characters only: the pages' Markdown has markup the runs never hold (a new letter
    # or digit beside Chinese text, rare, loads the whole dictionary when the index is cut).
    return texts is not None and not {c for text in texts for c in CJK.findall(text)} <= set(covered)


def site_words_kept(runs: list[str], userdict: Path, folder: Path,
                    site: Path | None = None) -> tuple[list[str], dict[str, bytes]]:
    """The words of ``runs`` as ``search_index.site_words`` gives them, and the files to keep
    in ``folder`` (name → bytes) for the next build. A part of the dictionary made now serves
    the characters of the pages of ``site`` too (text the index leaves out, such as labels in
    attributes), so that the next build's pages (``needs_whole_dictionary``) find them served."""
    import jieba

    names = userdict.read_bytes()
    key = hashlib.sha256(jieba.__version__.encode() + b"\0" + names).hexdigest()
    known = _read_words(folder, key)
    missing = [run for run in runs if run not in known]
    files: dict[str, bytes] = {}
    if missing:
        tokenizer, dictionary = _tokenizer(folder, _characters(runs, names), userdict, site)
        known.update(words_by_run(tokenizer, missing))
        if dictionary is not None:
            files[DICTIONARY], files[CHARACTERS] = dictionary
    kept = {run: known[run] for run in runs}
    files[WORDS] = json.dumps({"key": key, "runs": kept}, ensure_ascii=False, separators=(",", ":")).encode()
    return sorted({w for words in kept.values() for w in words}), files


def keep(folder: Path, files: dict[str, bytes]) -> None:
    """Write the files ``site_words_kept`` returned; a cache that cannot be written (a full
    disk) only means more cutting next time."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name, data in files.items():
            tmp = folder / f".{name}.{os.getpid()}"
            tmp.write_bytes(data)
            os.replace(tmp, folder / name)
    except OSError:
        pass


def _characters(runs: list[str], names: bytes) -> set[str]:
    return set("".join(runs)) | set(names.decode("utf-8"))


def _page_characters(site: Path | None) -> set[str]:
    """The Chinese characters of the site's pages, attributes and all."""
    seen: set[str] = set()
    for path in site.rglob("*.html") if site is not None else []:
        seen |= set(path.read_text(encoding="utf-8"))
    return set(CJK.findall("".join(seen)))


def _read_words(folder: Path, key: str) -> dict[str, list[str]]:
    try:
        kept = json.loads((folder / WORDS).read_bytes())
    except (OSError, ValueError):
        return {}
    return dict(kept["runs"]) if isinstance(kept, dict) and kept.get("key") == key else {}


def _tokenizer(folder: Path, characters: set[str], userdict: Path, site: Path | None):
    """A jieba tokenizer for texts of ``characters``, given the names in ``userdict``: on the
    kept part of the dictionary when it covers them (None for the second value), else on a
    part made now from the whole one, for them and the characters of ``site``'s pages, with
    that part to keep (its marshal bytes and its characters)."""
    import jieba

    try:
        version, covered, total, part = marshal.loads((folder / DICTIONARY).read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        version, covered, total, part = None, "", 0, {}
    if version == jieba.__version__ and characters <= set(covered):
        return on_dictionary(part, total, userdict), None
    jieba.initialize()  # the whole dictionary (at once when a street's build loaded it before forking)
    allowed = characters | _page_characters(site)
    part = {word: freq for word, freq in jieba.dt.FREQ.items() if set(word) <= allowed}
    served = "".join(sorted(allowed))
    kept = marshal.dumps((jieba.__version__, served, jieba.dt.total, part)), served.encode("utf-8")
    return on_dictionary(part, jieba.dt.total, userdict), kept
