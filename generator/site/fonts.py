"""Self-hosted web fonts: the project's Nanum fonts cut down to the characters the site shows.

The full Nanum Gothic is 1.8 MB a weight; the site needs a few hundred characters of it.  Each
build subsets the fonts to the characters of its pages (plus ASCII and the symbols official
documents use), which gives 30-80 KB a font.  Subsetting is deterministic (same fonts and
characters, same bytes).  Decoding a WOFF2 font takes seconds, so the decoded font and every
subset are kept in a content-addressed cache folder (``$PLANSITE_CACHE/fonts``, else
``build/.cache/fonts``); an entry is named by the hash of everything that made it, so a stale
entry is never used.  Decoded fonts are named as the PDF step names them
(:mod:`generator.fontcache`), so a ``make`` decodes each font once for both.
"""

from __future__ import annotations

import hashlib
import html
import io
import logging
from dataclasses import dataclass
from pathlib import Path

from ..fontcache import FONTS_DIR, FontCache, write_atomic

ASSETS = FONTS_DIR
LICENCE = "OFL-Nanum.txt"


@dataclass(frozen=True)
class WebFont:
    file: str
    """The font file under generator/assets/fonts/."""
    family: str
    weight: int


FONTS = [
    WebFont("NanumGothic.woff2", "NanumGothic", 400),
    WebFont("NanumGothicBold.woff2", "NanumGothic", 700),
    WebFont("NanumMyeongjoBold.woff2", "NanumMyeongjo", 700),
]
"""The fonts the site's stylesheet uses (body, strong text, page titles)."""

ALWAYS = "".join(chr(c) for c in range(0x20, 0x7F)) + (
    "·‘’“”…※■□▪▫○●◦①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳→←↑↓∼～「」『』【】〈〉《》、。"
    "ⅠⅡⅢⅣⅤⅥ✓✗–—×÷±°%")
"""Characters every subset keeps, whatever the pages say: ASCII and document symbols."""

_VERSION = "1"
"""Bump when the subsetting options change, so cached subsets are made anew."""


def characters(*texts: str) -> str:
    """The sorted characters of texts (HTML character references read as what they show)."""
    chars = set(ALWAYS)
    for t in texts:
        chars.update(html.unescape(t))
    return "".join(sorted(c for c in chars if c.isprintable() or c == " "))


def subset(font: WebFont, chars: str, cache: Path) -> bytes:
    """The font as WOFF2 holding only chars (hinting dropped: screens do not need it)."""
    source = (ASSETS / font.file).read_bytes()
    key = hashlib.sha256(b"\0".join([_VERSION.encode(), hashlib.sha256(source).digest(),
                                     chars.encode()])).hexdigest()
    path = cache / f"{key}.woff2"
    if path.is_file():
        return path.read_bytes()
    from fontTools import subset as ft_subset
    from fontTools.ttLib import TTFont
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    f = TTFont(io.BytesIO(FontCache(cache).ttf(source)), recalcTimestamp=False)
    options = ft_subset.Options()
    options.flavor = "woff2"
    options.hinting = False
    options.layout_features = []
    options.notdef_outline = True
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]
    options.name_languages = ["*"]
    sub = ft_subset.Subsetter(options)
    sub.populate(text=chars)
    sub.subset(f)
    f.flavor = "woff2"
    out = io.BytesIO()
    f.save(out)
    data = out.getvalue()
    write_atomic(path, data)
    return data


def full(font: WebFont) -> bytes:
    """The whole font, for builds that do not subset."""
    return (ASSETS / font.file).read_bytes()


def licence() -> bytes:
    return (ASSETS / LICENCE).read_bytes()
