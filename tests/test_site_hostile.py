"""Plan text with markup in every kind of field shows as text and never becomes markup."""

from __future__ import annotations

import json
import re

import markdown
import pytest
from bs4 import BeautifulSoup

from generator.mdescape import text as escape_text

from .conftest import PLANS
from .site_helpers import build, text_of

HOSTILE = PLANS / "valid" / "hostile"
SECTION = "hostile/sections/social-enterprise-funding/"
PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    "![i](javascript:alert(1))",
    "{onclick=alert(1)}",
    '{: onclick="alert(1)" }',
    "<a href=javascript:alert(1)>x</a>",
    "# heading",
    "1. list",
    "> quote",
    "- item",
    "+ item",
    "*em* _em_ `code` **strong**",
    "| a | b |",
    "&lt;b&gt; &amp;",
    "<!-- c --> <style>body{display:none}</style>",
    "line one\n\n<b>line two</b>\n    indented code",
    "<https://example.org/x>",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_escaped_text_renders_as_itself_in_markdown_and_html(payload):
    """Through Python-Markdown with the site's extensions, in a heading, a list item, a paragraph
    and an HTML block, the payload comes back as text (line breaks as spaces), with no tag."""
    e = escape_text(payload)
    source = (f"## {e} {{#x}}\n\n- {e}\n\n{e}\n\n{e} {{: onclick=\"y\" }}\n\n"
              f'<div class="c"><p>{e}</p></div>\n')
    html = markdown.markdown(source, extensions=["toc", "attr_list", "tables", "admonition",
                                                  "fenced_code", "def_list"])
    doc = BeautifulSoup(html, "html.parser")
    assert [t.name for t in doc.find_all(True)] == ["h2", "ul", "li", "p", "p", "div", "p"]
    expected = " ".join(payload.split())
    for node in doc.find_all(["h2", "li"]) + doc.find_all("p")[:1] + doc.div.find_all("p"):
        assert " ".join(node.get_text().split()) == expected
    for tag in doc.find_all(True):
        assert set(tag.attrs) <= {"id", "class", "onclick"}
        if "onclick" in tag.attrs:  # only the suffix written here, never the payload's
            assert tag["onclick"] == "y" and "{: onclick" not in payload


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    out = tmp_path_factory.mktemp("hostile")
    _, site = build(HOSTILE, out, {"pdf/hostile.ko.pdf": b"%PDF-1.7\n%test\n",
                                   "data/hostile.json": b"{}\n",
                                   "data/hostile-budgets.csv": b"a,b\n",
                                   "data/plan.schema.json": b"{}\n"})
    return site


def pages(site):
    return sorted(p for p in site.rglob("*.html") if "reference" not in p.parts)


ALLOWED_SCRIPT = re.compile(r"^(assets/javascripts/|\.\./|\./)*(assets/javascripts/)")
CHART_TAGS = {"svg", "title", "desc", "defs", "pattern", "g", "rect", "line", "path", "circle",
              "text", "tspan"}
"""The elements the charts draw with (generator/charts/svg.py): a chart's SVG holds no other."""


def _charts(article) -> list:
    """The charts the site draws (generator/charts) in an article: SVG of the chart elements
    only, every text a text node."""
    charts = article.find_all("svg", class_="ps-chart-svg")
    for svg in charts:
        assert {t.name for t in svg.find_all(True)} <= CHART_TAGS, svg
        assert svg.find_parent("div", class_="ps-chart-scroll") is not None
    return charts


def test_no_payload_becomes_an_element_or_attribute(hostile_site):
    for path in pages(hostile_site):
        doc = BeautifulSoup(path.read_text(), "html.parser")
        article = doc.find("article")
        charts = _charts(article) if article is not None else []
        drawn = {id(t) for svg in charts for t in [svg, *svg.find_all(True)]}
        for tag in doc.find_all(True):
            for attr, value in tag.attrs.items():
                assert not attr.startswith("on"), (path, tag)
                values = value if isinstance(value, list) else [value]
                for v in values:
                    assert not re.match(r"\s*javascript:", v, re.I), (path, tag)
            assert tag.name not in ("img", "iframe", "svg", "details", "u", "b", "i", "object",
                                    "embed") or tag.find_parent("article") is None \
                or "md-" in " ".join(tag.get("class", [])) or id(tag) in drawn, (path, tag)
        for script in doc.find_all("script"):
            assert "alert" not in script.get_text(), path
            if script.get("src"):  # the theme's, or the charts' own (this month's mark)
                assert "assets/javascripts/" in script["src"] \
                    or script["src"].endswith("assets/plansite/charts.js"), path
        if article is not None:
            for tag in article.find_all(["script", "style", "img", "iframe", "svg", "details",
                                         "u", "b", "i", "object"]):
                if id(tag) not in drawn:
                    pytest.fail(f"{path}: {tag}")


