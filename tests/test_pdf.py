"""The seed's sign-off PDF, rendered once per session and read back: text, pages, fonts,
outline, metadata, attachments, reproducibility, and a render with no system font at all."""

from __future__ import annotations

import io
import logging
import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from generator import model
from generator.locale import get as get_locale
from generator.locale.formats import circled
from generator.model import walk
from generator.pdf import FONTS, approval_moment, plan_pdf
from generator.pdf.fetcher import AssetFetcher
from generator.pdf.html import ASSETS, print_html
from generator.pdf.keepall import plain
from generator.pdf.render import layout
from generator.pipeline import check_folder

from .conftest import ROOT, SEED
from .pdf_support import (FONT_CACHE_DIR, body_rows_by_page, font_cache, pdf_text, plan_fetcher, poppler,
                          seed_pdfs, squeeze, tables)

KO = get_locale("ko")

A4 = (595.28, 841.89)
PLAN_ID = "gwangjin-2016-job-operations"
SIX = [("주무관", "김형만"), ("일자리운영팀장", "이재현"), ("일자리경제과장", "김정애"),
       ("기획경제국장", "고재풍"), ("부구청장", "김경호"), ("구청장", "김기동")]
SEED_FIGURES = [
    "56,000", "7,005", "10,000", "14,000", "10,995", "14,000개", "연간 2억원", "28", "7개", "2개",
    "8개", "3개", "5,000천원(구비)", "9개(예비1개, 인증8개)", "국비 75 : 시비 25",
    "국비 70 : 시비 30 (혁신형 사업비는 전액 시비)", "전액 국비", "219,776천원", "67,743천원",
    "55,700천원", "110,000천원", "1,475백만원", "52,369천원", "70,158천원", "74,254천원",
    "2013. 11. 1.", "2012. 3. 31.", "2011. 3. 25.", "100백만원(국:시:구=50:25:25) - 신규기업 2개",
    "1,000천원(구비) - 교육", "66개소", "20개소", "13,420천원(시비)", "13,420", "7,670", "3,000",
    "2,350", "400", "2016. 2 · 4 · 6 · 8월", "2016. 2·3·9·10월", "2015. 2. 5", "월 1~2회", "총6회", "2016. 7 ~ 9월",
    "2015. 9. 1. ~ 2016. 8. 31", "구청장 방침 제79호", "일자리경제과-2685", "2016. 1. 19.", "01/19",
]


@pytest.fixture(scope="session")
def seed_checked():
    checked = check_folder(SEED)
    assert checked.ok
    return checked


@pytest.fixture(scope="session")
def seed_pdf(tmp_path_factory, seed_checked) -> Path:
    """The seed's Korean PDF as ``plansite build`` writes it (rendered once for the session,
    beside the English one)."""
    pdf = seed_pdfs(tmp_path_factory)["ko"]
    assert pdf.name == f"{PLAN_ID}.ko.pdf"
    return pdf


@pytest.fixture(scope="session")
def reader(seed_pdf) -> PdfReader:
    return PdfReader(seed_pdf)


def test_every_text_and_figure_of_the_seed_is_in_the_pdf(seed_pdf, seed_checked):
    text = squeeze(pdf_text(seed_pdf))
    dates = {row_cell.text.ko for n in walk(seed_checked.plan) if isinstance(n, model.TableBlock)
             for col in n.columns if col.type == "date"
             for row_cell in (r.cells.get(col.key) for r in n.rows) if row_cell}
    texts = [n.ko for n in walk(seed_checked.plan) if isinstance(n, model.Text)]
    assert len(texts) > 400
    missing = [t for t in texts if t not in dates and squeeze(t) not in text]
    assert missing == []
    assert [f for f in SEED_FIGURES if squeeze(f) not in text] == []
    for d in dates:  # date cells print in the document's form, 2013. 11. 1.
        assert squeeze(KO.day(date.fromisoformat(d))) in text


