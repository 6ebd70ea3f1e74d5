"""A plan of each kind of document (annual, event, grant, notice, and the evaluation plan with
its count tables) through validate, the site and the PDF, against golden outputs.

The golden files hold what a reader gets, not the markup around it: the problems ``validate``
prints, the text of the print HTML (what the PDF is made from) and the text of the site's pages,
one block per line.  ``UPDATE_GOLDEN=1 pytest tests/test_kinds.py`` rewrites them; review the
diff.  The PDFs themselves are read back with pdftotext.
"""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from generator.pdf import plan_pdf
from generator.pdf.html import print_html
from generator.pipeline import check_folder
from generator.site.pages import site_pages

from .conftest import PLANS, ROOT, golden
from .test_invalid_plans import _line
from .pdf_support import font_cache, pdf_text, squeeze

GOLDEN = ROOT / "tests" / "golden" / "kinds"
KINDS = {
    "annual": PLANS / "kinds" / "annual-2027",
    "event": PLANS / "kinds" / "event-2027",
    "grant": PLANS / "kinds" / "grant-2027",
    "notice": PLANS / "kinds" / "notice-2027",
    "evaluation": PLANS / "scenarios" / "evaluation",
}
BLOCKS = ("p", "li", "h1", "h2", "h3", "tr", "caption", "figcaption", "dt", "dd")


def reader_text(html: str) -> str:
    """The text of an HTML document, one line per block (paragraph, item, heading, row)."""
    soup = BeautifulSoup(html, "html.parser")
    for hidden in soup.select("style, script, .sr"):
        hidden.decompose()
    lines = []
    for node in soup.find_all(BLOCKS):
        if node.find(BLOCKS):  # a block holding blocks: its own lines are its children's
            continue
        text = " ".join(node.get_text(" ").split())
        if text:
            lines.append(text)
    return "\n".join(lines) + "\n"


def _checked(kind: str):
    return check_folder(KINDS[kind])


@pytest.mark.parametrize("kind", sorted(set(KINDS) - {"evaluation"}))
def test_validate_matches_golden(kind):
    """The kinds raise nothing: legitimate ranges (40~50명), a 시민 box with no name, 전결 and
    代 marks, past-free schedules.  (The evaluation plan's seeded mistakes are its golden
    ``expected.txt``, in tests/test_budget_scenarios.py.)"""
    checked = _checked(kind)
    golden(KINDS[kind] / "expected.txt",
           "".join(_line(KINDS[kind], p) + "\n" for p in checked.problems))
    assert checked.ok and checked.problems == []


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_print_text_matches_golden(kind):
    golden(GOLDEN / f"{kind}.print.txt", reader_text(print_html(_checked(kind).plan)))


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_site_text_matches_golden(kind):
    from markdown import markdown
    checked = _checked(kind)
    pages = [p for p in site_pages([checked]).pages if p.src.startswith(f"{checked.plan.id}/")]
    assert pages
    text = "".join(f"== {p.src}\n" + reader_text(markdown(
        p.markdown, extensions=["md_in_html", "tables", "attr_list"])) for p in pages)
    golden(GOLDEN / f"{kind}.site.txt", text)


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory):
    out = tmp_path_factory.mktemp("kinds")
    cache, made = font_cache(), {}
    for kind in ("annual", "event", "notice"):
        path = out / f"{kind}.pdf"
        path.write_bytes(plan_pdf(_checked(kind), cache))
        made[kind] = path
    return made


def test_the_annual_pdf_prints_the_approval_marks_and_the_label(pdfs):
    """전결 with its date in the box of the one who signed, an empty box for the 국장 above
    them, 대결 in the 협조 row, and the 결재 label cell: on page 1, in that order."""
    first = squeeze(pdf_text(pdfs["annual"], 1, 1))
    assert first.index("결재") < first.index("주무관") < first.index("경제문화국장")
    assert "전결01/15정다은" in first
    assert "예산팀장대결한지훈" in first
    assert "2027.1." in first  # the cover's date line
    whole = squeeze(pdf_text(pdfs["annual"]))
    assert "❶" in whole and "가.사업개요" in whole and "□사업개요" not in whole
    assert "붙임사업별세부예산서1부끝." in whole


def test_the_event_pdf_numbers_its_headings_and_keeps_its_times(pdfs):
    text = squeeze(pdf_text(pdfs["event"]))
    assert "1.○○행사운영" in text and "가.행사개요" in text and "나.세부진행순서" in text
    assert "14:30~15:40" in text and "120" in text
    assert "代" in text and "전결" in text
    assert re.search(r"붙임행사장배치도1부\s*끝\.", text)


def test_the_notice_pdf_prints_the_dispatch_layout_in_order(pdfs):
    """행정기관명, 수신 (경유), 제목, the body, 붙임 끝., 발신명의, 수신자, the approval line,
    시행 with the number and date, 접수, the address: as the 기안문 form orders them."""
    text = squeeze(pdf_text(pdfs["notice"]))
    order = ["경기도수원시", "수신수신자참조", "경유경제정책국장", "제목2027년○○사업추진계획알림",
             "1.관련", "가.근거", "2.우리구에서", "붙임사업안내문1부", "끝.", "수원시장",
             "수신자각동장,수원시일자리센터장", "주무관홍길동", "시행○○과-0000(2027.1.16.)", "접수",
             "16490경기도수원시팔달구효원로241/www.suwon.go.kr", "031-228-2000",
             "jobs@korea.kr"]
    at = [text.find(part) for part in order]
    assert all(i >= 0 for i in at), [p for p, i in zip(order, at) if i < 0]
    assert at == sorted(at), order
    assert "결재일자" not in text  # the 내부결재 page-1 box is not printed on a notice


def test_the_approval_label_spans_the_role_and_sign_rows():
    """The 결재 label's rowspan holds only inside one row group: the role row and the sign row
    share it, each approver keeps their column, and the 협조 label stands under the label."""
    plan = _checked("annual").plan
    table = BeautifulSoup(print_html(plan), "html.parser").select_one("table.approval")
    roles, sign, coop = table.find_all("tr")[:3]
    label = roles.find("th", class_="approval-label")
    assert label is not None and label["rowspan"] == "2" and roles.parent is sign.parent
    n = len(plan.approval)
    assert len(roles.find_all(["th", "td"])) == n + 1 and len(sign.find_all("td")) == n
    assert [c.get_text(" ", strip=True) for c in sign.find_all("td")][0] == "박서연"
    assert len(coop.find_all(["th", "td"])) == n + 1
