"""The seed's site, built once: every section, table and figure is on its page, accessibly."""

from __future__ import annotations

import hashlib
import json
import re
from datetime import date
from pathlib import Path

import pytest

from generator import budgets, model
from generator.locale import get as get_locale
from generator.locale.formats import circled
from generator.checks.base import RULES
from generator.site.pages import page_url, site_pages

from .conftest import SEED
from .site_helpers import article, build, norm, soup, text_of

KO = get_locale("ko")

PLAN = "gwangjin-2016-job-operations"


@pytest.fixture(scope="module")
def seed_build(tmp_path_factory):
    plans, site = build(SEED, tmp_path_factory.mktemp("seed"))
    return plans[0], site


@pytest.fixture(scope="module")
def site(seed_build):
    return seed_build[1]


@pytest.fixture(scope="module")
def cp(seed_build):
    return seed_build[0]


def section_url(section) -> str:
    return f"{PLAN}/sections/{section.id}/"


def texts(node) -> list[str]:
    """Every Korean text of a model node, in document order (date cells as the site prints
    them: ``2013-11-01`` → ``2013. 11. 1.``)."""
    out = []
    for t in model.walk(node):
        if isinstance(t, model.Text):
            iso = re.fullmatch(r"\d{4}-\d{2}-\d{2}", t.ko)
            out.append(KO.day(date.fromisoformat(t.ko)) if iso else t.ko)
    return out


def test_every_generated_page_is_built(cp, site):
    for page in site_pages([cp]).pages:
        url = page_url(page.src)
        html = site / url / "index.html" if url else site / "index.html"
        assert html.is_file(), page.src


def test_all_twelve_sections_have_pages_in_order(cp, site):
    plan = cp.plan
    assert len(plan.sections) == 12
    for i, section in enumerate(plan.sections):
        h1 = article(site, section_url(section)).find("h1")
        assert text_of(h1) == f"{circled(i + 1)} {section.title.ko}"


def test_every_text_of_every_section_is_on_its_page(cp, site):
    for section in cp.plan.sections:
        page = norm(text_of(article(site, section_url(section))))
        for t in texts(section):
            assert norm(t) in page, (section.id, t)


def test_every_part_is_a_heading(cp, site):
    for section in cp.plan.sections:
        h2 = [text_of(h) for h in article(site, section_url(section)).find_all("h2")]
        assert [h.split(" : ")[0] for h in h2] == [p.title.ko for p in section.parts]


def test_every_table_is_on_its_page_with_caption_and_header_cells(cp, site):
    total = 0
    for section in cp.plan.sections:
        blocks = [b for p in section.parts for b in p.blocks
                  if isinstance(b, (model.TableBlock, model.TargetsBlock))]
        tables = article(site, section_url(section)).find_all("table")
        assert len(tables) == len(blocks), section.id
        for block, table in zip(blocks, tables):
            total += 1
            assert block.caption.ko in text_of(table.caption)
            if block.unit:
                assert f"(단위 : {block.unit})" in text_of(table.caption)
            heads = [text_of(th) for th in table.thead.find_all("th")]
            if isinstance(block, model.TableBlock):
                assert heads == [c.label.ko for c in block.columns]
                assert len(table.tbody.find_all("tr")) == len(block.rows)
            else:
                assert heads == [block.first_label.ko, block.total_label.ko, *block.years]
    assert total == 5  # targets ①, network ③, funding ⑥, village enterprises ⑧, budget ⑪