def test_page_one_has_the_header_block_the_six_approvers_and_the_title(seed_pdf, seed_checked):
    page1 = pdf_text(seed_pdf, 1, 1)
    lines = page1.splitlines()
    for label, value in [("문서번호", "일자리경제과-2685"), ("결재일자", "2016. 1. 19."),
                         ("공개여부", "대시민공개"), ("방침번호", "구청장 방침 제79호")]:
        assert label in page1 and value in page1
    roles = [r for r, _ in SIX]
    assert " ".join(roles) in " ".join(lines)  # one column per approver, left to right
    names = " ".join(n for _, n in SIX[:-1]) + " 01/19 김기동"
    assert names in " ".join(lines)
    assert "협 조" in page1
    plan = seed_checked.plan
    for text in [plan.cover.heading.ko, "기 획 경 제 국", "(일 자 리 경 제 과)",
                 plan.cover.subtitle.ko, plan.title.ko, f"[{plan.vision.ko}]",
                 *[f"- {g.ko}" for g in plan.goals]]:
        assert squeeze(text) in squeeze(page1)
    assert "세부추진계획" not in page1 and "①" not in page1


def test_pages_are_a4_and_numbered_n_of_n_with_the_document_number_from_page_two(reader,
                                                                                   seed_pdf):
    pages = len(reader.pages)
    assert 8 <= pages <= 20  # the document, then its charts (about four pages)
    for page in reader.pages:
        box = page.mediabox
        assert (round(float(box.width), 2), round(float(box.height), 2)) == A4
    for n in range(1, pages + 1):
        footer = pdf_text(seed_pdf, n, n, crop=(0, 780, 596, 62))
        assert footer.split() == [str(n), "/", str(pages)]
        header = pdf_text(seed_pdf, n, n, crop=(0, 0, 596, 62))
        assert header.split() == ([] if n == 1 else ["일자리경제과-2685"])


def test_parts_and_sections_are_numbered_and_each_has_one_outline_entry(reader, seed_checked,
                                                                        seed_pdf):
    sections = seed_checked.plan.sections
    outline = reader.outline
    titles = [o.title for o in outline if not isinstance(o, list)]
    assert titles == ["I 2016 일자리운영팀 주요업무 추진일정표", "II 세부추진계획",
                      "참고 도표로 보는 추진일정과 예산"]
    children = [o for o in outline if isinstance(o, list)]
    assert len(children) == 1
    assert [o.title for o in children[0]] == [f"{circled(i + 1)} {s.title.ko}"
                                             for i, s in enumerate(sections)]
    # each entry points at the page its heading is on, in order
    pages = [reader.get_destination_page_number(o) + 1 for o in children[0]]
    assert pages == sorted(pages)
    for entry, page in zip(children[0], pages):
        assert squeeze(entry.title) in squeeze(pdf_text(seed_pdf, page, page))


def test_the_month_grid_marks_each_row_s_months(seed_pdf, seed_checked):
    grid_page = pdf_text(seed_pdf, 2, 2)
    rows = [r for g in seed_checked.plan.summary_schedule.groups for r in g.rows]
    lines = grid_page.splitlines()
    for row in rows:
        line = next(x for x in lines if row.name.ko in x)
        assert line.count("■") == len(row.months)
        assert f"({KO.month_set(row.months)})" in line  # the text alternative
    assert "※ 각 단위업무별 사업계획 별도 시행" in grid_page


def test_every_font_is_an_embedded_nanum_subset(seed_pdf, reader):
    listing = poppler("pdffonts", str(seed_pdf)).splitlines()[2:]
    assert len(listing) == 4
    names = sorted(line.split()[0].split("+", 1)[1] for line in listing)
    assert names == ["NanumGothic-Plansite", "NanumGothic-Plansite-Bold",
                     "NanumMyeongjo-Plansite", "NanumMyeongjo-Plansite-Bold"]
    for line in listing:
        cols = line.split()
        assert cols[-5:-2] == ["yes", "yes", "yes"], line  # embedded, subset, unicode map
    for page in reader.pages:  # and in the file itself: every font carries its program
        for font in page["/Resources"]["/Font"].values():
            descendant = font.get_object()["/DescendantFonts"][0].get_object()
            assert "/FontFile2" in descendant["/FontDescriptor"]


