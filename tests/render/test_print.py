"""The printed 公开栏 sheets: A4 PDFs in every public build and from `dangwu print`, as a clerk
pins them up and a resident reads them (rendered with poppler's pdftoppm/pdftotext, which
`make test` installs with the browser: an independent reader, not the PDF's producer)."""
from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import zxingcpp

from generator.checks import load_and_check
from generator.privacy import guard
from generator.render.pages.context import PageContext
from generator.render.printing import write_sheets
from tests.conftest import TODAY, edited_tiny, replace_in
from tests.pipeline.test_build import build, dangwu

ORG = "中共清河街道小园社区支部委员会"
RUNNING = "关于拟确定吴晓东同志为发展对象的公示"
NOTICE = """
  - id: n2026-02
    kind: 发展党员公示
    title: 关于拟确定吴晓东同志为发展对象的公示
    start: 2026-11-19
    end: 2026-11-25
    body: |
      经支部委员会研究，拟确定吴晓东同志为发展对象，现予公示。
    contact: "010-62001235"
    people: [吴晓东]
"""
# An ordinary member (masked on the public site) owns a commitment: the sheet must mask him too.
COMMITMENT = """
  - id: c2026-09
    owner: m004
    title: 每月到社区服务一次
    category: 为民服务
    made: 2026-01-15
    due: 2026-12-31
    baseline: 未到社区服务
    target: 全年到社区服务不少于 12 次
"""
# Enough small payments that the ledger runs onto a second page.
PAYMENTS = "".join(f"""
  - date: 2026-08-{day:02d}
    fund: service
    amount: "-10.00"
    category: 活动经费
    summary: 第{day}次楼门小额维修材料
    voucher: 记-1{day:02d}
    handler: 陈志远
    approver: 周玉兰
""" for day in range(1, 29))
MASKED_FULL_NAMES = ["王海涛", "周小明"]  # as the public site masks them: 王*涛, 周*明


def tiny_with_running_notice(root: Path) -> Path:
    community = edited_tiny(root, ("notices/2026.yml", "    people: [周小明]\n", "    people: [周小明]\n" + NOTICE),
                            ("finances/2026.yml", "\nchecks:\n", PAYMENTS + "checks:\n"))
    with (community / "commitments/2026.yml").open("a", encoding="utf-8") as stream:
        stream.write(COMMITMENT)
    return community.parents[1]


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> Path:
    return tiny_with_running_notice(tmp_path_factory.mktemp("printdata"))


