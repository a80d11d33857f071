"""Benchmark (`make bench`): how long the live preview takes from saving a YAML file to serving the
changed page, on the large sample (hepingli) and on a generated community ten times larger.

For each community: copy its records to a temporary folder, start `dangwu serve --community`
there, wait until it serves, then five times edit one activity's title and poll the page over
HTTP until the new title appears. Prints each time and the median. Not a test: nothing fails on
a number; the target is printed beside the figures.

    .venv/bin/python bench/preview.py            # both communities
    .venv/bin/python bench/preview.py --only 1x  # the sample only
"""
from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TODAY = "2026-11-23"
TARGET = 1.5
EDITS = 5


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def poll(predicate, seconds: float, every: float = 0.02) -> float | None:
    """Seconds until predicate() held, or None after ``seconds``."""
    started = time.perf_counter()
    while time.perf_counter() - started < seconds:
        if predicate():
            return time.perf_counter() - started
        time.sleep(every)
    return None


def first_title(records: Path) -> tuple[Path, str]:
    """The newest activity file and the first title in it (the one the edits change)."""
    path = sorted((records / "activities").glob("*.yml"))[-1]
    line = next(t for t in path.read_text(encoding="utf-8").splitlines() if t.strip().startswith("title:"))
    return path, line.split("title:", 1)[1].strip()


def page_url(docs: Path, text: str) -> str:
    """The served address of the generated page that shows ``text`` (directory URLs)."""
    for md in sorted(docs.rglob("*.md")):
        if text in md.read_text(encoding="utf-8"):
            rel = md.relative_to(docs).with_suffix("").as_posix()
            rel = rel[: -len("index")] if rel.endswith("index") else rel + "/"
            return rel
    raise SystemExit(f"no generated page shows {text!r}")


def measure(label: str, data_dir: Path, slug: str, workdir: Path) -> list[float]:
    port = free_port()
    log = (workdir / "serve.log").open("w", encoding="utf-8")
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", str(data_dir), "--community", slug,
         "--port", str(port), "--today", TODAY],
        cwd=workdir, stdout=log, stderr=subprocess.STDOUT,
        env={**os.environ, "PYTHONUNBUFFERED": "1", "NO_MKDOCS_2_WARNING": "1"})
    base = f"http://127.0.0.1:{port}/"
    times = []
    try:
        path, title = first_title(data_dir / "communities" / slug)
        if poll(lambda: fetch(base), 600, 0.2) is None:
            raise SystemExit(f"{label}: the preview did not start:\n" + (workdir / "serve.log").read_text())
        url = base + page_url(workdir / "build" / slug / "docs", title)
        if poll(lambda: title in fetch(url), 60) is None:
            raise SystemExit(f"{label}: {url} does not show {title!r}")
        print(f"{label}: preview up after {time.perf_counter() - started:.1f} s; editing {path.name}, "
              f"watching /{url[len(base):]}", flush=True)
        text = path.read_text(encoding="utf-8")
        for edit in range(1, EDITS + 1):
            time.sleep(2)  # let the previous rebuild settle: each edit is timed from a quiet preview
            new = f"{title}（第{edit}稿）"
            path.write_text(text.replace(f"title: {title}", f"title: {new}", 1), encoding="utf-8")
            saved = time.perf_counter()
            seconds = poll(lambda expected=new: expected in fetch(url), 120)
            if seconds is None:
                raise SystemExit(f"{label}: edit {edit} never reached the page:\n"
                                 + (workdir / "serve.log").read_text())
            times.append(time.perf_counter() - saved)
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=["1x", "10x"])
    args = parser.parse_args(argv)
    sys.path.insert(0, str(REPO))
    from bench.synth import LARGE, generate, scaled

    rows = []
    with tempfile.TemporaryDirectory(prefix="dangwu-preview-") as tmp:
        tmp = Path(tmp)
        if args.only != "10x":
            sample = tmp / "sample"
            shutil.copytree(REPO / "data" / "communities" / "hepingli", sample / "data/communities/hepingli")
            rows.append(("hepingli (sample)", measure("hepingli", sample / "data", "hepingli", sample)))
        if args.only != "1x":
            big = tmp / "big"
            generate(big / "data", "hepingli10x", scaled(LARGE, 10), seed=2025)
            rows.append(("hepingli10x (10×)", measure("hepingli10x", big / "data", "hepingli10x", big)))
    print(f"\n{'preview, save → page served':<30}{'median s':>10}   each edit (s)")
    for label, times in rows:
        print(f"{label:<30}{statistics.median(times):>10.2f}   " + " ".join(f"{t:.2f}" for t in times))
    print(f"target: ≤ {TARGET} s on the large sample "
          f"({'met' if rows[0][0].startswith('hepingli (') and statistics.median(rows[0][1]) <= TARGET else 'NOT met'})"
          if rows else "")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
