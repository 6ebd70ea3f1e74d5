"""The print HTML: golden files for the seed and the minimal plan, and its structure read back.

``UPDATE_GOLDEN=1 pytest tests/test_pdf_html.py`` rewrites the golden files; review the diff.
"""

from __future__ import annotations

from datetime import date

import jinja2
import pytest
from bs4 import BeautifulSoup

from generator.locale import get as get_locale
from generator.pdf.html import environment, print_html
from generator.pipeline import check_folder

from .conftest import PLANS, ROOT, SEED, golden

KO = get_locale("ko")

GOLDEN = ROOT / "tests" / "golden" / "print"


@pytest.fixture(scope="module")
def seed():
    return check_folder(SEED).plan


@pytest.fixture(scope="module")
def soup(seed):
    return BeautifulSoup(print_html(seed), "html.parser")


def test_seed_print_html_matches_golden(seed):
    golden(GOLDEN / f"{seed.id}.ko.html", print_html(seed))


def test_minimal_print_html_matches_golden():
    plan = check_folder(PLANS / "valid" / "minimal").plan
    golden(GOLDEN / f"{plan.id}.ko.html", print_html(plan))


def test_page_one_blocks(soup):
    assert soup.html["lang"] == "ko"
    info = {th.text: th.find_next_sibling("td").text for th in soup.select("table.docinfo th")}
    assert info == {"문서번호": "일자리경제과-2685", "결재일자": "2016. 1. 19.",
                    "공개여부": "대시민공개", "방침번호": "구청장 방침 제79호"}
    approval = soup.select_one("table.approval")
    assert [th.text for th in approval.select("thead th")] == [
        "주무관", "일자리운영팀장", "일자리경제과장", "기획경제국장", "부구청장", "구청장"]
    signs = approval.select("tr.sign td")
    assert [td.text for td in signs] == ["김형만", "이재현", "김정애", "고재풍", "김경호",
                                         "01/19 김기동"]
    coop = approval.select_one("tr.coop")
    assert coop.th.text == "협 조" and len(coop.find_all("td")) == 5
    assert all(td.text == "" for td in coop.find_all("td"))
    cover = soup.select_one(".cover")
    assert cover.select_one("h1.title").text == "2016년 일자리운영팀 연간업무 추진계획"
    assert cover.select_one(".vision").text == "[일자리 창출과 사회적경제 생태계조성으로 지역경제 활성화]"
    assert len(cover.select("ul.goals li")) == 5


def test_month_grid(soup, seed):
    grid = soup.select_one("table.grid")
    assert [th.text for th in grid.select("thead tr")[1].find_all("th")] == [
        str(m) for m in range(1, 13)]
    rows = grid.select("tbody tr")
    expected = [r for g in seed.summary_schedule.groups for r in g.rows]
    assert len(rows) == len(expected) == 13
    for tr, row in zip(rows, expected):
        cells = tr.find_all("td")
        assert len(cells) == 12
        assert [m for m, td in enumerate(cells, 1) if td.text == "■"] == row.months
        assert [m for m, td in enumerate(cells, 1) if "on" in td["class"]] == row.months
    units = grid.select("tbody th.unit")
    assert [(th.text, int(th.get("rowspan", 1))) for th in units] == [
        (g.unit.ko, len(g.rows)) for g in seed.summary_schedule.groups]


def test_sections_and_markers(soup, seed):
    headings = [h.text for h in soup.select("section.plan-section > h2")]
    assert headings == [KO.section_label(i, s.title, seed.section_numbering) for i, s in enumerate(seed.sections)]
    assert [h.text for h in soup.select("h1.part-title")] == [
        "I 2016 일자리운영팀 주요업무 추진일정표", "II 세부추진계획", "참고 도표로 보는 추진일정과 예산"]
    first = soup.select_one("#section-local-job-target")
    assert [h.text for h in first.select("h3")] == ["□ 사업개요", "□ 추진계획", "□ 추진일정"]
    plan_items = first.select("section.plan-part")[1].select("li.item")
    assert [li.select_one(".mk").text for li in plan_items][:2] == ["○", "-"]
    sched = first.select(".schedule li.item")
    assert [(li.select_one(".what").text, li.select_one(".when").text) for li in sched] == [
        ("전 부서 일자리사업 실적 수합", "매월"), ("고용노동부 일자리 공시제 컨설팅", "총6회"),
        ("취·창업 프로그램 연계 일자리 컨설팅 지원", "2016. 7 ~ 9월"),
        ("민·관 협의 시스템 구축을 통한 취업지원", "연중")]
    assert soup.select_one("#section-public-procurement h3:-soup-contains('사업예산')").text == \
        "□ 사업예산 : 비예산"


