"""The English sign-off PDF, ``<plan-id>.en.pdf``: the Korean PDF's layout with every word from
the English view, Latin and Korean fonts embedded, ``/Lang en``, the 결재란's Korean roles with
the English beside them, untranslated texts shown in Korean and marked, figures formatted in
English, page footers and month names from the English catalog, the same bytes on every build.
"""

from __future__ import annotations

import io
import re
from dataclasses import fields, is_dataclass
from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from generator import cli, model
from generator.locale import get as get_locale
from generator.locale.shown import FALLBACK
from generator.model import walk
from generator.pdf import FONTS, plan_files, plan_pdf
from generator.pdf.fetcher import AssetFetcher
from generator.pdf import untranslated
from generator.pdf.html import ASSETS, month_headings, print_html, views
from generator.pdf.render import layout
from generator.pipeline import check_folder
from generator.projection import project
from generator.view import blocks as view_blocks

from .conftest import PLANS, ROOT, SEED
from .pdf_support import (body_rows_by_page, font_cache, fonts_of, pdf_text, plan_fetcher, seed_pdfs,
                          squeeze, tables)

EN, KO = get_locale("en"), get_locale("ko")
PLAN_ID = "gwangjin-2016-job-operations"
MINIMAL = PLANS / "valid" / "minimal"
HANGUL = re.compile(r"[\uac00-\ud7a3]")


@pytest.fixture(scope="module")
def seed_checked():
    checked = check_folder(SEED)
    assert checked.ok
    return checked


@pytest.fixture(scope="module")
def en_pdf(tmp_path_factory) -> Path:
    return seed_pdfs(tmp_path_factory)["en"]


@pytest.fixture(scope="module")
def en_view(seed_checked):
    """The English view the PDF is printed from (untranslated texts marked)."""
    return views(project(seed_checked).plan, EN)[0]


def flat(text: str) -> str:
    """Text to compare with what pdftotext gives: no whitespace, and no hyphen (English words
    are hyphenated at line ends, with the same character as a real hyphen)."""
    return squeeze(text).replace("-", "").replace("\u00ad", "")


BADGE = EN.gettext("KO (badge)") + " " + EN.gettext("(Korean only)")
"""What the text layer holds for the mark after a text not translated (the badge, and its
words for screen readers)."""


def shown(value: str) -> str:
    """What the PDF's text layer holds for a view string: a text not translated reads as its
    Korean, then its badge."""
    parts = getattr(value, "parts", None)
    if parts is None:
        return str(value)
    return "".join(text + (BADGE if kind == FALLBACK else "") for text, kind in parts)


SKIPPED = {view_blocks.ColumnView, view_blocks.ShareView, view_blocks.TimingView}
"""Views the print does not show as they are (a column's key and type; the funding breakdown,
a site aid; a schedule line's timings one by one, for the charts: the line prints them all)."""
SKIPPED_FIELDS = {"id", "lang", "type", "section", "shares", "office", "kind"}


def printed_strings(view) -> list[str]:
    """Every string of a view that the print shows."""
    if isinstance(view, str):
        return [view] if view.strip() else []
    if type(view) in SKIPPED:
        return []
    if is_dataclass(view):
        return [s for f in fields(view) if f.name not in SKIPPED_FIELDS
                for s in printed_strings(getattr(view, f.name))]
    if isinstance(view, (list, tuple)):
        return [s for v in view for s in printed_strings(v)]
    return []


# ---- one PDF per plan and language ----------------------------------------------------------

def test_every_plan_gets_an_english_pdf_beside_its_korean(en_pdf):
    assert en_pdf.name == f"{PLAN_ID}.en.pdf" and en_pdf.read_bytes().startswith(b"%PDF-")
    assert (en_pdf.parent / f"{PLAN_ID}.ko.pdf").is_file()
    folders = sorted(p.parent for p in (ROOT / "plan").glob("*/plan.yaml"))
    assert SEED in folders
    checked = check_folder(MINIMAL)
    files = plan_files(project(checked), font_cache())
    assert sorted(files) == ["minimal.en.pdf", "minimal.ko.pdf"]
    assert all(data.startswith(b"%PDF-") for data in files.values())


