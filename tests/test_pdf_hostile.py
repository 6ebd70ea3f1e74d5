"""Markup in plan text fetches nothing: autoescape makes it text, and the fetcher would refuse it
anyway.  A local HTTP server counts every request; a control render with WeasyPrint's default
fetcher shows the server would have seen one."""

from __future__ import annotations

import shutil
import threading
import urllib.request
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import weasyprint
from bs4 import BeautifulSoup
from pypdf import PdfReader

from generator.pdf import FONTS, PdfRenderError, build_pdfs, source_files
from generator.pdf.fetcher import AssetFetcher
from generator.pdf.html import ASSETS, print_html
from generator.pdf.render import render_pdf
from generator.pipeline import check_folder

from .conftest import PLANS
from .pdf_support import FONT_CACHE_DIR, font_cache, pdf_text, plan_fetcher, squeeze

HOSTILE = PLANS / "valid" / "hostile-pdf"
MINIMAL = PLANS / "valid" / "minimal"
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c63000100000500010d0a2db40000000049454e44ae426082")


@pytest.fixture
def server():
    """A local HTTP server on a free port; yields (port, the paths it was asked for)."""
    hits: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            body = b"p { color: red }" if self.path.endswith(".css") else PNG
            self.send_response(200)
            self.send_header("Content-Type", "text/css" if self.path.endswith(".css")
                             else "image/png")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield httpd.server_address[1], hits
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_the_server_counts_requests(server):
    port, hits = server
    urllib.request.urlopen(f"http://127.0.0.1:{port}/probe.png").read()
    assert hits == ["/probe.png"]


@pytest.fixture
def hostile_plan(tmp_path, server):
    """The hostile fixture with PORT replaced by the server's port."""
    port, _ = server
    folder = tmp_path / "hostile-pdf"
    shutil.copytree(HOSTILE, folder)
    for path in folder.rglob("*.yaml"):
        path.write_text(path.read_text(encoding="utf-8").replace("PORT", str(port)),
                        encoding="utf-8")
    checked = check_folder(folder)
    assert checked.ok, checked.problems
    return checked


def test_markup_in_plan_text_is_printed_as_text_and_fetches_nothing(hostile_plan, server,
                                                                    tmp_path, monkeypatch):
    port, hits = server
    monkeypatch.setenv("PLANSITE_CACHE", str(FONT_CACHE_DIR.parent))
    html = print_html(hostile_plan.plan)
    soup = BeautifulSoup(html, "html.parser")
    charts = soup.find_all("svg", class_="ps-chart-svg")  # the charts, drawn from the plan
    assert charts
    drawn = {id(t) for svg in charts for t in [svg, *svg.find_all(True)]}
    for svg in charts:
        assert {t.name for t in svg.find_all(True)} <= {
            "title", "desc", "defs", "pattern", "g", "rect", "line", "path", "circle", "text",
            "tspan"}
    assert [t for t in soup.find_all(["img", "link", "object", "iframe", "svg", "image", "a",
                                      "embed", "video", "audio", "script"])
            if id(t) not in drawn] == []
    for attribute in ["src", "href", "data", "style"]:
        assert soup.find_all(attrs={attribute: True}) == []
    assert len(soup.find_all("style")) == 1 and "127.0.0.1" not in soup.style.text
    assert f"&lt;img src=http://127.0.0.1:{port}/x&gt;" in html

    out = tmp_path / "pdf"
    font_cache()
    build_pdfs([hostile_plan], out)
    pdf = out / "hostile-pdf.ko.pdf"
    assert hits == []
    reader = PdfReader(pdf)
    names = sorted(reader.attachments)
    assert names == sorted(f.name for f in source_files(hostile_plan))
    passwd = Path("/etc/passwd").read_bytes()
    for name in names:
        assert reader.attachments[name][0] == (hostile_plan.folder / name).read_bytes()
        assert passwd not in reader.attachments[name][0]
    text = squeeze(pdf_text(pdf))
    for shown in ["<link rel=attachment href=file:///etc/passwd>",
                  f"<img src=http://127.0.0.1:{port}/x>",
                  f"<style>@import url(http://127.0.0.1:{port}/import.css);</style>",
                  "<a href=javascript:alert(1)>실적</a>"]:
        assert squeeze(shown) in text


RAW = [
    '<link rel="attachment" href="file:///etc/passwd">',
    '<img src="file:///etc/passwd">',
    '<img src="http://127.0.0.1:{port}/img.png">',
    '<link rel="stylesheet" href="http://127.0.0.1:{port}/link.css">',
    '<style>@import url(http://127.0.0.1:{port}/import.css);</style>',
    '<div style="background: url(http://127.0.0.1:{port}/bg.png)">x</div>',
    '<object data="http://127.0.0.1:{port}/object.png" type="image/png"></object>',
    '<style>@font-face {{ font-family: X; src: url(http://127.0.0.1:{port}/f.woff2) }}'
    ' p {{ font-family: X }}</style>',
    '<img src="data:image/png;base64,iVBORw0KGgo=">',
]


@pytest.mark.parametrize("snippet", RAW)
def test_the_fetcher_stops_markup_that_got_past_the_template(snippet, server):
    """Markup inserted into the print HTML after escaping (as a template bug would) is refused:
    the render stops and the server sees no request; WeasyPrint's own fetcher would have
    fetched it."""
    port, hits = server
    checked = check_folder(MINIMAL)
    markup = snippet.format(port=port)
    html = print_html(checked.plan).replace("</main>", markup + "</main>")
    fetcher = plan_fetcher(MINIMAL)
    with pytest.raises(PdfRenderError, match="refused|may not read"):
        render_pdf(html, base_url=ASSETS, fetcher=fetcher,
                   moment=datetime(2016, 1, 19),
                   attachments=source_files(checked))
    assert hits == []
    assert fetcher.refused and all(u.startswith(("file:///etc", "http://127.0.0.1", "data:"))
                                   for u in fetcher.refused)


@pytest.mark.parametrize("snippet", [s for s in RAW if "{port}" in s][:3])
def test_control_weasyprint_s_default_fetcher_would_have_fetched(snippet, server):
    port, hits = server
    # the project's own font, so that WeasyPrint has one even with an empty fontconfig
    regular = (FONTS / "NanumGothic.woff2").read_bytes()
    font = font_cache().path_for(regular).as_uri()
    html = (f"<html><head><style>@font-face {{ font-family: T; src: url({font}) }} "
            f"body {{ font-family: T }}</style></head>"
            f"<body><p>x</p>{snippet.format(port=port)}</body></html>")
    weasyprint.HTML(string=html).write_pdf()
    assert hits != []
