"""Benchmark (`make bench`): build time and output size of the large sample community and of a
generated community ten times larger, each against a plain `mkdocs build` of the same Markdown;
then a street of generated communities (bench/street.py: full build, no-change rebuild, a
one-record change until live, peak memory).

    .venv/bin/python bench/run.py                       # everything, a street of 200
    .venv/bin/python bench/run.py --communities 20      # a smaller street
    .venv/bin/python bench/run.py --only street --communities 20

Figures are measured in one run and reported as ratios too, since this machine is noisy.
Not a test: nothing here fails on a number; the targets are printed beside the figures.
"""
from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "bench" / "out"
TODAY = "2026-11-23"
PAGE_TARGET = 150 * 1024
SECONDS_TARGET = 10.0
REPEATS = 3  # rebuilds and plain builds per community, their medians reported


def timed(args: list[str], cwd: Path) -> float:
    started = time.perf_counter()
    subprocess.run(args, cwd=cwd, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def html_sizes(site: Path) -> list[int]:
    return [p.stat().st_size for p in site.rglob("*.html")]


def total_size(site: Path) -> int:
    return sum(p.stat().st_size for p in site.rglob("*") if p.is_file())


def rendered_config(data_dir: Path, slug: str, workdir: Path) -> Path:
    """The same Markdown and config, rendered as the preview does (a build removes its own
    render folder when it ends), for the plain `mkdocs build` to time."""
    from datetime import date

    from generator.load.dataset import load_community
    from generator.pipeline.community import _configure, render_docs

    community, _ = load_community(Path(data_dir).resolve() / "communities" / slug)
    ctx, pages, root = render_docs(community, date.fromisoformat(TODAY), "public", workdir / "build" / slug)
    return _configure(ctx, pages, root, workdir / "preview-site")


def edit_one_record(data_dir: Path, slug: str) -> None:
    """A clerk's everyday change: one activity's title in the latest year's file."""
    latest = max((data_dir / "communities" / slug / "activities").glob("*.yml"))
    text = latest.read_text(encoding="utf-8")
    at = text.index("title: ") + len("title: ")
    latest.write_text(text[:at] + "更新后的" + text[at:], encoding="utf-8")


def measure(label: str, data_dir: Path, slug: str, workdir: Path) -> dict:
    """A first build (nothing to reuse: every sheet's PDF is rendered), the next day's build of
    the same records (every page again, for the date; the sheets keep theirs), then rebuilds after
    a one-record change (the PDFs of unchanged sheets reused, as on every build after the first),
    each followed by a plain `mkdocs build` of the same Markdown. Rebuilds and plain builds are
    the medians of ``REPEATS``, taken in turns: on this noisy machine one of each can be off by 30 %."""
    if data_dir.resolve() != (workdir / "data").resolve():  # a copy to edit, never the repository's samples
        data_dir = shutil.copytree(data_dir, workdir / "data")
    dangwu = [sys.executable, "-m", "generator", "build", str(data_dir), "--community", slug,
              "--out", str(workdir / "site"), "--today", TODAY]
    seconds = timed(dangwu, workdir)
    next_day = timed(dangwu[:-1] + [(date.fromisoformat(TODAY) + timedelta(days=1)).isoformat()], workdir)
    config = rendered_config(data_dir, slug, workdir)
    plain_build = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(workdir / "plain-site")]
    rebuilds, plains = [], []
    for _ in range(REPEATS):
        edit_one_record(data_dir, slug)
        rebuilds.append(timed(dangwu, workdir))
        plains.append(timed(plain_build, workdir))
    rebuild, plain = statistics.median(rebuilds), statistics.median(plains)
    site = (workdir / "site" / slug).resolve()
    sizes = html_sizes(site)
    return {"label": label, "pages": len(sizes), "seconds": seconds, "next_day": next_day, "rebuild": rebuild,
            "plain": plain,
            "bytes": total_size(site), "max_page": max(sizes), "mean_page": sum(sizes) // len(sizes)}


def report(rows: list[dict]) -> None:
    print(f"{'community':<22}{'pages':>6}{'first s':>9}{'next day':>9}{'rebuild s':>10}{'mkdocs s':>10}{'first×':>8}"
          f"{'next×':>7}{'rebuild×':>9}{'s/page':>8}{'output':>10}{'B/page':>9}{'max page':>10}")
    for r in rows:
        print(f"{r['label']:<22}{r['pages']:>6}{r['seconds']:>9.2f}{r['next_day']:>9.2f}{r['rebuild']:>10.2f}"
              f"{r['plain']:>10.2f}{r['seconds'] / r['plain']:>8.2f}{r['next_day'] / r['plain']:>7.2f}"
              f"{r['rebuild'] / r['plain']:>9.2f}{r['seconds'] / r['pages']:>8.3f}"
              f"{r['bytes'] / 1e6:>9.1f}M{r['mean_page']:>9}{r['max_page']:>10}")
    print("first: a build with nothing to reuse (every print sheet's PDF rendered); next day: the same records\n"
          "built the next day (every page again; unchanged sheets keep their date and PDF); rebuild: after a\n"
          f"one-record change, the PDFs of unchanged sheets reused (rebuild and mkdocs: medians of {REPEATS}, in turns).\n"
          "Target: ≤ 1.5× plain mkdocs.")
    big, small = rows[-1], rows[0]
    print(f"\n10× community / large sample: time ×{big['seconds'] / small['seconds']:.2f}, "
          f"output ×{big['bytes'] / small['bytes']:.2f}")
    print(f"targets: large sample under {SECONDS_TARGET:.0f} s "
          f"({'met' if small['seconds'] < SECONDS_TARGET else 'NOT met'}), every page under "
          f"{PAGE_TARGET // 1024} KB ({'met' if small['max_page'] < PAGE_TARGET else 'NOT met'} for the sample, "
          f"{'met' if big['max_page'] < PAGE_TARGET else 'NOT met'} for 10×)")


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description="make bench: one community, ten times larger, and a street")
    parser.add_argument("--communities", type=int, default=200, help="communities in the street benchmark (default 200)")
    parser.add_argument("--only", choices=["community", "street"], default=None)
    args = parser.parse_args(argv)
    if args.only != "street":
        measure_communities()
    if args.only != "community":
        sys.path.insert(0, str(REPO))
        from bench import street

        print(f"\nstreet of {args.communities} generated communities (bench/street.py):", flush=True)
        street.main(["--communities", str(args.communities)])
    return 0


def measure_communities() -> None:
    shutil.rmtree(OUT / "sample", ignore_errors=True)
    shutil.rmtree(OUT / "big", ignore_errors=True)
    OUT.mkdir(parents=True, exist_ok=True)
    env_epoch = os.environ.setdefault("SOURCE_DATE_EPOCH", "1763856000")
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material prints a banner otherwise
    sys.path.insert(0, str(REPO))
    from bench.synth import LARGE, generate, scaled

    rows = []
    sample_dir = OUT / "sample"
    sample_dir.mkdir()
    rows.append(measure("hepingli (sample)", REPO / "data", "hepingli", sample_dir))
    big_dir = OUT / "big"
    big_dir.mkdir()
    generate(big_dir / "data", "hepingli10x", scaled(LARGE, 10), seed=2025)
    rows.append(measure("hepingli10x (10×)", big_dir / "data", "hepingli10x", big_dir))
    report(rows)
    print(f"(SOURCE_DATE_EPOCH={env_epoch}; {os.cpu_count()} cores; one run)")


if __name__ == "__main__":
    raise SystemExit(main())
