"""A plan's translations: one gettext catalog per plan and language, beside its YAML.

``plan/<id>/translations/en.po`` holds the English of the plan's texts.  Each entry's msgid is
a Korean text exactly as the plan holds it, its msgstr the English, and its ``#:`` lines every
place the text occurs (``sections/01-x.yaml:12``).  A translator works in it with any PO editor
(Poedit, Weblate, a text editor); the officer's YAML stays Korean.

Why gettext: the catalog knows when a translation is stale.  When the Korean of a text
changes, its old entry no longer matches; merging the catalog with the plan's texts (Babel's
``Catalog.update``, as ``msgmerge`` does) carries the old English over to the new Korean
marked *fuzzy* and keeps the Korean it was made from (``#| msgid``), so the translator sees
what changed.  A fuzzy entry is **stale**: it is not shown as the English until a translator
has checked it and removed the flag.  A text with no entry, or an empty one, is **missing**.

The status is computed from the catalog merged in memory, so ``plansite validate`` reports a
stale text as soon as the Korean changes; ``plansite translate`` writes the merged catalog.
Only texts with Hangul need translating: a figure or a Latin name reads the same in English.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from .model import Text
from .model.tree import index

LANGUAGES = ("en",)
"""The languages a plan is translated into (it is written in Korean)."""

FOLDER = "translations"
"""The folder of a plan's catalogs, beside its plan.yaml."""

HANGUL = re.compile("[\uac00-\ud7a3]")

WIDTH = 76
"""Line width of the catalogs as written (the width PO editors write)."""

HEADER_COMMENT = """\
# {plan}: the plan's texts in {language}.
# msgid: a Korean text exactly as the plan holds it; msgstr: its {language}.
# #: every place the text occurs (file:line).  `plansite translate` adds new texts and marks
# a translation fuzzy when its Korean changed; check it and remove the flag."""

LANGUAGE_NAMES = {"en": "English"}


def catalog_path(folder: Path | str, lang: str) -> Path:
    return Path(folder) / FOLDER / f"{lang}.po"


def needs_translation(text: str) -> bool:
    """True for a text a reader of another language cannot read as it is (it has Hangul)."""
    return bool(HANGUL.search(text))


@dataclass
class PlanText:
    """One translatable text of a plan: the node, its data path and where it is written."""

    text: Text
    path: tuple
    file: str | None
    """Its file relative to the plan folder, None for a text the model supplies (a default)."""
    line: int | None
    english: str = ""
    """The catalog's English for it (for a stale text: the English of its earlier Korean)."""
    previous: str | None = None
    """For a stale text: the Korean its English was made from, when the catalog knows it."""
    flags: frozenset = frozenset()
    """The catalog entry's flags (``figures-differ`` silences the figures check)."""


def plan_texts(plan, source, folder: Path | str, indexed=None) -> list[PlanText]:
    """Every text of the plan that needs translating, in document order (``indexed``: the
    plan's nodes and paths, when the loader has them)."""
    nodes, paths = indexed or index(plan)
    by_path = {paths[id(n)]: n for n in nodes}
    root = Path(folder).resolve()
    names: dict[str, str] = {}
    out = []
    for node in nodes:
        if not isinstance(node, Text) or not needs_translation(node.ko):
            continue
        path = paths[id(node)]
        file = line = None
        if source is not None and _written(by_path, path):
            name, pos, _ = source.locate(path)
            if name not in names:
                try:
                    names[name] = Path(name).resolve().relative_to(root).as_posix()
                except ValueError:
                    names[name] = Path(name).name
            file, line = names[name], pos.line
        out.append(PlanText(node, path, file, line))
    return out


def _written(by_path: dict, path: tuple) -> bool:
    """True when the text at path is written in the plan's files (not a model default)."""
    k = len(path) - 1
    while k >= 0 and not hasattr(by_path.get(path[:k]), "model_fields_set"):
        k -= 1
    parent = by_path.get(path[:k])
    return parent is None or path[k] in parent.model_fields_set


def _catalog(plan_id: str, lang: str):
    from babel.messages.catalog import Catalog
    cat = Catalog(locale=lang, project=plan_id, version="", fuzzy=False, charset="UTF-8",
                  header_comment=HEADER_COMMENT.format(
                      plan=plan_id, language=LANGUAGE_NAMES.get(lang, lang)))
    return cat


def template(plan_id: str, texts: list[PlanText], lang: str):
    """The catalog of the plan's texts with no translations (what a POT file holds)."""
    cat = _catalog(plan_id, lang)
    for t in texts:
        where = [(t.file, t.line)] if t.file else []
        if t.text.ko in cat:
            cat[t.text.ko].locations += [w for w in where if w not in cat[t.text.ko].locations]
        else:
            cat.add(t.text.ko, "", locations=where)
    return cat