@pytest.fixture(scope="module")
def site(data, tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("printbuild")
    result = build(data, work / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    return work / "site" / "xiaoyuan"


def pdfs(site: Path) -> list[Path]:
    return sorted((site / "print").glob("*.pdf"))


def pdf_text(pdf: Path, page: int | None = None) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return subprocess.run(["pdftotext", "-layout", *pages, str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


def pdf_pages(pdf: Path) -> list[str]:
    """Page sizes as pdfinfo gives them: "595.276 x 841.89" for A4."""
    info = subprocess.run(["pdfinfo", "-l", "99", str(pdf)], capture_output=True, text=True, check=True).stdout
    return re.findall(r"Page\s+\d+ size:\s+([\d.]+ x [\d.]+) pts", info)


def rendered_gray(pdf: Path, dpi: int, page: int = 1) -> tuple[bytes, int, int]:
    """Page ``page`` rendered by pdftoppm as 8-bit gray pixels: (pixels, width, height)."""
    raw = subprocess.run(["pdftoppm", "-gray", "-r", str(dpi), "-f", str(page), "-l", str(page), str(pdf)],
                         capture_output=True, check=True).stdout
    header = re.match(rb"P5\s+(\d+)\s+(\d+)\s+255\s", raw)
    assert header, raw[:20]
    width, height = int(header.group(1)), int(header.group(2))
    return raw[header.end():], width, height


def title_of(html: str) -> str:
    return re.search(r"<title>(.*?)</title>", html).group(1)


# --- the build ---------------------------------------------------------------------------------

def test_a_public_build_has_a_sheet_per_kind_of_item(site):
    names = [p.stem for p in pdfs(site)]
    assert names == sorted(["organization", "commitments-2026", "finances-2026-service",
                            "notice-n2026-02", "activities-2026-q4", "partners"])
    for pdf in pdfs(site):
        assert pdf.with_suffix(".html").is_file()


def test_every_sheet_is_a4_and_renders(site):
    for pdf in pdfs(site):
        assert pdf.read_bytes().startswith(b"%PDF-")
        sizes = pdf_pages(pdf)
        assert sizes and all(s == "595.276 x 841.89" for s in sizes), (pdf.name, sizes)
        pixels, width, height = rendered_gray(pdf, 36)
        assert (width, height) == (298, 421), pdf.name  # A4 at 36 dpi
        assert pixels.count(0) + sum(1 for b in pixels if b < 128) > 1000, f"{pdf.name} renders blank"


def test_sheet_text_has_title_organisation_and_supervision(site):
    for pdf in pdfs(site):
        text = pdf_text(pdf)
        title = title_of(pdf.with_suffix(".html").read_text(encoding="utf-8"))
        flat = re.sub(r"\s+", "", text)
        assert re.sub(r"\s+", "", title) in flat, pdf.name
        assert ORG in flat and "监督电话" in flat and "010-62001235" in flat and "意见箱" in flat
        assert "公开时间" in flat, pdf.name


def test_a_running_notice_prints_its_period_and_no_countdown(site):
    text = re.sub(r"\s+", "", pdf_text(site / "print" / "notice-n2026-02.pdf"))
    assert RUNNING in text
    assert "公示期：2026年11月19日至11月25日（共5个工作日）" in text
    assert "公开时间：2026年11月19日" in text  # the day it went up, also the 落款 date
    for pdf in pdfs(site):
        assert "还剩" not in pdf_text(pdf), pdf.name


def test_no_masked_person_is_printed_in_full(site):
    everything = "".join(pdf_text(pdf) for pdf in pdfs(site))
    for full in MASKED_FULL_NAMES:
        assert full not in everything
    assert "王*涛" in re.sub(r"\s+", "", pdf_text(site / "print" / "commitments-2026.pdf"))
    assert "吴晓东" in everything  # while his 公示 runs he is named, as on the site


def test_sheets_come_in_fixed_periodic_immediate_order(site):
    index = (site / "print" / "index.html").read_text(encoding="utf-8")
    headings = re.findall(r"<h2>(.*?)</h2>", index)
    assert headings == ["固定公开", "定期公开", "即时公开"]
    order = [re.search(rf'href="{name}\.pdf"', index).start()
             for name in ["organization", "commitments-2026", "finances-2026-service", "notice-n2026-02"]]
    assert order == sorted(order)
    assert "定期公开（每季度）" in pdf_text(site / "print" / "finances-2026-service.pdf")


def test_a_long_table_repeats_its_header_and_never_splits_a_row(site):
    pdf = site / "print" / "finances-2026-service.pdf"
    assert len(pdf_pages(pdf)) >= 2
    second = pdf_text(pdf, 2)
    assert "摘要" in second and "余额" in second  # the header row again
    assert "收支情况（续）" in second and "第2页共" in re.sub(r"\s+", "", second)
    for page in range(1, len(pdf_pages(pdf)) + 1):  # each row whole on one page: date and summary together
        lines = pdf_text(pdf, page)
        for day in re.findall(r"8月(\d+)日", lines):
            assert f"第{day}次楼门" in lines


def test_the_qr_code_holds_the_page_of_the_sheet(site):
    pixels, width, height = rendered_gray(site / "print" / "notice-n2026-02.pdf", 150)
    image = memoryview(pixels).cast("B", (height, width))
    found = [c.text for c in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)]
    assert found == ["notices/2026/#n2026-02"]  # no base_url: the site-relative path, as the kiosk


def test_body_type_is_at_least_16pt():
    css = (Path(__file__).resolve().parents[2] / "theme" / "print" / "sheet.css").read_text(encoding="utf-8")
    body = re.search(r"(?m)^body \{([^}]*)\}", css).group(1)
    assert re.search(r"font-size:\s*16pt", body)
    outside_page_margins = re.sub(r"@page[^{]*\{(?:[^{}]|\{[^}]*\})*\}", "", css)
    sizes = [float(s) for s in re.findall(r"font-size:\s*([\d.]+)pt", outside_page_margins)]
    assert sizes and min(sizes) >= 16
    assert not re.search(r"font-size:\s*[\d.]+(px|em|rem|%)", outside_page_margins)
    assert re.search(r"tr \{[^}]*break-inside: avoid", css)
    assert re.search(r"thead \{[^}]*display: table-header-group", css)


def test_sheets_are_published_checked_and_linked(site):
    manifest = json.loads((site / "manifest.json").read_text(encoding="utf-8"))["files"]
    for pdf in pdfs(site):
        assert f"print/{pdf.name}" in manifest and f"print/{pdf.stem}.html" in manifest
    assert "print/index.html" in manifest
    assert not [f for f in manifest if f.startswith("print/") and f.endswith(".j2")]  # theme copies removed
    assert 'href="../print/">打印公开栏</a>' in (site / "catalog" / "index.html").read_text(encoding="utf-8")
    index = (site / "print" / "index.html").read_text(encoding="utf-8")
    assert "<h1>打印公开栏</h1>" in index and 'href="partners.pdf">PDF（' in index


def test_sheet_html_loads_nothing_from_another_origin(site):
    for html in (site / "print").glob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert 'Content-Security-Policy' in text
        assert not re.search(r"""(src|href)=["'](https?:)?//""", text), html.name


# --- dangwu print ------------------------------------------------------------------------------

def test_dangwu_print_writes_the_sheets_and_says_where(data, tmp_path):
    result = dangwu("print", data, "--community", "xiaoyuan", "--today", "2026-11-23", "--out", tmp_path / "out",
                    cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    folder = tmp_path / "out" / "xiaoyuan"
    assert f"{folder}/notice-n2026-02.pdf  {RUNNING}（即时公开，" in result.stdout
    assert "完成：小园社区 6 张公开栏已生成到" in result.stdout
    assert len(list(folder.glob("*.pdf"))) == 6 and (folder / "index.html").is_file()
    assert 'href="../"' not in (folder / "index.html").read_text(encoding="utf-8")  # no site around it


def test_same_data_and_date_give_byte_identical_pdfs(data, tmp_path):
    for out in ("a", "b"):
        result = dangwu("print", data, "--today", "2026-11-23", "--out", tmp_path / out, cwd=tmp_path)
        assert result.returncode == 0, result.stdout + result.stderr
    first = {p.name: p.read_bytes() for p in (tmp_path / "a" / "xiaoyuan").glob("*.pdf")}
    second = {p.name: p.read_bytes() for p in (tmp_path / "b" / "xiaoyuan").glob("*.pdf")}
    assert first and first == second
    info = subprocess.run(["pdfinfo", str(tmp_path / "a" / "xiaoyuan" / "partners.pdf")], capture_output=True,
                          text=True, check=True).stdout
    assert re.search(r"CreationDate:\s+Mon Nov 23 00:00:00 2026", info)


def test_dangwu_print_refuses_records_with_errors(tmp_path):
    community = edited_tiny(tmp_path, ("finances/2026.yml", 'amount: "10000.00"', 'amount: "1,0000"'))
    result = dangwu("print", community.parents[1], "--today", "2026-11-23", "--out", tmp_path / "out", cwd=tmp_path)
    assert result.returncode == 1
    assert "finances/2026.yml:" in result.stdout and "没有生成公开栏" in result.stdout
    assert not (tmp_path / "out" / "xiaoyuan").exists()


def test_dangwu_print_names_an_unknown_community(data, tmp_path):
    result = dangwu("print", data, "--community", "nowhere", "--out", tmp_path / "out", cwd=tmp_path)
    assert result.returncode == 1 and "nowhere" in result.stdout


# --- pieces ------------------------------------------------------------------------------------

def test_the_guard_reads_a_printed_pdf_through_its_html(tmp_path):
    (tmp_path / "sheet.pdf").write_bytes(b"%PDF-1.7\n\x00\x01 compressed glyph codes")
    (tmp_path / "sheet.html").write_text("<p>联系人手机 13912345678</p>", encoding="utf-8")
    found = guard.scan_output(tmp_path, frozenset())
    assert {(f.file, f.finding.kind) for f in found} == {("sheet.pdf", "mobile"), ("sheet.html", "mobile")}


def test_a_members_build_prints_no_sheets(data, tmp_path):
    communities, _ = load_and_check(data, ["xiaoyuan"], TODAY)
    folder = tmp_path / "print"
    folder.mkdir()
    (folder / "sheet.html.j2").write_text("copied by MkDocs", encoding="utf-8")
    assert write_sheets(folder, PageContext(communities[0], TODAY, "members")) == []
    assert not folder.exists()



def test_without_a_chinese_font_nothing_is_printed_and_the_clerk_is_told_why(data, tmp_path, monkeypatch, capsys):
    from generator.cli import main
    from generator.render.printing import render

    monkeypatch.setattr(render, "cjk_font_missing", lambda: True)
    code = main(["print", str(data), "--today", "2026-11-23", "--out", str(tmp_path / "out")])
    out = capsys.readouterr().out
    assert code == 1
    assert "xiaoyuan：没有找到中文字体" in out and "fonts-noto-cjk" in out and "make install" in out
    assert not (tmp_path / "out" / "xiaoyuan").exists() and not (tmp_path / "out" / ".xiaoyuan.printing").exists()


# --- kept PDFs and the process of their own ------------------------------------------------------

@pytest.fixture
def render_log(tmp_path, monkeypatch):
    """The names of the sheets WeasyPrint renders, whatever process renders them (the build's
    workers and their sheet renderer are forked from this one, so they run this wrapper too)."""
    from generator.render.printing import render

    log = tmp_path / "rendered.log"
    real = render.render_pdfs

    def logged(htmls):
        with open(log, "a", encoding="utf-8") as stream:
            stream.write("".join(f"{name}\n" for name in htmls))
        return real(htmls)

    monkeypatch.setattr(render, "render_pdfs", logged)
    monkeypatch.chdir(tmp_path)

    def taken() -> list[str]:
        names = log.read_text(encoding="utf-8").split() if log.exists() else []
        log.unlink(missing_ok=True)
        return sorted(names)
    return taken


def build_here(data: Path, out: Path, capsys, today: str = "2026-11-23") -> tuple[int, str]:
    from generator.cli import main

    code = main(["build", str(data), "--out", str(out), "--today", today])
    return code, capsys.readouterr().out


def dates_on(folder: Path) -> dict[str, str]:
    """Each sheet's 公开时间, as its HTML shows it."""
    return {p.stem: re.search(r"公开时间：([^<]+)<", p.read_text(encoding="utf-8")).group(1)
            for p in folder.glob("*.html") if p.name != "index.html"}


def published_pdfs(out: Path) -> dict[str, bytes]:
    return {p.stem: p.read_bytes() for p in pdfs(out / "xiaoyuan")}


def test_a_rebuild_renders_only_the_sheets_whose_records_changed(data, tmp_path, render_log, capsys):
    data = shutil.copytree(data, tmp_path / "data")
    out = tmp_path / "site"
    code, said = build_here(data, out, capsys)
    assert code == 0, said
    first = published_pdfs(out)
    assert render_log() == sorted(first) and len(first) == 6

    (out / "xiaoyuan").unlink()  # nothing live: the same records are built again, beside the same cache
    code, said = build_here(data, out, capsys)
    assert code == 0, said
    assert render_log() == []  # every PDF taken from the cache, none rendered
    assert published_pdfs(out) == first  # byte for byte

    replace_in(data / "communities" / "xiaoyuan" / "notices" / "2026.yml", "为发展对象，现予公示。",
               "为发展对象，现予公示，欢迎监督。")
    code, said = build_here(data, out, capsys)
    assert code == 0, said
    assert render_log() == ["notice-n2026-02"]
    now = published_pdfs(out)
    assert "欢迎监督" in re.sub(r"\s+", "", pdf_text(out / "xiaoyuan" / "print" / "notice-n2026-02.pdf"))
    assert {n for n in now if now[n] != first[n]} == {"notice-n2026-02"}


def test_a_sheet_keeps_the_day_its_content_went_up(data, tmp_path, render_log, capsys):
    """公开时间 is the day a sheet's content was published, not the day of each build: the next
    day's build renders no PDF again, and a reprint matches the copy on the wall."""
    data = shutil.copytree(data, tmp_path / "data")
    out = tmp_path / "site"
    assert build_here(data, out, capsys, "2026-11-23")[0] == 0
    render_log()
    first = published_pdfs(out)

    code, said = build_here(data, out, capsys, "2026-11-24")
    assert code == 0, said
    assert render_log() == []
    assert published_pdfs(out) == first
    dates = dates_on(out / "xiaoyuan" / "print")
    assert dates["organization"] == dates["commitments-2026"] == "2026年11月23日"
    assert dates["notice-n2026-02"] == "2026年11月19日"  # a 公示: the day it went up, as always

    replace_in(data / "communities/xiaoyuan/commitments/2026.yml", "每月到社区服务一次", "每月到社区服务两次")
    code, said = build_here(data, out, capsys, "2026-11-25")
    assert code == 0, said
    assert render_log() == ["commitments-2026"]
    now = dates_on(out / "xiaoyuan" / "print")
    assert now.pop("commitments-2026") == "2026年11月25日"
    assert now == {name: day for name, day in dates.items() if name != "commitments-2026"}
    sheet = (out / "xiaoyuan" / "print" / "commitments-2026.html").read_text(encoding="utf-8")
    assert '<meta name="dcterms.created" content="2026-11-25">' in sheet


def test_dangwu_print_keeps_the_date_of_an_unchanged_sheet(data, tmp_path):
    for today in ("2026-11-23", "2026-11-24"):
        result = dangwu("print", data, "--community", "xiaoyuan", "--today", today, "--out", tmp_path / "out",
                        cwd=tmp_path)
        assert result.returncode == 0, result.stdout + result.stderr
    assert dates_on(tmp_path / "out" / "xiaoyuan")["partners"] == "2026年11月23日"
    info = subprocess.run(["pdfinfo", str(tmp_path / "out" / "xiaoyuan" / "partners.pdf")], capture_output=True,
                          text=True, check=True).stdout
    assert re.search(r"ModDate:\s+Mon Nov 23 00:00:00 2026", info)


def layout_fails(html, font_config=None):
    raise ValueError("版面排不下")


def renderer_dies(html, font_config=None):
    os.kill(os.getpid(), signal.SIGKILL)  # as the kernel ends a process out of memory


@pytest.mark.parametrize("failure, reason", [(layout_fails, "ValueError: 版面排不下"),
                                             (renderer_dies, "生成 PDF 的进程意外结束（信号 9）")])
def test_a_failing_pdf_fails_the_build_and_publishes_nothing(data, tmp_path, monkeypatch, capsys, failure, reason):
    from generator.render.printing import render

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(render, "pdf_bytes", failure)
    code, said = build_here(data, tmp_path / "site", capsys)
    assert code == 1
    assert "[xiaoyuan] print-sheets-failed 公开栏的打印版 PDF 没有生成（组织概况和班子分工、2026年公开承诺践诺情况、" in said
    assert f"：{reason}。为免张贴的公开栏缺页或过期，这个社区这次没有发布。" in said
    assert "xiaoyuan 小园社区：失败" in said
    assert not (tmp_path / "site" / "xiaoyuan").exists()


def test_a_pdf_depends_on_its_html_not_on_the_build_clock(site):
    """Why the PDF cache's key leaves SOURCE_DATE_EPOCH out (a build sets it to the community's
    last commit): the published sheet's HTML rendered under another epoch, and under none, gives
    the very bytes that were published."""
    html = (site / "print" / "partners.html").read_text(encoding="utf-8")
    script = "import sys; from generator.render.printing import render; sys.stdout.buffer.write(render.pdf_bytes(sys.stdin.read()))"
    clean = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    for env in ({**clean, "SOURCE_DATE_EPOCH": "1600000000"}, clean):
        made = subprocess.run([sys.executable, "-c", script], input=html.encode(), capture_output=True, check=True,
                              env=env, cwd=Path(__file__).resolve().parents[2]).stdout
        assert made.startswith(b"%PDF-") and made == (site / "print" / "partners.pdf").read_bytes()


def test_a_relative_link_in_a_sheet_never_puts_a_server_path_into_the_pdf(tmp_path):
    """A clerk's relative link (``[附件](../data/…)`` in a 公示) would resolve against the
    theme folder on this server: the PDF keeps the words, and only links a reader can follow."""
    from generator.render.printing.render import pdf_bytes

    html = ('<html lang="zh-CN"><body><p><a href="../data/notices.csv">附件：名单</a>'
            '<a href="https://www.example.gov.cn/">区政府网站</a><a href="#top">回到顶部</a></p></body></html>')
    pdf = tmp_path / "sheet.pdf"
    pdf.write_bytes(pdf_bytes(html))
    urls = subprocess.run(["pdfinfo", "-url", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "https://www.example.gov.cn/" in urls
    assert "file:" not in urls and "theme" not in urls
    assert "附件：名单" in subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
