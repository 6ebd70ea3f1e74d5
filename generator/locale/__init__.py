"""The locale seam: every word and figure a reader sees goes through a :class:`Locale`.

A locale knows its language (``ko``, ``en``), its message catalogs (gettext ``.po`` files under
``generator/locale/<lang>/LC_MESSAGES/``, read with Babel) and how it formats typed values
(:class:`generator.locale.formats.Formats`: numbers and dates as Babel writes them for the language,
money with its unit, periods, timings, funding splits).  Renderers and templates never read a
plan text's ``.ko`` or ``.en``: they call :meth:`Locale.text`, so one template serves every
language.

Two catalogs (gettext *domains*):

- ``interface``: labels, captions, nav titles, unit and funding-source names; complete in every
  language (a test fails on a missing or stale entry).
- ``checks``: what a check compared and why it failed, worded when a report is written (check
  results keep typed values, see :mod:`generator.checks.base`).

Why gettext through Babel: it is the ecosystem's convention (Poedit, Weblate and Babel read and
merge ``.po`` files, and ``pybabel extract`` finds the messages in the code and the Jinja2
templates), and Babel already formats the numbers and dates.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path

from . import particles
from .formats import Formats
from .withheld import WithheldWords
from .shown import Shown, fmt, has_hangul

LANGUAGES = ("ko", "en")
"""The languages the outputs can be written in; Korean first."""
SOURCE = "ko"
"""The language the plans are written in; every other language shows their translations."""
DOMAINS = ("interface", "checks")
CATALOGS = Path(__file__).resolve().parent
"""The folder holding ``<lang>/LC_MESSAGES/<domain>.po``."""


def catalog_path(lang: str, domain: str) -> Path:
    return CATALOGS / lang / "LC_MESSAGES" / f"{domain}.po"


@lru_cache(maxsize=None)
def messages(lang: str, domain: str) -> dict[str, str]:
    """msgid → msgstr of one catalog; untranslated and fuzzy entries are left out (parsed
    once per catalog's bytes: :func:`parsed`)."""
    def table(data: bytes) -> dict:
        import io

        from babel.messages.pofile import read_po
        catalog = read_po(io.BytesIO(data), locale=lang, domain=domain)
        return {m.id: m.string for m in catalog
                if m.id and isinstance(m.id, str) and m.string and not m.fuzzy}
    return parsed(catalog_path(lang, domain).read_bytes(), "messages", table)


def parsed(data: bytes, kind: str, parse) -> dict:
    """``parse(data)`` (a JSON-able dict), kept in the cache folder when there is one.

    Parsing a ``.po`` file with Babel costs more than checking a plan, so the parsed table is
    kept as JSON in the cache folder when there is one (``$PLANSITE_CACHE/locale``, else
    ``build/.cache/locale``), named by a hash of ``kind`` and the bytes: a changed file is
    parsed anew, and the cache is safe to delete.  A process that parses the same bytes again
    (``plansite serve`` re-checking after a save) keeps the table in memory too."""
    token = kind.encode() + b"\0" + data
    digest = hashlib.sha256(token).digest()
    memo = _PARSED.get(digest)
    if memo is not None:
        return json.loads(memo)
    table = _parsed(token, data, parse)
    if len(_PARSED) >= 64:
        _PARSED.clear()
    _PARSED[digest] = json.dumps(table, ensure_ascii=False)
    return table


_PARSED: dict[bytes, str] = {}
"""The tables parsed in this process, as JSON (a caller gets its own copy), by their bytes'
sha256."""


def _parsed(token: bytes, data: bytes, parse) -> dict:
    cached = _cache_file(token)
    if cached is not None:
        try:
            return json.loads(cached.read_bytes())
        except (OSError, ValueError):
            pass
    table = parse(data)
    if cached is not None:
        from ..fontcache import write_atomic
        try:
            write_atomic(cached, json.dumps(table, ensure_ascii=False, sort_keys=True).encode())
        except OSError:
            pass  # a read-only cache folder only costs the parse
    return table


def _cache_file(data: bytes) -> Path | None:
    """Where a parsed catalog is kept, or None: only an existing cache folder is used (a
    command run elsewhere writes nothing where it stands)."""
    from ..paths import command_cache
    base = command_cache()
    if base is None:
        return None
    key = hashlib.sha256(b"1\0" + data).hexdigest()[:24]
    return base / "locale" / f"{key}.json"


class UnknownMessage(KeyError):
    """A message id that the catalog does not hold (a test keeps code and catalogs in step)."""


class Locale(Formats, WithheldWords):
    """Words and formats for one language."""

    def __init__(self, lang: str):
        if lang not in LANGUAGES:
            raise ValueError(f"unknown language {lang!r}; plansite writes {', '.join(LANGUAGES)}")
        self.lang = lang

    def __repr__(self) -> str:
        return f"Locale({self.lang!r})"

    def message(self, msgid: str) -> str:
        """The interface message in this language, placeholders unfilled."""
        try:
            return messages(self.lang, "interface")[msgid]
        except KeyError:
            raise UnknownMessage(f"{msgid!r} is not in the {self.lang} interface catalog "
                                 f"({catalog_path(self.lang, 'interface')})") from None

    def gettext(self, msgid: str, **params) -> str:
        """The interface message in this language, with ``{name}`` placeholders filled in."""
        text = self.message(msgid)
        return fmt(text, **params) if params else text

    _ = gettext

    def check_text(self, msgid: str, **params) -> str:
        """A check's wording in this language; an entry not translated yet reads as its id.

        In Korean, a particle written in both forms after a placeholder (``{found}이(가)``) takes
        the form that fits the value filled in (:mod:`.particles`)."""
        text = messages(self.lang, "checks").get(msgid, msgid)
        if not params:
            return text
        text = fmt(text, **params)
        return particles.resolve(text) if self.lang == "ko" else text

    @property
    def translates(self) -> bool:
        """True for a language that shows the plans' texts in translation (not Korean)."""
        return self.lang != SOURCE

    def text(self, t) -> str:
        """A plan text (:class:`generator.model.Text`) in this language.

        Korean: the text as written, a plain ``str``.  Any other language: a
        :class:`~generator.locale.shown.Shown` (still a ``str``, the plain text for data
        outputs) that knows what it shows: the translation (``Text.en``, set when the text is
        translated and not stale), else the Korean marked as a fallback, never passed off as
        the translation.  A text with no Hangul (a figure, an id) needs no translation and
        counts as translated."""
        if t is None:
            return ""
        if isinstance(t, str):
            return t
        if getattr(t, "type", None) == "withheld":  # the public model's notice
            return self.withheld_label(t)
        if not self.translates:
            return t.ko
        translation = getattr(t, self.lang, "")
        if translation:
            return Shown.translated(translation, t.ko)
        if not has_hangul(t.ko):
            return Shown.translated(t.ko, t.ko)
        return Shown.fallback(t.ko)

    def korean(self, value: str) -> str:
        """A string the model keeps in Korean only (a document number): as it is in Korean,
        marked as Korean on purpose elsewhere."""
        if not self.translates or not value or not has_hangul(value):
            return value
        return Shown.korean(value)


@lru_cache(maxsize=None)
def get(lang: str) -> Locale:
    """The locale of a language (one per language and process)."""
    return Locale(lang)


def resolve(loc: Locale | None) -> Locale:
    """The locale given, else Korean (the language plans are written in)."""
    return get("ko") if loc is None else loc
