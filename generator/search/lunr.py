"""The search engine of the site: mkdocs-material's lunr, fed the Korean terms.

Material's search plugin writes ``search/search_index.json`` from the pages it rendered: one
entry per page and per heading (``location``, ``title``, ``text``).  :func:`add_terms` rewrites
that file, so the terms come from the same pages the site shows, for its audience and language
(the public site's index from the public pages only):

* each entry gets a ``terms`` field: the terms of its title and text that only the analyser
  finds (:class:`~generator.search.terms.TermMaker` with ``suffixes=False``); the suffixes of
  Hangul words are made in the browser by the site's search worker
  (``generator/assets/site/search-worker.js``), which also takes particles off query words;
  ``terms`` is indexed (:data:`TERMS_BOOST`) and never shown in a result;
* a page's own entry gets ``tags``: the plan it belongs to, which Material prints under the
  page's title in a result (so a hit reads plan › section › heading); tags are shown, not
  searched (a plan's title would otherwise find every page of it);
* the index's ``config`` carries ``plansite``: the particles and the shortest stem, the
  vocabulary the worker needs (:mod:`generator.search.korean`).

The file is written with sorted keys and without escapes of Hangul (half the bytes of
Material's ``\\uXXXX``): same pages, same bytes.

Which pages are searched and how they rank is said in the page's meta, as Material reads it
(``search.exclude``, ``search.boost``): see :func:`page_search_meta`.
"""

from __future__ import annotations

import fnmatch
import html
import json
from pathlib import Path

from . import korean
from .terms import TermMaker, plain

INDEX = Path("search") / "search_index.json"
TERMS_BOOST = 0.5
"""The weight of a match in the terms, against 1 for the text: a word as printed ranks first."""
PLAN_BOOST = 2
"""How much a plan's page outranks a page of the user guide for the same words."""
EXCLUDED = ("*/checks.md", "reference.md")
"""Pages left out of the search unless the site says otherwise (the plugin's
``search_exclude``): the check reports (file paths and rule names, which would answer most
queries) and the format reference.  They stay in the menu and reachable by their links."""


def page_search_meta(src: str, plan_page: bool, excluded: tuple[str, ...] = EXCLUDED) -> dict:
    """What Material's search reads from a page's meta: left out (``exclude``) or ranked up
    (``boost``, a plan's pages)."""
    if any(fnmatch.fnmatchcase(src, pattern) for pattern in excluded):
        return {"exclude": True}
    if plan_page:
        return {"boost": PLAN_BOOST}
    return {}


def vocabulary() -> dict:
    """What the search worker needs to take particles off a query, longest first."""
    return {"particles": sorted(korean.PARTICLES, key=lambda p: (-len(p), p)),
            "min_stem": korean.MIN_STEM}


def add_terms(site_dir: Path, maker: TermMaker, tags: dict[str, list[str]]) -> dict:
    """Rewrite the site's search index with the terms, tags and vocabulary
    (:func:`index_terms`); returns what it did (entries, entries with terms, terms) for the
    build's log and the benchmarks."""
    path = Path(site_dir) / INDEX
    index = json.loads(path.read_text(encoding="utf-8"))
    done = index_terms(index, maker, tags)
    write_index(site_dir, index)
    return done


def index_terms(index: dict, maker: TermMaker, tags: dict[str, list[str]]) -> dict:
    """Give a search index (as Material writes it) the terms of its entries, the tags (plain
    texts for each page's URL, escaped here: Material prints an entry's fields as HTML) and the
    vocabulary; returns what it did (entries, entries with terms, terms)."""
    config = index["config"]
    fields = dict(config.get("fields") or {})
    fields.pop("tags", None)  # shown in a result, not searched
    fields["terms"] = {"boost": TERMS_BOOST}
    config["fields"] = fields
    config["plansite"] = vocabulary()
    made: dict[str, list[str]] = {}  # the same text (a repeated heading) is analysed once
    with_terms = count = 0
    for entry in index["docs"]:
        entry.pop("tags", None)
        text = plain(f"{entry.get('title', '')}\n{entry.get('text', '')}")
        terms = made.get(text)
        if terms is None:
            terms = made[text] = maker.terms(text)
        if terms:
            entry["terms"] = " ".join(terms)
            with_terms += 1
            count += len(terms)
        location = entry.get("location", "")
        if "#" not in location and tags.get(location):
            entry["tags"] = [html.escape(t, quote=False) for t in tags[location]]
    return {"entries": len(index["docs"]), "with_terms": with_terms, "terms": count}


def write_index(site_dir: Path, index: dict) -> None:
    """Write the search index: sorted keys, Hangul unescaped (same index, same bytes)."""
    (Path(site_dir) / INDEX).write_text(json.dumps(index, ensure_ascii=False, sort_keys=True,
                                                   separators=(",", ":")), encoding="utf-8")