def read(folder: Path | str, lang: str):
    """The plan's catalog for ``lang`` as written, or None when it has none."""
    path = catalog_path(folder, lang)
    return _parse(path.read_bytes(), lang) if path.is_file() else None


def _parse(data: bytes, lang: str):
    """A catalog's bytes as a Babel catalog, the Korean each fuzzy entry was made from kept."""
    from babel.messages.pofile import read_po
    catalog = read_po(io.BytesIO(data), locale=lang)
    for msgid, previous in _previous_ids(data.decode("utf-8")).items():
        if msgid in catalog:  # Babel writes ``#| msgid`` but does not read it back
            catalog[msgid].previous_id = [previous]
    return catalog


def _previous_ids(text: str) -> dict[str, str]:
    """``msgid → the #| msgid before it`` of a .po file's entries."""
    from babel.messages.pofile import denormalize
    out: dict[str, str] = {}
    previous: list[str] = []
    current: list[str] | None = None
    for line in text.splitlines() + [""]:
        if line.startswith("#| msgid ") or (line.startswith('#| "') and previous):
            previous.append(line[len("#| msgid "):] if line.startswith("#| msgid ")
                            else line[3:])
        elif line.startswith("msgid "):
            current = [line[len("msgid "):]]
        elif line.startswith('"') and current is not None:
            current.append(line)
        else:
            if current is not None and previous:
                out[denormalize("\n".join(current))] = denormalize("\n".join(previous))
            if current is not None or not line.startswith("#"):
                previous = [] if current is not None else previous
            current = None
    return out


def merged(existing, plan_id: str, texts: list[PlanText], lang: str):
    """The existing catalog updated with the plan's texts (new ones added empty; a changed
    Korean text gets its old translation marked fuzzy; unused entries kept as obsolete)."""
    new = template(plan_id, texts, lang)
    if existing is None:
        return new
    previous = {m.id: m.previous_id for m in existing if m.id and m.fuzzy and m.previous_id}
    existing.update(new, update_creation_date=False)
    for m in existing:  # a fuzzy entry keeps the Korean it was made from until it is checked
        if m.fuzzy and not m.previous_id and m.id in previous:
            m.previous_id = previous[m.id]
    # keep our header (plan id, no dates) whatever the file had
    existing.project, existing.version = plan_id, ""
    existing.header_comment = new.header_comment
    return existing


def dump(catalog) -> bytes:
    """The catalog as a .po file: deterministic (no dates), Korean previous ids kept."""
    from babel.messages.pofile import write_po
    buf = io.BytesIO()
    write_po(buf, catalog, width=WIDTH, sort_output=False, omit_header=True,
             include_previous=True)
    plan_id = catalog.project
    header = (catalog.header_comment + "\n"
              'msgid ""\nmsgstr ""\n'
              f'"Project-Id-Version: {plan_id}\\n"\n'
              f'"Language: {catalog.locale_identifier}\\n"\n'
              '"MIME-Version: 1.0\\n"\n'
              '"Content-Type: text/plain; charset=UTF-8\\n"\n'
              '"Content-Transfer-Encoding: 8bit\\n"\n\n')
    return header.encode("utf-8") + buf.getvalue()


@dataclass
class Status:
    """How far a plan is translated into one language."""

    lang: str
    catalog: bytes | None
    """The catalog's bytes as read (None: the plan has none): an input of the plan."""
    translated: list[PlanText] = field(default_factory=list)
    stale: list[PlanText] = field(default_factory=list)
    missing: list[PlanText] = field(default_factory=list)

    @property
    def has_catalog(self) -> bool:
        return self.catalog is not None

    @property
    def total(self) -> int:
        return len(self.translated) + len(self.stale) + len(self.missing)

    @property
    def percent(self) -> float:
        """Share of the translatable texts that are translated (100 when there are none)."""
        return 100.0 if not self.total else 100.0 * len(self.translated) / self.total

    def as_data(self) -> dict:
        return {"lang": self.lang, "catalog": self.has_catalog, "texts": self.total,
                "translated": len(self.translated), "stale": len(self.stale),
                "missing": len(self.missing), "percent": round(self.percent, 1)}


@dataclass(frozen=True)
class Entry:
    """What the status needs of a catalog entry."""

    string: str
    flags: frozenset
    previous: str | None

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags


def _entries(catalog) -> dict[str, Entry]:
    return {m.id: Entry(m.string or "", frozenset(m.flags),
                        m.previous_id[0] if m.previous_id else None)
            for m in catalog if m.id and isinstance(m.id, str)}


def _cached_entries(data: bytes, lang: str) -> dict[str, Entry]:
    """A plan's catalog as entries, parsed once per catalog's bytes (cached like the
    interface catalogs)."""
    from .locale import parsed

    def parse(data: bytes) -> dict:
        return {k: [e.string, sorted(e.flags), e.previous]
                for k, e in _entries(_parse(data, lang)).items()}
    table = parsed(data, f"plan-catalog-{lang}", parse)
    return {k: Entry(s, frozenset(f), p) for k, (s, f, p) in table.items()}


