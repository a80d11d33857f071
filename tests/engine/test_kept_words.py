"""The site's words kept between builds (generator.engine.kept_words): the same words as jieba
with its whole dictionary gives, whether they come from the kept words, the kept part of the
dictionary, or the whole dictionary again."""
from __future__ import annotations

import json

from generator.engine import kept_words, search_index


def site_runs(tiny_site) -> list[str]:
    index = json.loads((tiny_site().out / "xiaoyuan" / "search" / "dangwu_index.json").read_text(encoding="utf-8"))
    return search_index.distinct_runs([f"{d['t']} {d['x']}" for d in index["docs"]])


def test_kept_words_are_the_words_of_the_whole_dictionary(tiny_site, tmp_path):
    runs = site_runs(tiny_site)
    userdict = tmp_path / "userdict.txt"
    userdict.write_text("小园社区党支部 100000 n\n周玉兰 100000 n\n", encoding="utf-8")
    whole = search_index.site_words(runs, userdict)
    assert "小园社区党支部" in whole and len(whole) > 100
    folder = tmp_path / "words"

    first, files = kept_words.site_words_kept(runs, userdict, folder)  # nothing kept: the whole dictionary
    assert first == whole and set(files) == {kept_words.WORDS, kept_words.DICTIONARY, kept_words.CHARACTERS}
    kept_words.keep(folder, files)

    again, files = kept_words.site_words_kept(runs, userdict, folder)  # every run's words kept
    assert again == whole and set(files) == {kept_words.WORDS}

    (folder / kept_words.WORDS).unlink()  # every run cut again, on the kept part of the dictionary
    from_part, files = kept_words.site_words_kept(runs, userdict, folder)
    assert from_part == whole and set(files) == {kept_words.WORDS}


def test_a_new_character_or_new_names_cut_again(tiny_site, tmp_path):
    runs = site_runs(tiny_site)
    userdict = tmp_path / "userdict.txt"
    userdict.write_text("周玉兰 100000 n\n", encoding="utf-8")
    folder = tmp_path / "words"
    kept_words.keep(folder, kept_words.site_words_kept(runs, userdict, folder)[1])

    more = [*runs, "鑫淼垚社区议事会"]  # characters the site never had: the whole dictionary again
    words, files = kept_words.site_words_kept(more, userdict, folder)
    assert words == search_index.site_words(more, userdict) and kept_words.DICTIONARY in files

    userdict.write_text("周玉兰 100000 n\n小园社区党支部 100000 n\n", encoding="utf-8")  # new names: every run again
    words, files = kept_words.site_words_kept(runs, userdict, folder)
    assert "小园社区党支部" in words and words == search_index.site_words(runs, userdict)


def test_the_whole_dictionary_is_loaded_ahead_only_when_the_pages_need_it(tiny_site, tmp_path):
    runs = site_runs(tiny_site)
    userdict = tmp_path / "userdict.txt"
    userdict.write_text("周玉兰 100000 n\n", encoding="utf-8")
    folder = tmp_path / "words"
    assert kept_words.needs_whole_dictionary(folder, None)  # a first build: nothing kept
    kept_words.keep(folder, kept_words.site_words_kept(runs, userdict, folder)[1])
    assert not kept_words.needs_whole_dictionary(folder, None)
    page = "# 活动\n\n<div class=\"dw-card\" id=\"a2026-0110\">" + runs[0] + "</div>\n"
    assert not kept_words.needs_whole_dictionary(folder, [page])  # markup is not cut: only Chinese counts
    assert kept_words.needs_whole_dictionary(folder, [page + "鑫淼垚"])
