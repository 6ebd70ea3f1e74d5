"""Translations: every text of a plan that has a catalog is translated, none is stale, and a
translation writes the same figures as its Korean (see :mod:`generator.translations`)."""

from __future__ import annotations

from collections import Counter

from .. import translations
from ..footnotes import markers, plain
from ..locale.words import Joined, Quantity, Words
from .base import Context, rule


def _statuses(ctx: Context):
    """The languages whose catalog the plan has (a plan not yet translated is not checked
    text by text: its status says 0%)."""
    return [s for s in ctx.translations.values() if s.has_catalog]


@rule("translation-missing", "번역 누락 / Every text is translated", "warning")
def missing(ctx: Context) -> None:
    """Once a plan has a catalog for a language (``translations/en.po``), every text with
    Hangul has a translation there; a missing one is shown in Korean, marked, on that
    language's site and PDF.  ``--strict`` makes it an error."""
    for status in _statuses(ctx):
        for t in status.missing:
            ctx.compare(t.path, Words("translation into {lang}", **_names(status)),
                        Words("translated"), Words("missing"), False,
                        Words("{text!r} has no {lang} translation", text=_short(t.text.ko),
                              **_names(status)),
                        Words("run `plansite translate`, then translate it in "
                              "translations/{code}.po", **_names(status)))


@rule("translation-stale", "번역 갱신 / No translation is stale", "warning")
def stale(ctx: Context) -> None:
    """A translation made from an earlier Korean (a fuzzy entry of the catalog: the Korean
    changed after it was translated) is stale until a translator checks it and removes the
    flag; until then the text is shown in Korean, marked."""
    for status in _statuses(ctx):
        for t in status.stale:
            ctx.compare(t.path, Words("translation into {lang}", **_names(status)),
                        Words("current"), Words("stale"), False,
                        Words("the Korean {text!r} changed after it was translated "
                              "(from {previous!r})", text=_short(t.text.ko),
                              previous=_short(t.previous or "")) if t.previous else
                        Words("the translation of {text!r} is marked fuzzy",
                              text=_short(t.text.ko)),
                        Words("check the English in translations/{code}.po against the new "
                              "Korean and remove the fuzzy flag", **_names(status)))


@rule("translation-figures", "번역의 숫자 / A translation writes the same figures", "warning")
def figures(ctx: Context) -> None:
    """A translated text writes the same figures as its Korean: numbers, dates and amounts
    of money (in won, whatever the units: 13,420천원 = KRW 13.42 million; month names count
    as their numbers).  An entry whose English rightly writes other figures (1인당 → per
    person) takes the flag ``figures-differ`` once a translator has checked it."""
    for status in _statuses(ctx):
        for t in status.translated:
            if translations.FIGURES_DIFFER in t.flags:
                continue
            ko = translations.korean_figures(plain(t.text.ko))
            en = translations.english_figures(plain(t.english))
            if not ko and not en:
                continue  # no figure on either side: nothing to compare
            ctx.compare(t.path, Words("figures of the translation"),
                        Joined(tuple(Quantity(v) for v in sorted(ko))),
                        Joined(tuple(Quantity(v) for v in sorted(en))), ko == en,
                        Words("{lang} writes other figures than the Korean {text!r}: "
                              "{only_ko} only in Korean, {only_en} only in {lang}",
                              **_names(status), text=_short(t.text.ko),
                              only_ko=Joined(tuple(Quantity(v) for v in sorted(ko - en))) if ko - en
                              else Words("none"),
                              only_en=Joined(tuple(Quantity(v) for v in sorted(en - ko))) if en - ko
                              else Words("none")),
                        Words("correct the figures of the translation; where they rightly "
                              "differ, give its entry the flag figures-differ"))


@rule("translation-footnotes", "번역의 각주 / A translation keeps the footnote markers",
      "warning")
def footnote_markers(ctx: Context) -> None:
    """A translated text writes the same footnote markers as its Korean (``[^1]``, as many
    times each): a translation that drops or changes one would lose the footnote's number, or
    print another footnote's, in that language.  Unlike other figures, the flag
    ``figures-differ`` does not silence it."""
    for status in _statuses(ctx):
        for t in status.translated:
            ko, en = Counter(markers(t.text.ko)), Counter(markers(t.english))
            if not ko and not en:
                continue
            ctx.compare(t.path, Words("footnote markers of the translation"), _marks(ko),
                        _marks(en), ko == en,
                        Words("{lang} does not write the footnote markers of the Korean {text!r}: "
                              "{only_ko} only in Korean, {only_en} only in {lang}",
                              **_names(status), text=_short(t.text.ko),
                              only_ko=_marks(ko - en), only_en=_marks(en - ko)),
                        Words("write the markers in the translation as in the Korean, where the "
                              "footnote's number belongs"))


def _marks(counts: Counter):
    """Markers as the message lists them: ``[^1], [^2]``, or none."""
    if not counts:
        return Words("none")
    return ", ".join(f"[^{m}]" for m in sorted(counts.elements()))


LANGUAGE_NAMES = {"en": Words("English")}


def _names(status) -> dict:
    """A message's ``{lang}`` (the language's name) and ``{code}`` (en)."""
    return {"lang": LANGUAGE_NAMES.get(status.lang, status.lang), "code": status.lang}


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"
