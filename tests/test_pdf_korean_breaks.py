"""Korean typesetting in the sign-off PDF: words (어절) kept whole on a line, as CSS
``word-break: keep-all`` would keep them (WeasyPrint has no keep-all: generator/pdf/keepall.py
joins their letters), a word wider than its cell broken only then, tables never wider than the
page, and table captions printed above their tables unless their heading already titles them.

Lines are read back from the PDF (``pdftotext -bbox-layout``): a line that ends with a
fragment which, joined with the first fragment of the line after it, begins a word of the plan
is a word split across lines, unless the plan has the two fragments apart (a break at a space)
or the fragment is alone on its line (the word was wider than its cell).
"""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from generator import model
from generator.locale import get as get_locale
from generator.model import walk
from generator.pdf import FONTS, approval_moment, keepall
from generator.pdf import render as render_module
from generator.pdf.fetcher import AssetFetcher
from generator.pdf.html import ASSETS, print_html, printed_captions, restates, views
from generator.pdf.keepall import WORD_JOINER, keep_words, plain
from generator.pdf.render import layout, render_pdf
from generator.pipeline import check_folder
from generator.projection import project

from .conftest import PLANS, SEED
from .pdf_support import font_cache, pdf_text, plan_fetcher, poppler, seed_pdfs, squeeze, tables

EN, KO = get_locale("en"), get_locale("ko")
HANGUL = re.compile(r"[\uac00-\ud7a3]")
A4_WIDTH = 595.28
RIGHT_EDGE = A4_WIDTH - 18 / 25.4 * 72  # the right page margin is 18 mm (print.css)
LONG = "광진아이누리애사회적협동조합"  # 14 syllables: one of the seed's village enterprises


# ---- reading lines back from the PDF --------------------------------------------------------

def plan_words(plan: model.Plan) -> tuple[set[str], str]:
    """The plan's Korean words (whitespace-separated tokens with Hangul) and all its texts
    joined by single spaces (where two fragments that are apart in the plan can be found)."""
    texts = [" ".join(n.ko.split()) for n in walk(plan) if isinstance(n, model.Text)]
    return {w for t in texts for w in t.split() if HANGUL.search(w)}, " ".join(texts)


def pdf_lines(pdf: Path) -> list[tuple[int, list[list[dict]]]]:
    """Each page's text flows as pdftotext reads them, each as its lines in reading order, a
    line as its words (``text``, ``xMin``, ``xMax``)."""
    xml = poppler("pdftotext", "-bbox-layout", str(pdf), "-")
    xml = re.sub(r"<!DOCTYPE[^>]*>", "", xml).replace(' xmlns="http://www.w3.org/1999/xhtml"', "")
    out = []
    for number, page in enumerate(ElementTree.fromstring(xml).iter("page"), 1):
        for flow in page.iter("flow"):
            lines = [[{"text": w.text or "", "xMin": float(w.get("xMin")),
                       "xMax": float(w.get("xMax"))} for w in line.iter("word")]
                     for line in flow.iter("line")]
            out.append((number, [line for line in lines if line]))
    return out


def split_words(pdf: Path, plan: model.Plan) -> list[tuple[int, str, str, bool]]:
    """Every plan word split across two lines: (page, end of the first line, start of the
    next, whether the end of the first line is alone on it: a word wider than its cell)."""
    words, text = plan_words(plan)
    starts = {w[:n] for w in words for n in range(2, len(w) + 1)}
    found = []
    for number, lines in pdf_lines(pdf):
        for line, after in zip(lines, lines[1:]):
            a, b = line[-1]["text"], after[0]["text"]
            if HANGUL.search(a + b) and a + b in starts and f"{a} {b}" not in text:
                found.append((number, a, b, len(line) == 1))
    return found


# ---- the seed -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def seed_checked():
    checked = check_folder(SEED)
    assert checked.ok
    return checked


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_no_hangul_word_of_the_seed_is_split_across_lines(tmp_path_factory, seed_checked, lang):
    """Not one Korean word of the seed is broken between two lines, in the Korean PDF and in
    the English one (the 결재란's Korean roles and names), and none had to be."""
    pdf = seed_pdfs(tmp_path_factory)[lang]
    assert split_words(pdf, seed_checked.plan) == []
    text = pdf_text(pdf)  # every word is in the text layer, the outline and the metadata,
    assert WORD_JOINER not in text  # without the joiners
    reader = PdfReader(pdf)
    titles = [entry.title for entry in reader.outline if not isinstance(entry, list)]
    assert len(titles) == 3 and not any(WORD_JOINER in t for t in _outline(reader.outline))
    assert not any(WORD_JOINER in str(v) for v in reader.metadata.values())
    if lang == "ko":
        assert {"사회적", "기업가", "권익향상", "전문인력(인건비)"} <= set(text.split())
        assert "① 지역일자리 목표 공시제" in _outline(reader.outline)


