"""Texts as a reader of one language is shown them, knowing which stretches are Korean.

A plan's texts are written in Korean and translated (``Text.en``).  On an English page a text
without its translation is shown in Korean, and that must never be silent: the reader sees a
mark, a screen reader hears that the passage is Korean.  So :meth:`Locale.text
<generator.locale.Locale.text>` gives, outside Korean, a :class:`Shown`: still a ``str`` (data
outputs, sorting and comparisons read it as the plain text), which also knows

- its *parts*: stretches of the page's language, of Korean shown for a missing translation
  (:data:`FALLBACK`), and of Korean meant as Korean (:data:`KOREAN`: a name kept beside its
  romanisation, a document number);
- the plan *texts* that went into it (the Korean of each, and whether it was translated), so a
  page can say how complete its translation is.

Joining loses nothing when done with :func:`cat`, :func:`join` and :func:`fmt` (or ``+``); a
renderer turns a value into markup with :func:`generator.view.markup.html`.
"""

from __future__ import annotations

import re
import string
from typing import Iterable

LATIN = ""
"""A part in the page's own language."""
FALLBACK = "fallback"
"""A part in Korean because its translation is missing or stale."""
KOREAN = "ko"
"""A part in Korean on purpose (a Korean name beside its romanisation, an identifier)."""

HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\uac00-\ud7af\ud7b0-\ud7ff]")
HANGUL_RUN = re.compile(
    r"[\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\uac00-\ud7af\ud7b0-\ud7ff]+"
    r"(?:[ ·]+[\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\uac00-\ud7af\ud7b0-\ud7ff]+)*")
"""Korean words, with the spaces and middle dots between them."""


def has_hangul(text: str) -> bool:
    return HANGUL.search(text) is not None


class Shown(str):
    """A string with the languages of its parts and the plan texts it shows."""

    parts: tuple[tuple[str, str], ...]
    """``(text, kind)`` in order; kind is :data:`LATIN`, :data:`FALLBACK` or :data:`KOREAN`."""
    texts: tuple[tuple[str, bool], ...]
    """The plan texts shown: ``(Korean, translated)`` each."""

    def __new__(cls, parts: Iterable[tuple[str, str]] = (),
                texts: Iterable[tuple[str, bool]] = ()):
        merged: list[tuple[str, str]] = []
        for text, kind in parts:
            if not text:
                continue
            if merged and merged[-1][1] == kind:
                merged[-1] = (merged[-1][0] + text, kind)
            else:
                merged.append((text, kind))
        self = super().__new__(cls, "".join(t for t, _ in merged))
        self.parts = tuple(merged)
        self.texts = tuple(texts)
        return self

    # -- made by the locale ----------------------------------------------------------------
    @classmethod
    def translated(cls, text: str, source: str) -> "Shown":
        """A translation; Korean words inside it (a name kept beside its romanisation) are
        marked as Korean."""
        return cls(korean_runs(text), [(source, True)])

    @classmethod
    def fallback(cls, source: str) -> "Shown":
        """The Korean of a text whose translation is missing or stale."""
        return cls([(source, FALLBACK)], [(source, False)])

    @classmethod
    def korean(cls, text: str) -> "Shown":
        """Korean shown on purpose (an identifier such as a document number); no plan text."""
        return cls(korean_runs(text))

    # -- asked by the renderers ------------------------------------------------------------
    @property
    def untranslated(self) -> bool:
        return any(kind == FALLBACK for _, kind in self.parts)

    def map(self, f) -> "Shown":
        """The value with f applied to the text of each part (f keeps a part's language)."""
        return Shown([(f(t), k) for t, k in self.parts], self.texts)

    def __add__(self, other):
        if not isinstance(other, str):
            return NotImplemented
        return cat(self, other)

    def __radd__(self, other):
        if not isinstance(other, str):
            return NotImplemented
        return cat(other, self)

    def __repr__(self) -> str:
        return f"Shown({self.parts!r})"

    def __reduce__(self):
        return (Shown, (self.parts, self.texts))


def korean_runs(text: str) -> list[tuple[str, str]]:
    """A page-language text cut around its Korean words, which are marked :data:`KOREAN`."""
    parts, at = [], 0
    for m in HANGUL_RUN.finditer(text):
        parts += [(text[at:m.start()], LATIN), (m.group(), KOREAN)]
        at = m.end()
    parts.append((text[at:], LATIN))
    return parts


def parts_of(value) -> tuple[tuple[str, str], ...]:
    if isinstance(value, Shown):
        return value.parts
    return ((str(value), LATIN),) if value is not None else ()


def cat(*values) -> str:
    """Values joined end to end: a :class:`Shown` when any of them is one, else a str."""
    if not any(isinstance(v, Shown) for v in values):
        return "".join(str(v) for v in values)
    return Shown([p for v in values for p in parts_of(v)],
                 [t for v in values if isinstance(v, Shown) for t in v.texts])


def join(sep: str, values: Iterable) -> str:
    """``sep.join(values)`` keeping the parts of any :class:`Shown` among them."""
    values = list(values)
    out: list = []
    for i, v in enumerate(values):
        if i:
            out.append(sep)
        out.append(v)
    return cat(*out)


_FORMATTER = string.Formatter()


def fmt(template: str, **params) -> str:
    """``template.format(**params)``, keeping the parts of any :class:`Shown` parameter."""
    if not any(isinstance(v, Shown) for v in params.values()):
        return template.format(**params)
    out: list = []
    for literal, name, spec, conversion in _FORMATTER.parse(template):
        out.append(literal)
        if name is None:
            continue
        value = _FORMATTER.get_field(name, (), params)[0]
        if isinstance(value, Shown) and not spec and not conversion:
            out.append(value)
        else:
            value = _FORMATTER.convert_field(value, conversion)
            out.append(_FORMATTER.format_field(value, spec or ""))
    return cat(*out)


def texts_of(values: Iterable) -> dict[str, bool]:
    """The plan texts the values show: Korean → translated (a text shown twice counts once)."""
    found: dict[str, bool] = {}
    for v in values:
        if isinstance(v, Shown):
            for source, translated in v.texts:
                found[source] = found.get(source, True) and translated
    return found
