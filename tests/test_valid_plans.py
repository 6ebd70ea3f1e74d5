"""Valid plans load with no error; YAML 1.1 surprises stay text; the seed's findings are golden."""

from __future__ import annotations

from decimal import Decimal

from generator.budgets import budget_overview
from generator.pipeline import check_folder

from .conftest import PLANS, ROOT, SEED, golden


def test_minimal_plan_is_clean_and_keeps_scalars_as_text():
    checked = check_folder(PLANS / "valid" / "minimal")
    assert checked.ok and checked.problems == []
    plan = checked.plan
    assert plan.header.document_number == "04524"  # not the octal 2388
    assert plan.vision.ko == "12:30"                # not the sexagesimal 750
    assert plan.goals[0].ko == "no"                 # not False
    assert len(checked.results) > 30 and all(r.ok for r in checked.results)


def test_seed_loads_in_full():
    checked = check_folder(SEED)
    assert checked.ok
    plan = checked.plan
    assert [a.name.ko for a in plan.approval] == ["김형만", "이재현", "김정애", "고재풍", "김경호",
                                                  "김기동"]
    assert len(plan.sections) == 12
    rows = [r for g in plan.summary_schedule.groups for r in g.rows]
    assert len(rows) == 13 and rows[4].months == [10, 11]
    assert plan.header.document_number == "일자리경제과-2685"


def test_seed_findings_are_reported_honestly():
    """The approved seed passes every arithmetic check; its schedule findings are warnings."""
    checked = check_folder(SEED)
    lines = [f"{p.file}:{p.line}:{p.col}: {p.severity}: {p.path}: {p.message} ({p.rule})"
             for p in checked.problems]
    golden(ROOT / "tests" / "golden" / "seed-findings.txt", "\n".join(lines) + "\n")
    assert all(p.severity == "warning" for p in checked.problems)
    failed = {r.rule for r in checked.results if not r.ok}
    assert failed == {"schedule-row-period", "schedule-items-marked", "targets-plan-year",
                      "date-in-plan-year"}


def test_seed_budget_overview_is_exact_in_won():
    overview = budget_overview(check_folder(SEED).plan)
    assert overview.total == 319_420_000
    assert overview.by_source() == {"국비": 50_000_000, "시비": 38_420_000, "구비": 31_000_000,
                                    "미지정": 200_000_000}
    assert sum(overview.by_source().values()) == overview.total
    assert [s.id for _, s, _ in overview.unbudgeted] == ["public-procurement", "youth-supporters"]
    assert all(isinstance(r.won, int) for r in overview.rows) and Decimal(0) == sum(
        r.remainder for r in overview.rows)


def test_every_block_type_reaches_both_renderers():
    """The minimal plan uses the block types the seed does not (organisations, budget)."""
    from generator import model
    from generator.model import walk
    from generator.pdf.html import print_html
    from generator.site.pages import site_pages
    checked = check_folder(PLANS / "valid" / "minimal")
    kinds = {type(n).__name__ for n in walk(checked.plan) if isinstance(n, model.Block)}
    assert kinds == {c.__name__ for c in model.Block.__subclasses__()}
    from bs4 import BeautifulSoup

    def text(markup: str) -> str:
        return " ".join(BeautifulSoup(markup, "html.parser").get_text(" ").split())
    page = next(p for p in site_pages([checked]).pages if p.src.endswith("sections/second.md"))
    site, printed = text(page.markdown), text(print_html(checked.plan))
    for shown in ("위탁법인 : 광진협동사회경제네트워크 (참여단체 28개)", "(주)희망을심는나무",
                  "소요예산 : 5,000천원(구비) - 교육", "기대효과", "주민이 주인이 된 사업운영"):
        assert shown in site and shown in printed


