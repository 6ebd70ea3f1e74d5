"""Figures (images of the plan folder) and footnotes, through validate, the site, the PDF and the
public outputs.  The fixture is a valid event plan, ``tests/plans/valid/fair``: its 배치도 (a
PNG), an internal figure of its safety routes (a PNG, ground 3), a map (an SVG), footnotes on
an overview line, a figure cell of its budget table and a schedule line (one referenced twice),
and a second section whose footnote is numbered on from the first's."""

from __future__ import annotations

import http.server
import json
import os
import shutil
import threading
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import unquote

import pytest

from generator import figures
from generator.data import plan_json
from generator.digest import input_digest
from generator.pdf import FONTS
from generator.pdf.fetcher import AssetFetcher, figure_url
from generator.pdf.html import ASSETS, figure_width, print_html
from generator.pdf.render import PdfRenderError, render_pdf
from generator.locale import get as get_locale
from generator.pipeline import check_folder
from generator.projection import project
from generator.site.pages import site_pages

from .conftest import PLANS
from .pdf_support import FONT_CACHE_DIR, font_cache, pdf_text, poppler, squeeze
from .site_helpers import article, build, text_of

FAIR = PLANS / "valid" / "fair"
HALL, ROUTES, MAP = "images/hall-layout.png", "images/safety-routes.png", "images/campus-map.svg"
MOMENT = datetime(2027, 2, 10, tzinfo=timezone.utc)


@pytest.fixture(scope="module")
def checked():
    c = check_folder(FAIR)
    assert c.ok and c.problems == [], c.problems
    return c


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    _, site = build(FAIR, tmp_path_factory.mktemp("fair-site"))
    return site


def _render(projection, lang: str = "ko") -> tuple[bytes, AssetFetcher]:
    """The PDF of a projection, as the PDF step renders it, with the fetcher it used."""
    fetcher = AssetFetcher([FONTS], font_cache=font_cache(),
                           images=list(projection.checked.images.values()))
    html = print_html(projection.plan, get_locale(lang), images=projection.checked.images)
    pdf = render_pdf(html, base_url=ASSETS,
                     fetcher=fetcher, moment=MOMENT)
    return pdf, fetcher


@pytest.fixture(scope="module")
def pdfs(checked, tmp_path_factory):
    """The intranet PDF in Korean and English and the public one in Korean, with the URLs
    each render was served."""
    out = tmp_path_factory.mktemp("fair-pdf")
    found = {}
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PLANSITE_CACHE", str(FONT_CACHE_DIR.parent))
        for name, projection, lang in (("ko", project(checked), "ko"),
                                       ("en", project(checked), "en"),
                                       ("public", project(checked, "public"), "ko")):
            data, fetcher = _render(projection, lang)
            path = out / f"fair.{name}.pdf"
            path.write_bytes(data)
            found[name] = (path, fetcher)
    return found


# -- validate ------------------------------------------------------------------------------

def test_each_figure_file_is_read_once_and_counts_in_the_input_digest(checked, tmp_path):
    assert list(checked.images) == [HALL, ROUTES, MAP]
    assert checked.images[HALL].data == (FAIR / HALL).read_bytes()
    assert (checked.images[HALL].kind, checked.images[HALL].width,
            checked.images[HALL].height) == ("png", 480, 300)
    assert checked.images[MAP].kind == "svg"
    copy = tmp_path / "fair"
    shutil.copytree(FAIR, copy)
    before = input_digest(check_folder(copy))
    assert input_digest(check_folder(copy)) == before  # the same bytes, the same digest
    from .plans.make_images import tiny
    (copy / HALL).write_bytes(tiny())  # another drawing under the same name
    after = check_folder(copy)
    assert after.ok and input_digest(after) != before


def _copy(tmp_path: Path) -> Path:
    copy = tmp_path / "fair"
    shutil.copytree(FAIR, copy)
    return copy


