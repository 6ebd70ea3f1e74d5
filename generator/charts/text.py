"""How wide a label is, and where it wraps, without a font engine: the advance widths of the
one font every chart is set in (NanumGothic, carried in ``generator/assets/fonts``; its regular
and bold share their advances).

The widths are the font's own (a test reads them from the font file), so a label laid out here
is as wide as the browser and WeasyPrint draw it.  Labels wrap at spaces (Korean words, 어절,
stay whole, as the site and the PDF keep them); a word wider than the line is cut at
characters.  A label keeps its :class:`~generator.locale.shown.Shown` parts through a wrap, so
a Korean passage on an English page stays marked on whichever line it lands.
"""

from __future__ import annotations

from ..locale.shown import Shown, parts_of

EM = 1000
ASCII = (280, 424, 430, 606, 606, 1090, 727, 303, 363, 363, 606, 654, 303, 363, 303, 375,
         606, 606, 606, 606, 606, 606, 606, 606, 606, 606, 303, 303, 547, 654, 547, 545,
         872, 727, 606, 672, 727, 576, 503, 797, 727, 242, 363, 641, 484, 969, 727, 787,
         577, 787, 622, 545, 545, 727, 666, 1029, 666, 666, 545, 363, 966, 363, 654, 545,
         242, 545, 606, 484, 606, 545, 363, 606, 606, 242, 269, 520, 242, 908, 606, 606,
         606, 606, 363, 424, 363, 606, 484, 848, 510, 464, 484, 303, 242, 303, 654)
"""NanumGothic's advance of each printable ASCII character (U+0020 … U+007E), per 1000 em."""
OTHER = {"\u00b7": 290, "\u2013": 410, "\u2014": 864, "\u2018": 185, "\u2019": 185,
         "\u201c": 350, "\u201d": 350}
"""Advances of the few other characters that are not a full em wide (the middle dot, dashes,
curly quotes)."""
WIDE = 940
"""The advance of every Hangul syllable, CJK character and symbol (①, ■, ∼) in the font."""
LATIN_EXTRA = 606
"""A Latin letter beyond ASCII (é, ü): about a lower-case letter's advance."""


def advance(ch: str) -> int:
    """The advance of one character, per 1000 em."""
    code = ord(ch)
    if 0x20 <= code < 0x7f:
        return ASCII[code - 0x20]
    if ch in OTHER:
        return OTHER[ch]
    if code < 0x2000:
        return LATIN_EXTRA
    return WIDE


def width(text: str, size: float) -> float:
    """The width of a text set at ``size`` (user units)."""
    return sum(advance(ch) for ch in str(text)) * size / EM


def _slice(value: str, start: int, end: int) -> str:
    """Characters start…end of a value, a :class:`Shown` keeping its parts (the slice that
    starts the value keeps the plan texts it shows, so each is counted once)."""
    if not isinstance(value, Shown):
        return str(value)[start:end]
    parts, at = [], 0
    for text, kind in parts_of(value):
        lo, hi = max(start, at), min(end, at + len(text))
        if lo < hi:
            parts.append((text[lo - at:hi - at], kind))
        at += len(text)
    return Shown(parts, value.texts if start == 0 else ())


def wrap(value: str, size: float, limit: float, max_lines: int = 3) -> list[str]:
    """A label cut into lines no wider than ``limit`` at ``size``: at spaces, and inside a word
    only when the word alone is too wide.  More than ``max_lines`` lines: the last one ends in
    an ellipsis (the data table beside the chart has the whole text)."""
    text = str(value)
    lines: list[tuple[int, int]] = []
    start = 0
    while start < len(text):
        while start < len(text) and text[start] == " ":
            start += 1
        if start >= len(text):
            break
        end, last_space, used = start, None, 0.0
        while end < len(text):
            used += advance(text[end]) * size / EM
            if used > limit:
                break
            if text[end] == " ":
                last_space = end
            end += 1
        if end < len(text) and text[end] == " ":
            pass  # the line ends where a word does
        elif end < len(text) and last_space is not None and last_space > start:
            end = last_space
        elif end == start:  # one character wider than the line
            end = start + 1
        lines.append((start, end))
        start = end
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        start, end = lines[-1]
        ellipsis = width("\u2026", size)
        while end > start + 1 and width(text[start:end], size) + ellipsis > limit:
            end -= 1
        return [_slice(value, s, e) for s, e in lines[:-1]] + \
            [_with_ellipsis(_slice(value, start, end))]
    return [_slice(value, s, e) for s, e in lines]


def _with_ellipsis(value: str) -> str:
    if isinstance(value, Shown):
        return Shown([*value.parts, ("\u2026", "")], value.texts)
    return str(value).rstrip() + "\u2026"
