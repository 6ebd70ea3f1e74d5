"""Per-page reuse in the site: a page's HTML and search entries, kept while what the page shows
is unchanged, so that a changed plan re-renders its own pages and not every plan's.

Each generated page of a site built by ``plansite build`` (a plan's pages, the home,
organisation and downloads pages) gets a key
(:meth:`PageCache.key`) over everything its HTML and its search entries are made from:

* the *frame* (:func:`generator.site.frame_key`): the generator, every installed library, the
  mkdocs configs, the docs folder, the theme, ``SOURCE_DATE_EPOCH``, the build's moment, the
  site address and the audience: what every page of the site shares;
* the site's language and where it lies (``""`` or ``en/``);
* the page: its source path, its URL, its Markdown (the plan's content as the page shows it;
  for the home, organisation and downloads pages, the lists of plans they show);
* what of the rest of the site the page shows: its menu (:func:`~generator.mkdocs_plugin.
  own_plan_nav`: every entry's title and URL, the page's own plan's menu whole), the pages
  before and after it (Material links them), its counterparts in the other languages.

A page whose key has an entry is not rendered: mkdocs skips it (a ``dirty`` build in which only
the pages without an entry count as modified) and the plugin writes the kept HTML and splices
the kept search entries into the index in the page's place, so the site is byte for byte the
site a full build gives.  A page that lists plans is rendered again when what it lists of
them changes (a title, a budget, a PDF's size): that is in its Markdown.  The help pages of
``docs/`` are rendered every time: their menu titles are their first headings, which only a
rendered page has, and every page's menu shows them.

Entries live in ``<out>/.cache/pages/<key[:2]>/<key>.pickle``, kept as the check cache keeps
its results (:class:`~generator.checkcache.PickleStore`: the payload's sha256 in a header,
written whole at the end of the build); one that does not match its sha256 is a miss and is
rendered again.  The folder is safe to delete at any time between builds.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from ..checkcache import PickleStore
from ..digest import framed

VERSION = "plansite-page-cache-1"


def nav_shape(items) -> list:
    """A menu as plain data: each entry's kind, title, URL and entries, in order (what the
    page's menu can show of it)."""
    out = []
    for item in items:
        kind = "page" if getattr(item, "is_page", False) else (
            "section" if getattr(item, "is_section", False) else "link")
        file = getattr(item, "file", None)
        out.append([kind, str(item.title) if item.title is not None else None,
                    getattr(item, "url", None), file.src_uri if file is not None else None,
                    nav_shape(getattr(item, "children", None) or [])])
    return out


def _neighbour(page) -> list | None:
    if page is None:
        return None
    return [page.url, str(page.title) if page.title is not None else None, page.file.src_uri]


@dataclass
class Kept:
    """A page's kept output."""

    html: str
    entries: list = field(default_factory=list)
    """Its entries of the search index, as the index holds them (terms and tags added)."""


class PageCache(PickleStore):
    """One site build's kept pages (one language, one audience): a
    :class:`~generator.checkcache.PickleStore` of :class:`Kept` under :meth:`key`."""

    def __init__(self, root: Path, frame: str, lang: str, where: str = "") -> None:
        super().__init__(Path(root))
        self.frame, self.lang, self.where = frame, lang, where

    def key(self, page, menu, alternates: list) -> str:
        """The key of a page: the frame, the language, the page (source, URL, Markdown), its
        menu (``menu``: the entries it shows, :func:`nav_shape` of them), its neighbours and
        its counterparts in the other languages (``alternates``)."""
        h = hashlib.sha256(VERSION.encode("ascii"))
        file = page.file
        for value in (self.frame, self.lang, self.where, file.src_uri, page.url,
                      file.content_string, json.dumps(nav_shape(menu), ensure_ascii=False),
                      json.dumps(_neighbour(page.previous_page), ensure_ascii=False),
                      json.dumps(_neighbour(page.next_page), ensure_ascii=False),
                      json.dumps(alternates, ensure_ascii=False, sort_keys=True)):
            framed(h, value.encode("utf-8"))
        return h.hexdigest()
