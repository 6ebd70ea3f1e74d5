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
