"""Only used by setuptools while it packs dangwu: the wheel carries mkdocs.yml, theme/ and content/.

They stay at the top of the repository (the layout every recipe and `make demo` use); a wheel
gets a copy in ``generator/_share/``, where ``generator.resources`` looks first, and an sdist
carries them at its top so that a wheel built from it gets the same copy. An editable install
(`pip install -e .`) gets no copy: it reads the repository's own files, so an edit to the theme
shows without reinstalling. pyproject.toml names these classes under ``[tool.setuptools.cmdclass]``
(no setup.py or MANIFEST.in: the repository's top level is fixed).
"""
from __future__ import annotations

import shutil
from pathlib import Path

from setuptools.command.build_py import build_py
from setuptools.command.sdist import sdist

PROJECT = Path(__file__).resolve().parents[1]  # the repository, or an unpacked sdist
SHARED = ("mkdocs.yml", "theme", "content")


def _copy_shared(into: Path) -> None:
    for name in SHARED:
        source = PROJECT / name
        if source.is_dir():
            shutil.copytree(source, into / name, ignore=shutil.ignore_patterns("__pycache__", ".*"), dirs_exist_ok=True)
        else:
            into.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, into / name)


class BuildPyWithShare(build_py):
    """build_py, then the shared files copied into the build's generator/_share/."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        share = Path(self.build_lib) / "generator" / "_share"
        shutil.rmtree(share, ignore_errors=True)
        _copy_shared(share)


class SdistWithShare(sdist):
    """sdist, with the shared files at the top of the archive, where ``PROJECT`` finds them."""

    def make_release_tree(self, base_dir, files) -> None:
        super().make_release_tree(base_dir, files)
        _copy_shared(Path(base_dir))
