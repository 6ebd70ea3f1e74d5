"""The site's search in headless Chromium, typed into the real search box of the built seed site:
Korean words found with their particles and inside compounds, noun phrases with or without their
space, Korean punctuation separating words, English stemmed, the check report and the reference
left out, plan pages first, each hit under its plan.  One negative query per rule."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from generator.search import korean
from .cdp import Browser
from .conftest import ROOT, SEED
from .site_helpers import CHROMIUM, build, served

PLAN = "gwangjin-2016-job-operations"
S = f"{PLAN}/sections/"
COOPERATIVES, ECOSYSTEM, FUNDING = S + "cooperatives/", S + "social-economy-ecosystem/", \
    S + "social-enterprise-funding/"
LECTURES, SPECIAL_ZONE, HOPE_JOBS = S + "youth-startup-lectures/", \
    S + "social-economy-special-zone/", S + "seoul-hope-jobs/"
PROCUREMENT, VILLAGE = S + "public-procurement/", S + "village-enterprises/"


@pytest.fixture(autouse=True)
def _needs_chromium():
    """make test names the package before it starts; a test never skips silently."""
    if CHROMIUM is None:
        pytest.fail("chromium is not installed: sudo apt-get install chromium")


@pytest.fixture(scope="module")
def seed_site(tmp_path_factory):
    return build(SEED, tmp_path_factory.mktemp("search-seed"))[1]


@pytest.fixture(scope="module")
def bracket_site(tmp_path_factory):
    """The seed with a law's name in 「」 and a note after ※, as other plans print them."""
    folder = tmp_path_factory.mktemp("search-brackets") / PLAN
    shutil.copytree(SEED, folder)
    path = folder / "sections" / "09-cooperatives.yaml"
    text = path.read_text(encoding="utf-8")
    assert "value: 협동조합 기본법(2012. 12. 1. 시행)" in text
    path.write_text(text.replace("value: 협동조합 기본법(2012. 12. 1. 시행)",
                                 "value: 「청년기본법」·「협동조합 기본법」※시행령 포함"),
                    encoding="utf-8")
    return build(folder, tmp_path_factory.mktemp("search-brackets-site"))[1]


WAIT = """
new Promise(resolve => {
  const meta = document.querySelector(".md-search-result__meta")
  const wrap = document.querySelector(".md-search__scrollwrap")
  const before = %s
  let last = null, stable = 0
  const start = Date.now()
  const tick = () => {
    wrap.scrollTop = wrap.scrollHeight  // Material renders more results on scrolling
    const items = [...document.querySelectorAll(".md-search-result__item")].map(li => ({
      href: li.querySelector("a").href,
      title: (li.querySelector("h1") || {}).textContent || "",
      tags: [...li.querySelectorAll("article:first-child .md-tag")].map(t => t.textContent),
      text: li.textContent
    }))
    const state = meta.textContent + JSON.stringify(items)
    if (state === last) stable++; else { stable = 0; last = state }
    if ((meta.textContent.trim() !== before && stable >= 5) || Date.now() - start > 20000)
      resolve({meta: meta.textContent.trim(), items})
    else setTimeout(tick, 100)
  }
  tick()
})
"""


class SearchBox:
    """The site's search box in a browser tab: type a query, read the results."""

    def __init__(self, browser: Browser, base: str, lang_root: str = ""):
        self.tab = browser.open()
        self.base = base + lang_root
        self.tab.goto(self.base)
        self.placeholder = self._meta_when_ready()

    def _meta_when_ready(self) -> str:
        return self.tab.evaluate("""new Promise(resolve => {
          const meta = document.querySelector(".md-search-result__meta")
          const first = meta.textContent.trim(), start = Date.now()
          document.querySelector(".md-search__input").focus()
          const tick = () => meta.textContent.trim() !== first || Date.now() - start > 20000
            ? resolve(meta.textContent.trim()) : setTimeout(tick, 100)
          tick()
        })""")

    def search(self, query: str) -> dict:
        """Type query into the search box (as an input method commits it) and wait for the
        results to settle: ``{"meta", "pages", "items"}``, pages being the paths found."""
        self.tab.evaluate("(() => { const el = document.querySelector('.md-search__input');"
                          " el.focus(); el.value = ''; el.dispatchEvent(new KeyboardEvent("
                          "'keyup')) })()")
        self.tab.send("Input.insertText", {"text": query})
        for kind in ("keyDown", "keyUp"):
            self.tab.send("Input.dispatchKeyEvent", {"type": kind, "key": "End", "code": "End",
                                                     "windowsVirtualKeyCode": 35})
        result = self.tab.evaluate(WAIT % json.dumps(self.placeholder))
        pages = []
        for item in result["items"]:
            path = item["href"].split("?")[0].split("#")[0]
            assert path.startswith(self.base), path
            pages.append(path[len(self.base):])
        result["pages"] = pages
        return result


