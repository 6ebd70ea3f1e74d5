"""Which terms generator? Recall, size and time of each candidate on the seed plan's pages.

Reads the pages as the site indexes them (``search/search_index.json`` of a built site: each
entry's title and text, the check report and the reference left out, as the site's search
does), makes each candidate's terms per entry, and runs the issue's queries the way the
engine matches (a query word, and the word without its particle, as the beginning of a word
or of a term).  For each candidate: the queries whose pages were all found (recall), the
negative queries that found nothing, the terms' bytes (UTF-8 and gzipped), the time to make
them and to set the analyser up.  Candidates whose package is missing are reported so.

    python benchmarks/search_terms_bench.py [--site build/site]

Run it with a Python that has the analysers (python-mecab-ko + python-mecab-ko-dic,
kiwipiepy + kiwipiepy-model); the project needs only the one it uses.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.search import korean  # noqa: E402
from generator.search.terms import (Morpheme, TermMaker, noun_phrases, plain,  # noqa: E402
                                    suffixes, words)

P = "gwangjin-2016-job-operations/sections/"
QUERIES = {
    # query: the pages (section ids) it must find
    "협동조합": {"cooperatives", "social-economy-ecosystem", "social-enterprise-funding"},
    "협동조합의": {"cooperatives", "social-economy-ecosystem", "social-enterprise-funding"},
    "협동조합을": {"cooperatives", "social-economy-ecosystem", "social-enterprise-funding"},
    "특강": {"youth-startup-lectures"},
    "네트워크": {"social-economy-ecosystem", "social-economy-special-zone"},
    "음브즈만": {"seoul-hope-jobs"},
    "제품": {"public-procurement"},
    "사회적기업육성법": {"social-enterprise-funding", "public-procurement"},
    "기본법": {"public-procurement", "cooperatives"},
    "「협동조합기본법」": {"public-procurement"},
    "창업": {"youth-startup-lectures"},
    "조합원": {"cooperatives"},
    "재정지원": {"social-enterprise-funding"},
}
NEGATIVE = ["청년수당", "비행기를", "육성법제", "법을", "기업육성법에서는없다"]


class Kiwi:
    name = "kiwipiepy"

    def __init__(self):
        from kiwipiepy import Kiwi as K
        self._kiwi = K()

    def morphemes(self, text):
        return [Morpheme(t.form, t.tag, t.start, t.start + t.len)
                for t in self._kiwi.tokenize(text)]


ENDINGS = set("다고며여서면한된할될인지게요니던")


class Pairs(TermMaker):
    """Suffixes, and adjacent Hangul words joined when the first ends in no particle or verb
    ending (a guess at a noun phrase, without an analyser)."""

    def candidates(self, text):
        found = super().candidates(text)
        ws = words(text)
        for a, b in zip(ws, ws[1:]):
            if re.fullmatch("[\uac00-\ud7a3]+", a + b) and a[-1] not in ENDINGS \
                    and not any(a.endswith(p) for p in korean.PARTICLES):
                found.add(a + b)
                found.update((a + b)[i:] for i in range(1, len(a)))
        return found


class Boundaries(TermMaker):
    """Suffixes only where the analyser begins a morpheme (fewer terms than every syllable)."""

    def candidates(self, text):
        found = set()
        morphemes = self.analyser.morphemes(text)
        starts = sorted({m.start for m in morphemes})
        for match in re.finditer("[\uac00-\ud7a3]+", text.lower()):
            run, at = match.group(0), match.start()
            found.add(run)
            found.update(run[s - at:] for s in starts
                         if at < s <= match.end() - korean.MIN_STEM)
        for joined, points in noun_phrases(text, morphemes):
            found.add(joined)
            found.update(suffixes(joined, points))
        return found


def candidates():
    yield "stock (no terms)", None
    yield "suffixes (no dependency)", lambda: TermMaker()
    yield "suffixes + guessed word pairs", lambda: Pairs()
    try:
        from generator.search.terms import MecabAnalyser
        MecabAnalyser()
        yield "mecab-ko + suffixes (the site's)", lambda: TermMaker(MecabAnalyser())
        yield "  of which the index carries", lambda: TermMaker(MecabAnalyser(), suffixes=False)
        yield "mecab-ko, morpheme-boundary suffixes", lambda: Boundaries(MecabAnalyser())
    except ImportError as exc:
        print(f"mecab-ko: not installed ({exc})")
    try:
        Kiwi()
        yield "kiwipiepy + suffixes", lambda: TermMaker(Kiwi())
        yield "kiwipiepy, morpheme-boundary suffixes", lambda: Boundaries(Kiwi())
    except ImportError as exc:
        print(f"kiwipiepy: not installed ({exc})")


def reference_nouns(texts) -> list[str]:
    """Nouns of the pages for the broad recall measure, found by an analyser other than the
    candidates' (kiwipiepy's, else mecab-ko's): each must find every page holding it."""
    try:
        analyser = Kiwi()
    except ImportError:
        from generator.search.terms import MecabAnalyser
        analyser = MecabAnalyser()
    nouns = set()
    for _, text in texts:
        for m in analyser.morphemes(text):
            if m.tag in ("NNG", "NNP") and len(m.surface) >= korean.MIN_STEM \
                    and re.fullmatch("[\uac00-\ud7a3]+", m.surface):
                nouns.add(m.surface)
    return sorted(nouns)