def _outline(entries) -> list[str]:
    return [t for e in entries for t in (_outline(e) if isinstance(e, list) else [e.title])]


def test_the_check_finds_words_split_as_weasyprint_splits_them(seed_checked, monkeypatch,
                                                               tmp_path):
    """Control: without the joiners WeasyPrint breaks the seed's words between syllables
    (사 / 회적 기업가, 전문인력(인 / 건비)), and the check above sees it."""
    monkeypatch.setattr(render_module, "keep_words", lambda html, loose=None: html)
    pdf = tmp_path / "plain.pdf"
    pdf.write_bytes(_pdf(seed_checked.plan))
    found = {(a, b) for _, a, b, _ in split_words(pdf, seed_checked.plan)}
    assert {("사", "회적"), ("전문인력(인", "건비)"), ("권", "익향상")} <= found


def test_the_seed_is_laid_out_once(seed_checked, monkeypatch):
    """Every table of the seed fits the page with whole words: no table is laid out again."""
    import weasyprint
    calls = []
    original = weasyprint.HTML.render

    def counted(self, *args, **kwargs):
        calls.append(1)
        return original(self, *args, **kwargs)
    monkeypatch.setattr(weasyprint.HTML, "render", counted)
    layout(print_html(seed_checked.plan), base_url=ASSETS, fetcher=_fetcher())
    assert len(calls) == 1


# ---- long words in narrow columns -----------------------------------------------------------

def _fetcher() -> AssetFetcher:
    return plan_fetcher()  # the minimal plan's figure among the images it may serve


def _pdf(plan: model.Plan, lang: str = "ko") -> bytes:
    html = print_html(plan, get_locale(lang))
    return render_pdf(html, base_url=ASSETS, fetcher=_fetcher(), moment=approval_moment(plan))


def _table(caption: str, labels: dict[str, str], rows: list[dict[str, str]]) -> model.TableBlock:
    return model.TableBlock.model_validate({
        "type": "table", "caption": caption,
        "columns": [{"key": k, "label": v} for k, v in labels.items()], "rows": rows})


NARROW = _table("긴 낱말이 든 좁은 열", {"a": "구 분", "b": "사회적경제기업 위탁기관", "c": "비고",
                                      "d": "사회보험료 지원(신규)", "e": "사업개발비 지원"}, [
    {"a": "협동조합", "b": LONG, "c": "중곡제일시장아리청정협동조합",
     "d": "사업주부담 사회보험료의 일부", "e": "5년 이내 최대 3년 지원가능"},
    {"a": "마을기업", "b": "(주)희망을심는나무", "c": "풍란화분 등 생산판매",
     "d": "전액 국비", "e": "국비 70 : 시비 30 (혁신형 사업비는 전액 시비)"}])
"""Five columns, two of them holding 14-syllable words: it fits the page with whole words."""

TOO_WIDE = _table("한 줄에 들지 않는 낱말들", {"a": "구 분", "b": "위탁기관", "c": "참여단체"}, [
    {"a": "협동조합", "b": LONG + "광진협동사회경제네트워크" + LONG,
     "c": "사회적경제기업제품공공구매활성화 " + LONG + LONG}])
"""Words wider than any column the page has room for: they must break, and only they."""


@pytest.fixture(scope="module")
def long_words(tmp_path_factory):
    """A plan with the two tables above, rendered (its PDF and its plan)."""
    plan = check_folder(PLANS / "valid" / "minimal").plan
    plan.sections[0].parts[0].blocks[:0] = [NARROW.model_copy(deep=True),
                                            TOO_WIDE.model_copy(deep=True)]
    pdf = tmp_path_factory.mktemp("long-words") / "long.pdf"
    pdf.write_bytes(_pdf(plan))
    return pdf, plan