def translate(plan, source, folder: Path | str, lang: str = "en",
              indexed=None) -> tuple[Status, object]:
    """Give the plan's texts their translations from the plan's catalog (``Text.en`` is set
    exactly for the translated ones; a stale or missing text keeps it empty) and say how far
    the plan is translated.  Returns the status and the merged catalog (None when it was not
    needed: every text already has its entry, and nothing is written)."""
    texts = plan_texts(plan, source, folder, indexed)
    path = catalog_path(folder, lang)
    data = path.read_bytes() if path.is_file() else None
    entries = _cached_entries(data, lang) if data is not None else None
    status = Status(lang, data)
    catalog = None
    if entries is None or any(t.text.ko not in entries for t in texts):
        # a text without an entry: merge, so that a changed Korean finds its old translation
        catalog = merged(read(folder, lang), plan.id, texts, lang)
        entries = _entries(catalog)
    for t in texts:
        entry = entries.get(t.text.ko)
        if entry is not None and entry.string:
            t.english, t.previous, t.flags = entry.string, entry.previous, entry.flags
        if entry is not None and entry.string and not entry.fuzzy:
            setattr(t.text, lang, entry.string)
            status.translated.append(t)
        else:
            setattr(t.text, lang, "")
            (status.stale if entry is not None and entry.string else status.missing).append(t)
    return status, catalog


def merged_catalog(plan, source, folder: Path | str, lang: str = "en"):
    """The plan's catalog merged with its texts, as ``plansite translate`` writes it."""
    return merged(read(folder, lang), plan.id, plan_texts(plan, source, folder), lang)


FIGURES_DIFFER = "figures-differ"
"""The flag a translator gives an entry whose English rightly writes other figures (e.g.
``1인당`` → "per person"), after checking it."""

_NUMBER = r"\d+(?:,\d{3})*(?:\.\d+)?"
_KO_FIGURE = re.compile(rf"[\'’‘](\d{{2}})(?!\d)|({_NUMBER})\s*(천만|백만|억|천|만)?\s*(?:원)?")
_EN_MONEY = re.compile(rf"({_NUMBER})\s*(hundred million|thousand|million|billion)?")
_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december"]
_EN_MONTH = re.compile(r"\b(" + "|".join(m[:3].title() + f"(?:{m[3:]})?" for m in _MONTHS)
                       + r")\b\.?")  # capitalised, as month names are ("may" is a verb)
_KO_UNITS = {"천": 10**3, "만": 10**4, "백만": 10**6, "천만": 10**7, "억": 10**8}
_EN_UNITS = {"thousand": 10**3, "million": 10**6, "hundred million": 10**8, "billion": 10**9}


def _decimal(text: str):
    from decimal import Decimal
    return Decimal(text.replace(",", ""))


def korean_figures(text: str) -> set:
    """The figures a Korean text writes: amounts of money in won, other numbers as they are,
    a year written '16 as 2016."""
    out = set()
    for m in _KO_FIGURE.finditer(text):
        if m.group(1):
            out.add(_decimal("20" + m.group(1)))
        else:
            out.add(_decimal(m.group(2)) * _KO_UNITS.get(m.group(3) or "", 1))
    return out


def english_figures(text: str) -> set:
    """The figures an English text writes: amounts in won (KRW 13.42 million), month names as
    their numbers, a year written '16 as 2016, other numbers as they are."""
    abbreviations = [m[:3] for m in _MONTHS]
    text = _EN_MONTH.sub(lambda m: f" {abbreviations.index(m.group(1)[:3].lower()) + 1} ", text)
    text = re.sub(r"[\'’‘](\d{2})(?!\d)", r"20\1", text)
    return {_decimal(m.group(1)) * _EN_UNITS.get((m.group(2) or "").lower(), 1)
            for m in _EN_MONEY.finditer(text)}


def update(checked, lang: str = "en") -> tuple[Status, bool]:
    """Write the plan's catalog for ``lang`` merged with its texts (new texts added empty, a
    changed Korean text's translation marked fuzzy with its earlier Korean kept, unused
    entries kept as obsolete ``#~`` lines).  Returns the status and whether the file
    changed."""
    status, catalog = translate(checked.plan, checked.source, checked.folder, lang)
    catalog = catalog or merged_catalog(checked.plan, checked.source, checked.folder, lang)
    path = catalog_path(checked.folder, lang)
    data = dump(catalog)
    if path.is_file() and path.read_bytes() == data:
        return status, False
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".po.tmp")
    tmp.write_bytes(data)
    tmp.replace(path)
    return status, True