def test_figures_of_the_seed_are_shown(site):
    def page(url):
        return text_of(article(site, url))
    s1 = page(f"{PLAN}/sections/local-job-target/")
    for figure in ["56,000", "7,005", "10,000", "14,000", "10,995"]:
        assert figure in s1
    s11 = page(f"{PLAN}/sections/incubating/")
    for figure in ["13,420", "7,670", "3,000", "2,350", "400"]:
        assert figure in s11
    s8 = page(f"{PLAN}/sections/village-enterprises/")
    for figure in ["52,369천원", "70,158천원", "74,254천원", "2013. 11. 1.", "100백만원"]:
        assert figure in s8
    s6 = page(f"{PLAN}/sections/social-enterprise-funding/")
    for figure in ["국비 75 : 시비 25", "전액 국비", "219,776천원", "110,000천원"]:
        assert figure in s6


def test_funding_splits_are_shown_in_won(site):
    s8 = text_of(article(site, f"{PLAN}/sections/village-enterprises/"))
    assert "국:시:구=50:25:25" in s8
    assert "재원 구성 국비 50%, 50,000천원 · 시비 25%, 25,000천원 · 구비 25%, 25,000천원" in s8


def test_schedules_show_what_and_when(cp, site):
    for section in cp.plan.sections:
        page = article(site, section_url(section))
        for part in section.parts:
            for block in part.blocks:
                if not isinstance(block, model.ScheduleBlock):
                    continue
                shown = [norm(li.find(class_="ps-when").get_text())
                         for li in page.select(".ps-schedule li") if li.find(class_="ps-when")]
                for item in model.walk(block):
                    if isinstance(item, model.ScheduleItem) and item.when_shown and item.when:
                        assert "시기: " + KO.schedule_when(item) in shown


def test_plan_page_has_header_approval_vision_goals(cp, site):
    plan = cp.plan
    page = article(site, f"{PLAN}/")
    text = text_of(page)
    assert text_of(page.find("h1")) == plan.title.ko
    for value in ["일자리경제과-2685", "2016. 1. 19.", "대시민공개", "구청장 방침 제79호",
                  plan.vision.ko, *[g.ko for g in plan.goals], plan.cover.subtitle.ko]:
        assert value in text
    approval = page.find("table", class_="ps-approval")
    assert approval.caption is not None
    roles = [text_of(th) for th in approval.thead.find_all("th")]
    assert roles == [a.role.ko for a in plan.approval]
    names = text_of(approval.tbody.find("tr"))
    for a in plan.approval:
        assert a.name.ko in names
    assert "김기동 (01/19)" in names
    assert "협조 없음" in text_of(approval)


def test_month_grid_reads_without_colour_or_squares(cp, site):
    grid = article(site, f"{PLAN}/").find("table", class_="ps-grid")
    assert grid.caption and "주요업무 추진일정표" in text_of(grid.caption)
    rows = grid.select("tbody tr")
    expected = list(model.schedule_rows(cp.plan))
    assert len(rows) == len(expected) == 13
    for tr, (group, row) in zip(rows, expected):
        assert text_of(tr.find("th", scope="row")) == row.name.ko
        assert text_of(tr.find("td", class_="ps-period")) == KO.month_set(row.months)
        on = tr.find_all("td", class_="ps-on")
        assert len(on) == len(row.months)
        for cell in on:
            assert cell.find(class_="ps-sr").get_text() == "추진"
            assert cell.find(attrs={"aria-hidden": "true"}).get_text() == "■"
    youth = [tr for tr in rows if "창업특강" in text_of(tr)][0]
    assert text_of(youth.find("td", class_="ps-period")) == "10·11월"
    groups = grid.find_all("th", scope="rowgroup")
    assert [text_of(g) for g in groups] == [g.unit.ko for g in cp.plan.summary_schedule.groups]


def test_home_lists_plans_with_key_figures(site):
    home = text_of(article(site, ""))
    for fact in ["2016년 일자리운영팀 연간업무 추진계획", "사업 12개", "단위업무 10개",
                 "총 예산 319,420천원", "비예산 사업 2개", "결재일자 2016. 1. 19.",
                 "문서번호 일자리경제과-2685"]:
        assert fact in home