def test_long_words_in_narrow_columns_stay_whole(long_words):
    pdf, plan = long_words
    splits = split_words(pdf, plan)
    assert [s for s in splits if not s[3]] == []  # only words alone on their line break
    text = pdf_text(pdf)
    for word in (LONG, "중곡제일시장아리청정협동조합", "사회보험료의", "(주)희망을심는나무",
                 "(혁신형", "사업개발비", "지원(신규)"):  # the first table's words, whole
        assert word in text.split(), word
    for fragment, _ in ((a, b) for _, a, b, _ in splits):  # the breaks are in the second table
        assert fragment in (LONG + "광진협동사회경제네트워크" + LONG
                            + "사회적경제기업제품공공구매활성화" + LONG + LONG)


def test_a_word_wider_than_its_cell_breaks_instead_of_leaving_the_page(long_words):
    pdf, plan = long_words
    assert all(w["xMax"] <= RIGHT_EDGE + 0.5 for _, lines in pdf_lines(pdf)
               for line in lines for w in line)
    splits = split_words(pdf, plan)
    assert all(alone for *_, alone in splits)
    broken = [a + b for _, a, b, _ in splits]  # both long words of the second table
    assert any(w.startswith(LONG + "광진협동") for w in broken)
    assert any(w.startswith(LONG + "광진아이") for w in broken)
    text = squeeze(pdf_text(pdf))
    assert squeeze(LONG + "광진협동사회경제네트워크" + LONG) in text  # every letter printed


def test_a_table_too_wide_is_laid_out_again_and_fits(long_words):
    """With whole words the first table fits and the second passes the page's edge; laid out
    again (its long words free to break), every table box ends inside the page's text width."""
    import weasyprint
    _, plan = long_words
    html = print_html(plan)
    source = weasyprint.HTML(string=keep_words(html), base_url=ASSETS.as_uri() + "/",
                             url_fetcher=_fetcher())
    wide = render_module.too_wide(source.render(), source)
    captions = [t.caption.get_text() if t.caption else ""
                for t in BeautifulSoup(html, "html.parser").find_all("table")]
    assert [captions[n] for n in wide] == ["< 한 줄에 들지 않는 낱말들 >".strip("<> ")]
    assert 3 < list(wide.values())[0] < 20  # em a column: the width its words may have
    for page in layout(html, base_url=ASSETS, fetcher=_fetcher()).pages:
        box = page._page_box
        right = box.content_box_x() + box.width
        for table in tables(box):
            assert table.border_box_x() + table.border_width() <= right + 0.5


def test_a_table_of_long_figures_is_made_to_fit_too():
    """Figures have no Hangul to free: a table of them too wide for the page gets ``ps-fit``
    (any word of its data cells may break) and ends inside the page."""
    plan = check_folder(PLANS / "valid" / "minimal").plan
    columns = {f"c{i}": f"{i}월" for i in range(1, 15)}
    plan.sections[0].parts[0].blocks[:0] = [_table("큰 수", columns, [
        {k: "123,456,789,000" for k in columns}])]
    html = print_html(plan)
    document = layout(html, base_url=ASSETS, fetcher=_fetcher())
    for page in document.pages:
        box = page._page_box
        for table in tables(box):
            assert table.border_box_x() + table.border_width() <= \
                box.content_box_x() + box.width + 0.5
    classes = [t.element.get("class", "") for page in document.pages
               for t in tables(page._page_box)]
    assert any("ps-fit" in c.split() for c in classes)


def test_heading_cells_keep_their_words(long_words):
    """A table's headings wrap between words, never one syllable a line."""
    pdf, _ = long_words
    lines = [" ".join(w["text"] for w in line) for _, ls in pdf_lines(pdf) for line in ls]
    for heading in ("사회적경제기업", "위탁기관", "사회보험료", "지원(신규)", "사업개발비"):
        assert any(heading in line.split() for line in lines), heading
    assert not any(line in ("사", "회", "구", "분") for line in lines)


# ---- the word joiners -----------------------------------------------------------------------

