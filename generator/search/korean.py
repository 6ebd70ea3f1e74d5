"""The Korean vocabulary of search: what separates words in a Korean document, and the particles
(조사) a query may end with.

Data only, read by the terms generator (:mod:`generator.search.terms`) at build time and handed
to the browser by the site (the query side strips the same particles), so that the two sides
agree.  The renderers carry no Korean of their own; this is where the words live, as
:mod:`generator.locale.particles` holds the particles of messages.
"""

from __future__ import annotations

PUNCTUATION = "「」『』〈〉《》【】〔〕·ㆍ※○●◎◦□■◇◆△▲▽▼▶▷►◁◀→←↑↓⇒‘’“”…‥～"
"""The punctuation of Korean documents that separates words: the brackets around a law's or a
book's name (「청년기본법」), the middle dot of lists (민·관), the marks of notes and items
(※, ○, □, ◦), typographic quotes (’16.), ellipses and the full-width tilde."""

ASCII_SEPARATORS = r"\s\-,:;!?=\[\](){}<>\"'/\\|~`"
"""ASCII characters that separate words, as a regular-expression character class body: spaces
and dashes (as mkdocs-material splits), commas, colons, brackets, quotes, slashes.  The full
stop is not one: it keeps ``2016.`` and ``1.5`` whole (a query's prefix still finds them)."""

SEPARATOR = f"[{ASCII_SEPARATORS}{PUNCTUATION}]+"
"""One regular expression (Python and JavaScript read it alike) that splits a text into words:
the search engine's separator and the terms generator's."""

PARTICLES = (
    # case and linking particles, longest first where one ends another
    "에서부터", "으로부터", "이라는", "이라고", "에서는", "에서도", "에게서", "한테서", "으로서",
    "으로써", "으로는", "으로도", "까지는", "부터는",
    "로부터", "에서", "에게", "한테", "께서", "으로", "로서", "로써", "로는", "로도", "까지",
    "부터", "처럼", "보다", "마다", "이나", "이며", "이고", "이란", "라는", "라고", "와의", "과의",
    "에의", "에는", "에도", "과는", "와는", "과도", "와도", "이든", "이면", "만의", "들의", "들을",
    "들이", "들은", "들과", "들에",
    "이", "가", "을", "를", "은", "는", "의", "에", "와", "과", "도", "로", "만", "들",
)
"""Particles (and the plural 들 with one) that follow a noun: a query word ending in one is
also searched without it (협동조합의 → 협동조합).  Tried longest first; the noun left must keep
at least :data:`MIN_STEM` syllables."""

MIN_STEM = 2
"""The fewest syllables a noun keeps when a particle is taken off it, and the shortest part of a
word that is a search term: a single syllable is in too many words to find anything."""
