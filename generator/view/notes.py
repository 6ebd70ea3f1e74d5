"""Footnotes in the view: a marker ``[^id]`` in a block's text becomes a reference to its
footnote, numbered through the plan (:mod:`generator.footnotes`).

The numbers are given once, from the plan's Korean texts: footnotes are numbered in the order
they are first referenced, section by section, so a footnote has the same number in every
language (a translation that moves a marker keeps it).  While a section's blocks are viewed,
:class:`NotedLocale` stands in for the reader's locale: every plan text it shows is cut around
its markers, each marker a part of its own whose kind is a :class:`NoteRef` (see
:class:`~generator.locale.shown.Shown`), which :func:`generator.view.markup.html` writes as a
superscript reference on the site and as the footnote itself (CSS ``float: footnote``) at its
first reference in the PDF.  A marker that names no footnote of the section stays as written
(``footnote-undefined`` reports it).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from .. import model
from ..footnotes import MARKER, numbers, plain  # noqa: F401  (numbers: the view's numbering)
from ..locale import Locale
from ..locale.shown import LATIN, Shown


@dataclass(frozen=True)
class NoteRef:
    """A reference to a footnote, as the kind of the part of a shown text that holds its
    number."""

    number: int
    """The footnote's number in the plan."""
    occurrence: int
    """1 for the footnote's first reference in the view, 2 for the next …"""
    note: str
    """The footnote's text as shown (printed where the first reference is, in the PDF)."""


@dataclass
class FootnoteView:
    """A footnote of a section as listed at its end on the site."""

    number: int
    text: str
    references: int
    """How many references to it the section's blocks print (the back links)."""


class NotedLocale(Locale):
    """The reader's locale while a section's blocks are viewed: its texts come with their
    footnote markers as references (:class:`NoteRef` parts)."""

    def __init__(self, base: Locale, notes: dict[str, tuple[int, str]], seen: Counter):
        super().__init__(base.lang)
        self.notes = notes
        """Footnote id → (its number, its text as shown)."""
        self.seen = seen
        """How many references to each number were shown so far."""

    def text(self, t) -> str:
        shown = super().text(t)
        if not self.notes or "[^" not in shown:
            return shown
        parts = shown.parts if isinstance(shown, Shown) else ((str(shown), LATIN),)
        out: list = []
        for text, kind in parts:
            at = 0
            for m in MARKER.finditer(text):
                note = self.notes.get(m.group(1))
                if note is None:
                    continue
                number, body = note
                self.seen[number] += 1
                out += [(text[at:m.start()], kind),
                        (str(number), NoteRef(number, self.seen[number], body))]
                at = m.end()
            out.append((text[at:], kind))
        return Shown(out, shown.texts if isinstance(shown, Shown) else ())


class UnnotedLocale(Locale):
    """The reader's locale for a block's text shown away from its section (the budget
    overview): without its footnote markers, whose footnotes are not listed there."""

    def __init__(self, base: Locale):
        super().__init__(base.lang)

    def text(self, t) -> str:
        shown = super().text(t)
        if "[^" not in shown:
            return shown
        if isinstance(shown, Shown):
            return shown.map(plain)
        return plain(shown)


def section_notes(plan: model.Plan, index: int, loc: Locale, numbered: dict,
                  seen: Counter) -> tuple[Locale, list]:
    """The locale a section's blocks are viewed in (the reader's, when the section has no
    referenced footnote), and a function giving the section's footnote views once they are."""
    section = plan.sections[index]
    notes = {f.id: (numbered[(index, f.id)], loc.text(f.text))
             for f in getattr(section, "footnotes", []) if (index, f.id) in numbered}
    if not notes:
        return loc, []
    noted = NotedLocale(loc, notes, seen)
    return noted, sorted(notes.values())


def footnote_views(notes: list, seen: Counter) -> list[FootnoteView]:
    """The footnotes of a section, once its blocks are viewed: each with its references."""
    return [FootnoteView(number, text, seen[number]) for number, text in notes
            if seen[number]]


def without_refs(value: str) -> tuple[str, list]:
    """A shown text cut in two: the text without its references, and the references (parts)
    in order, to put back after a figure formatted anew."""
    if not isinstance(value, Shown) or not any(isinstance(k, NoteRef) for _, k in value.parts):
        return value, []
    rest = [(t, k) for t, k in value.parts if not isinstance(k, NoteRef)]
    refs = [(t, k) for t, k in value.parts if isinstance(k, NoteRef)]
    kinds = {k for _, k in rest}
    plain = Shown(rest, value.texts) if kinds - {LATIN} else "".join(t for t, _ in rest)
    return plain, refs
