"""Search of the site in Korean: the terms a browser cannot derive, made at build time, apart
from the engine that uses them.

* :mod:`.korean`: the vocabulary (the separator of words, the particles of queries);
* :mod:`.terms`: the terms generator (text in, terms out; mecab-ko finds the noun phrases);
* :mod:`.lunr`: the engine's side, mkdocs-material's lunr index rewritten with the terms.

Another engine (Pagefind, whose index is built from the HTML pages) would take
:class:`~.terms.TermMaker` with ``suffixes=True`` and put the terms in the pages it indexes.
"""

from __future__ import annotations

from .terms import MecabAnalyser, TermMaker

_MAKER: TermMaker | None = None


def site_terms() -> TermMaker:
    """The terms generator the site uses: mecab-ko's noun phrases, the suffixes left to the
    browser.  Made once a process (the dictionary is loaded once)."""
    global _MAKER
    if _MAKER is None:
        _MAKER = TermMaker(MecabAnalyser(), suffixes=False)
    return _MAKER


__all__ = ["TermMaker", "site_terms"]