def test_charts_draw_the_payloads_as_text(hostile_site):
    """The hostile plan's texts are in its charts' labels, as characters."""
    doc = BeautifulSoup((hostile_site / "hostile/index.html").read_text(), "html.parser")
    gantt = doc.find("svg", class_="ps-gantt")
    assert gantt is not None
    labels = [" ".join(t.get_text(" ").split()) for t in gantt.find_all("text")]
    assert "(예비)사회적기업 [재정지원](javascript:alert('row'))" in labels
    assert not gantt.find_all(["script", "a", "foreignobject", "image", "use", "img"])
    key = " ".join(doc.find("table", id="chart-gantt-table").get_text(" ").split())
    assert "사회적기업 인건비 <script>alert('schedule')</script> 신청서 접수" in key
    assert "# 제목처럼 보이는 일정 <img src=x onerror=alert('schedchild')>" in key


def test_payloads_are_shown_as_text(hostile_site):
    plan = text_of(BeautifulSoup((hostile_site / "hostile/index.html").read_text(),
                                 "html.parser").find("article"))
    for shown in ["2016년 <script>alert('title')</script> 연간업무 추진계획 </title>"
                  "<script>alert('title2')</script>",
                  "일자리경제과-2685 <script>alert('document_number')</script>",
                  "서울특별시 광진구 [x](javascript:alert('authority'))",
                  "기획경제국 {onclick=alert('bureau')}",
                  "일자리운영팀 *강조* _밑줄_ `코드`",
                  "[일자리 창출](javascript:alert('vision')) {onclick=alert('vision')}",
                  "- 목록처럼 보이는 목표 | 표처럼 | 보이는 목표",
                  "![그림](javascript:alert('goal3')) &amp; &lt;b&gt; 엔티티",
                  "<!-- 주석 --> <style>body{display:none}</style> 스타일",
                  "# 기 획 경 제 국", "> (일 자 리 경 제 과)",
                  "1. <svg onload=alert('subtitle')> 활성화를 위한",
                  "<a href=javascript:alert('coop')>홍길동</a>"]:
        assert shown in plan, shown
    section = text_of(BeautifulSoup((hostile_site / SECTION / "index.html").read_text(),
                                    "html.parser").find("article"))
    for shown in ["(예비)사회적기업 <script>alert('section')</script> 재정지원사업",
                  "추진근거 <script>alert('key')</script>",
                  "사회적기업육성법 [법](javascript:alert('value'))",
                  "연차별 목표 <script>alert('targets')</script>",
                  "목표 {: onclick=\"alert('label')\" }",
                  "참고 <details open ontoggle=alert('note')>노트</details>",
                  "위탁법인 [역할](javascript:alert('role'))",
                  "(예비)사회적기업 | <script>alert('cell')</script>",
                  "`코드` *강조* {onclick=alert('cell2')}",
                  "국비 75 : 시비 25 (국비 <script>alert('split')</script>)",
                  "[하위](javascript:alert('cellchild'))", "1. 번호처럼 보이는 칸",
                  "사업예산 {onclick=alert('parttitle')} : 100백만원 <script>alert('partvalue')</script>",
                  "1,000천원(구비) [교육](javascript:alert('budgettext'))",
                  "# 제목처럼 보이는 일정 <img src=x onerror=alert('schedchild')>"]:
        assert shown in section, shown


def test_titles_stay_text_in_title_menu_and_search(hostile_site):
    doc = BeautifulSoup((hostile_site / SECTION / "index.html").read_text(), "html.parser")
    assert doc.title.get_text().startswith(
        "⑥ (예비)사회적기업 <script>alert('section')</script> 재정지원사업"[2:]) or \
        "<script>alert('section')</script>" in doc.title.get_text()
    plan = BeautifulSoup((hostile_site / "hostile/index.html").read_text(), "html.parser")
    assert "</title><script>alert('title2')</script>" in plan.title.get_text()
    assert len([t for t in plan.find_all("title") if t.find_parent("svg") is None]) == 1
    nav = text_of(plan.find("nav", class_="md-nav--primary"))
    assert "<script>alert('title')</script>" in nav
    raw = (hostile_site / "search/search_index.json").read_text()
    assert "<script" not in raw and "<img" not in raw
    docs = json.loads(raw)["docs"]
    assert any("alert('section')" in d["title"] for d in docs)


def test_downloads_are_copied_and_listed(hostile_site):
    for rel in ["pdf/hostile.ko.pdf", "data/hostile.json", "data/hostile-budgets.csv",
                "data/plan.schema.json"]:
        assert (hostile_site / "downloads" / rel).is_file()
    page = BeautifulSoup((hostile_site / "downloads/index.html").read_text(), "html.parser")
    links = {a.get_text(): a["href"] for a in page.find("article").find_all("a")}
    assert links["hostile.ko.pdf"] == "pdf/hostile.ko.pdf"
    assert links["hostile.json"] == "data/hostile.json"
    assert links["hostile-budgets.csv"] == "data/hostile-budgets.csv"
    assert links["data/plan.schema.json"] == "data/plan.schema.json"
    kinds = [text_of(td) for td in page.select("table.ps-downloads td:nth-of-type(1)")]
    assert kinds == ["PDF", "CSV", "JSON", "JSON Schema"]
    plan = BeautifulSoup((hostile_site / "hostile/index.html").read_text(), "html.parser")
    assert plan.find("a", href="../downloads/pdf/hostile.ko.pdf")