def test_budget_overview_gathers_every_budget_in_one_unit(cp, site):
    page = article(site, f"{PLAN}/budget/")
    table = page.find("table", class_="ps-budget-table")
    assert "(단위 : 천원)" in text_of(table.caption)
    overview = budgets.budget_overview(cp.plan)
    assert len(table.tbody.find_all("tr")) == len(overview.rows) == 5
    heads = [text_of(th) for th in table.thead.find_all("th")]
    assert heads == ["사업", "항목", "예산 표기", "금액", "국비", "시비", "구비", "미지정"]
    foot = [text_of(c) for c in table.tfoot.find_all(["th", "td"])]
    assert foot == ["계", "319,420", "50,000", "38,420", "31,000", "200,000"]
    # the derived figures add up: every row's sources sum to its amount, sources to the total
    for tr in table.tbody.find_all("tr"):
        cells = [text_of(td) for td in tr.find_all("td")]
        amount = int(cells[2].replace(",", ""))
        parts = [int(c.replace(",", "")) for c in cells[3:] if c[0].isdigit()]
        assert sum(parts) == amount
    assert 50_000 + 38_420 + 31_000 + 200_000 == 319_420
    checks = page.select(".ps-verify li")
    assert checks and all("ps-ok" in li["class"] for li in checks)
    unbudgeted = text_of(page.find("h2", id="unbudgeted").find_next("ul"))
    assert "⑦ 사회적경제기업제품 공공구매 활성화" in unbudgeted
    assert "⑫ 사회적경제 청년 서포터즈 운영" in unbudgeted


def test_check_report_groups_results_by_rule(cp, site):
    page = article(site, f"{PLAN}/checks/")
    tables = page.find_all("table", class_="ps-results")
    rules = list(dict.fromkeys(r.rule for r in cp.results))
    assert len(tables) == len(rules)
    h3 = [text_of(h) for h in page.find_all("h3")]
    for rid, heading in zip([r for r in RULES if r in rules], h3):
        assert heading == f"{rid} — {RULES[rid].title}"
    rows = sum(len(t.tbody.find_all("tr")) for t in tables)
    assert rows == len(cp.results)
    problems = page.find("table", class_="ps-problems")
    assert len(problems.tbody.find_all("tr")) == len(cp.problems)
    for p in cp.problems:
        assert f"{p.file}:{p.line}:{p.col}" in text_of(problems)


def test_downloads_page_says_how_to_build_them(site):
    page = text_of(article(site, "downloads/"))
    assert "make" in page and "이 계획의 파일이 아직 없습니다" in page


def test_every_page_is_in_its_language_with_landmarks_and_ordered_headings(cp, site):
    """Korean at the root, English under en/ (tests/test_site_english.py has the rest)."""
    for html in sorted(site.rglob("*.html")):
        url = str(html.parent.relative_to(site)) + "/" if html.name == "index.html" else None
        if url is None:
            continue
        url = "" if url == "./" else url
        doc = soup(site, url)
        assert doc.html["lang"] == ("en" if url.startswith("en/") else "ko"), url
        assert doc.find("header") and doc.find("main") and doc.find("footer"), url
        for nav in doc.find_all("nav"):
            assert nav.get("aria-label") or nav.get("aria-labelledby"), url
        body = doc.find("article")
        levels = [int(h.name[1]) for h in body.find_all(re.compile(r"^h[1-6]$"))]
        assert levels and levels[0] == 1 and levels.count(1) == 1, url
        for a, b in zip(levels, levels[1:]):
            assert b <= a + 1, (url, levels)
        for table in body.find_all("table"):  # generated pages and the user docs alike
            assert table.caption is not None and text_of(table.caption), url
            for th in table.find_all("th"):
                assert th.get("scope") in ("col", "row", "rowgroup", "colgroup"), (url, th)
        assert doc.title and text_of(doc.title), url


