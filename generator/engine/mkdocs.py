"""Write build/<slug>/ (docs + mkdocs.yml INHERITing the top-level mkdocs.yml) and run MkDocs.

Keeping MkDocs here keeps the engine replaceable: everything else produces plain Markdown
files and a config, which ProperDocs or Zensical read as well.
"""
from __future__ import annotations

import logging
import shutil
from pathlib import Path

import material
import yaml

from generator import resources

HOOKS = Path(__file__).with_name("hooks.py")
# Material's own templates (base.html, its script tags): publish.csp_allowlist hashes the inline
# scripts in them, and this package is the only one that knows where the engine lives.
MATERIAL_TEMPLATES = Path(material.__file__).parent / "templates"


def write_if_changed(path: Path, text: str) -> bool:
    """Write only when the content differs, so `mkdocs serve` sees only real changes."""
    data = text.encode("utf-8")
    if path.exists() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(path)
    return True


def write_docs(docs: Path, pages: dict[str, str], photos: dict[str, Path]) -> int:
    """Bring docs/ to exactly these pages and photos; returns how many files changed."""
    changed = sum(write_if_changed(docs / rel, text) for rel, text in pages.items())
    for rel, source in photos.items():
        target = docs / rel
        if not target.exists() or target.read_bytes() != source.read_bytes():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
            changed += 1
    wanted = set(pages) | set(photos)
    if docs.is_dir():
        for path in sorted(docs.rglob("*"), reverse=True):
            rel = path.relative_to(docs).as_posix()
            if path.is_file() and rel not in wanted:
                path.unlink()
                changed += 1
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    return changed


def userdict_of(build_dir: Path) -> Path:
    """The community's names for jieba, one per line (written by ``write_config``)."""
    return build_dir / "userdict.txt"


def write_config(build_dir: Path, *, site_name: str, site_dir: Path, nav: list, words: list[str],
                 extra: dict, site_url: str | None, own_search_index: bool = False) -> Path:
    """``own_search_index``: a build that writes engine/search_index's index after MkDocs, whose
    jieba runs in a process of its own; Material's plugin (cut down by hooks.py) is then given
    no dictionary, so MkDocs does not spend a second loading jieba's."""
    userdict = userdict_of(build_dir)
    # A high frequency makes jieba keep a community's names whole (张建国, 第一党支部).
    write_if_changed(userdict, "".join(f"{w} 100000 n\n" for w in words))
    search = {} if own_search_index else {"jieba_dict_user": str(userdict)}
    config = {
        "INHERIT": str(resources.MKDOCS_YML),
        "site_name": site_name,
        "docs_dir": "docs",
        "site_dir": str(site_dir),
        "theme": {"custom_dir": str(resources.THEME)},
        "plugins": [{"search": search}],
        # Escapes the site name and page titles for Material's templates (see hooks.py).
        "hooks": [str(HOOKS)],
        "nav": nav,
        "extra": extra,
    }
    if site_url:
        config["site_url"] = site_url
    path = build_dir / "mkdocs.yml"
    write_if_changed(path, yaml.safe_dump(config, allow_unicode=True, sort_keys=False))
    return path


class _Counter(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def build(config_path: Path) -> list[str]:
    """Run MkDocs on one community config; returns its warnings (any warning fails the build)."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    counter = _Counter()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(counter)
    try:
        config = load_config(config_file=str(config_path), strict=False)
        mkdocs_build(config)
    finally:
        logger.removeHandler(counter)
    return counter.messages


def preload() -> None:
    """Load jieba's dictionary once in the parent, so forked community builds share it."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
