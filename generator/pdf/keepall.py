"""Korean words kept whole on a line, as CSS ``word-break: keep-all`` would keep them.

WeasyPrint has no ``keep-all`` (it knows ``word-break: normal | break-all`` only), and Pango
breaks Korean between any two syllables, as Unicode's line breaking rules allow: a cell printed
``사 / 회적 기업가`` or ``(인 / 건비)``, which no approver signs.  Official documents break Korean
only between words (어절), at spaces.

So the print HTML is given to WeasyPrint with a WORD JOINER (U+2060, line-break class WJ:
"no break before or after") between the characters of every word that holds Hangul: the only
places left to break a Korean line are its spaces.  The word joiner draws nothing, has no width
and is not in the PDF's text (a search or a copy finds ``사회적``, not the joiners).  A word is
a run of characters without white space, across inline tags (``<strong>``, ``<span>``): a word
partly emphasised stays whole too.  Tags, attributes, entities and everything outside
``<body>`` are left as they are; so is a word with no Hangul (Latin words already break only
at spaces and hyphens).

A word wider than the line it starts has nowhere left to break: ``overflow-wrap: break-word``
in ``print.css`` lets WeasyPrint break it where it must, and only then.  In a table, whose
columns are as wide as their longest word, that could make the table wider than the page: such
a table is laid out again with its longest words free to break where they are wider than their
cell (``loose``; :func:`generator.pdf.render.layout`).
"""

from __future__ import annotations

import html as _html
import re
import unicodedata

WORD_JOINER = "\u2060"

_BODY = re.compile(r"<body\b[^>]*>", re.I)
_MARKUP = re.compile(r"(<!--.*?-->|<svg\b[^>]*>.*?</svg\s*>"
                     r"|<(?:script|style|textarea|title)\b[^>]*>.*?"
                     r"</(?:script|style|textarea|title)\s*>|<[^>]*>)", re.S | re.I)
"""A tag, a comment, or a whole element of raw text (its CSS or script is not prose) or of
drawing (a chart's SVG, whose labels are laid out where they are drawn and never wrap)."""
_TAG_NAME = re.compile(r"</?\s*([a-zA-Z][a-zA-Z0-9]*)")
_UNIT = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);|.", re.S)
_HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\uac00-\ud7a3\ud7b0-\ud7ff]")
_SPACE = frozenset(" \t\n\r\f\u3000")

_CLASSED = re.compile(r"""\sclass\s*=""", re.I)
INLINE = frozenset({"a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em",
                    "i", "ins", "kbd", "mark", "q", "s", "samp", "small", "span", "strong",
                    "sub", "sup", "time", "u", "var"})
"""Tags a word runs through when they have no class (``<strong>``, ``<span lang="ko">``).  Every
other tag ends a word: ``<br>``, ``<wbr>``, block and table tags, and an element with a class,
which the style sheet may set apart (a marker, a badge, a field of its own)."""

_BREAKS = frozenset("\u200b\u00ad\u2060\ufeff")
"""Characters that already say whether to break (zero-width space, soft hyphen, joiners)."""


def _joins(before: str, after: str) -> bool:
    """Whether a word joiner goes between two characters of a Korean word: not before a
    combining mark or a joiner (they belong to the character before), not where the text
    already says what to do, and not between two ASCII letters or digits (never a break)."""
    if before in _BREAKS or after in _BREAKS or after == "\u200d" or before == "\u200d":
        return False
    if len(after) == 1 and (unicodedata.category(after)[0] == "M"
                            or "\ufe00" <= after <= "\ufe0f"):
        return False
    return not (before.isascii() and after.isascii() and before.isalnum() and after.isalnum())


def width_em(word: str) -> float:
    """A word's width estimated in em: a wide character (Hangul, Hanja) 1, any other 0.55."""
    return sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.55 for c in word)


def _words(pieces: list[str], units: list[list[str]]):
    """The words of the body, each as ``(table, [(piece, unit), …])``: its units across inline
    tags, and the position among the document's ``<table>`` elements of the innermost table
    holding it (-1 outside every table)."""
    tables: list[int] = []
    count = -1
    current: list[tuple[int, int]] = []
    inline: list[bool] = []  # the open inline elements: whether a word runs through each
    for i, piece in enumerate(pieces):
        if i % 2:
            name = _TAG_NAME.match(piece)
            tag = name.group(1).lower() if name else ""
            through = False
            if tag in INLINE:
                if piece.startswith("</"):
                    through = inline.pop() if inline else False
                else:
                    through = _CLASSED.search(piece) is None
                    if not piece.rstrip(">").rstrip().endswith("/"):
                        inline.append(through)
            if not through:
                if current:
                    yield (tables[-1] if tables else -1), current
                current = []
            if tag == "table":
                if piece.startswith("</"):
                    if tables:
                        tables.pop()
                else:
                    count += 1
                    tables.append(count)
            continue
        for j, unit in enumerate(units[i]):
            if unit in _SPACE:
                if current:
                    yield (tables[-1] if tables else -1), current
                current = []
            else:
                current.append((i, j))
    if current:
        yield (tables[-1] if tables else -1), current


BREAKABLE = '<span class="ps-break">'
"""Around a word the renderer lets break anywhere, once it is alone on its line and wider than
it (``overflow-wrap: anywhere`` in ``print.css``)."""


def keep_words(html: str, loose: dict[int, float] | None = None) -> str:
    """The HTML with every Korean word's characters joined by :data:`WORD_JOINER` (in the
    text of ``<body>`` only).  ``loose``: for some tables (by position among the document's
    ``<table>`` elements), a width in em (:func:`width_em`) above which a word may also break
    between any two letters where it is wider than its line (:data:`BREAKABLE`): the
    renderer's fallback for a table too wide for the page."""
    loose = loose or {}
    start = _BODY.search(html)
    if start is None:
        return html
    head, body = html[:start.end()], html[start.end():]
    pieces = _MARKUP.split(body)  # text, tag, text, tag, …
    units = [_UNIT.findall(p) if i % 2 == 0 else [] for i, p in enumerate(pieces)]
    after: set[tuple[int, int]] = set()  # the units a joiner follows
    opens: set[tuple[int, int]] = set()  # the units a BREAKABLE span opens before …
    closes: set[tuple[int, int]] = set()  # … and closes after
    for table, word in _words(pieces, units):
        chars = [_char(units[i][j]) for i, j in word]
        if len(word) < 2 or not any(_HANGUL.match(c) for c in chars):
            continue
        for n in range(len(word) - 1):
            if _joins(chars[n], chars[n + 1]):
                after.add(word[n])
        if table in loose and width_em("".join(chars)) > loose[table]:
            for piece in sorted({i for i, _ in word}):
                inside = [u for u in word if u[0] == piece]
                opens.add(inside[0])
                closes.add(inside[-1])
    if not after:
        return html
    out = [head]
    for i, piece in enumerate(pieces):
        if i % 2:
            out.append(piece)
            continue
        for j, unit in enumerate(units[i]):
            out.append(BREAKABLE if (i, j) in opens else "")
            out.append(unit + WORD_JOINER if (i, j) in after else unit)
            out.append("</span>" if (i, j) in closes else "")
    return "".join(out)


def _char(unit: str) -> str:
    """The character a unit stands for (an entity's character, so ``&amp;`` is ``&``)."""
    return unit if len(unit) == 1 else _html.unescape(unit)


def plain(html: str) -> str:
    """The HTML without the word joiners :func:`keep_words` put in."""
    return html.replace(WORD_JOINER, "")
