"""Print HTML → PDF bytes with WeasyPrint: tagged (PDF/UA-1), reproducible, sources attached.

Everything WeasyPrint reads goes through the given :class:`~generator.pdf.fetcher.AssetFetcher`;
a refused URL stops the render with :class:`PdfRenderError`.  The attached source files are bytes
already read (the ones that were checked): nothing is read from disk for them.  The same HTML, attachments and
timestamp give the same bytes: the dates WeasyPrint would take from the clock (document and
attachment dates) come from ``SOURCE_DATE_EPOCH``, and the file identifier is a hash of the
content.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import weasyprint
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

from ..errors import OutputError
from .fetcher import AssetFetcher

PDF_OPTIONS = {"pdf_variant": "pdf/ua-1", "pdf_identifier": True}
"""PDF/UA-1 (tagged, PDF 1.7, XMP metadata); an identifier derived from the content."""


class PdfRenderError(OutputError, RuntimeError):
    """The PDF could not be rendered as asked (e.g. the HTML wanted a URL that was refused)."""


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


def render_pdf(html: str, *, base_url: Path, fetcher: AssetFetcher, moment: datetime,
               attachments: list[SourceFile] = ()) -> bytes:
    """Render print HTML to PDF bytes; ``moment`` is the creation date written into it."""
    moment = source_date(moment)
    naive = moment.astimezone(timezone.utc).replace(tzinfo=None)
    try:
        document = weasyprint.HTML(string=html, base_url=base_url.as_uri() + "/",
                                   url_fetcher=fetcher).render(**PDF_OPTIONS)
        document.metadata.created = document.metadata.modified = _w3c(moment)
        files = [_attachment(f, naive) for f in attachments]
        return document.write_pdf(attachments=files, **PDF_OPTIONS)
    except FatalURLFetchingError as exc:
        refused = ", ".join(fetcher.refused) or str(exc)
        raise PdfRenderError(f"the print HTML asked for a URL the renderer may not read: "
                             f"{refused}") from exc