def test_tables_have_header_rows_totals_and_right_aligned_figures(soup):
    tables = soup.select("section.part-sections table.data")  # the charts' tables follow
    assert len(tables) == 5
    for table in tables:
        assert table.thead and table.thead.find_all("th", scope="col")
        assert table.caption and "sr" in table.caption["class"]
    budget = soup.select_one("#section-incubating table.data")
    total = budget.select_one("tr.total")
    assert total.th.text == "계" and total.select_one("td.num").text == "13,420"
    figures = [td.text for td in budget.select("tbody td.num")]
    assert figures == ["13,420", "7,670", "3,000", "2,350", "400"]
    assert budget.find_previous("p", class_="unit-line").text == "(단위 : 천원)"
    targets = soup.select_one("table.targets")
    assert [td.text for td in targets.select("td.num")] == [
        "56,000", "7,005", "10,000", "14,000", "14,000", "10,995"]
    assert "total-col" in targets.select("td")[0]["class"]
    village = soup.select_one("#section-village-enterprises table.data")
    assert [td.text for td in village.select("td.center")] == [
        "2013. 11. 1.", "2012. 3. 31.", "2011. 3. 25."]
    assert [td.text for td in village.select("td.num")] == ["52,369천원", "70,158천원",
                                                           "74,254천원"]
    funding = soup.select_one("#section-social-enterprise-funding table.transposed")
    assert [th.text for th in funding.select("tbody th[scope=row]")] == [
        "대 상", "예 산", "내 용", "’15. 지원 실적"]


def test_templates_are_strict_and_escape():
    env = environment()
    assert env.autoescape is True and env.undefined is jinja2.StrictUndefined
    with pytest.raises(jinja2.UndefinedError):
        env.get_template("document.html.j2").render()
    assert env.from_string("{{ x }}").render(x="<b>") == "&lt;b&gt;"


def test_new_formatting_helpers():
    assert KO.month_set(list(range(1, 13))) == "1~12월"
    assert KO.month_set([10, 11]) == "10·11월"
    assert KO.month_set([2, 3, 9, 10]) == "2·3·9·10월"
    assert KO.month_set([1, 2, 3, 5]) == "1~3·5월"
    assert KO.sign_date(date(2016, 1, 19)) == "01/19"
    assert KO.figure("13420") == "13,420"
    assert KO.figure("7개") == "7개"
    assert KO.figure("1,475백만원") == "1,475백만원"
    assert KO.figure("계") == "계"


def _with_people(plan, approvers: int, cooperators: int):
    from generator.model import Approver
    people = [Approver(role=f"직위{i}", name=f"이름{i}") for i in range(1, approvers + 1)]
    helpers = [Approver(role=f"협조{i}", name=f"사람{i}") for i in range(1, cooperators + 1)]
    return plan.model_copy(update={"approval": people, "cooperation": helpers})


@pytest.mark.parametrize("approvers, cooperators, rows", [(1, 0, 1), (3, 0, 1), (3, 5, 3),
                                                           (6, 5, 1), (8, 2, 1)])
def test_the_approval_box_fits_any_number_of_approvers_and_cooperators(seed, approvers,
                                                                       cooperators, rows):
    soup = BeautifulSoup(print_html(_with_people(seed, approvers, cooperators)), "html.parser")
    table = soup.select_one("table.approval")
    width = sum(int(th.get("colspan", 1)) for th in table.select("thead th"))
    assert width == max(approvers, 2)
    assert ("wide" in table["class"]) == (approvers > 6)
    coop = table.select("tr.coop")
    assert len(coop) == rows and coop[0].th["rowspan"] == str(rows)
    for tr in coop:
        assert len(tr.find_all("td")) == max(approvers - 1, 1)
    names = [td.text.split()[-1] for tr in coop for td in tr.find_all("td") if td.text.strip()]
    assert names == [f"사람{i}" for i in range(1, cooperators + 1)]


def test_approval_marks_and_empty_boxes_print_in_their_boxes(seed):
    """전결 with its date in the box of the approver who signed, 代 for one who signed for an
    absent approver, and an empty box (a 시민 column before the drafter; approvers above a
    전결) with its role only."""
    from generator.model import Approver
    people = [Approver(role="시민"), Approver(role="주무관", name="김주무"),
              Approver(role="팀장", name="이팀장", mark="代"),
              Approver(role="과장", name="박과장", mark="전결", signed_on="2016-01-19"),
              Approver(role="국장")]
    plan = seed.model_copy(update={"approval": people})
    table = BeautifulSoup(print_html(plan), "html.parser").select_one("table.approval")
    assert [th.text for th in table.select("thead th")] == ["시민", "주무관", "팀장", "과장", "국장"]
    signs = [td.get_text(" ", strip=True) for td in table.select("tr.sign td")]
    assert signs == ["", "김주무", "代 이팀장", "전결 01/19 박과장", ""]