def _src_line(folder: Path, src: str) -> int:
    lines = (folder / "sections" / "01-fair.yaml").read_text("utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if line.strip() == f"src: {src}")


def test_a_link_out_of_the_plan_folder_is_refused_at_the_src_line(tmp_path):
    copy = _copy(tmp_path)
    outside = tmp_path / "outside.png"
    outside.write_bytes((FAIR / HALL).read_bytes())
    (copy / HALL).unlink()
    os.symlink(outside, copy / HALL)
    (copy / "images" / "inside.png").symlink_to("safety-routes.png")  # a link inside is fine
    text = (copy / "sections" / "01-fair.yaml").read_text("utf-8")
    (copy / "sections" / "01-fair.yaml").write_text(
        text.replace(f"src: {ROUTES}", "src: images/inside.png"), "utf-8")
    result = check_folder(copy)
    problems = [p for p in result.problems if p.rule.startswith("figure-")]
    assert [(p.rule, p.line, p.path) for p in problems] == [
        ("figure-file", _src_line(copy, HALL), "parts[1].blocks[0].src")]
    assert "계획 폴더 밖의 파일을 가리키는 링크" in problems[0].message
    assert "복사해 두세요" in problems[0].hint
    assert not result.ok and HALL not in result.images
    assert "images/inside.png" in result.images


def test_a_file_of_more_than_10_mb_is_refused_without_being_read_whole(tmp_path):
    copy = _copy(tmp_path)
    with (copy / HALL).open("r+b") as f:
        f.truncate(figures.MAX_BYTES + 1)  # a sparse file: its header is still a PNG's
    (problem,) = [p for p in check_folder(copy).problems if p.rule == "figure-size"]
    assert problem.line == _src_line(copy, HALL)
    assert "10MB까지" in problem.message and "10.0MB" in problem.message
    assert "픽셀 수를 줄이거나" in problem.hint


def test_a_figure_without_alt_or_too_wide_is_a_located_schema_error(tmp_path):
    copy = _copy(tmp_path)
    path = copy / "sections" / "01-fair.yaml"
    text = path.read_text("utf-8")
    text = text.replace("        width: 80\n", "        width: 150%\n")
    text = "\n".join(line for line in text.split("\n")
                     if not line.startswith("        alt: 대강당을"))
    path.write_text(text, "utf-8")
    found = [(p.rule, p.path, p.line) for p in check_folder(copy).problems]
    assert found == [("schema-value", "parts[1].blocks[0].width", _src_line(copy, HALL) + 3),
                     ("schema-missing", "parts[1].blocks[1]", _src_line(copy, ROUTES) - 1)]


def test_markers_do_not_disturb_the_figures_the_checks_read(checked):
    """15,000[^booth] is 15,000 to the table's sum; 9개(…)[^1] still shows its count."""
    assert all(r.ok for r in checked.results if r.rule.startswith(("table-", "budget-")))
    partial = check_folder(PLANS / "valid" / "partial")
    assert partial.ok and not [p for p in partial.problems if p.rule == "printed-figure"]


# -- the site --------------------------------------------------------------------------------

def _figures(page):
    return {f.find("img")["src"].rsplit("/", 1)[-1]: f for f in page.select("figure.ps-figure")}


@pytest.mark.parametrize("root, caption, alt", [
    ("", "행사장 배치도", "대강당 위쪽에 무대"),
    ("en/", "Floor plan of the hall", "The stage is at the top of the main hall")])
def test_the_site_shows_each_figure_with_its_caption_alt_and_file(site, root, caption, alt):
    url = f"{root}fair/sections/fair/"
    shown = _figures(article(site, url))
    hall = shown["hall-layout.png"]
    assert text_of(hall.find("figcaption")) == caption
    img = hall.find("img")
    assert img["alt"].startswith(alt)
    assert (img["width"], img["height"], img["style"]) == ("480", "300", "width: 80%")
    copied = (site / url / unquote(img["src"])).resolve()
    assert copied.is_relative_to(site.resolve()) and copied.read_bytes() == (FAIR / HALL).read_bytes()
    # the internal figure is on the intranet, marked
    routes = shown["safety-routes.png"]
    assert routes.find_parent("div", class_="ps-internal-block") is not None


def test_an_svg_figure_is_an_image_never_inline(site):
    page = article(site, "fair/sections/sessions/")
    (img,) = [f.find("img") for f in page.select("figure.ps-figure")]
    assert img["src"].endswith("campus-map.svg") and "width" not in img.attrs
    assert page.find("svg") is None and page.find("object") is None
    copied = (site / "fair/sections/sessions/" / img["src"]).resolve()
    assert copied.read_bytes() == (FAIR / MAP).read_bytes()


@pytest.mark.parametrize("root, first", [("", "2026년 박람회 참여기업 52개사를 기준으로 산정"),
                                         ("en/", "Estimated from the 52 firms that took part")])
def test_footnotes_are_referenced_and_listed_at_the_section_end_linked_both_ways(site, root,
                                                                                 first):
    page = article(site, f"{root}fair/sections/fair/")
    refs = page.select("sup.ps-fnref")
    assert [r.a["href"] for r in refs] == ["#fn-1", "#fn-2", "#fn-1"]
    assert [r["id"] for r in refs] == ["fnref-1-1", "fnref-2-1", "fnref-1-2"]
    notes = page.select("ol.ps-footnotes > li")
    assert [li["id"] for li in notes] == ["fn-1", "fn-2"]
    assert text_of(notes[0]).startswith(first)
    assert [a["href"] for a in notes[0].select("a.ps-fnback")] == ["#fnref-1-1", "#fnref-1-2"]
    for a in page.select("a.ps-fnback"):  # every back link lands on its reference
        assert page.find(id=a["href"][1:]) is not None
    # the footnote's number follows the figure of the budget cell, which is still a figure
    cell = next(td for td in page.select("td.ps-num") if td.find("sup"))
    assert cell.contents[0].strip() == "15,000" and cell.sup.a["href"] == "#fn-2"
    # the next section's footnote is numbered on
    other = article(site, f"{root}fair/sections/sessions/")
    assert [li["id"] for li in other.select("ol.ps-footnotes > li")] == ["fn-3"]
    assert other.select_one("sup.ps-fnref a")["href"] == "#fn-3"


def test_plan_text_in_a_figure_or_footnote_stays_text(tmp_path):
    copy = _copy(tmp_path)
    path = copy / "sections" / "01-fair.yaml"
    payload = "\"><script>alert(1)</script><img src=x onerror=alert(2)>"
    lines = []
    for line in path.read_text("utf-8").split("\n"):
        key, _, value = line.partition(": ")
        if value.startswith(("행사장 배치도", "대강당 위쪽에", "2026년 박람회")):
            line = f"{key}: '{payload} {value}'"  # single-quoted YAML: the payload as text
        lines.append(line)
    path.write_text("\n".join(lines), "utf-8")
    result = check_folder(copy)
    assert result.ok, result.problems
    from bs4 import BeautifulSoup
    page = next(p for p in site_pages([result]).pages if p.src == "fair/sections/fair.md")
    soup = BeautifulSoup(page.markdown, "html.parser")
    assert soup.find("script") is None
    assert [i for i in soup.find_all("img") if i.get("onerror")] == []
    assert len(soup.find_all("img")) == 2  # the two figures' own
    hall = soup.find("img", src=lambda s: s.endswith("hall-layout.png"))
    import html
    assert html.unescape(hall["alt"]).startswith(payload)
    printed = BeautifulSoup(print_html(result.plan), "html.parser")
    assert printed.find("script") is None and len(printed.find_all("img")) == 3
    assert payload in printed.find("span", class_="footnote").get_text()


# -- the PDF ---------------------------------------------------------------------------------

def _images(pdf: Path) -> list[tuple[int, int, int]]:
    """(page, width, height) of every raster image of a PDF (pdfimages -list)."""
    rows = poppler("pdfimages", "-list", str(pdf)).splitlines()[2:]
    return [(int(r.split()[0]), int(r.split()[3]), int(r.split()[4])) for r in rows]


def _page_of(pdf: Path, text: str) -> int:
    pages = int(poppler("pdfinfo", str(pdf)).split("Pages:")[1].split()[0])
    found = [n for n in range(1, pages + 1) if text in squeeze(pdf_text(pdf, n, n))]
    assert len(found) == 1, (text, found)
    return found[0]


def test_the_pdf_fetcher_serves_exactly_the_declared_images(pdfs):
    _, fetcher = pdfs["ko"]
    served = [u for u in fetcher.served if not u.startswith("file:")]
    assert sorted(set(served)) == sorted(figure_url(s) for s in (HALL, ROUTES, MAP))
    assert fetcher.refused == []
    _, public = pdfs["public"]
    assert sorted({u for u in public.served if not u.startswith("file:")}) == \
        sorted(figure_url(s) for s in (HALL, MAP))


def test_the_pdf_prints_each_figure_captioned_on_one_page(pdfs):
    pdf, _ = pdfs["ko"]
    images = _images(pdf)
    assert sorted((w, h) for _, w, h in images) == [(240, 150), (480, 300)]  # the SVG: drawn
    for caption, size in (("<행사장배치도>", (480, 300)), ("<비상대피및경호동선>", (240, 150))):
        page = _page_of(pdf, caption)
        assert (page, *size) in images, (caption, page, images)
    assert "<설명회장소>" in squeeze(pdf_text(pdf))


def test_a_figure_is_printed_as_wide_as_asked_and_never_higher_than_a_page_allows():
    from types import SimpleNamespace as block
    wide = figures.Image("a.png", Path("a.png"), b"", "png", 480, 300)
    tall = figures.Image("b.png", Path("b.png"), b"", "png", 400, 2400)
    small = figures.Image("c.png", Path("c.png"), b"", "png", 96, 96)  # 25.4 mm
    assert figure_width(block(width=80), wide) == "80.0%"
    assert figure_width(block(width=None), wide) == "73.8%"  # its own 127 mm of the 172
    assert figure_width(block(width=None), small) == "14.8%"
    assert figure_width(block(width=100), tall) == "19.4%"  # 200 mm high: 33.3 mm wide
    assert figure_width(block(width=60), None) == "60%"  # an SVG: print.css bounds it


def test_the_pdf_prints_footnotes_at_the_foot_of_the_page_of_their_first_reference(pdfs):
    pdf, _ = pdfs["ko"]
    page = _page_of(pdf, "구인기업60개사1")
    lines = [line for line in pdf_text(pdf, page, page).splitlines() if line.strip()]
    note = squeeze("1) 2026년 박람회 참여기업 52개사를 기준으로 산정")
    # at the foot: after the body text, before the page number only
    assert note in squeeze("".join(lines[-3:])), lines[-4:]
    whole = squeeze(pdf_text(pdf))
    assert whole.count(note) == 1  # its second reference prints the number, not the note again
    assert "참여기업모집1" in whole and "15,0002" in whole
    assert squeeze("3) 관내 대학교 4개교") in whole


def test_the_english_pdf_prints_the_english_captions_and_footnotes(pdfs):
    pdf, _ = pdfs["en"]
    whole = squeeze(pdf_text(pdf))
    for shown in ("<Floorplanofthehall>", "<Wherethesessionsareheld>",
                  "1)Estimatedfromthe52firmsthattookpartinthe2026fair",
                  "3)Underdiscussionwith4venuesinthedistrict"):
        assert shown in whole, shown


def test_an_svg_may_not_fetch_anything_when_the_pdf_is_rendered(tmp_path):
    """Validation refuses an SVG that links to anything (figure-format); if one reached the
    renderer, its fetch would be refused and the render stopped, the server never called."""
    hits = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args):
            pass
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]
    try:
        for target in (f"http://127.0.0.1:{port}/x.png", "file:///etc/hostname", "other.png",
                       "data:image/png;base64,iVBORw0KGgo="):
            svg = ('<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20">'
                   f'<rect width="40" height="20"/><image href="{target}" width="9" '
                   'height="9"/></svg>').encode()
            assert figures.svg_refusal(svg) is not None  # what validate says
            image = figures.Image("images/map.svg", tmp_path / "map.svg", svg, "svg")
            fetcher = AssetFetcher([FONTS], images=[image])
            html = f'<html lang="ko"><body><img src="{figure_url(image.src)}" alt="지도"></body></html>'
            with pytest.raises(PdfRenderError, match="may not"):
                render_pdf(html, base_url=ASSETS, fetcher=fetcher, moment=MOMENT)
            assert fetcher.served == [figure_url(image.src)] and fetcher.refused == [target]
    finally:
        server.shutdown()
        server.server_close()
    assert hits == []