def query_forms(q: str) -> list[str]:
    out = []
    for w in words(q):
        out.append(w)
        for p in korean.PARTICLES:
            if w.endswith(p) and len(w) - len(p) >= korean.MIN_STEM:
                out.append(w[:-len(p)])
                break
    return out


def found(pages: dict[str, list[str]], q: str) -> set[str]:
    forms = query_forms(q)
    return {page for page, toks in pages.items()
            if any(t.startswith(f) for f in forms for t in toks)}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--site", default=str(ROOT / "build" / "site"))
    args = ap.parse_args(argv)
    index = json.loads((Path(args.site) / "search" / "search_index.json").read_text("utf-8"))
    entries = [e for e in index["docs"]
               if not re.search(r"(^|/)(checks|reference)/", e["location"])]
    texts = [(e["location"].split("#")[0], plain(e["title"] + " \n" + e["text"])) for e in entries]
    print(f"{len(entries)} entries of {len({p for p, _ in texts})} pages, "
          f"{sum(len(t.encode()) for _, t in texts)} bytes of text")
    nouns = reference_nouns(texts)
    holding = {n: {p for p, t in texts if n in t} for n in nouns}
    pairs = sum(map(len, holding.values()))
    print(f"broad recall: {len(nouns)} nouns of the pages as queries, {pairs} (noun, page) pairs")
    print(f"{'candidate':40} {'recall':>7} {'broad':>6} {'neg.ok':>7} {'terms':>7} {'bytes':>8} {'gz':>7} "
          f"{'setup':>7} {'make':>8}")
    for label, make in candidates():
        t0 = time.perf_counter()
        maker = make() if make else None
        if maker is not None:
            maker.terms("워밍업 사회적기업 육성법")  # the analyser's first run loads its dictionary
        setup = time.perf_counter() - t0
        t0 = time.perf_counter()
        per_entry = [maker.terms(t) if maker else [] for _, t in texts]
        took = time.perf_counter() - t0
        pages: dict[str, list[str]] = {}
        for (page, text), terms in zip(texts, per_entry):
            pages.setdefault(page, []).extend(words(text) + terms)
        if label.startswith("  "):  # the same candidate: what the site's index carries
            blob = " ".join(" ".join(t) for t in per_entry).encode()
            print(f"{label:40} {'':>7} {'':>6} {'':>7} {sum(map(len, per_entry)):>7} "
                  f"{len(blob):>8} {len(gzip.compress(blob)):>7}")
            continue
        hits = 0
        for q, want in QUERIES.items():
            got = {p[len(P):].strip("/") for p in found(pages, q) if p.startswith(P)}
            hits += want <= got
        neg = sum(not found(pages, q) for q in NEGATIVE)
        bad = [q for q in NEGATIVE if found(pages, q)] + [
            q for q, want in QUERIES.items()
            if not want <= {p[len(P):].strip("/") for p in found(pages, q)}]
        broad = sum(len(holding[n] & found(pages, n)) for n in nouns) / pairs
        blob = " ".join(" ".join(t) for t in per_entry).encode()
        print(f"{label:40} {hits:>3}/{len(QUERIES):<3} {broad:>6.1%} {neg:>3}/{len(NEGATIVE):<3} "
              f"{sum(map(len, per_entry)):>7} {len(blob):>8} {len(gzip.compress(blob)):>7} "
              f"{setup * 1000:>5.0f}ms {took * 1000:>6.0f}ms  {' '.join(bad)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