def test_joiners_go_between_the_letters_of_korean_words_only():
    html = ('<html><head><title>사업개요</title><style>p::before{content:"가나"}</style></head>'
            '<body><p class="사업" title="사회적 기업">사회적 <strong>기업</strong>가, R&amp;D팀 '
            '(인건비) Latin words 2016. 1. ~ 12.</p><table><tr><td>가나</td><td>다</td></tr>'
            '</table><p>마을<br>기업</p><style>p::after{content:"가나"}</style></body></html>')
    out = keep_words(html)
    J = WORD_JOINER
    assert out.split("<body>")[0] == html.split("<body>")[0]  # the head as it was
    assert f'<p class="사업" title="사회적 기업">사{J}회{J}적 ' in out  # attributes untouched
    assert f"<strong>기{J}업{J}</strong>가{J}," in out  # a word across inline tags
    assert f"R{J}&amp;{J}D{J}팀" in out  # an entity is one letter
    assert f"({J}인{J}건{J}비{J})" in out
    assert "Latin words 2016. 1. ~ 12." in out  # words without Hangul: unchanged
    assert f"<td>가{J}나</td><td>다</td>" in out  # not across table cells
    assert "마을<br>기업" not in out and f"마{J}을<br>기{J}업" in out  # nor across <br>
    assert '<style>p::after{content:"가나"}</style>' in out  # style sheets are not prose
    assert plain(out) == html


def test_a_word_ends_at_an_element_with_a_class():
    """A styled element may be set apart (a KO badge, a marker, a schedule's timing): a word
    does not run into or out of it, so the badge after an untranslated word can still go to
    the next line."""
    J = WORD_JOINER
    out = keep_words('<body><p>사업<span class="ps-badge"><span aria-hidden="true">KO</span>'
                     '</span>개요 <span lang="ko">가나</span>다</p></body>')
    assert f'<p>사{J}업<span class="ps-badge">' in out and f"</span>개{J}요" in out
    assert f"<span lang=\"ko\">가{J}나{J}</span>다" in out


def test_joiners_leave_combining_marks_and_explicit_breaks_alone():
    out = keep_words("<body><p>가\u200b나 다\u00ad라 한\u0300글</p></body>")
    assert out == f"<body><p>가\u200b나 다\u00ad라 한\u0300{WORD_JOINER}글</p></body>"


def test_the_long_words_of_a_loose_table_may_break_where_they_must():
    html = ("<body><p>가나다라</p><table><tr><td>가나다라 <b>마바</b>사</td><td>가나</td></tr>"
            "</table></body>")
    J, B = WORD_JOINER, keepall.BREAKABLE
    out = keep_words(html, {0: 2.5})
    assert f"<p>가{J}나{J}다{J}라</p>" in out  # outside the table: as ever
    assert f"<td>{B}가{J}나{J}다{J}라</span> <b>{B}마{J}바{J}</span></b>{B}사</span></td>" in out
    assert f"<td>가{J}나</td>" in out  # a word narrower than the share: whole
    assert plain(out).replace(B, "").replace("</span>", "") == html
    assert keepall.width_em("가나 ab") == pytest.approx(2 + 3 * 0.55)


# ---- captions -------------------------------------------------------------------------------

def test_the_seed_prints_no_caption_of_its_own(seed_checked):
    """Each of the seed's tables is titled by the heading or line above it, as the document
    prints it: the captions stay for screen readers only, and the page looks as before."""
    soup = BeautifulSoup(print_html(seed_checked.plan), "html.parser")
    captions = soup.select("section.part-sections table.data caption")  # the charts' follow
    assert len(captions) == 5 and all(c["class"] == ["sr"] for c in captions)
    assert [p.get_text() for p in soup.select("p.unit-line")] == ["(단위 : 명)", "(단위 : 천원)"]


def test_a_caption_the_heading_does_not_give_is_printed_above_its_table(tmp_path):
    """The minimal plan's 현황 follows a targets table under □ 사업개요: its caption is printed,
    bold, above the table, its unit at the right; 연차별 목표 and 예산 are not (the overview's
    연차별 목표 line and the □ 사업예산 heading title them)."""
    plan = check_folder(PLANS / "valid" / "minimal").plan
    soup = BeautifulSoup(print_html(plan), "html.parser")
    printed = soup.select("section.part-sections table.data caption.title")
    assert [c.get_text() for c in printed] == ["현황 (단위 : 개)"]
    assert [c.get_text() for c in soup.select("section.part-sections table.data caption.sr")] \
        == ["연차별 목표", "예산"]
    pdf = tmp_path / "minimal.pdf"
    pdf.write_bytes(_pdf(plan))
    text = pdf_text(pdf)
    assert re.search(r"< 현황 >.*\(단위 : 개\)\s*구 분", text, re.S), text
    english = tmp_path / "minimal.en.pdf"
    english.write_bytes(_pdf(plan, "en"))
    assert re.search(r"^< 현황", pdf_text(english), re.M)  # untranslated: in Korean, marked


