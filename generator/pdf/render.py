"""Print HTML → PDF bytes with WeasyPrint: tagged (PDF/UA-1), reproducible, sources attached.

The HTML is typeset first (:func:`layout`): Korean words are kept whole on a line
(:mod:`.keepall`), and a table too wide for the page with whole words is laid out again with
its longest words free to break.  Everything WeasyPrint reads goes through the given
:class:`~generator.pdf.fetcher.AssetFetcher`; a refused URL stops the render with
:class:`PdfRenderError`, also one that an image asked for (an SVG's own link, which WeasyPrint
would only log, leaving the image out).  The attached source files are bytes already read (the ones that were
checked): nothing is read from disk for them.  The same HTML, attachments and timestamp give
the same bytes: the dates WeasyPrint would take from the clock (document and attachment dates)
come from ``SOURCE_DATE_EPOCH``, the file identifier is a hash of the content, and the embedded
fonts are always subset by the pinned fontTools (:func:`pin_font_subsetting`), never by whatever
HarfBuzz-Subset the machine may have.
"""

from __future__ import annotations

import inspect
import io
import os
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import weasyprint
from weasyprint.logger import LOGGER
from weasyprint.pdf import fonts as weasyprint_fonts
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

from ..errors import OutputError
from .fetcher import AssetFetcher
from .keepall import keep_words, plain

PDF_OPTIONS = {"pdf_variant": "pdf/ua-1", "pdf_identifier": True}
"""PDF/UA-1 (tagged, PDF 1.7, XMP metadata); an identifier derived from the content."""


class PdfRenderError(OutputError, RuntimeError):
    """The PDF could not be rendered as asked (e.g. the HTML wanted a URL that was refused)."""


# One PDF on every machine.  WeasyPrint 70 subsets each embedded font with the system's
# HarfBuzz-Subset library when it can load one (``weasyprint.text.ffi.harfbuzz_subset``; Debian's
# ``libharfbuzz-subset0``, which arrives with Chromium) and with fontTools otherwise
# (``Font.subset`` chooses).  The two give different bytes (the seed's Korean PDF is ~18 KB larger
# with fontTools), HarfBuzz's output also changes with the library's version (Debian 12 has 6.0,
# Debian 13 10.2), and WeasyPrint's fontTools path stamps each subset font with the current time
# (``head.modified``): the PDF would depend on the machine and the clock.  WeasyPrint has no
# option for this, so ``Font.subset`` is replaced by WeasyPrint's own fontTools path (the same
# options) with the font's own timestamp kept: fontTools is pinned in the venv, so the subsets are
# the same everywhere.  It costs about a second per PDF.  A WeasyPrint whose ``Font.subset``
# changes its signature stops the import here, loudly; tests/test_determinism.py renders with and
# without the library and compares the bytes.
_SUBSET_SIGNATURE = ["self", "to_unicode", "hinting"]


