"""Which characters of a document no carried font can draw.

Without a glyph, a PDF shows an empty box where the character should be, and nobody notices
until the paper is signed.  The build names such characters instead (with their code points),
so that the plan officer can replace them or the project can carry a font that has them.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from pathlib import Path

from ..fontcache import FontCache, write_atomic

_TAG = re.compile(r"<style.*?</style>|<[^>]+>", re.S)


def _ranges(points: list[int]) -> str:
    out, start = [], None
    for i, p in enumerate(points):
        if start is None:
            start = p
        if i + 1 == len(points) or points[i + 1] != p + 1:
            out.append(f"{start:x}-{p:x}")
            start = None
    return "\n".join(out) + "\n"


def _points(ranges: str) -> frozenset[int]:
    points: set[int] = set()
    for line in ranges.split():
        a, _, b = line.partition("-")
        points.update(range(int(a, 16), int(b, 16) + 1))
    return frozenset(points)


@lru_cache(maxsize=16)
def _codepoints(ttf_path: Path) -> frozenset[int]:
    """The font's code points, kept beside the decoded font (fontTools reads a cmap slowly)."""
    ranges_file = ttf_path.with_suffix(".codepoints")
    try:
        return _points(ranges_file.read_text(encoding="ascii"))
    except FileNotFoundError:
        pass
    from fontTools.ttLib import TTFont
    with TTFont(ttf_path, lazy=True) as font:
        points = sorted(font.getBestCmap())
    write_atomic(ranges_file, _ranges(points).encode("ascii"))
    return frozenset(points)


def covered(cache: FontCache, fonts: list[Path]) -> frozenset[int]:
    """Code points that at least one of the fonts (WOFF2 files, decoded via the cache) has."""
    points: set[int] = set()
    for f in fonts:
        data = f.read_bytes()
        path = cache.path_for(data)
        if not path.exists():
            cache.ttf(data)
        points |= _codepoints(path)
    return frozenset(points)


def missing(print_html: str, have: frozenset[int]) -> list[str]:
    """The characters of the document's text that no font has, in order of first use."""
    text = html.unescape(_TAG.sub(" ", print_html))
    seen: dict[str, None] = {}
    for ch in text:
        if ch.isprintable() and not ch.isspace() and ord(ch) not in have:
            seen.setdefault(ch)
    return list(seen)


def describe(chars: list[str]) -> str:
    return ", ".join(f"{c} (U+{ord(c):04X})" for c in chars)