def test_the_english_pdf_prints_the_captions_the_korean_prints():
    plan = check_folder(PLANS / "valid" / "minimal").plan
    en, ko = views(plan, EN)
    korean = printed_captions(ko)
    english = printed_captions(en, ko)
    position = {id(b): (s, p, k) for view in (en, ko) for s, section in enumerate(view.sections)
                for p, part in enumerate(section.parts) for k, b in enumerate(part.blocks)}
    assert sorted(position[i] for i in english) == sorted(position[i] for i in korean)
    assert len(korean) == 1


def test_a_caption_restates_its_heading_when_every_word_is_printed_above():
    assert restates("마을기업 현황", ["마을기업 육성사업", "사업개요", "", "현 황"])
    assert restates("사회적경제 인큐베이팅 지원사업 예산",
                    ["사회적경제 인큐베이팅 지원사업", "사업예산", "13,420천원(시비)"])
    assert not restates("2015년 추진실적", ["추진실적", ""])
    assert not restates("", ["무엇이든"])


def test_a_view_that_says_whether_its_caption_prints_decides(seed_checked):
    """A block view with ``caption_printed`` (a model flag the format may carry) overrides the
    rule, either way."""
    view = views(project(seed_checked).plan, KO)[0]
    targets = view.sections[0].parts[0].blocks[1]
    assert targets.type == "targets" and id(targets) not in printed_captions(view)
    targets.caption_printed = True
    assert id(targets) in printed_captions(view)


def _page_texts(html: str) -> list[str]:
    """Each laid-out page's text, squeezed (no spaces, no word joiners)."""
    doc = layout(html, base_url=ASSETS, fetcher=_fetcher())
    pages = []
    for page in doc.pages:
        texts: list[str] = []
        stack = [page._page_box]
        while stack:
            box = stack.pop()
            if getattr(box, "text", None):
                texts.append(box.text)
            stack.extend(reversed(getattr(box, "children", None) or []))
        pages.append(_squeezed("".join(texts)))
    return pages


def _squeezed(text: str) -> str:
    return squeeze(text).replace(WORD_JOINER, "")


def _first_row(table) -> str:
    """The text of a table's first body row, squeezed (it is printed nowhere else)."""
    return _squeezed(table.select_one("tbody tr").get_text())


def _pushed_to_the_page_end(target, keep: str, follows: str) -> list[int]:
    """Lay out the print HTML ``target`` (a tag) is part of with ``target`` started on a new page below a
    spacer that leaves 1 to 37 mm of that page; for each spacer, the pages on which ``keep``
    (the title) and ``follows`` (the table's first row) are printed.  Only the plan part that
    holds the target is kept, so each layout is short."""
    soup = target.find_parent("html")
    part = target.find_parent("section", class_="plan-section")
    for other in soup.select("section.plan-section"):
        if other is not part:
            other.decompose()
    for other in soup.select("main > section.part"):
        if part not in other.descendants:
            other.decompose()
    spacer = soup.new_tag("div")
    target.insert_before(spacer)
    moved = []
    for free in range(1, 40, 3):
        spacer["style"] = f"break-before: page; height: {255 - free}mm"  # 297 − 22 − 20 mm
        pages = _page_texts(str(soup))
        where = [n for n, text in enumerate(pages) if keep in text]
        after = [n for n, text in enumerate(pages) if follows in text]
        assert where and after, (keep, follows, pages)
        assert where[-1] == after[0], f"{free} mm left: {keep!r} ends page {where[-1] + 1}, " \
                                      f"its table starts page {after[0] + 1}"
        moved.append(where[-1])
    return moved


def test_a_printed_caption_is_never_the_last_line_of_a_page():
    """The grant trial printed ``< 사업장별 지원 계획 > (단위 : 천원)`` at the foot of page 2 and
    its table on page 3.  With the table pushed to the foot of a page, leaving 1 to 37 mm, the
    caption goes with the table's first rows, and some of those spacers do move it."""
    plan = check_folder(PLANS / "valid" / "minimal").plan
    soup = BeautifulSoup(print_html(plan), "html.parser")
    caption = soup.select_one("section.part-sections table.data caption.title")
    pages = _pushed_to_the_page_end(caption.find_parent("div", class_="block"), "<현황>",
                                    _first_row(caption.find_parent("table")))
    assert len(set(pages)) == 2, pages  # on the spacer's page while it fits, then the next

