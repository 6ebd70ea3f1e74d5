"""The site and the print HTML render the same views: every block of the minimal plan shows the
same visible text, figures and markers in both (only the markup differs).

What one output has and the other has not, by design, is left out on each side before the
comparison: text for screen readers only (``.ps-sr`` / ``.sr``), and the site's funding
breakdown under a budget (``.ps-shares``, a derived aid the paper does not print).
"""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from generator import model
from generator.locale import get
from generator.pdf.html import print_html
from generator.pipeline import check_folder
from generator.site.pages import site_pages
from generator.view.blocks import UnknownBlock, block_view

from .conftest import PLANS

MINIMAL = PLANS / "valid" / "minimal"
BLOCK_TYPES = {"overview", "bullets", "note", "table", "targets", "schedule", "organisations",
               "budget", "figure"}


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _site_blocks(checked) -> dict[str, list]:
    """Section id → its blocks in the site page, in order (each a BeautifulSoup element)."""
    out = {}
    for page in site_pages([checked]).pages:
        m = re.search(r"/sections/([a-z0-9-]+)\.md$", page.src)
        if m:
            soup = BeautifulSoup(page.markdown, "html.parser")
            out[m.group(1)] = [d for d in soup.find_all("div", class_="ps-block")
                               if d.find_parent("div", class_="ps-block") is None]
    return out


def _print_blocks(checked) -> dict[str, list]:
    soup = BeautifulSoup(print_html(checked.plan), "html.parser")
    return {s["id"].removeprefix("section-"): s.find_all("div", class_="block")
            for s in soup.find_all("section", class_="plan-section")}


def _visible(block, hidden: list[str]) -> dict:
    """What a reader sees of a block: its caption, its unit, its markers and its text."""
    block = BeautifulSoup(str(block), "html.parser")
    # the unit: in the site's caption, on its own line above the printed table
    unit_el = block.select_one("caption .ps-unit") or block.select_one(".unit-line")
    unit = ""
    if unit_el is not None:
        unit = _squeeze(unit_el.get_text())
        unit_el.decompose()
    # the caption: shown on the site; in the PDF kept for screen readers (the paper prints none)
    caption = block.find("caption")
    caption_text = ""
    if caption is not None:
        caption_text = _squeeze(caption.get_text())
        caption.decompose()
    for sel in hidden:
        for el in block.select(sel):
            el.decompose()
    markers = [el["data-marker"] for el in block.select("[data-marker]")] or \
        [_squeeze(el.get_text()) for el in block.select(".mk")]
    for el in block.select(".mk"):
        el.decompose()
    cells = [_squeeze(c.get_text(" ")) for c in block.select("th, td")]
    for table in block.select("table"):
        table.decompose()
    return {"caption": caption_text, "unit": unit, "markers": markers, "cells": cells,
            "text": _squeeze(block.get_text(" "))}


@pytest.fixture(scope="module")
def rendered():
    checked = check_folder(MINIMAL)
    assert checked.ok, checked.problems
    return checked, _site_blocks(checked), _print_blocks(checked)


def test_minimal_plan_has_every_block_type(rendered):
    checked, _, _ = rendered
    types = {b.type for s in checked.plan.sections for p in s.parts for b in p.blocks}
    assert types == BLOCK_TYPES


def test_every_block_reads_the_same_in_the_site_and_the_print(rendered):
    checked, site, printed = rendered
    compared = set()
    for section in checked.plan.sections:
        blocks = [b for p in section.parts for b in p.blocks]
        assert len(site[section.id]) == len(printed[section.id]) == len(blocks)
        for block, s, p in zip(blocks, site[section.id], printed[section.id]):
            seen_site = _visible(s, [".ps-sr", ".ps-shares"])
            seen_print = _visible(p, [".sr"])
            assert seen_site == seen_print, f"{section.id}: {block.type} block differs"
            assert seen_site["text"] or seen_site["cells"], f"{block.type}: nothing compared"
            compared.add(block.type)
    assert compared == BLOCK_TYPES


def test_a_number_cell_is_grouped_and_a_rich_cell_shows_text_and_items(rendered):
    """The two mismatches the view layer fixed: ``13000`` printed ``13,000`` in the PDF and
    ``13000`` on the site; a cell with text and items lost its text on the site."""
    _, site, printed = rendered
    for blocks, hidden in ((site["first"], [".ps-sr"]), (printed["first"], [".sr"])):
        budget_table = [b for b in blocks if "인건비" in b.get_text()][0]
        cells = _visible(budget_table, hidden)["cells"]
        assert "13,000" in cells and "13000" not in cells
        assert "사무용품 복사용지 토너" in cells


def test_an_unknown_block_type_is_an_error_for_every_renderer():
    class Strange(model.Block):
        type: str = "strange"

    with pytest.raises(UnknownBlock):
        block_view(Strange(), get("ko"))
    checked = check_folder(MINIMAL)
    checked.plan.sections[0].parts[0].blocks.append(Strange())
    with pytest.raises(UnknownBlock):
        print_html(checked.plan)
    with pytest.raises(UnknownBlock):
        site_pages([checked])