@pytest.fixture(scope="module")
def browser():
    with Browser(timeout=90) as b:
        yield b


@pytest.fixture(scope="module")
def korean_box(seed_site, browser):
    with served(seed_site) as base:
        yield SearchBox(browser, base)


@pytest.fixture(scope="module")
def english_box(seed_site, browser):
    with served(seed_site) as base:
        yield SearchBox(browser, base, "en/")


@pytest.fixture(scope="module")
def bracket_box(bracket_site, browser):
    with served(bracket_site) as base:
        yield SearchBox(browser, base)


def found(box: SearchBox, query: str) -> set[str]:
    return set(box.search(query)["pages"])


# -- the cases --------------------------------------------------------------------------

def test_a_word_inside_a_compound_is_found(korean_box):
    """협동조합 finds ⑨, and ③ and ⑥ where it sits inside 사회적협동조합."""
    assert {COOPERATIVES, ECOSYSTEM, FUNDING} <= found(korean_box, "협동조합")


@pytest.mark.parametrize("query", ["협동조합의", "협동조합을"])
def test_a_query_with_a_particle_finds_what_the_noun_finds(korean_box, query):
    """협동조합의 (a form the text never uses) and 협동조합을 find what 협동조합 finds."""
    assert found(korean_box, query) == found(korean_box, "협동조합")


@pytest.mark.parametrize("query,pages", [
    ("특강", {LECTURES}),                       # inside 창업특강
    ("네트워크", {ECOSYSTEM, SPECIAL_ZONE}),      # the pages of 광진협동사회경제네트워크
    ("음브즈만", {HOPE_JOBS}),                   # inside 시민명예노동음브즈만
    ("제품", {PROCUREMENT}),                     # inside 사회적경제기업제품
    ("창업", {LECTURES}),                        # inside 사회적기업창업특강
])
def test_compound_parts(korean_box, query, pages):
    assert pages <= found(korean_box, query)


def test_a_noun_phrase_is_found_with_or_without_its_space(korean_box):
    """사회적기업육성법 finds ⑥ and ⑦, where it is printed 사회적기업 육성법; and the other way."""
    assert {FUNDING, PROCUREMENT} <= found(korean_box, "사회적기업육성법")
    assert {FUNDING, PROCUREMENT} <= found(korean_box, "육성법")


def test_the_sections_citing_a_law_with_or_without_its_space(korean_box):
    """기본법 finds the sections citing 협동조합기본법 (⑦) or 협동조합 기본법 (⑨)."""
    assert {PROCUREMENT, COOPERATIVES} <= found(korean_box, "기본법")
    assert {PROCUREMENT, COOPERATIVES} <= found(korean_box, "협동조합기본법")


def test_english_query_finds_the_english_pages(english_box):
    result = english_box.search("cooperatives")
    assert COOPERATIVES in result["pages"]
    assert all("/en/" in i["href"] for i in result["items"])


def test_english_words_are_stemmed(english_box):
    """fostering and fostered share the stem of Fostering cooperatives (⑨'s title)."""
    assert COOPERATIVES in found(english_box, "fostered")