def _subset_with_fonttools(font, to_unicode, hinting):
    """``weasyprint.pdf.fonts.Font.subset`` as WeasyPrint 70 does it without HarfBuzz-Subset
    (``Font._fonttools_subset``), reading the font with ``recalcTimestamp=False``."""
    if not to_unicode:
        return
    from fontTools import subset
    from fontTools.ttLib import TTFont, TTLibError
    options = subset.Options(
        retain_gids=True, passthrough_tables=True, ignore_missing_glyphs=True,
        hinting=hinting, desubroutinize=True, notdef_outline=bool(font.missing))
    options.drop_tables += ["GSUB", "GPOS", "SVG"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(gids=to_unicode)
    try:
        ttfont = TTFont(io.BytesIO(font.file_content), fontNumber=font.index,
                        recalcTimestamp=False)
        subsetter.subset(ttfont)
    except TTLibError as exc:  # as WeasyPrint does: the whole font is embedded
        LOGGER.warning('Unable to subset "%s" with fontTools: %s', font.family, exc)
        return
    out = io.BytesIO()
    ttfont.save(out)
    font.file_content = out.getvalue()


def pin_font_subsetting() -> None:
    """Make WeasyPrint subset every font with the pinned fontTools, whatever libraries the
    machine has."""
    font = weasyprint_fonts.Font
    method = getattr(font, "subset", None)
    if method is None or list(inspect.signature(method).parameters) != _SUBSET_SIGNATURE:
        raise RuntimeError(
            f"weasyprint {weasyprint.__version__}: Font.subset(self, to_unicode, hinting) is gone "
            f"or changed; generator/pdf/render.py pins font subsetting to fontTools through it "
            f"(see the comment there) and must be updated")
    font.subset = _subset_with_fonttools


pin_font_subsetting()


@dataclass(frozen=True)
class SourceFile:
    """A file attached to the PDF: the name it gets inside the PDF and its bytes."""

    name: str
    data: bytes
    description: str = ""
    media_type: str = "application/yaml"


class _Held(URLFetcher):
    """Hands WeasyPrint one attachment's bytes, already in memory, with their media type (which
    WeasyPrint writes into the PDF; given bytes as a ``string`` it would guess from the name, and
    the standard library knows no type for ``.yaml``).  Reads nothing and fetches no URL."""

    def __init__(self, file: SourceFile):
        super().__init__(fail_on_errors=True, allowed_protocols=())
        self.file = file

    def fetch(self, url, headers=None):
        return URLFetcherResponse(url, self.file.data, {"Content-Type": self.file.media_type})


def _attachment(file: SourceFile, moment: datetime) -> weasyprint.Attachment:
    return weasyprint.Attachment(url=f"plansite-source:{file.name}", url_fetcher=_Held(file),
                                 name=file.name, description=file.description or None,
                                 created=moment, modified=moment, relationship="Source")


def source_date(default: datetime) -> datetime:
    """The timestamp written into the PDF: ``SOURCE_DATE_EPOCH`` when set, else ``default``."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), tz=timezone.utc)
        except (ValueError, OverflowError, OSError):
            raise PdfRenderError(f"SOURCE_DATE_EPOCH must be whole seconds since 1970, "
                                 f"got {epoch!r}") from None
    return default.astimezone(timezone.utc) if default.tzinfo else \
        default.replace(tzinfo=timezone.utc)


def _w3c(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


FIT = ("ps-fit", "ps-fit-all")
"""The classes a table still too wide for the page gets, in turn, when breaking its longest
words was not enough: its data cells may break inside any word (``ps-fit``), then its heading
cells too (``ps-fit-all``); see ``print.css``."""
_TABLE = re.compile(r"<table\b([^>]*)>", re.I)
_CLASS = re.compile(r"""\bclass\s*=\s*(["'])""", re.I)
_SLACK = 0.5
"""How far (CSS px) a table may pass the edge of the block holding it: rounding, not overflow."""
PADDING_EM = 1.2
"""A table cell's padding on both sides, in em of the table's text (2 mm each side at 10 pt)."""


def _walk(box, parent=None):
    yield box, parent
    for child in getattr(box, "children", ()):
        yield from _walk(child, box)


def too_wide(document: weasyprint.Document, html: weasyprint.HTML) -> dict[int, float]:
    """The tables that pass the right edge of the block holding them, by position among the
    HTML's ``<table>`` elements (document order), each with an equal share of that block's
    width per column, in em of the table's text: a word wider than that must break."""
    from weasyprint.formatting_structure import boxes
    order = {id(e): n for n, e in enumerate(html.etree_element.iter("table"))}
    wide: dict[int, float] = {}
    for page in document.pages:
        for box, parent in _walk(page._page_box):
            if not getattr(box, "is_table_wrapper", False) or parent is None:
                continue
            table = next((c for c in box.children if isinstance(c, boxes.TableBox)), None)
            n = order.get(id(box.element))
            if table is None or n is None:
                continue
            if table.border_box_x() + table.border_width() > \
                    parent.content_box_x() + parent.width + _SLACK:
                columns = max(len(table.column_widths), 1)
                share = parent.width / columns / table.style["font_size"] - PADDING_EM
                wide.setdefault(n, max(share, 1.0))
    return wide


def _with_class(html: str, classes: dict[int, str]) -> str:
    """The HTML with a class added to some ``<table>`` elements (by position)."""
    count = -1

    def mark(match: re.Match) -> str:
        nonlocal count
        count += 1
        name = classes.get(count)
        if name is None:
            return match.group(0)
        attrs = match.group(1)
        quoted = _CLASS.search(attrs)
        if quoted:
            attrs = f"{attrs[:quoted.end()]}{name} {attrs[quoted.end():]}"
        else:
            attrs = f' class="{name}"{attrs}'
        return f"<table{attrs}>"
    return _TABLE.sub(mark, html)


def layout(html: str, *, base_url: Path, fetcher: AssetFetcher,
           **options) -> weasyprint.Document:
    """The print HTML laid out with Korean words kept whole (:func:`.keepall.keep_words`).

    A table that then passes the edge of the page is laid out again: first with its words
    wider than an equal share of the width per column free to break between their letters,
    then as ``ps-fit``, then as ``ps-fit-all`` (:data:`FIT`): at most three more layouts, and
    none for a document whose tables fit."""
    loose: dict[int, float] = {}  # table → the width in em above which its words may break
    fitted: dict[int, int] = {}  # table → how many of FIT it has been given
    while True:
        typeset = _with_class(keep_words(html, loose),
                              {n: FIT[k - 1] for n, k in fitted.items() if k})
        source = weasyprint.HTML(string=typeset, base_url=base_url.as_uri() + "/",
                                 url_fetcher=fetcher)
        document = source.render(**options)
        wide = {n: share for n, share in too_wide(document, source).items()
                if fitted.get(n, -1) < len(FIT)}
        if not wide:
            for page in document.pages:  # outline entries read the headings' text: joined
                page.bookmarks = [(level, plain(label), target, state)
                                  for level, label, target, state in page.bookmarks]
            return document
        for n, share in sorted(wide.items()):
            if n in loose:
                fitted[n] = fitted.get(n, 0) + 1
            else:
                loose[n], fitted[n] = share, 0


def render_pdf(html: str, *, base_url: Path, fetcher: AssetFetcher, moment: datetime,
               attachments: list[SourceFile] = ()) -> bytes:
    """Render print HTML to PDF bytes; ``moment`` is the creation date written into it."""
    moment = source_date(moment)
    naive = moment.astimezone(timezone.utc).replace(tzinfo=None)
    try:
        document = layout(html, base_url=base_url, fetcher=fetcher, **PDF_OPTIONS)
        document.metadata.created = document.metadata.modified = _w3c(moment)
        files = [_attachment(f, naive) for f in attachments]
        pdf = document.write_pdf(attachments=files, **PDF_OPTIONS)
    except FatalURLFetchingError as exc:
        refused = ", ".join(fetcher.refused) or str(exc)
        raise PdfRenderError(f"the print HTML asked for a URL the renderer may not read: "
                             f"{refused}") from exc
    if fetcher.refused:  # asked by an image (an SVG's own link): WeasyPrint only logs it
        raise PdfRenderError("an image in the print HTML asked for a URL the renderer may not "
                             f"read: {', '.join(fetcher.refused)}")
    return pdf