def test_build_only_pdf_writes_both_languages(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PLANSITE_CACHE", str(ROOT / "build" / ".cache"))
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    out = tmp_path / "out"
    assert cli.main(["build", "--only", "pdf", "--out", str(out), str(MINIMAL)]) == 0
    assert sorted(p.name for p in (out / "pdf").iterdir()) == ["minimal.en.pdf",
                                                               "minimal.ko.pdf"]
    english = (out / "pdf" / "minimal.en.pdf").read_bytes()
    assert PdfReader(io.BytesIO(english)).trailer["/Root"]["/Lang"] == "en"


# ---- what it says ---------------------------------------------------------------------------

def test_every_string_of_the_english_view_is_in_the_pdf(en_pdf, en_view):
    text = flat(pdf_text(en_pdf))
    strings = printed_strings(en_view)
    assert len(strings) > 400
    missing = [s for s in strings if flat(shown(s)) not in text]
    assert missing == []


def test_the_seed_s_figures_are_formatted_in_english(en_pdf, seed_checked, en_view):
    """Typed values (dates, counts, money, targets) read as the English locale formats them,
    wherever the PDF shows them."""
    plan = seed_checked.plan
    text = flat(pdf_text(en_pdf))
    figures = [EN.day(plan.header.approved_on)]
    for node in walk(plan):
        if isinstance(node, model.TargetsBlock):
            figures += [EN.number(node.total), *[EN.number(v) for v in node.years.values()]]
        if isinstance(node, model.TableBlock):
            for col in node.columns:
                if col.type in ("date", "money", "number"):
                    figures += [view_blocks.cell_text(node, col, row.cells[col.key], EN)
                                for row in node.rows
                                if col.key in row.cells and row.cells[col.key].text is not None]
    for section in plan.sections:
        for part in section.parts:
            if part.budget is not None:
                figures.append(EN.stated(part.value, part.budget))
    figures = [str(f) for f in figures if f]
    assert len(figures) > 25
    assert [f for f in figures if flat(f) not in text] == []
    # the English forms, not the Korean: dates of the village enterprises' table, for one
    village = next(s for s in plan.sections if s.id == "village-enterprises")
    table = next(b for p in village.parts for b in p.blocks if isinstance(b, model.TableBlock))
    date_cols = [c for c in table.columns if c.type == "date"]
    assert date_cols
    for col in date_cols:
        for row in table.rows:
            shown_day = view_blocks.cell_text(table, col, row.cells[col.key], EN)
            assert not HANGUL.search(shown_day) and flat(shown_day) in text
            assert shown_day != view_blocks.cell_text(table, col, row.cells[col.key], KO)
    assert flat(EN.day(date(2016, 1, 19))) in flat(pdf_text(en_pdf, 1, 1))


def test_page_numbers_and_headers_are_english(en_pdf):
    reader = PdfReader(en_pdf)
    pages = len(reader.pages)
    assert 8 <= pages <= 20  # the document, then its charts (about five pages)
    for n in range(1, pages + 1):
        footer = pdf_text(en_pdf, n, n, crop=(0, 780, 596, 62))
        assert footer.split() == EN.gettext("page {page} of {pages}", page=n,
                                            pages=pages).split()
        header = pdf_text(en_pdf, n, n, crop=(0, 0, 596, 62))
        if n > 1:
            assert header.split() == ["일자리경제과-2685"]


def test_the_month_grid_is_headed_by_english_month_names(en_pdf, en_view, seed_checked):
    grid = pdf_text(en_pdf, 2, 2)
    names = month_headings(EN)
    assert names == ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
                     "Nov", "Dec"]
    assert month_headings(KO) == [str(m) for m in range(1, 13)]
    assert " ".join(names) in grid, grid[:400]
    rows = [r for g in en_view.schedule_groups for r in g.rows]
    assert grid.count("■") == sum(len(r.months) for r in rows) + 1  # and the caption's
    soup = BeautifulSoup(print_html(seed_checked.plan, EN), "html.parser")
    grid_rows = soup.select("table.grid tbody tr")
    assert [th.text for th in soup.select("table.grid thead th.month")] == names
    for tr, row in zip(grid_rows, rows, strict=True):
        assert [m for m, td in enumerate(tr.find_all("td"), 1) if td.text == "■"] == row.months


