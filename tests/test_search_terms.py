"""The search terms generator and the index it feeds, without a browser (tests/test_site_search.py
types into the built site's search box)."""

from __future__ import annotations

import json

from generator.search import korean, site_terms
from generator.search import lunr as engine
from generator.search.terms import MecabAnalyser, TermMaker, noun_phrases, suffixes, words


def test_korean_punctuation_separates_words():
    assert words("「청년기본법」·『연감』 ※시행령 ○사업 □개요 ’16. 민·관") == \
        ["청년기본법", "연감", "시행령", "사업", "개요", "16.", "민", "관"]
    assert words("협동조합 기본법(2012. 12. 1. 시행)") == \
        ["협동조합", "기본법", "2012.", "12.", "1.", "시행"]


def test_suffixes_from_each_syllable_keep_two():
    assert suffixes("청년창업지원센터") == ["년창업지원센터", "창업지원센터", "업지원센터",
                                         "지원센터", "원센터", "센터"]
    assert suffixes("협동") == []


def test_suffix_terms_leave_out_what_a_prefix_search_finds_anyway():
    maker = TermMaker()
    terms = maker.terms("사회적협동조합 협동조합을 지원")
    assert "협동조합" not in terms  # 협동조합을 is a word: its beginning finds 협동조합
    assert "회적협동조합" in terms and "조합" not in terms  # 조합 begins 조합을, a term
    assert terms == sorted(terms) and "협동조합을" not in terms  # a word of the text


def test_noun_phrases_printed_over_two_words_are_joined():
    maker = TermMaker(MecabAnalyser(), suffixes=False)
    assert maker.terms("사회적기업 육성법 제12조") == ["사회적기업육성법"]
    assert maker.terms("협동조합 기본법(2012. 12. 1. 시행)") == ["협동조합기본법"]
    assert "사회적기업창업특강" in maker.terms("사회적기업 창업특강을 연다")


def test_no_phrase_across_punctuation_a_line_or_a_particle():
    maker = TermMaker(MecabAnalyser(), suffixes=False)
    assert maker.terms("사회적기업, 육성법") == []
    assert maker.terms("사회적기업\n육성법") == []
    assert maker.terms("사회적기업을 육성법") == []


def test_the_site_terms_are_the_analysers_only():
    """The suffixes are the browser's (the search worker makes them from the same rule)."""
    maker = site_terms()
    assert maker.suffixes is False and maker.analyser.name == "mecab-ko"
    assert site_terms() is maker


def test_compound_parts_begin_words_too():
    analyser = MecabAnalyser()
    parts = [(m.surface, m.start) for m in analyser.morphemes("협동조합 기본법")]
    assert ("협동", 0) in parts and ("조합", 2) in parts and ("기본", 5) in parts
    assert noun_phrases("협동조합 기본법", analyser.morphemes("협동조합 기본법")) == \
        [("협동조합기본법", [0, 2])]


def test_page_search_meta():
    assert engine.page_search_meta("p/checks.md", True) == {"exclude": True}
    assert engine.page_search_meta("reference.md", False) == {"exclude": True}
    assert engine.page_search_meta("p/sections/a.md", True) == {"boost": engine.PLAN_BOOST}
    assert engine.page_search_meta("guide/writing.md", False) == {}
    assert engine.page_search_meta("p/checks.md", True, excluded=()) == {"boost": 2}


def test_vocabulary_tries_the_longest_particle_first():
    particles = engine.vocabulary()["particles"]
    assert set(particles) == set(korean.PARTICLES)
    assert [len(p) for p in particles] == sorted((len(p) for p in particles), reverse=True)


def _index(tmp_path):
    (tmp_path / "search").mkdir(exist_ok=True)
    index = {"config": {"lang": ["ko"], "separator": korean.SEPARATOR, "pipeline": [" "],
                        "fields": {"title": {"boost": 1e3}, "text": {"boost": 1.0},
                                   "tags": {"boost": 1e6}}},
             "docs": [{"location": "p/sections/a/", "title": "사회적기업 육성법",
                       "text": "<p>사회적기업 육성법 제12조</p>"},
                      {"location": "p/sections/a/#x", "title": "개요", "text": "협동조합"}]}
    (tmp_path / "search" / "search_index.json").write_text(json.dumps(index), encoding="utf-8")
    return tmp_path / "search" / "search_index.json"


def test_the_index_gets_terms_tags_and_the_vocabulary_in_the_same_bytes(tmp_path):
    path = _index(tmp_path)
    done = engine.add_terms(tmp_path, site_terms(), {"p/sections/a/": ["계획"]})
    first = path.read_bytes()
    assert done == {"entries": 2, "with_terms": 1, "terms": 1}
    index = json.loads(first)
    assert index["config"]["fields"] == {"terms": {"boost": engine.TERMS_BOOST},
                                         "text": {"boost": 1.0}, "title": {"boost": 1e3}}
    assert index["config"]["plansite"] == engine.vocabulary()
    page, section = index["docs"]
    assert page["terms"] == "사회적기업육성법" and page["tags"] == ["계획"]
    assert "terms" not in section and "tags" not in section
    assert "\\u" not in first.decode("utf-8")  # Hangul as UTF-8, not escaped
    assert list(index) == sorted(index) and list(page) == sorted(page)
    _index(tmp_path)
    engine.add_terms(tmp_path, site_terms(), {"p/sections/a/": ["계획"]})
    assert path.read_bytes() == first


def test_tags_are_escaped_as_the_index_holds_html(tmp_path):
    path = _index(tmp_path)
    engine.add_terms(tmp_path, site_terms(), {"p/sections/a/": ["<img src=x onerror=alert(1)>"]})
    assert json.loads(path.read_text("utf-8"))["docs"][0]["tags"] == \
        ["&lt;img src=x onerror=alert(1)&gt;"]
