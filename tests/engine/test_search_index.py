"""The search index written after MkDocs (generator/engine/search_index.py): one entry per record
with its anchor, only the text the page shows, short names of units, traditional characters."""
from __future__ import annotations

import json

from generator.engine import search_index

PAGE = """<html><body><nav>导航 不算</nav>
<article class="md-content__inner md-typeset">
<h1 id="2026年公示">2026年公示<a class="headerlink" href="#x" title="本段链接">#</a></h1>
<p>本页记录最后更新于 2026年11月23日</p>
<div class="dw-filter"><button>全部</button></div>
<div class="dw-record" id="n2026-13">
<h3>关于许春生同志预备期满拟按期转正的公示</h3>
<p>公示期：2026年11月18日 至 2026年11月26日</p><img src="a.png" alt="照片">
</div>
<h2 id="第二党支部">第二党支部</h2>
<p>党员 24 名</p>
<table><tbody>
<tr id="pj2026-01"><td>社区助餐点设备更新</td><td>公示</td><td>¥18,000.00</td></tr>
<tr id="f2026-5"><td>2026年1月20日</td><td>购买活动物资</td><td>¥1,380.87</td></tr>
</tbody></table>
<p>节后文字</p>
</article><footer>页脚 不算</footer></body></html>"""


def entries() -> dict[str, dict]:
    return {e["l"]: e for e in search_index.page_entries("notices/2026/", "2026年公示", PAGE)}


def test_every_record_is_an_entry_at_its_anchor():
    found = entries()
    assert list(found) == ["notices/2026/", "notices/2026/#n2026-13", "notices/2026/#第二党支部",
                           "notices/2026/#pj2026-01", "notices/2026/#f2026-5"]
    notice = found["notices/2026/#n2026-13"]
    assert notice["t"] == "关于许春生同志预备期满拟按期转正的公示"
    assert notice["x"] == "公示期：2026年11月18日 至 2026年11月26日"


def test_a_table_row_is_named_by_its_first_cell_or_its_date_and_summary():
    found = entries()
    assert found["notices/2026/#pj2026-01"]["t"] == "社区助餐点设备更新"
    assert found["notices/2026/#pj2026-01"]["x"] == "公示 ¥18,000.00"
    assert found["notices/2026/#f2026-5"]["t"] == "2026年1月20日 购买活动物资"


def test_only_what_the_page_shows_as_content_is_indexed():
    text = json.dumps(entries(), ensure_ascii=False)
    for hidden in ["导航", "页脚", "全部", "本段链接", "#\"", "照片"]:
        assert hidden not in text, hidden
    # Text after a table belongs to its section again, not to the last row.
    assert entries()["notices/2026/#第二党支部"]["x"] == "党员 24 名 节后文字"


def test_residents_short_names_of_units_lead_to_the_unit():
    aliases = search_index.unit_aliases(["第二党支部第一党小组开会", "第十二党支部"])
    assert aliases["二支部"] == aliases["2支部"] == aliases["第2党支部"] == "第二党支部"
    assert aliases["2支部1组"] == "第二党支部第一党小组"
    assert aliases["12支部"] == "第十二党支部"
    assert "第二党支部" not in aliases   # the full name needs none


def test_traditional_characters_fold_to_the_sites_simplified_ones():
    pairs = search_index.folding(["党费缴纳"])
    table = dict(zip(pairs[::2], pairs[1::2], strict=True))
    assert table["黨"] == "党" and table["費"] == "费" and table["繳"] == "缴"
    assert "務" not in table   # 务 is not on this site


def test_the_index_escapes_text_and_carries_the_sites_words(tmp_path):
    index = search_index.build_index([("", "首页", PAGE.replace("设备更新", "设备更新&lt;b&gt;"))])
    assert "社区助餐点设备更新&lt;b&gt;" in [d["t"] for d in index["docs"]]
    words = index["v"].split()
    assert "许春生" in words or "春生" in words
    assert "助餐" in words or "设备" in words
    assert {d["p"] for d in index["docs"]} == {0}


def test_materials_index_becomes_a_stub_and_ours_is_written(tmp_path):
    (tmp_path / "search").mkdir()
    (tmp_path / "notices" / "2026").mkdir(parents=True)
    (tmp_path / "notices" / "2026" / "index.html").write_text(PAGE, encoding="utf-8")
    material = {"config": {"lang": ["zh"], "separator": "[\\s]+"},
                "docs": [{"location": "notices/2026/", "title": "2026年公示", "text": "很长的正文" * 1000}]}
    (tmp_path / "search" / "search_index.json").write_text(json.dumps(material), encoding="utf-8")
    search_index.write(tmp_path, {"": 1.0, "notices/": 0.5})
    stub = json.loads((tmp_path / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert stub == {"config": material["config"], "docs": []}
    ours = json.loads((tmp_path / "search" / "dangwu_index.json").read_text(encoding="utf-8"))
    assert [d["l"] for d in ours["docs"]][:2] == ["notices/2026/", "notices/2026/#n2026-13"]
    assert ours["docs"][0]["w"] == 0.5 and "w" not in ours["docs"][1]   # the section's weight


def test_a_built_sites_words_keep_the_communitys_names_whole(tiny_site):
    """jieba cuts the site's words in a process of its own beside MkDocs (pipeline.community);
    the community's names must still reach it (jieba alone cuts 小园社区党支部 into 小园/社区/党支部)."""
    site = tiny_site().out / "xiaoyuan"
    index = json.loads((site / "search" / "dangwu_index.json").read_text(encoding="utf-8"))
    words = index["v"].split()
    assert "小园社区党支部" in words and "周玉兰" in words
    assert "社区" in words  # and the shorter words inside them, as jieba's search mode gives
    material = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert material["docs"] == []  # Material's own index is left a stub


def test_the_words_of_runs_are_jiebas_search_mode_with_the_user_dictionary(tmp_path):
    userdict = tmp_path / "userdict.txt"
    userdict.write_text("和平里社区党委 100000 n\n", encoding="utf-8")
    runs = search_index.distinct_runs(["和平里社区党委召开会议", "和平里社区党委召开会议。开会"])
    assert runs == ["和平里社区党委召开会议", "开会"]
    words = search_index.site_words(runs, userdict)
    assert "和平里社区党委" in words and "召开" in words and "开会" in words