def test_lang_metadata_and_pdf_ua(en_pdf, en_view):
    reader = PdfReader(en_pdf)
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en"
    meta = reader.metadata
    assert meta.title == str(en_view.title)
    assert meta.author == str(en_view.organisation)
    assert "일자리경제과-2685" in meta.subject
    assert meta["/CreationDate"] == "D:20160119000000Z" == meta["/ModDate"]
    assert root["/MarkInfo"]["/Marked"] in (True, "true") and "/StructTreeRoot" in root
    assert 'pdfuaid:part="1"' in root["/Metadata"].get_object().get_data().decode()
    files = {name: content[0] for name, content in reader.attachments.items()}
    assert files["plan.yaml"] == (SEED / "plan.yaml").read_bytes()
    # the English comes from the plan's catalog: it is attached, described in English
    assert files["translations/en.po"] == (SEED / "translations" / "en.po").read_bytes()
    names = root["/Names"]["/EmbeddedFiles"]["/Names"]
    specs = {names[i]: names[i + 1].get_object() for i in range(0, len(names), 2)}
    assert specs["translations/en.po"]["/Desc"] == "translation catalog (gettext PO)"
    assert specs["plan.yaml"]["/Desc"] == "plan source (YAML)"


def test_latin_and_korean_fonts_are_embedded_and_nothing_else(en_pdf):
    rows = fonts_of(en_pdf)
    names = {name for name, _ in rows}
    assert {"NotoSerif-Plansite", "NanumGothic-Plansite-Bold"} <= names
    assert any(n.startswith("NanumMyeongjo-Plansite") for n in names)
    assert all(name.endswith(("Plansite", "Plansite-Bold")) for name in names), names
    for name, cols in rows:
        assert cols[-5:-2] == ["yes", "yes", "yes"], (name, cols)  # embedded, subset, unicode
    for page in PdfReader(en_pdf).pages:
        for font in page["/Resources"]["/Font"].values():
            descendant = font.get_object()["/DescendantFonts"][0].get_object()
            assert "/FontFile2" in descendant["/FontDescriptor"]


def test_the_size_cost_of_the_latin_font_is_small(en_pdf):
    """Two Latin subsets (~15 KB each as carried) add a few tens of KB to the English PDF."""
    carried = sum(f.stat().st_size for f in FONTS.glob("NotoSerif*.woff2"))
    assert carried < 40 * 1024
    assert en_pdf.stat().st_size <= 400 * 1024


# ---- the 결재란 -------------------------------------------------------------------------------

def _text(ko: str, en: str = "") -> model.Text:
    """A plan text, translated as the loader translates it (``Text.en`` set from the plan's
    catalog)."""
    text = model.Text(ko=ko)
    text.en = en
    return text


def _translated_people(plan: model.Plan) -> model.Plan:
    people = [model.Approver(role=_text("주무관", "Officer in Charge"),
                             name=_text("홍길동", "Hong Gil-dong")),
              model.Approver(role=_text("팀장", "Team Leader"), name=_text("김철수", "Kim Cheol-su"),
                             signed_on=date(2016, 1, 19)),
              model.Approver(role="구청장", name="김기동")]
    helpers = [model.Approver(role=_text("감사담당관", "Audit Officer"),
                              name=_text("이영희", "Lee Yeong-hui"))]
    return plan.model_copy(update={"approval": people, "cooperation": helpers})


def test_the_approval_boxes_keep_the_korean_roles_with_the_english_beside(tmp_path):
    plan = _translated_people(check_folder(MINIMAL).plan)
    html = print_html(plan, EN)
    soup = BeautifulSoup(html, "html.parser")
    heads = soup.select("table.approval thead th")
    assert [(th.select_one(".ko").text if th.select_one(".ko") else None,
             th.select_one(".other").text if th.select_one(".other") else None)
            for th in heads] == [("주무관", "Officer in Charge"), ("팀장", "Team Leader"),
                                 (None, None)]
    assert heads[0].select_one(".ko")["lang"] == "ko"
    last = heads[2].select_one("span.ps-untranslated")  # no English role: the Korean, marked
    assert last is not None and last.text == "구청장" and last["lang"] == "ko"
    assert heads[2].select_one(".ps-badge") is not None
    signs = [td.get_text(" ", strip=True) for td in soup.select("table.approval tr.sign td")]
    assert signs[:2] == ["홍길동 / Hong Gil-dong", "01/19 김철수 / Kim Cheol-su"]
    coop = soup.select_one("table.approval tr.coop")
    assert coop.th.get_text(" ", strip=True) == "협 조 / Cooperation"
    assert "감사담당관 / Audit Officer" in coop.get_text(" ", strip=True)
    # in the PDF: both on page 1, the English in a legible size, inside its box
    pdf = tmp_path / "people.en.pdf"
    from generator.pdf.render import render_pdf
    from generator.pdf import approval_moment
    pdf.write_bytes(render_pdf(html, base_url=ASSETS, fetcher=plan_fetcher(),
                               moment=approval_moment(plan)))
    page1 = squeeze(pdf_text(pdf, 1, 1))
    for words in ["주무관/OfficerinCharge", "팀장/TeamLeader", "홍길동/HongGildong",
                  "협조/Cooperation"]:
        assert squeeze(words) in page1.replace("-", ""), words