def test_grouped_columns_get_a_second_header_row_in_both_renderers():
    from bs4 import BeautifulSoup
    from generator.pdf.html import print_html
    from generator.site.pages import site_pages
    checked = check_folder(PLANS / "valid" / "minimal")
    page = next(p for p in site_pages([checked]).pages if p.src.endswith("sections/first.md"))
    for markup in (page.markdown, print_html(checked.plan)):
        table = next(t for t in BeautifulSoup(markup, "html.parser").find_all("table")
                     if t.caption and "현황" in t.caption.get_text())
        top, bottom = table.thead.find_all("tr")
        group = top.find("th", attrs={"scope": "colgroup"})
        assert group.get_text(strip=True) == "유형" and group["colspan"] == "2"
        assert [th.get("rowspan") for th in top.find_all("th", attrs={"scope": "col"})] == \
            ["2", "2", "2"]
        assert [th.get_text(" ", strip=True) for th in bottom.find_all("th")][:2] == ["가", "나"]


def test_a_document_without_vision_goals_cover_or_schedule_prints_none_of_them():
    """The optional parts left out print nothing: no empty brackets, no Part I, no title twice."""
    from generator.pdf.html import print_html
    from generator.site.pages import site_pages
    checked = check_folder(PLANS / "valid" / "bare")
    assert checked.ok and checked.problems == []
    printed = print_html(checked.plan)
    assert "[" not in printed.split("<body", 1)[1].replace("[data-", "")
    assert 'class="part part-schedule"' not in printed
    assert printed.split("<body", 1)[1].count("2027년 청사 에너지 절약 추진계획</") == 1
    home = next(p for p in site_pages([checked]).pages if p.src == "bare/index.md").markdown
    assert 'heading("vision")' not in home and "ps-vision" not in home and "ps-grid" not in home


def test_sections_are_numbered_in_the_plans_own_style():
    """``section_numbering: roman`` numbers the sections Ⅰ Ⅱ … on the site and on paper."""
    from generator.locale.formats import section_mark
    from generator.pdf.html import print_html
    from generator.site.pages import site_pages
    checked = check_folder(PLANS / "valid" / "bare")
    assert "Ⅰ 청사 에너지 절약" in print_html(checked.plan)
    assert "①" not in print_html(checked.plan)
    page = next(p for p in site_pages([checked]).pages if p.src.endswith("/energy.md"))
    assert page.markdown.startswith("# Ⅰ 청사 에너지 절약")
    assert [section_mark(n, s) for n, s in ((1, "circled"), (2, "filled"), (3, "roman"),
                                            (4, "arabic"), (5, "padded"), (6, "hangul"),
                                            (13, "roman"))] == ["①", "❷", "Ⅲ", "4.", "05", "바.",
                                                                "XIII."]


def test_attachments_and_the_end_mark_close_the_document():
    """붙임 lists what is attached, numbered when several, and 끝. follows the last of them; a
    cover's date line prints under the title."""
    from bs4 import BeautifulSoup
    from generator.pdf.html import print_html
    from generator.site.pages import site_pages
    checked = check_folder(PLANS / "valid" / "bare")
    soup = BeautifulSoup(print_html(checked.plan), "html.parser")
    box = soup.select_one(".attachments")
    assert box.select_one(".attachments-label").text == "붙임"
    items = [li.get_text(" ", strip=True) for li in box.select("li")]
    assert items == ["청사 에너지 사용량 현황 1부", "절약 수칙 1부 끝."]
    assert soup.select(".end-mark")[-1] is box.select(".end-mark")[-1]  # last on the page
    home = next(p for p in site_pages([checked]).pages if p.src == "bare/index.md").markdown
    assert "절약 수칙 1부" in home
    seed = check_folder(SEED).plan
    dated = seed.model_copy(update={"cover": seed.cover.model_copy(update={
        "date": seed.cover.heading.model_copy(update={"ko": "2016. 1."})})})
    assert BeautifulSoup(print_html(dated), "html.parser").select_one(".cover-date").text \
        == "2016. 1."
    assert BeautifulSoup(print_html(seed), "html.parser").select_one(".cover-date") is None