def test_metadata_language_tags_and_pdf_ua(reader, seed_checked):
    plan = seed_checked.plan
    meta = reader.metadata
    assert meta.title == plan.title.ko
    assert meta.author == "서울특별시 광진구 기획경제국 일자리경제과 일자리운영팀"
    assert plan.vision.ko in meta.subject and "일자리경제과-2685" in meta.subject
    assert meta["/CreationDate"] == "D:20160119000000Z" == meta["/ModDate"]
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "ko"
    assert root["/MarkInfo"]["/Marked"] in (True, "true")
    assert "/StructTreeRoot" in root
    xmp = root["/Metadata"].get_object().get_data().decode()
    assert 'pdfuaid:part="1"' in xmp


def test_the_plan_yaml_files_are_attached(reader):
    """The plan's YAML files and its translation catalogs, as they were checked."""
    files = {name: content[0] for name, content in reader.attachments.items()}
    expected = ["plan.yaml"] + [f"sections/{p.name}" for p in sorted((SEED / "sections").glob(
        "*.yaml"))] + [f"translations/{p.name}" for p in sorted(
            (SEED / "translations").glob("*.po"))]
    assert sorted(files) == sorted(expected)
    for name in expected:
        assert files[name] == (SEED / name).read_bytes()
    described = _attachment_types(reader)
    assert described["plan.yaml"] == ("application/yaml", "계획 원본 (YAML) / plan source")
    for name in expected:
        if name.endswith(".po"):
            assert described[name] == ("text/x-gettext-translation",
                                       "번역 카탈로그 (gettext PO) / translation catalog")


def _attachment_types(reader) -> dict[str, tuple[str, str]]:
    """Each attached file's media type and description, read from the PDF's name tree."""
    out = {}
    names = reader.trailer["/Root"]["/Names"]["/EmbeddedFiles"]["/Names"]
    for i in range(0, len(names), 2):
        spec = names[i + 1].get_object()
        stream = spec["/EF"]["/F"].get_object()
        out[spec["/F"]] = (str(stream.get("/Subtype", "")).lstrip("/").replace("#2F", "/"),
                           str(spec.get("/Desc", "")))
    return out


def test_size_is_within_budget(seed_pdf):
    # 300 KB for the document; its charts (a reference part of four pages: drawings, their
    # tables, the glyphs of their labels in 고딕) add some 70 KB
    assert seed_pdf.stat().st_size <= 340 * 1024


