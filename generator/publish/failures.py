"""What stops a community's site after its records passed: the output scans, MkDocs, writing to
disk. Problems with stable codes, like the checks' (``publish.csp`` registers its own
``unknown-inline-script`` beside its scan, ``render.printing.pending`` its ``print-sheets-failed``).

Each is placed where the clerk fixes it when that is known (the record's ``file:line`` that
holds a URL or personal data), else at the output file, else nowhere (``Problem.file`` empty:
the build itself failed). The words keep what a keeper of the server has always read.
"""
from __future__ import annotations

import errno

from generator.problems import Problem, messages

messages.add({
    "output-personal-data": (
        "输出文件 {output} 含有个人信息（{what} {masked}）",
        "the output file {output} contains personal data ({what_en} {masked})",
    ),
    "output-external-url": (
        "输出文件 {output} 从外部加载 {url}（<{tag}>）",
        "the output file {output} loads {url} from another site (<{tag}>)",
    ),
    "output-broken-link": (
        "输出文件 {output} 的链接 {url} 指向不存在的页面或锚点",
        "the output file {output} links to {url}, a page or anchor that does not exist",
    ),
    "engine-mkdocs-warning": ("MkDocs 警告：{warning}", "MkDocs warning: {warning}"),
    "engine-build-failed": ("构建失败：{error}", "the build failed: {error}"),
    "publish-disk-full": (
        "{where_zh}磁盘空间已满：请清理服务器磁盘（或加大空间）后重新运行。",
        "the disk is full {where_en}: free space on the server, then run again.",
    ),
    "publish-write-failed": (
        "{where_zh}出错（{error}）：请检查输出文件夹的权限和磁盘后重新运行。",
        "writing failed {where_en} ({error}): check the output folder's permissions and disk, then run again.",
    ),
})


def _placed(code: str, record: str | None, output: str, params: dict) -> Problem:
    """At the record's ``file:line`` when one holds what was found, else at the output file."""
    if record:
        file, _, line = record.rpartition(":")
        if file and line.isdigit():
            return Problem(code, file, int(line), 0, params={"output": output, **params})
    return Problem(code, output, 0, 0, params={"output": output, **params})


def personal_data(output: str, what: str, what_en: str, masked: str, source: str | None) -> Problem:
    """``source``: the record's ``file:line`` the guard traced the number to (then the problem
    stands there, which says more than the “（来源 …）” the text once ended with)."""
    return _placed("output-personal-data", source, output, {"what": what, "what_en": what_en, "masked": masked})


def external_url(output: str, url: str, tag: str, record: str | None) -> Problem:
    return _placed("output-external-url", record, output, {"url": url, "tag": tag})


def broken_link(output: str, url: str, record: str | None) -> Problem:
    return _placed("output-broken-link", record, output, {"url": url})


def mkdocs_warning(warning: str) -> Problem:
    return Problem("engine-mkdocs-warning", "", params={"warning": warning})


def build_failed(error: str) -> Problem:
    return Problem("engine-build-failed", "", params={"error": error})


def write_failed(exc: OSError) -> Problem:
    """A file-system error as the keeper of the server reads it (where, and what to do)."""
    where_zh = f"写入 {exc.filename} 时" if exc.filename else "写入文件时"
    where_en = f"writing {exc.filename}" if exc.filename else "writing a file"
    params = {"where_zh": where_zh, "where_en": where_en, "error": exc.strerror or str(exc)}
    full = exc.errno in (errno.ENOSPC, errno.EDQUOT)
    return Problem("publish-disk-full" if full else "publish-write-failed", "", params=params)