def test_search_is_configured_for_korean(cp, site):
    config = json.loads((site / "search" / "search_index.json").read_text())
    assert config["config"]["lang"] == ["ko"]
    assert (site / "assets/javascripts/lunr/min/lunr.ko.min.js").is_file()
    titles = {d["title"] for d in config["docs"]}
    for section in cp.plan.sections:
        assert any(section.title.ko in t for t in titles), section.id


def test_fonts_are_self_hosted_subsets_with_their_licence(site):
    fonts = site / "assets/plansite/fonts"
    css = (site / "assets/plansite/plansite.css").read_text()
    for url in re.findall(r'url\("([^"]+)"\)', css):
        path = (site / "assets/plansite" / url)
        assert path.is_file(), url
        assert path.read_bytes()[:4] == b"wOF2"
        assert path.stat().st_size < 150_000, url
    assert (fonts / "OFL-Nanum.txt").is_file()


URL = re.compile(r"""https?://[^\s"'`)<>]+""")
INERT_JS_URLS = re.compile(
    r"https?://(www\.mozilla\.org/MPL|github\.com/|snowball\.tartarus\.org|code\.google\.com|"
    r"developer\.mozilla\.org|clipboardjs\.com|bit\.ly/|wiki\.|underscorejs\.org|"
    r"tartarus\.org|people\.mozilla\.org|narwhaljs\.org|msdn\.microsoft\.com|lunrjs\.com|"
    r"en\.wikipedia\.org|docs\.python\.org|chasen\.org|www\.w3\.org/)")
"""URLs in the theme's JavaScript that are comments, licences or names, never fetched."""
CONDITIONAL_JS_URLS = {
    "https://unpkg.com/resize-observer-polyfill": "only for browsers without ResizeObserver",
    "https://unpkg.com/mermaid@11/dist/mermaid.min.js": "only for pages with Mermaid diagrams",
    "https://api.github.com/": "only with repo_url set",
    "https://${e}/api/v4/projects/": "only with a GitLab repo_url set",
}


def test_no_page_loads_anything_from_another_host(site):
    """Scan every built HTML, CSS and JS file for resources on other hosts."""
    for path in sorted(site.rglob("*")):
        if path.suffix == ".html":
            doc = soup(site, "") if path == site / "index.html" else None
            doc = doc or __import__("bs4").BeautifulSoup(path.read_text(), "html.parser")
            for tag in doc.find_all(["script", "img", "iframe", "source", "video", "audio",
                                     "embed", "object", "link", "track", "input"]):
                for attr in ("src", "href", "data", "srcset", "poster"):
                    value = tag.get(attr) or ""
                    if tag.name == "link" and tag.get("rel") in (["alternate"], ["canonical"]):
                        continue
                    assert not re.match(r"\s*(https?:)?//", value), (path, tag)
            for style in doc.find_all(style=True):
                assert not URL.search(style["style"]), (path, style)
            for style in doc.find_all("style"):
                assert not URL.search(style.get_text()), path
            assert "fonts.googleapis" not in path.read_text() and "gstatic" not in path.read_text()
        elif path.suffix == ".css":
            text = path.read_text()
            for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", text):
                assert not re.match(r"(https?:)?//", url), (path, url)
            assert not re.search(r"@import\s+(url\()?['\"]?(https?:)?//", text), path
        elif path.suffix == ".js":
            for url in URL.findall(path.read_text()):
                if INERT_JS_URLS.match(url):
                    continue
                assert any(url.startswith(k) for k in CONDITIONAL_JS_URLS), (path, url)


def test_conditional_loaders_stay_off(site):
    """The theme's conditional fetches need a repo_url or a Mermaid diagram; the site has none."""
    for html in site.rglob("*.html"):
        text = html.read_text()
        assert 'class="mermaid"' not in text and "md-source" not in text, html


def digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_same_input_gives_the_same_bytes(site, tmp_path):
    _, again = build(SEED, tmp_path)
    assert digest(again) == digest(site)
