"""The English site: every Korean page at the same path under en/, in English, with a language
switch and hreflang links to the same page, every figure formatted in English, and Korean
shown only where it is marked as Korean (an untranslated text, visibly; a name on purpose)."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from dataclasses import fields, is_dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from generator import budgets, model
from generator.budgets import split_won
from generator.locale import get as get_locale
from generator.locale.shown import FALLBACK, KOREAN, Shown, has_hangul
from generator.pipeline import check_folder
from generator.projection import project
from generator.site.pages import site_pages
from generator.view import markup
from generator.view.budget import budget_view
from generator.view.plan import plan_view

from .conftest import PLANS, ROOT, SEED
from .site_helpers import build, soup, text_of

KO, EN = get_locale("ko"), get_locale("en")
PLAN = "gwangjin-2016-job-operations"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


@pytest.fixture(scope="module")
def seed_build(tmp_path_factory):
    plans, site = build(SEED, tmp_path_factory.mktemp("seed-en"),
                        extra_files={f"pdf/{PLAN}.ko.pdf": b"%PDF-1.7 ko",
                                     f"pdf/{PLAN}.en.pdf": b"%PDF-1.7 en",
                                     f"data/{PLAN}.json": b"{}"})
    return plans[0], site


@pytest.fixture(scope="module")
def site(seed_build) -> Path:
    return seed_build[1]


STALE = "예비특구 준비사업 평가 및 본사업 심사"
"""A text of section 04 whose translation the partial fixture marks stale (fuzzy)."""


@pytest.fixture(scope="module")
def partial(tmp_path_factory) -> Path:
    """The seed with its first section's texts untranslated and one text of another section
    stale: a site that must show those in Korean, marked."""
    import io
    import shutil

    from babel.messages.pofile import read_po, write_po
    folder = tmp_path_factory.mktemp("partial") / PLAN
    shutil.copytree(SEED, folder)
    po = folder / "translations" / "en.po"
    catalog = read_po(io.BytesIO(po.read_bytes()))
    for message in catalog:
        if not message.id:
            continue
        places = [f for f, _ in message.locations]
        if places and all(f.startswith("sections/01-") for f in places):
            message.string = ""
        if message.id == STALE:
            message.flags.add("fuzzy")
    out = io.BytesIO()
    write_po(out, catalog)
    po.write_bytes(out.getvalue())
    _, site = build(folder, tmp_path_factory.mktemp("partial-site"))
    return site


@pytest.fixture(scope="module")
def cp(seed_build):
    return seed_build[0]


def korean_pages(site: Path) -> list[str]:
    """Every page of the Korean site, as a URL path from the root (``a/b/``)."""
    out = []
    for html in sorted(site.rglob("index.html")):
        rel = html.parent.relative_to(site).as_posix()
        if rel == "en" or rel.startswith("en/"):
            continue
        out.append("" if rel == "." else rel + "/")
    return out


def english_pages(site: Path) -> list[str]:
    return sorted(html.parent.relative_to(site / "en").as_posix().replace(".", "") + "/"
                  if html.parent != site / "en" else ""
                  for html in (site / "en").rglob("index.html"))


def all_pages(site: Path) -> list[str]:
    """Every page of both sites, from the root of the whole site."""
    return korean_pages(site) + ["en/" + p for p in korean_pages(site)]


def resolve(page: str, href: str) -> str:
    """An href on the page at ``page`` (a path from the site root) as a path from the root."""
    base = "http://site/"
    target = urlsplit(urljoin(base + page, href))
    assert target.netloc == "site", href
    return target.path[1:]


def outside_korean(node) -> list[str]:
    """Texts with Hangul under node that no ``lang="ko"`` element holds."""
    found = []
    for text in node.find_all(string=re.compile(r"[\uac00-\ud7a3\u3131-\u318e]")):
        if text.parent.name in ("script", "style", "title"):
            continue
        el = text.parent
        while el is not None and getattr(el, "name", None) != "[document]" \
                and not el.get("lang"):
            el = el.parent
        if el is None or el.name == "[document]" or el.get("lang") != "ko":
            found.append(f"<{text.parent.name}> {text.strip()[:60]}")
    return found


# -- pages -----------------------------------------------------------------------------------

def test_every_korean_page_has_an_english_page_at_the_same_path(site):
    ko = korean_pages(site)
    assert len(ko) >= 20 and f"{PLAN}/sections/local-job-target/" in ko
    en = {p for p in ko if (site / "en" / p / "index.html").is_file()}
    assert sorted(set(ko) - en) == []
    back = [p for p in (h.parent.relative_to(site / "en").as_posix()
                        for h in (site / "en").rglob("index.html"))]
    assert sorted((p + "/" if p != "." else "") for p in back) == sorted(ko), \
        "the English site has no page the Korean one lacks"


def test_each_site_is_in_its_language(site):
    for page in korean_pages(site):
        assert soup(site, page).html["lang"] == "ko", page
        en = soup(site, "en/" + page)
        assert en.html["lang"] == "en", page
    en_home = soup(site, "en/")
    assert text_of(en_home.find("header")).startswith("Annual work plans")
    menu = text_of(en_home.find("nav", class_="md-nav--primary"))
    for label in ("Home", "Organisations", "Downloads", "Help"):
        assert label in menu
    plan_menu = text_of(soup(site, "en/gwangjin-2016-job-operations/").find(
        "nav", class_="md-nav--primary"))  # a plan's own entries on its pages
    for label in ("Home", "Budget overview", "Check report", "Downloads", "Help"):
        assert label in plan_menu
    assert en_home.find("input", class_="md-search__input")["placeholder"] == "Search"


def test_english_docs_are_english_not_the_korean_shown_in_their_place(site):
    for page in ["guide/writing/", "guide/preview/", "guide/printing/", "reference/"]:
        page_soup = soup(site, "en/" + page)
        assert not page_soup.find(class_="ps-untranslated-page"), page
        assert not outside_korean(page_soup.find("body")), page


@pytest.mark.parametrize("which", ["seed", "partial"])
def test_visible_text_of_english_pages_is_english(which, site, partial):
    """Hangul only inside ``lang="ko"``: a Korean name beside its romanisation, or a text shown
    in Korean because it is not translated yet (then marked, see the next test)."""
    where = site if which == "seed" else partial
    problems = {}
    for page in korean_pages(where):
        found = outside_korean(soup(where, "en/" + page).find("body"))
        if found:
            problems[page] = found[:5]
    assert not problems


def test_untranslated_and_stale_texts_are_marked_for_eye_and_ear(partial):
    page = f"en/{PLAN}/sections/local-job-target/"
    art = soup(partial, page).find("article")
    marks = art.find_all(class_="ps-untranslated")
    assert len(marks) > 20
    assert "고용노동부 지역일자리 목표공시제" in {text_of(m) for m in marks}
    for span in marks:
        assert span.get("lang") == "ko"
        badge = span.find_next_sibling()
        assert badge is not None and "ps-badge" in badge.get("class", []), text_of(span)
        assert text_of(badge.find(class_="ps-sr")) == "(Korean only)"
        assert badge.find(attrs={"aria-hidden": "true"}).get_text() == "KO"
    # a timing printed 2016. 7 ~ 9월, not translated: the typed timing in English, not Korean
    whens = [text_of(w) for w in art.find_all(class_="ps-when")]
    assert "When: July–September 2016" in whens and "When: 6 times in all" in whens
    stale = soup(partial, f"en/{PLAN}/sections/social-economy-special-zone/").find("article")
    assert [text_of(s) for s in stale.find_all(class_="ps-untranslated")] == [STALE]
    other = soup(partial, f"en/{PLAN}/sections/seoul-hope-jobs/").find("article")
    assert not other.find(class_="ps-untranslated")
    # the menu and the table of contents mark it too (no badge there: the style marks it)
    toc = soup(partial, page).find("nav", class_="md-nav--secondary")
    assert toc.find("span", class_="ps-untranslated", lang="ko") is not None
    assert "Korean only" not in text_of(toc)
    for korean in korean_pages(partial):  # the Korean site marks nothing
        assert not soup(partial, korean).find(class_=re.compile("ps-untranslated|ps-badge"))


@pytest.mark.parametrize("which", ["seed", "partial"])
def test_every_english_plan_page_says_how_complete_its_translation_is(which, site, partial):
    site = site if which == "seed" else partial
    complete = 0
    for page in korean_pages(site):
        if not page.startswith(PLAN + "/"):
            continue
        art = soup(site, "en/" + page).find("article")
        status = art.find("p", class_="ps-translation")
        assert status is not None, page
        assert status.find_previous_sibling("h1") is not None, "it stands under the title"
        words = text_of(status)
        missing = {text_of(s) for s in art.find_all(class_="ps-untranslated")}
        if not missing:
            assert words.startswith("Translation: complete"), (page, words)
            complete += 1
            continue
        m = re.fullmatch(r"Translation: (\d+)% of the texts on this page are in English; "
                         r"the (\d+) shown in Korean are marked KO ?\.", words)
        assert m, (page, words)
        assert int(m.group(2)) == len(missing), page
        assert int(m.group(1)) < 100
        assert not soup(site, page).find(class_="ps-translation"), "not on Korean pages"
    # partial: the plan page lists the first section's steps too (the schedule chart's table)
    assert complete >= (15 if which == "seed" else 11)


def test_english_section_page_shows_the_section_in_english_words(cp, site):
    art = soup(site, f"en/{PLAN}/sections/local-job-target/").find("article")
    text = text_of(art)
    assert "Detailed plans 1 / 12" in text
    assert "January–December 2016" in text  # 사업기간 2016. 1. ~ 2016. 12., from its typed period
    assert "2016. 1." not in text


# -- figures ---------------------------------------------------------------------------------

def test_every_budget_figure_is_on_the_english_pages_in_english(cp, site):
    plan = cp.plan
    overview = budgets.budget_overview(plan)
    view = budget_view(plan, cp.results, EN)
    page = text_of(soup(site, f"en/{PLAN}/budget/").find("article"))
    assert f"(unit: {view.unit})" in page and view.unit == "KRW thousand"
    divisor = 1000
    for row in overview.rows:
        assert EN.number(row.won // divisor) in page, row.label
        for won in row.by_source.values():
            assert EN.number(won // divisor) in page
    for won in overview.by_source().values():
        assert EN.number(won // divisor) in page
    assert EN.number(overview.total // divisor) in page
    home = text_of(soup(site, "en/").find("article"))
    assert EN.thousand_won(overview.total) in home and "KRW" in EN.thousand_won(overview.total)
    # each project's budget on its section page, in English words (never 천원 / 백만원)
    for row in overview.rows:
        section = text_of(soup(site, f"en/{PLAN}/sections/{row.section.id}/").find("article"))
        assert EN.thousand_won(row.won) in section or EN.money(row.budget.amount) in section, \
            (row.section.id, EN.thousand_won(row.won))
        if row.budget.funding is not None and len(row.budget.funding.shares) > 1:
            by_source, _ = split_won(row.won, row.budget.funding)
            for won in by_source.values():
                assert EN.thousand_won(won) in section, (row.section.id, won)


def test_no_figure_is_printed_the_korean_way_outside_korean_passages(site):
    """Amounts and dates are written from the typed values in English (the check report,
    which shows what the plan printed beside what was checked, aside)."""
    korean_money = re.compile(r"\d(천원|만원|백만원|억원|원)")
    korean_date = re.compile(r"\b20\d\d\. \d{1,2}\.")
    for page in korean_pages(site):
        if page.endswith("/checks/"):
            continue
        body = soup(site, "en/" + page).find("article")
        for node in body.find_all(lang="ko"):
            node.decompose()
        text = text_of(body)
        assert not korean_money.search(text), (page, korean_money.search(text))
        assert not korean_date.search(text), (page, korean_date.search(text))


def test_dates_and_timings_in_english_on_the_plan_page(cp, site):
    page = text_of(soup(site, f"en/{PLAN}/").find("article"))
    assert "19 January 2016" in page  # 결재일자 2016. 1. 19.
    assert "January–December" in page  # the months column of the schedule grid
    assert "public to citizens" in page


# -- language switch, hreflang, sitemap ------------------------------------------------------

def _switch(site: Path, page: str) -> dict[str, str]:
    links = soup(site, page).find("div", class_="md-select").find_all("a")
    return {a["hreflang"]: resolve(page, a["href"]) for a in links}


def test_the_switch_on_every_page_links_to_the_same_page_in_the_other_language(site):
    for page in korean_pages(site):
        assert _switch(site, page) == {"ko": page, "en": "en/" + page}, page
        assert _switch(site, "en/" + page) == {"ko": page, "en": "en/" + page}, page
        names = {a["lang"]: a.get_text(strip=True)
                 for a in soup(site, "en/" + page).find("div", class_="md-select").find_all("a")}
        assert names == {"ko": "한국어", "en": "English"}


def _hreflang(site: Path, page: str) -> dict[str, str]:
    head = soup(site, page).find("head")
    return {link["hreflang"]: resolve(page, link["href"])
            for link in head.find_all("link", rel="alternate") if link.get("hreflang")}


def test_hreflang_pairs_are_symmetric(site):
    for page in all_pages(site):
        links = _hreflang(site, page)
        assert set(links) == {"ko", "en", "x-default"}, page
        assert page in (links["ko"], links["en"]), "each page names itself"
        for lang in ("ko", "en"):
            assert _hreflang(site, links[lang])["ko"] == links["ko"], (page, lang)
            assert _hreflang(site, links[lang])["en"] == links["en"], (page, lang)
        assert links["x-default"] == links["ko"]


def _sitemap(path: Path) -> dict[str, dict[str, str]]:
    root = ET.parse(path).getroot()
    out = {}
    for url in root.findall(f"{SITEMAP}url"):
        loc = url.find(f"{SITEMAP}loc").text
        out[loc] = {link.get("hreflang"): link.get("href")
                    for link in url.findall(f"{XHTML}link")}
    return out


def test_sitemaps_list_every_page_with_its_alternates(site):
    ko, en = _sitemap(site / "sitemap.xml"), _sitemap(site / "en" / "sitemap.xml")
    assert sorted(ko) == sorted("/" + p for p in korean_pages(site))
    assert sorted(en) == sorted("/en/" + p for p in korean_pages(site))
    for loc, alts in {**ko, **en}.items():
        assert set(alts) == {"ko", "en"}, loc
        assert loc in alts.values()
        for lang, href in alts.items():
            other = ko if lang == "ko" else en
            assert other[href] == alts, (loc, lang)
    text = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "site_url is not set" in text


def test_a_site_url_gives_full_addresses(tmp_path):
    from generator.build import build_moment, font_cache_dir
    from generator.site import SiteInput, build_site
    plans = [check_folder(PLANS / "valid" / "minimal")]
    url = "https://plans.example.go.kr/annual/"
    build_site(SiteInput(plans, [], build_moment(plans), font_cache_dir(tmp_path),
                         site_url=url), tmp_path / "site")
    site = tmp_path / "site"
    ko, en = _sitemap(site / "sitemap.xml"), _sitemap(site / "en" / "sitemap.xml")
    assert url in ko and url + "en/" in en
    assert ko[url] == {"ko": url, "en": url + "en/"} == en[url + "en/"]
    page = soup(site, "en/")
    assert page.find("link", rel="canonical")["href"] == url + "en/"
    assert {a["hreflang"]: a["href"] for a in page.find_all("link", rel="alternate")
            if a.get("hreflang")} == {"ko": url, "en": url + "en/", "x-default": url}
    assert "site_url is not set" not in (site / "sitemap.xml").read_text(encoding="utf-8")


def test_downloads_are_kept_once_and_linked_from_the_english_site(site):
    assert (site / "downloads" / "pdf" / f"{PLAN}.en.pdf").is_file()
    assert not (site / "en" / "downloads" / "pdf").exists()
    page = f"en/{PLAN}/"
    cover = soup(site, page).find(class_="ps-cover-pdf").find_all("a")
    targets = [resolve(page, a["href"]) for a in cover]
    assert targets[0] == f"downloads/pdf/{PLAN}.en.pdf", "the page's own language first"
    for a in soup(site, "en/downloads/").find("article").find_all("a", href=True):
        if a.has_attr("download"):
            assert (site / resolve("en/downloads/", a["href"])).is_file(), a["href"]


def test_english_search_splits_english_and_korean(site):
    index = json.loads((site / "en" / "search" / "search_index.json").read_text("utf-8"))
    korean = json.loads((site / "search" / "search_index.json").read_text("utf-8"))
    assert index["config"]["lang"] == ["en"]
    assert index["config"]["separator"] == korean["config"]["separator"]
    assert any("Detailed plans" in d["text"] or "Detailed plans" in d["title"]
               for d in index["docs"])


# -- the view: plan texts keep their marks on the way ----------------------------------------

def _strings(view, path="view"):
    if isinstance(view, str):
        yield path, view
    elif is_dataclass(view):
        for f in fields(view):
            yield from _strings(getattr(view, f.name), f"{path}.{f.name}")
    elif isinstance(view, (list, tuple)):
        for i, v in enumerate(view):
            yield from _strings(v, f"{path}[{i}]")


def test_english_views_hold_no_unmarked_korean(cp):
    """Every string of the English plan and budget views with Hangul in it knows which of its
    parts are Korean, so the site and the PDF can mark them."""
    plan = project(cp).plan
    for view in (plan_view(plan, EN), budget_view(plan, cp.results, EN)):
        for path, s in _strings(view):
            if not has_hangul(s) or path.endswith(".column.key"):  # a column's id, not shown
                continue
            assert isinstance(s, Shown), (path, s)
            for text, kind in s.parts:
                assert kind in (FALLBACK, KOREAN) or not has_hangul(text), (path, s.parts)


def test_translated_texts_read_in_english_and_korean_names_are_marked():
    name = model.Text.model_construct(ko="김형만", en="Kim Hyeong-man (김형만)")
    shown = EN.text(name)
    assert shown == "Kim Hyeong-man (김형만)"
    assert str(markup.html(shown, EN)) == 'Kim Hyeong-man (<span lang="ko">김형만</span>)'
    missing = model.Text.model_construct(ko="사업개요", en="")
    assert str(markup.html(EN.text(missing), EN)) == (
        '<span class="ps-untranslated" lang="ko">사업개요</span><span class="ps-badge">'
        '<span aria-hidden="true">KO</span><span class="ps-sr"> (Korean only)</span></span>')
    figure = model.Text.model_construct(ko="2016", en="")
    assert not EN.text(figure).untranslated, "a text with no Hangul needs no translation"
    assert KO.text(missing) == "사업개요" and type(KO.text(missing)) is str


def test_a_translated_page_says_so_and_marks_what_is_left():
    """With every text translated (as the catalog will do) no English plan page has a mark and
    each says its translation is complete; a text left out is marked where it is shown and
    counted on its page."""
    checked = check_folder(SEED)
    texts = [n for n in model.walk(checked.plan) if isinstance(n, model.Text)]
    for node in texts:
        node.en = f"EN {node.ko}" if has_hangul(node.ko) else ""
    pages = {p.src: p.markdown for p in site_pages([checked], lang="en").pages}
    for src, page in pages.items():
        assert "ps-untranslated" not in page, src
        if src.startswith(PLAN + "/"):
            assert "Translation: complete (" in page, src
    section = checked.plan.sections[0]
    section.title.en = ""
    pages = {p.src: p.markdown for p in site_pages([checked], lang="en").pages}
    page = pages[f"{PLAN}/sections/{section.id}.md"]
    assert page.count('class="ps-untranslated"') >= 1
    total = len({t.ko for t in texts})  # an upper bound of the page's texts
    m = re.search(r"Translation: (\d+)% of the texts on this page are in English; the 1 "
                  r"shown in Korean", page)
    assert m and 90 <= int(m.group(1)) < 100, page[:600]
    assert total
    assert "ps-untranslated" not in pages[f"{PLAN}/sections/{checked.plan.sections[1].id}.md"]


def test_korean_pages_are_unchanged_by_the_english_edition(cp):
    """The Korean Markdown has no mark and no translation line (its goldens pin the rest)."""
    for page in site_pages([cp]).pages:
        assert "ps-untranslated" not in page.markdown and "ps-translation" not in page.markdown


def test_english_reference_is_generated_from_the_code():
    from generator.reference import reference
    assert (ROOT / "docs" / "en" / "reference.md").read_text(encoding="utf-8") == \
        reference("en"), "run: .venv/bin/python -m generator.reference --lang en " \
                         "> docs/en/reference.md"
