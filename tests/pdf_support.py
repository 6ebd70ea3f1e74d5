"""Helpers for the PDF tests: the shared font cache, poppler tools, text extraction."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.pdf import FONTS
from generator.fontcache import FontCache

from .conftest import ROOT

FONT_CACHE_DIR = ROOT / "build" / ".cache" / "fonts"
"""The cache ``plansite build`` uses from the repository root: tests and builds share it."""


def font_cache() -> FontCache:
    cache = FontCache(FONT_CACHE_DIR)
    cache.warm(sorted(FONTS.glob("*.woff2")))
    return cache


def plan_fetcher(folder: Path | None = None):
    """The fetcher the PDF step renders a plan with: the fonts, and the images of the plan's
    figures (default: the minimal plan's, which the tests render changed in memory)."""
    from generator.pdf.fetcher import AssetFetcher
    from generator.pipeline import check_folder
    from .conftest import PLANS
    checked = check_folder(folder or PLANS / "valid" / "minimal")
    return AssetFetcher([FONTS], font_cache=font_cache(), images=list(checked.images.values()))


def poppler(tool: str, *args: str) -> str:
    """Run a poppler-utils tool and return its output; fail, naming the package, when missing."""
    if shutil.which(tool) is None:
        pytest.fail(f"{tool} is missing: sudo apt-get install poppler-utils")
    done = subprocess.run([tool, *args], capture_output=True, text=True, check=True)
    return done.stdout


def pdf_text(pdf: Path, first: int | None = None, last: int | None = None, *,
             crop: tuple[int, int, int, int] | None = None) -> str:
    """pdftotext in content order (``-raw``), optionally of some pages or a region (x, y, w, h
    in points)."""
    args = ["-raw", "-enc", "UTF-8"]
    if first:
        args += ["-f", str(first)]
    if last:
        args += ["-l", str(last)]
    if crop:
        x, y, w, h = crop
        args += ["-x", str(x), "-y", str(y), "-W", str(w), "-H", str(h)]
    return poppler("pdftotext", *args, str(pdf), "-")


def squeeze(text: str) -> str:
    """Text without any whitespace: line breaks in the PDF fall anywhere."""
    return re.sub(r"\s+", "", text)


_SEED_PDFS: dict[str, Path] = {}


def seed_pdfs(tmp_path_factory) -> dict[str, Path]:
    """The seed's PDFs by language (``{"ko": path, "en": path}``) as ``plansite build`` writes
    them, rendered once a test session for every PDF test module."""
    if not _SEED_PDFS:
        from generator.pdf import build_pdfs
        from generator.pipeline import check_folder

        from .conftest import SEED
        checked = check_folder(SEED)
        assert checked.ok
        out = tmp_path_factory.mktemp("pdf")
        with pytest.MonkeyPatch.context() as mp:
            mp.setenv("PLANSITE_CACHE", str(FONT_CACHE_DIR.parent))
            mp.delenv("SOURCE_DATE_EPOCH", raising=False)
            font_cache()  # decode the fonts in parallel on a cold cache
            build_pdfs([checked], out)
        _SEED_PDFS.update({p.name.split(".")[-2]: p for p in out.iterdir()})
        assert sorted(p.name for p in out.iterdir()) == [f"{checked.plan.id}.{lang}.pdf"
                                                        for lang in ("en", "ko")]
    return dict(_SEED_PDFS)


def fonts_of(pdf: Path) -> list[tuple[str, list[str]]]:
    """pdffonts' rows: each font's name without its subset tag, and its columns."""
    rows = []
    for line in poppler("pdffonts", str(pdf)).splitlines()[2:]:
        cols = line.split()
        rows.append((cols[0].split("+", 1)[-1], cols))
    return rows


# ---- layout, read from WeasyPrint's page boxes ----

def tables(box):
    """Every table box in a WeasyPrint box tree."""
    from weasyprint.formatting_structure import boxes
    if isinstance(box, boxes.TableBox):
        yield box
    for child in getattr(box, "children", []):
        yield from tables(child)


def body_rows_by_page(pages) -> tuple[dict[int, list[int]], set[int]]:
    """Page numbers each table body row is drawn on, and every body row of the HTML."""
    drawn: dict[int, list[int]] = {}
    every: set[int] = set()
    for number, page in enumerate(pages, 1):
        for table in tables(page):
            tbody = table.element.find("tbody")
            every.update(id(tr) for tr in (tbody if tbody is not None else []))
            for group in table.children:
                if not group.is_header:
                    for row in group.children:
                        drawn.setdefault(id(row.element), []).append(number)
            if table.element.find("thead") is not None and any(
                    not g.is_header and g.children for g in table.children):
                assert table.children[0].is_header, (
                    f"page {number}: a table continues without its header row")
    return drawn, every