# -- the public outputs ----------------------------------------------------------------------

def test_the_public_outputs_withhold_the_internal_figure_and_its_file(checked, pdfs):
    public = project(checked, "public")
    assert list(public.checked.images) == [HALL, MAP]
    site = site_pages([public], audience="public")
    assert [dest for dest, _ in site.files] == [f"fair/{HALL}", f"fair/{MAP}"]
    page = next(p.markdown for p in site.pages if p.src == "fair/sections/fair.md")
    assert "safety-routes" not in page and "비상 대피" not in page and "경호" not in page
    assert "정보공개법 제9조 제1항 제3호" in page  # the notice in its place
    assert "safety-routes" not in json.dumps(json.loads(plan_json(public.plan)))
    pdf, _ = pdfs["public"]
    assert [(w, h) for _, w, h in _images(pdf)] == [(480, 300)]
    text = squeeze(pdf_text(pdf))
    assert "비상대피" not in text and "<행사장배치도>" in text
    # the public model numbers its footnotes as the intranet does (none was withheld)
    assert "1)2026년박람회참여기업52개사를기준으로산정" in text


def test_a_marker_on_a_budget_line_is_left_out_of_the_budget_overview(tmp_path):
    """The budget overview shows a budget line away from its section, where its footnote is
    not listed: without the marker (and without a reference to nowhere)."""
    copy = _copy(tmp_path)
    path = copy / "sections" / "01-fair.yaml"
    path.write_text(path.read_text("utf-8").replace("value: 30,000천원(구비)\n",
                                                    "value: 30,000천원(구비)[^1]\n"), "utf-8")
    result = check_folder(copy)
    assert result.ok
    budget = next(p.markdown for p in site_pages([result]).pages if p.src == "fair/budget.md")
    assert "30,000천원(구비)</td>" in budget and "[^" not in budget
    assert "ps-fnref" not in budget


def test_an_untranslated_alt_is_its_korean_in_a_korean_marked_image_never_markup():
    """An attribute holds no markup: on an English page an alt without its English is the
    Korean as text, and the image says it is Korean (lang="ko"), on the site and in print."""
    from bs4 import BeautifulSoup
    minimal = check_folder(PLANS / "valid" / "minimal")
    page = next(p.markdown for p in site_pages([minimal], lang="en").pages
                if p.src == "minimal/sections/second.md")
    printed = print_html(minimal.plan, get_locale("en"))
    for markup in (page, printed):
        (img,) = BeautifulSoup(markup, "html.parser").find_all("img")
        assert img["alt"] == "교육장 두 곳의 자리를 나란히 그린 그림" and img["lang"] == "ko"
    english = next(p.markdown for p in site_pages([check_folder(FAIR)], lang="en").pages
                   if p.src == "fair/sections/sessions.md")
    (img,) = BeautifulSoup(english, "html.parser").find_all("img")
    assert "lang" not in img.attrs and img["alt"].startswith("A map of Mapo-gu")
