"""Every internal link of every built site resolves: each href and src of each HTML page names
a file of that site (a folder by its index.html), and each #fragment an id in the page it
names.  Both audiences (build/site, build/public/site), both languages (their en/); read from
the files a whole ``plansite build`` wrote, with html.parser, no network."""

from __future__ import annotations

import functools
import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from .conftest import PLANS
from .site_helpers import build
from .whole_build import SITES, site_pages, whole_build

LINKING = {"href", "src", "srcset", "poster", "data", "action", "formaction", "cite"}


class _Page(HTMLParser):
    """A page's ids (and ``<a name>``s) and the URLs it refers to, with their line."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.urls: list[tuple[int, str, str]] = []  # (line, tag[attr], url)

    def handle_starttag(self, tag, attrs):
        line = self.getpos()[0]
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (tag == "a" and name == "name"):
                self.ids.add(value)
            elif name in LINKING:
                urls = [c.strip().split()[0] for c in value.split(",") if c.strip()] \
                    if name == "srcset" else [value]
                self.urls.extend((line, f"{tag}[{name}]", u) for u in urls)

    handle_startendtag = handle_starttag


@functools.lru_cache(maxsize=None)
def _read(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


def _external(url: str) -> bool:
    parts = urlsplit(url)
    return bool(parts.scheme or parts.netloc)


def _target(root: Path, page: str, path: str) -> Path | None:
    """The file a link's path names, from ``page`` (relative to the site root ``root``); None
    when it leaves the site.  A folder means its index.html; a path from ``/`` starts at the
    site root (mkdocs writes its 404 pages so, to be served at any depth)."""
    parts: list[str] = posixpath.dirname(page).split("/") if "/" in page else []
    if path.startswith("/"):
        parts = []
    for segment in unquote(path).split("/"):
        if segment == "..":
            if not parts:
                return None
            parts.pop()
        elif segment not in ("", "."):
            parts.append(segment)
    target = root.joinpath(*parts)
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target


def broken_links(root: Path, pages: list[str]) -> tuple[list[str], int, int]:
    """The broken internal links of the pages of a site (paths relative to ``root``, the
    folder the site is served from), each as ``page:line: tag[attr]=url: why``; with how many
    internal links were followed and how many external ones were left alone."""
    broken, followed, external = [], 0, 0
    for page in pages:
        for line, where, url in _read(root / page).urls:
            if _external(url):
                external += 1
                continue
            followed += 1
            parts = urlsplit(url)
            target = _target(root, page, parts.path) if parts.path else root / page
            why = None
            if target is None:
                why = "leaves the site"
            elif not target.is_file():
                why = f"no file {target.relative_to(root).as_posix()}"
            elif parts.fragment and target.suffix == ".html":
                if unquote(parts.fragment) not in _read(target).ids:
                    why = f"no id {unquote(parts.fragment)!r} in " \
                          f"{target.relative_to(root).as_posix()}"
            if why:
                broken.append(f"{page}:{line}: {where}={url}: {why}")
    return broken, followed, external


def test_the_checker_finds_broken_links(tmp_path):
    """The checker itself: a missing file, a missing id, a folder without index.html, a link
    out of the site, a link up a level that is there, a good anchor, an external link."""
    root = tmp_path / "site"
    (root / "a" / "empty").mkdir(parents=True)
    (root / "a" / "index.html").write_text(
        '<h1 id="top">x</h1><a href="../b.html#here">ok</a>\n<a href="../b.html#gone">no</a>'
        '<img src="missing.png"><a href="empty/">no index</a><a href="../../out.html">out</a>'
        '<a href="#top">top</a><a href="https://example.org/">ext</a><a href="?q=1">self</a>'
        '<img srcset="../b.html 1x, gone.png 2x">', encoding="utf-8")
    (root / "b.html").write_text('<p><a name="here"></a></p>', encoding="utf-8")
    broken, followed, external = broken_links(root, ["a/index.html", "b.html"])
    assert [b.split(": ", 1)[1] for b in broken] == [
        "a[href]=../b.html#gone: no id 'gone' in b.html",
        "img[src]=missing.png: no file a/missing.png",
        "a[href]=empty/: no file a/empty/index.html",
        "a[href]=../../out.html: leaves the site",
        "img[srcset]=gone.png: no file a/gone.png",
    ]
    assert broken[0].startswith("a/index.html:2: ")
    assert (followed, external) == (9, 1)


def _audience_root(site: str) -> str:
    """The folder a site is published from: the English site lives inside its Korean one and
    links back into it (the language switch)."""
    return site.removesuffix("/en")


@pytest.mark.parametrize("site", SITES)
def test_no_broken_internal_link_in_a_built_site(site, tmp_path_factory):
    out = whole_build(tmp_path_factory)
    root = out.resolve() / _audience_root(site)
    prefix = site[len(_audience_root(site)):].lstrip("/")
    pages = [posixpath.join(prefix, p) if prefix else p for p in site_pages(out, site)]
    assert len(pages) >= 15, pages
    broken, followed, _ = broken_links(root, pages)
    assert followed >= 10 * len(pages), followed
    assert not broken, f"{len(broken)} broken link(s) in {site}:\n" + "\n".join(broken)


def test_no_broken_internal_link_in_the_hostile_plans_site(tmp_path):
    """Plan text that looks like markup, URLs and anchors makes no broken link either."""
    _, site = build(PLANS / "valid" / "hostile", tmp_path)
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    broken, followed, _ = broken_links(site, pages)
    assert followed > 100
    assert not broken, "\n".join(broken)