def test_the_seed_s_approval_boxes_show_every_korean_role(en_pdf, seed_checked, en_view):
    page1 = squeeze(pdf_text(en_pdf, 1, 1))
    for person, ko_role in zip(en_view.approval, [a.role for a in views(
            seed_checked.plan, KO)[0].approval]):
        assert squeeze(ko_role) in page1
        english = str(person.role)
        if english != ko_role:
            assert flat(english) in flat(page1)


# ---- texts without their English ------------------------------------------------------------

def test_untranslated_texts_show_their_korean_marked(tmp_path):
    """The minimal plan has no English: its texts print in Korean inside
    ``<span lang="ko" class="ps-untranslated">`` with a ``KO`` badge (as on the site), page 1
    says how many, and the title and metadata carry no markup."""
    checked = check_folder(MINIMAL)
    plan = checked.plan
    html = print_html(plan, EN)
    soup = BeautifulSoup(html, "html.parser")
    assert soup.html["lang"] == "en"
    marked = soup.select("span.ps-untranslated")
    assert marked and all(s["lang"] == "ko" for s in marked)
    assert all(s.find_next_sibling() is not None and "ps-badge" in s.find_next_sibling()["class"]
               for s in marked)
    assert soup.title.text == KO.text(plan.title) and "<" not in soup.title.text
    assert untranslated.COUNT not in html
    note = soup.select_one("p.translation-note")
    assert note is not None
    distinct = {s.text for s in marked}
    assert note.text.startswith(f"{len(distinct)} text(s) not translated"), note.text
    assert soup.select_one("h1.title span.ps-untranslated").text == KO.text(plan.title)
    # every Hangul text node of the body is inside a Korean element
    for node in soup.body.find_all(string=HANGUL):
        assert node.find_parent(attrs={"lang": "ko"}) is not None, node
    pdf = plan_pdf(checked, font_cache(), "en")
    path = tmp_path / "minimal.en.pdf"
    path.write_bytes(pdf)
    assert squeeze(KO.text(plan.title) + BADGE) in squeeze(pdf_text(path, 1, 1))
    # a translated text is not marked, and with every text translated there is no note
    translated = plan.model_copy(update={"title": _text(KO.text(plan.title), "A test plan")})
    soup = BeautifulSoup(print_html(translated, EN), "html.parser")
    assert soup.title.text == "A test plan"
    assert soup.select_one("h1.title").text == "A test plan"
    assert soup.select_one("p.translation-note") is not None  # other texts are not
    assert untranslated.finish(f"<p class=\"translation-note\">{untranslated.COUNT}</p>\n",
                               {"가": True}) == ""


def test_the_korean_pdf_has_no_english_edition_marks(seed_checked):
    html = print_html(seed_checked.plan)
    body = html.split("</style>", 1)[1]
    assert "ps-untranslated" not in body and "ps-badge" not in body
    assert "translation-note" not in body
    assert "NotoSerif" not in html and 'class="other"' not in html


# ---- reproducible ---------------------------------------------------------------------------