def test_korean_passages_on_english_pages_are_found_by_their_terms(english_box):
    """The English pages print 광진협동사회경제네트워크 and 광진아이누리애사회적협동조합 in Korean."""
    assert {ECOSYSTEM, SPECIAL_ZONE} <= found(english_box, "네트워크")
    assert VILLAGE in found(english_box, "협동조합을")


# -- punctuation --------------------------------------------------------------------------------

def test_korean_punctuation_separates_words(bracket_box):
    """「청년기본법」 printed in brackets is found without them, and a query typed with them
    finds it too; the middle dot and ※ separate words as a space does."""
    assert COOPERATIVES in found(bracket_box, "청년기본법")
    assert COOPERATIVES in found(bracket_box, "「청년기본법」")
    assert COOPERATIVES in found(bracket_box, "시행령")


def test_the_configured_separator_is_the_vocabulary(seed_site):
    for index in (seed_site / "search" / "search_index.json",
                  seed_site / "en" / "search" / "search_index.json"):
        config = json.loads(index.read_text(encoding="utf-8"))["config"]
        assert config["separator"] == korean.SEPARATOR
        assert set(config["plansite"]["particles"]) == set(korean.PARTICLES)


# -- negatives: one per rule ----------------------------------------------------------------------

@pytest.mark.parametrize("query", [
    "청년수당",        # suffixes: no page holds it, inside a word or not
    "비행기를",        # particles: the noun left is nowhere either
    "법을",           # particles: a one-syllable noun keeps its particle (법 is in every law)
    "육성법제",        # noun phrases: joined only noun to noun, not into 제12조
])
def test_negative_korean_queries_find_nothing(korean_box, query):
    result = korean_box.search(query)
    assert result["pages"] == [], (query, result["pages"])


def test_a_middle_dot_does_not_glue_words(korean_box):
    """민·관 is two words: 민관 (never printed) finds nothing."""
    assert found(korean_box, "민관") == set()


def test_negative_english_stemming(english_box):
    assert found(english_box, "cooking") == set()


# -- what is searched, how it ranks and reads ----------------------------------------------------

def test_check_report_and_reference_are_left_out_but_reachable(korean_box, seed_site):
    """A rule name printed on the check report and in the reference finds neither; both pages
    are still built and in the menu."""
    checks = (seed_site / PLAN / "checks" / "index.html").read_text(encoding="utf-8")
    reference = (seed_site / "reference" / "index.html").read_text(encoding="utf-8")
    assert "date-in-plan-year" in checks and "date-in-plan-year" in reference
    pages = found(korean_box, "date-in-plan-year")
    assert not any(p.endswith("checks/") or p.startswith("reference/") for p in pages), pages
    home = (seed_site / "index.html").read_text(encoding="utf-8")
    assert f'href="{PLAN}/checks/"' in home and 'href="reference/"' in home


def test_plan_pages_rank_above_guide_pages(korean_box):
    result = korean_box.search("사업예산")
    kinds = ["plan" if p.startswith(PLAN) else "guide" if p.startswith("guide/") else "other"
             for p in result["pages"]]
    assert "plan" in kinds and "guide" in kinds, result["pages"]
    assert kinds.index("guide") > max(i for i, k in enumerate(kinds) if k == "plan"), kinds


def test_a_hit_shows_its_plan_and_section(korean_box):
    result = korean_box.search("음브즈만")
    item = next(i for i in result["items"] if HOPE_JOBS in i["href"])
    plan_title = "2016년 일자리운영팀 연간업무 추진계획"
    assert item["tags"] == [plan_title]
    assert "서울 희망일자리 만들기" in item["title"]  # the section, the page's title
    assert "음브즈만" in item["text"]  # the excerpt, with the word as printed
    assert korean.PUNCTUATION not in item["text"]


def test_terms_stay_out_of_the_excerpts(korean_box):
    """The joined phrase 사회적기업육성법 is a term of ⑦, which prints 사회적기업 육성법: the
    result shows what the page prints."""
    result = korean_box.search("사회적기업육성법")
    item = next(i for i in result["items"] if PROCUREMENT in i["href"])
    assert "사회적기업육성법" not in item["text"]
