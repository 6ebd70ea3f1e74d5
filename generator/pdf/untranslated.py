"""The English edition's note on page 1: how many plan texts it shows in Korean, marked.

A plan text without its English is shown in Korean, marked (:func:`generator.view.markup.html`,
the templates' ``finalize``: ``<span class="ps-untranslated" lang="ko">`` and a ``KO`` badge;
``print-latin.css`` draws them).  How many there are is known once the HTML is rendered
(:func:`generator.view.markup.counting`), so the note on page 1 holds a placeholder that
:func:`finish` fills in, or the note is left out when every text is translated.
"""

from __future__ import annotations

import re

COUNT = "\ue002"
"""Where the note on page 1 says how many texts are shown in Korean."""
NOTE = re.compile(r'<p class="translation-note">.*?</p>\n?', re.S)


def finish(html: str, found: dict[str, bool]) -> str:
    """The rendered HTML with the note's count filled in from what the page showed (Korean →
    translated, as :func:`generator.view.markup.counting` gathers it), or without the note."""
    if COUNT not in html:
        return html
    missing = sum(1 for translated in found.values() if not translated)
    if not missing:
        return NOTE.sub("", html)
    return html.replace(COUNT, str(missing))
