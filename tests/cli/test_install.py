"""`pip install .` then `dangwu build` elsewhere: the wheel carries mkdocs.yml, theme/ and content/.

The wheel is built from a copy of the source (so nothing is written into this repository) and
installed into a fresh venv. That venv gets the dependencies without a network through a ``.pth``
file naming this venv's site-packages: a folder listed in a .pth is only added to sys.path, the
.pth files inside it are not run, so this repository's editable install stays invisible and the
venv's `dangwu` can only be the installed wheel.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

from tests.conftest import TINY

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ["generator", "theme", "content", "mkdocs.yml", "pyproject.toml", "README.md"]
# PYTHONPATH left out: it could put this repository before the installed wheel.
ENV = {**{k: v for k, v in os.environ.items() if k != "PYTHONPATH"}, "SOURCE_DATE_EPOCH": "1763856000", "NO_MKDOCS_2_WARNING": "1"}


def run(args, cwd: Path) -> subprocess.CompletedProcess:
    result = subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True, env=ENV, timeout=600)
    assert result.returncode == 0, f"{args}\n{result.stdout}\n{result.stderr}"
    return result


def source_copy(dest: Path) -> Path:
    """The files a `pip install .` reads, outside the repository (setuptools writes build/ and
    *.egg-info next to them)."""
    for name in SOURCE:
        path = ROOT / name
        if path.is_dir():
            shutil.copytree(path, dest / name, ignore=shutil.ignore_patterns("__pycache__", "_share"))
        else:
            shutil.copy2(path, dest / name)
    return dest


def built_wheel(tmp_path: Path) -> Path:
    source = source_copy(tmp_path / "source")
    wheels = tmp_path / "wheels"
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-cache-dir",
         "-q", "-w", wheels, source], cwd=tmp_path)
    (wheel,) = wheels.glob("dangwu-*.whl")
    return wheel


def fresh_venv(folder: Path) -> Path:
    """A venv whose only dangwu is the one pip installs into it; the libraries come from ours."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", folder], check=True)
    python = folder / "bin" / "python"
    purelib = run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], cwd=folder)
    (Path(purelib.stdout.strip()) / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return folder / "bin"


def repo_outputs() -> dict[str, set[str] | None]:
    """What a build run from another folder must not touch: this repository's build/ and site/
    (None when absent). Its other files are left out: other work may change them meanwhile."""
    return {name: set(os.listdir(ROOT / name)) if (ROOT / name).is_dir() else None for name in ("build", "site")}


def test_the_installed_wheel_builds_a_community_outside_the_repository(tmp_path):
    wheel = built_wheel(tmp_path)
    bin_dir = fresh_venv(tmp_path / "venv")
    run([bin_dir / "python", "-m", "pip", "--version"], cwd=tmp_path)  # pip comes from our venv via .pth
    run([bin_dir / "python", "-m", "pip", "install", "--no-deps", "--no-index", "--ignore-installed", "-q", wheel], cwd=tmp_path)
    located = run([bin_dir / "python", "-c", "import generator; print(generator.__file__)"], cwd=tmp_path)
    assert str(ROOT) not in located.stdout, located.stdout  # the wheel, not this repository

    work = tmp_path / "elsewhere"
    shutil.copytree(TINY, work / "data")
    before = repo_outputs()
    run([bin_dir / "dangwu", "check", "data"], cwd=work)
    run([bin_dir / "dangwu", "build", "data", "--today", "2026-11-23"], cwd=work)

    site = work / "site" / "xiaoyuan"
    assert (work / "site" / "index.html").is_file()
    assert "小园社区" in (site / "index.html").read_text(encoding="utf-8")
    assert (site / "assets" / "dangwu.css").is_file()  # the theme, from the wheel
    assert "如何看公开栏" in (site / "guide" / "reading" / "index.html").read_text(encoding="utf-8")  # content/
    assert (work / "build").is_dir()  # the build folder is the current one's
    assert repo_outputs() == before
