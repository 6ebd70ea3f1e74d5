"""Plan texts as HTML, for every renderer: Korean passages marked, untranslated ones visibly.

Outside Korean the view holds :class:`~generator.locale.shown.Shown` strings (still plain text
for data outputs).  :func:`html` is the one place they become markup, for the site and the
print HTML alike (it is the templates' ``finalize``, :mod:`generator.templating`):

- a Korean passage shown because its translation is missing or stale:
  ``<span class="ps-untranslated" lang="ko">…</span>`` and a badge, ``KO`` to the eye and
  "Korean only" to a screen reader (``<span class="ps-badge">``);
- Korean meant as Korean (a name kept beside its romanisation, a document number):
  ``<span lang="ko">…</span>``;
- everything else escaped as the renderer escapes plain text.

:func:`counting` gathers the plan texts a page shows, so the page can say how complete its
translation is (:func:`status`).
"""

from __future__ import annotations

import contextlib
import contextvars
import math
from typing import Callable

from markupsafe import Markup, escape as html_escape

from ..locale.shown import FALLBACK, KOREAN, Shown, has_hangul, korean_runs

_tally: contextvars.ContextVar[dict | None] = contextvars.ContextVar("shown_texts",
                                                                     default=None)


@contextlib.contextmanager
def counting():
    """Collect the plan texts that :func:`html` shows while the block runs: yields a dict of
    Korean → translated (a text shown twice counts once, translated only if always so)."""
    found: dict[str, bool] = {}
    token = _tally.set(found)
    try:
        yield found
    finally:
        _tally.reset(token)


def _record(value: Shown) -> None:
    found = _tally.get()
    if found is not None:
        for source, translated in value.texts:
            found[source] = found.get(source, True) and translated


def _part(escape: Callable, text: str, first: bool, last: bool) -> str:
    """One part escaped; spaces at its edges kept between parts (an escape that trims, such
    as :func:`generator.mdescape.text`, trims only the value's own ends)."""
    core = str(escape(text))
    if not first and text[:1] == " " and core[:1] != " ":
        core = " " + core
    if not last and text[-1:] == " " and core[-1:] != " ":
        core += " "
    return core


def badge(loc) -> Markup:
    """The mark after an untranslated passage: ``KO`` to the eye, "Korean only" to the ear."""
    return Markup('<span class="ps-badge"><span aria-hidden="true">{}</span>'
                  '<span class="ps-sr"> {}</span></span>').format(
        loc.gettext("KO (badge)") if loc is not None else "KO",
        loc.gettext("(Korean only)") if loc is not None else "(Korean only)")


def note_ref(ref, label: str, loc, escape: Callable, notes: str) -> str:
    """A footnote reference (:class:`~generator.view.notes.NoteRef`) as markup.

    On the site (``notes="link"``): the number, superscript, linked to the footnote at the end
    of the section (``#fn-3``), with an id the footnote links back to (``fnref-3-1``) and
    "footnote" before the number for a screen reader.  In print (``notes="print"``): at its
    first reference the footnote itself, ``<span class="footnote">``, which the print
    stylesheet floats to the foot of the page (WeasyPrint puts its number here); at a later
    reference its number, superscript."""
    n = int(ref.number)
    if notes == "print":
        if ref.occurrence == 1:
            return (f'<span class="footnote" id="fn-{n}" data-n="{n}">'
                    f'{html(ref.note, loc, escape)}</span>')
        return f'<sup class="fn-ref">{n}</sup>'
    sr = loc.gettext("Footnote (before its number, for a screen reader)") if loc is not None \
        else "Footnote"
    return (f'<sup class="ps-fnref" id="fnref-{n}-{int(ref.occurrence)}">'
            f'<a href="#fn-{n}"><span class="ps-sr">{escape(sr)} </span>{n}</a></sup>')


def html(value, loc=None, escape: Callable | None = None, marks: bool = True,
         guard: bool = False, notes: str = "link"):
    """A value as markup: a :class:`Shown` part by part (Korean in ``lang="ko"`` spans, an
    untranslated passage marked, with its badge unless ``marks`` is False: a menu entry);
    anything else as ``escape`` makes it (default: HTML-escaped).  Markup passes unchanged.

    ``guard``: a plain string's Korean words are marked ``lang="ko"`` (the Korean terms an
    English check message quotes, a rule's Korean name): on a page in another language no
    Korean is left unmarked.  Plan texts never come this way: they reach the templates as
    :class:`Shown` (a test walks the views to hold that)."""
    from .notes import NoteRef
    esc = escape or html_escape
    if isinstance(value, Markup):
        return value
    if not isinstance(value, Shown):
        if not (guard and isinstance(value, str) and has_hangul(value)):
            return esc(value)
        value = Shown(korean_runs(value))
    _record(value)
    out = []
    parts = value.parts
    n = len(parts)
    for i, (text, kind) in enumerate(parts):
        if isinstance(kind, NoteRef):
            out.append(note_ref(kind, text, loc, esc, notes))
            continue
        piece = _part(esc, text, i == 0, i == n - 1)
        if kind == FALLBACK:
            out.append(f'<span class="ps-untranslated" lang="ko">{piece}</span>')
            # one badge after an untranslated text, which its footnote references may cut
            after = next((k for _, k in parts[i + 1:] if not isinstance(k, NoteRef)), None)
            if marks and after != FALLBACK:
                out.append(str(badge(loc)))
        elif kind == KOREAN:
            out.append(f'<span lang="ko">{piece}</span>')
        else:
            out.append(piece)
    return Markup("".join(out))


def status(found: dict[str, bool], loc) -> Markup | None:
    """How complete the translation of a page is, from what :func:`counting` found: None for
    a page in Korean, or one that shows no plan text."""
    if not loc.translates or not found:
        return None
    total = len(found)
    missing = sum(1 for translated in found.values() if not translated)
    if not missing:
        return Markup('<p class="ps-translation ps-translation-complete">{}</p>').format(
            loc.gettext("Translation: complete ({count} texts on this page).", count=total))
    percent = math.floor((total - missing) * 100 / total)
    sample = Markup('<span class="ps-badge ps-badge-sample">{}</span>').format(
        loc.gettext("KO (badge)"))
    return Markup('<p class="ps-translation">{}</p>').format(Markup(loc.gettext(
        "Translation: {percent} of the texts on this page are in English; the {count} shown "
        "in Korean are marked {badge}.", percent=loc.percent(percent), count=missing,
        badge=sample)))


def record(value) -> None:
    """Count a value's plan texts as shown on the page being rendered, for a renderer that
    writes them other than through :func:`html` (a chart's SVG, :mod:`generator.charts`)."""
    if isinstance(value, Shown):
        _record(value)