def test_same_input_same_bytes(en_pdf, seed_checked, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert plan_pdf(seed_checked, font_cache(), "en") == en_pdf.read_bytes()


def test_source_date_epoch_sets_the_english_dates(monkeypatch):
    checked = check_folder(MINIMAL)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    meta = PdfReader(io.BytesIO(plan_pdf(checked, font_cache(), "en"))).metadata
    assert meta["/CreationDate"] == meta["/ModDate"] == "D:20231114221320Z"


# ---- layout ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def en_pages(seed_checked):
    fetcher = AssetFetcher([FONTS], font_cache=font_cache())
    document = layout(print_html(seed_checked.plan, EN), base_url=ASSETS, fetcher=fetcher)
    return [page._page_box for page in document.pages]


def _lines(box):
    from weasyprint.formatting_structure import boxes
    if isinstance(box, boxes.LineBox):
        yield box
        return
    for child in getattr(box, "children", []):
        yield from _lines(child)


def _cells(box):
    from weasyprint.formatting_structure import boxes
    if isinstance(box, boxes.TableCellBox):
        yield box
    for child in getattr(box, "children", []):
        yield from _cells(child)


def _text_boxes(box):
    from weasyprint.formatting_structure import boxes
    if isinstance(box, boxes.TextBox):
        yield box
    for child in getattr(box, "children", []):
        yield from _text_boxes(child)


def test_no_english_text_overflows_its_table_cell(en_pages):
    """Every word of every table cell (the 결재란's boxes, the month grid, the data tables) is
    drawn inside its cell: narrow cells wrap and hyphenate English instead of overflowing."""
    over = []
    for number, page in enumerate(en_pages, 1):
        for table in tables(page):
            for cell in _cells(table):
                left = cell.content_box_x() - 0.5
                right = cell.content_box_x() + cell.width + 0.5
                for text in _text_boxes(cell):
                    if text.position_x < left or text.position_x + text.width > right:
                        over.append((number, text.text, round(text.position_x + text.width
                                                              - right, 1)))
    assert over == []


def _inline_texts(box, cls: str, inside: bool = False):
    """The text boxes inside elements of a class."""
    from weasyprint.formatting_structure import boxes
    element = getattr(box, "element", None)
    inside = inside or (element is not None and cls in (element.get("class") or "").split()
                        and not isinstance(box, boxes.TextBox))
    if isinstance(box, boxes.TextBox):
        if inside:
            yield box
        return
    for child in getattr(box, "children", []):
        yield from _inline_texts(child, cls, inside)


def test_the_approval_boxes_english_is_legible(tmp_path):
    """The English roles and names under the Korean ones are set in 7 points or more."""
    plan = _translated_people(check_folder(MINIMAL).plan)
    fetcher = plan_fetcher()
    page = layout(print_html(plan, EN), base_url=ASSETS, fetcher=fetcher).pages[0]._page_box
    approval = next(t for t in tables(page) if "approval" in t.element.get("class", ""))
    english = list(_inline_texts(approval, "other"))
    assert {t.text for t in english} >= {"Officer in", "Team Leader", "Cooperation"} or \
        len(english) >= 6
    sizes = {round(t.style["font_size"] * 0.75, 1) for t in english}
    assert min(sizes) >= 7, sizes  # points


def test_no_row_is_lost_or_split_and_headers_repeat(en_pages):
    drawn, every = body_rows_by_page(en_pages)
    assert set(drawn) == every
    assert {k: v for k, v in drawn.items() if len(v) > 1} == {}


def test_page_one_holds_the_whole_cover(en_pages, en_view):
    """The English cover (longer than the Korean) stays on page 1: part I starts page 2."""
    texts = " ".join(t.text for t in _text_boxes(en_pages[0]))
    assert flat(shown(en_view.goals[-1]))[-10:] in flat(texts)
    assert flat(shown(en_view.schedule_title)) not in flat(texts)


# ---- the site offers it ---------------------------------------------------------------------

def test_the_downloads_page_lists_the_english_pdf(tmp_path, monkeypatch, capsys):
    from generator.build import build
    monkeypatch.setenv("PLANSITE_CACHE", str(ROOT / "build" / ".cache"))
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    out = tmp_path / "build"
    assert build([str(MINIMAL)], out, only=["pdf", "site"]) == 0
    pages = sorted((out / "site").glob("**/downloads/index.html"))
    assert pages
    for page in pages:
        soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
        links = [a["href"] for a in soup.find("article").find_all("a", download=True)]
        assert [h.rsplit("/", 1)[-1] for h in links] == ["minimal.en.pdf", "minimal.ko.pdf"]
        for href in links:
            served = (page.parent / href).resolve()
            assert served.read_bytes() == (out / "pdf" / served.name).read_bytes()
