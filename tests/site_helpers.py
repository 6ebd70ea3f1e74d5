"""Helpers for the site tests: build a site into a folder, read its pages, serve it, run Chromium."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path

from bs4 import BeautifulSoup

from generator.pipeline import check_all

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                  "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--hide-scrollbars"]


@functools.lru_cache(maxsize=1)
def browser_env() -> dict:
    """The browser's environment: a fontconfig that sees the project's own fonts (decoded from
    its WOFF2 into the font cache), so the browser tests need no system font.  Without any font
    Chromium aborts (``SkFontMgr_FontConfigInterface … Not implemented``) on a machine with an
    empty fontconfig, as ``fresh-check`` makes."""
    from .pdf_support import FONT_CACHE_DIR, font_cache
    font_cache()  # the TTFs are decoded into FONT_CACHE_DIR
    folder = Path(tempfile.mkdtemp(prefix="plansite-fc-"))
    (folder / "fonts.conf").write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>'
        f"<dir>{FONT_CACHE_DIR}</dir><cachedir>{folder / 'cache'}</cachedir></fontconfig>\n",
        encoding="utf-8")
    return dict(os.environ, FONTCONFIG_FILE=str(folder / "fonts.conf"))


def build(plan_folder: Path, out: Path, extra_files: dict[str, bytes] | None = None):
    """Check a plan folder and build its site into out/site, as ``plansite build`` does.

    extra_files (e.g. ``pdf/<id>.ko.pdf``: bytes) are handed to the site as its downloads, as
    the build hands it the other steps' files; a file whose name starts with the plan id is
    the plan's.  Decoded fonts are cached where ``make`` caches them.
    """
    os.environ.setdefault("PLANSITE_CACHE", str(ROOT / "build" / ".cache"))
    from generator.build import build_moment, font_cache_dir
    from generator.site import SiteInput, build_site
    from generator.site.downloads import Download, ordered
    plans = check_all([plan_folder])
    assert plans and all(cp.ok for cp in plans), [p for cp in plans for p in cp.problems]
    ids = [cp.plan.id for cp in plans]
    downloads = []
    for rel, data in (extra_files or {}).items():
        folder, name = rel.split("/", 1)
        owner = next((i for i in ids if name.startswith((i + ".", i + "-"))), None)
        downloads.append(Download.of(folder, name, owner, data))
    build_site(SiteInput(plans, ordered(downloads), build_moment(plans), font_cache_dir(out)),
               out / "site")
    return plans, out / "site"


def page_file(site: Path, url: str) -> Path:
    """The HTML file of a page URL relative to the site root (``a/b/`` → ``a/b/index.html``)."""
    return site / url / "index.html" if url.endswith("/") or not url else site / url


@functools.lru_cache(maxsize=None)
def _parse(path: str, mtime: float) -> BeautifulSoup:
    return BeautifulSoup(Path(path).read_text(encoding="utf-8"), "html.parser")


def soup(site: Path, url: str) -> BeautifulSoup:
    path = page_file(site, url)
    return _parse(str(path), path.stat().st_mtime)


def article(site: Path, url: str):
    return soup(site, url).find("article")


def text_of(node) -> str:
    """Text of a node with whitespace runs made single spaces."""
    return " ".join(node.get_text(" ").split())


def norm(s: str) -> str:
    return " ".join(s.split())


@contextlib.contextmanager
def served(folder: Path):
    """Serve folder over HTTP on a free loopback port; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def chromium(url: str, *extra: str, timeout: int = 120) -> subprocess.CompletedProcess:
    """Run headless Chromium on url with a throwaway profile."""
    with tempfile.TemporaryDirectory() as profile:
        return subprocess.run([CHROMIUM, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *extra,
                               url], capture_output=True, text=True, timeout=timeout,
                              env=browser_env())
