"""Plan texts without their English, marked in the print HTML of a document in another language.

The contract of the loader: a plan text's translation is set exactly when it is translated and
not stale.  A text without one reads in Korean (:meth:`generator.locale.Locale.text`); in the
English PDF it must say so.  The view layer words a plan into plain strings, and a Korean text
may be formatted into a larger one (a section label, a caption), so the mark travels as two
private-use characters around the Korean (:data:`OPEN` … :data:`CLOSE`) through the view, and
:func:`finish` turns them into ``<span lang="ko" class="untranslated">`` once the HTML is
rendered (``print.css`` draws the mark: a dotted underline and a small ``KO``).  Where markup
cannot stand (the document's title and metadata) the templates strip them with :func:`plain`.
"""

from __future__ import annotations

import re
from dataclasses import fields, is_dataclass
from functools import lru_cache

from ..locale import Locale
from ..locale import get as get_locale

OPEN, CLOSE = "\ue000", "\ue001"
COUNT = "\ue002"
"""Where the note on page 1 says how many passages are marked (known once the HTML is)."""
NOTE = re.compile(r'<p class="translation-note">.*?</p>\n?', re.S)
SPAN = '<span lang="ko" class="untranslated">'
MARK = '<span class="untranslated-mark">KO</span>'
"""The mark on its own, as the note on page 1 shows it."""
HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")


class MarkingLocale(Locale):
    """A locale whose plan texts shown in Korean (no translation) carry the mark."""

    def text(self, t) -> str:
        shown = super().text(t)
        if t is None or isinstance(t, str) or self.lang == "ko":
            return shown
        if shown == get_locale("ko").text(t) and HANGUL.search(shown):
            return f"{OPEN}{shown}{CLOSE}"
        return shown


@lru_cache(maxsize=None)
def marking(loc: Locale) -> Locale:
    """The marking locale of a language (the locale itself when it is Korean)."""
    if loc.lang == "ko" or isinstance(loc, MarkingLocale):
        return loc
    return MarkingLocale(loc.lang)


def plain(text) -> str:
    """Text without the marks (for a title or an attribute)."""
    return str(text).replace(OPEN, "").replace(CLOSE, "")


def count(view) -> int:
    """How many marked passages a view holds (strings in its dataclasses, lists, tuples)."""
    if isinstance(view, str):
        return view.count(OPEN)
    if is_dataclass(view):
        return sum(count(getattr(view, f.name)) for f in fields(view))
    if isinstance(view, (list, tuple)):
        return sum(count(v) for v in view)
    return 0


def finish(html: str) -> str:
    """The rendered HTML with every mark as its span, and the note on page 1 saying how many
    passages the document shows marked (or gone, when it shows none)."""
    marked = html.count(OPEN)
    if not marked:
        return NOTE.sub("", html) if COUNT in html else html
    return html.replace(OPEN, SPAN).replace(CLOSE, "</span>").replace(COUNT, str(marked))
