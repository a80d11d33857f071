"""Benchmark (part of `make bench`): a street of generated small communities.

    .venv/bin/python bench/street.py                      # 200 communities, as issue 11 asks
    .venv/bin/python bench/street.py --communities 20     # smaller, on a busy machine

Generates N communities with bench/synth.py (the small sample's profile, each its own seed and
name) in a git repository, then times with `dangwu build`: the full build, a rebuild with no
change, and a one-record change (an activity's title edited and committed) until the build that
publishes it ends — by then the community is live and the portal updated. Peak memory is the
largest resident set of any one process of a build (the parent or one worker; at most --jobs
workers run at once). Plain `mkdocs build` on the same Markdown is timed on a few of the
communities, for the ratio. Not a test: nothing fails on a number; targets are printed beside.
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "bench" / "out" / "street"
TODAY = "2026-11-23"
NEXT_DAY = "2026-11-24"
NO_CHANGE_TARGET = 5.0
ONE_RECORD_TARGET = 10.0
PLAIN_SAMPLE = 5  # communities built with plain MkDocs for the ratio
GIT = ["git", "-c", "user.name=dangwu bench", "-c", "user.email=bench@localhost", "-c", "commit.gpgsign=false"]


def slug_of(number: int) -> str:
    return f"c{number:03d}"


def generate_street(data: Path, count: int) -> None:
    sys.path.insert(0, str(REPO))
    from bench.synth import SMALL, generate

    for number in range(1, count + 1):
        profile = dict(SMALL, name=f"第{number}示例社区", short_name=f"第{number}示例")
        generate(data, slug_of(number), profile, seed=10_000 + number)
    subprocess.run(["git", "init", "-q", str(data)], check=True)
    subprocess.run([*GIT, "-C", str(data), "add", "-A"], check=True)
    subprocess.run([*GIT, "-C", str(data), "commit", "-q", "-m", "street"], check=True)


def timed_build(data: Path, out: Path, jobs: int, today: str = TODAY) -> tuple[float, int, str]:
    """(seconds, exit status, output) of one `dangwu build`."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "generator", "build", str(data), "--out", str(out),
                           "--today", today, "--jobs", str(jobs)], cwd=OUT, capture_output=True, text=True)
    return time.perf_counter() - started, done.returncode, done.stdout + done.stderr


def change_one_record(data: Path, slug: str) -> str:
    """Edit the title of the first activity of ``slug`` and commit it; returns the new title."""
    path = data / "communities" / slug / "activities" / "2026.yml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    index = next(n for n, line in enumerate(lines) if line.lstrip().startswith("title:"))
    title = "基准测试改过的活动标题"
    lines[index] = lines[index].split("title:")[0] + f"title: {title}\n"
    path.write_text("".join(lines), encoding="utf-8")
    subprocess.run([*GIT, "-C", str(data), "commit", "-q", "-am", "one record"], check=True)
    return title


def plain_mkdocs(data: Path, slugs: list[str]) -> float:
    """Mean seconds of plain `mkdocs build` on the Markdown dangwu renders for these communities."""
    import logging

    import jieba

    from bench.run import rendered_config

    jieba.setLogLevel(logging.WARNING)  # its "Building prefix dict" lines are not figures
    seconds = []
    for slug in slugs:
        work = OUT / "plain" / slug
        work.mkdir(parents=True)
        config = rendered_config(data, slug, work)
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(work / "site")],
                       cwd=work, check=True, stdout=subprocess.DEVNULL)
        seconds.append(time.perf_counter() - started)
    return statistics.mean(seconds)


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="街道规模基准：N 个生成的社区")
    parser.add_argument("--communities", type=int, default=200, help="社区个数（默认 200）")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="dangwu build --jobs（默认本机核数）")
    args = parser.parse_args(argv)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    os.environ.pop("SOURCE_DATE_EPOCH", None)  # each community's own commit time, as on a server
    shutil.rmtree(OUT, ignore_errors=True)
    OUT.mkdir(parents=True)
    data, out, n = OUT / "data", OUT / "site", args.communities

    started = time.perf_counter()
    generate_street(data, n)
    print(f"generated {n} communities in {time.perf_counter() - started:.1f} s; --jobs {args.jobs}; "
          f"{os.cpu_count()} cores", flush=True)
    full, status, text = timed_build(data, out, args.jobs)
    assert status == 0, text[-3000:]
    full_peak = peak_mb()
    print(f"full build:            {full:8.1f} s  ({full / n:.2f} s per community)", flush=True)
    unchanged, status, text = timed_build(data, out, args.jobs)
    assert status == 0 and text.count("未变化，跳过") == n, text[-3000:]
    print(f"no-change rebuild:     {unchanged:8.2f} s  (target < {NO_CHANGE_TARGET:.0f} s: "
          f"{'met' if unchanged < NO_CHANGE_TARGET else 'NOT met'})", flush=True)
    slug = slug_of(max(1, n // 2))
    title = change_one_record(data, slug)
    one, status, text = timed_build(data, out, args.jobs)
    assert status == 0 and text.count("未变化，跳过") == n - 1, text[-3000:]
    assert title in (out / slug / "activities" / "2026" / "index.html").read_text(encoding="utf-8")
    print(f"one-record change:     {one:8.2f} s  until live, portal updated (target < {ONE_RECORD_TARGET:.0f} s: "
          f"{'met' if one < ONE_RECORD_TARGET else 'NOT met'})", flush=True)
    next_day, status, text = timed_build(data, out, args.jobs, NEXT_DAY)
    assert status == 0 and "未变化，跳过" not in text, text[-3000:]
    print(f"next day:              {next_day:8.1f} s  (the same records a day later: every community built again "
          f"for the date, its unchanged print sheets kept)", flush=True)
    print(f"peak memory:           {full_peak:8.0f} MB  (largest single process; at most {args.jobs} workers at once)")
    plain = plain_mkdocs(data, [slug_of(k) for k in range(1, min(n, PLAIN_SAMPLE) + 1)])
    print(f"plain mkdocs:          {plain:8.2f} s  per community (mean of {min(n, PLAIN_SAMPLE)}), "
          f"× {n} / {args.jobs} jobs = {plain * n / args.jobs:.1f} s if run in parallel like dangwu")
    print(f"ratio full build / plain MkDocs in parallel: {full / (plain * n / args.jobs):.2f}; "
          f"next day: {next_day / (plain * n / args.jobs):.2f}")
    size = sum(p.stat().st_size for p in (out / slug).resolve().rglob("*") if p.is_file())
    print(f"one community's site:  {size / 1e6:.1f} MB (no .map files)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