def test_same_input_same_bytes(seed_pdf, seed_checked, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert plan_pdf(seed_checked, font_cache()) == seed_pdf.read_bytes()


def test_source_date_epoch_sets_the_dates(monkeypatch):
    """Dates come from SOURCE_DATE_EPOCH, else from the approval date: never from the clock."""
    checked = check_folder(ROOT / "tests" / "plans" / "valid" / "minimal")
    cache = font_cache()
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    unset = plan_pdf(checked, cache)
    assert approval_moment(checked.plan).timestamp() == 1453161600  # 2016-01-19T00:00:00Z
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1453161600")
    assert plan_pdf(checked, cache) == unset
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    other = plan_pdf(checked, cache)
    meta = PdfReader(io.BytesIO(other)).metadata
    assert meta["/CreationDate"] == meta["/ModDate"] == "D:20231114221320Z"
    assert b"D:20231114221320Z" in other  # the attachments' dates too


def test_same_bytes_from_another_checkout(seed_pdf, tmp_path, monkeypatch):
    """No path of the machine gets into the PDF: the plan copied elsewhere gives the same file."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    copy = tmp_path / "elsewhere" / PLAN_ID
    shutil.copytree(SEED, copy)
    assert plan_pdf(check_folder(copy), font_cache()) == seed_pdf.read_bytes()


def test_weasyprint_reports_nothing(caplog):
    """No ignored CSS, missing font, unreadable URL or missing tag: WeasyPrint logs nothing."""
    checked = check_folder(ROOT / "tests" / "plans" / "valid" / "minimal")
    with caplog.at_level(logging.INFO, logger="weasyprint"):
        plan_pdf(checked, font_cache())
    assert [r.getMessage() for r in caplog.records if r.name == "weasyprint"] == []


def test_renders_the_same_with_no_system_font(seed_pdf, tmp_path, tmp_path_factory):
    """With an empty fontconfig (no font folders) the PDFs come out byte for byte the same."""
    conf = tmp_path / "fonts.conf"
    conf.write_text(f"<fontconfig><cachedir>{tmp_path / 'fc-cache'}</cachedir></fontconfig>")
    out = tmp_path / "out"
    env = {**os.environ, "FONTCONFIG_FILE": str(conf), "PLANSITE_CACHE": str(FONT_CACHE_DIR.parent)}
    env.pop("SOURCE_DATE_EPOCH", None)
    script = ("import sys; from pathlib import Path; from generator.pipeline import check_folder;"
              "from generator.pdf import build_pdfs;"
              "from weasyprint.text.ffi import fontconfig as fc;"
              "print('system fonts:', fc.FcConfigGetFonts(fc.FcInitLoadConfigAndFonts(),"
              " fc.FcSetSystem).nfont);"
              "build_pdfs([check_folder(sys.argv[1])], Path(sys.argv[2]))")
    done = subprocess.run([sys.executable, "-c", script, str(SEED), str(out)], cwd=ROOT, env=env,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "system fonts: 0" in done.stdout  # the fontconfig really had no fonts
    assert "Expect ugly output" not in done.stderr  # and nobody is told it is a fault
    pdf = out / f"{PLAN_ID}.ko.pdf"
    listing = poppler("pdffonts", str(pdf))
    assert listing.count("Plansite") == 4 and all(
        "Plansite" in line for line in listing.splitlines()[2:])
    assert "김기동" in pdf_text(pdf, 1, 1) and "지역일자리 목표 공시제" in pdf_text(pdf)
    assert pdf.read_bytes() == seed_pdf.read_bytes()
    english = out / f"{PLAN_ID}.en.pdf"
    assert all("Plansite" in line for line in poppler("pdffonts", str(english)).splitlines()[2:])
    assert english.read_bytes() == seed_pdfs(tmp_path_factory)["en"].read_bytes()


# ---- layout, read from WeasyPrint's page boxes ----

@pytest.fixture(scope="session")
def seed_pages(seed_checked):
    fetcher = AssetFetcher([FONTS], font_cache=font_cache())
    document = layout(print_html(seed_checked.plan), base_url=ASSETS, fetcher=fetcher)
    return [page._page_box for page in document.pages]


def test_no_row_is_lost_or_split_and_headers_repeat(seed_pages):
    drawn, every = body_rows_by_page(seed_pages)
    assert set(drawn) == every  # every row of every table is drawn
    split = {k: v for k, v in drawn.items() if len(v) > 1}
    assert split == {}  # ... on one page only


def test_a_long_table_repeats_its_header_on_every_page(seed_checked):
    plan = check_folder(ROOT / "tests" / "plans" / "valid" / "minimal").plan
    rows = [{"구분": f"항목 {i}", "금액": f"{i * 1000:,}",
             "내용": "가나다라마바사 " * (1 + i % 7)} for i in range(1, 121)]
    table = model.TableBlock.model_validate({
        "type": "table", "caption": "긴 표", "unit": "천원",
        "columns": [{"key": "구분", "label": "구 분", "role": "label"},
                    {"key": "금액", "label": "금액", "type": "number"},
                    {"key": "내용", "label": "내용"}],
        "rows": rows})
    plan.sections[0].parts[0].blocks.append(table)
    fetcher = plan_fetcher()
    pages = [p._page_box for p in layout(print_html(plan), base_url=ASSETS,
                                         fetcher=fetcher).pages]
    drawn, every = body_rows_by_page(pages)
    assert set(drawn) == every and all(len(v) == 1 for v in drawn.values())
    long_pages = sorted({v[0] for v in drawn.values()}) 
    assert len(long_pages) >= 4
    headers = 0
    for number in long_pages:
        for t in tables(pages[number - 1]):
            caption = t.element.find("caption")
            if caption is not None and plain("".join(caption.itertext())).startswith("긴 표"):
                headers += t.children[0].is_header
    assert headers >= 4
