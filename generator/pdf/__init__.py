"""The sign-off PDFs: ``build/pdf/<plan-id>.<lang>.pdf`` in the official document layout, one
for every language of :data:`generator.locale.LANGUAGES` (the Korean original and the English
edition, whose 결재란 keeps the Korean roles with the English beside them).

Three steps, each in its own module: :mod:`.html` turns the plan into print HTML (Jinja2),
:mod:`.render` turns print HTML into PDF bytes (WeasyPrint), and :mod:`.fetcher` is the only
way WeasyPrint may read a file while it does (the project's fonts).  The plan's YAML files are
attached to the PDF as the bytes that were checked (:attr:`CheckedPlan.sources`), not read again.

:func:`plan_files` is the per-plan step of ``plansite build``: one plan's projection in, its
files out (``{"<id>.ko.pdf": bytes, "<id>.en.pdf": bytes}``); it writes nothing.
"""

from __future__ import annotations

import sys
import warnings

with warnings.catch_warnings():
    # WeasyPrint warns on import when fontconfig knows no font. Every glyph here comes from the
    # project's embedded fonts: an empty fontconfig is the intended set-up, not a fault.
    warnings.filterwarnings("ignore", message="No fonts configured in FontConfig")
    import weasyprint  # noqa: F401  (imported here first, under the filter)


from datetime import datetime, time, timezone
from pathlib import Path

from ..loading import PLAN_FILE
from ..model import Plan
from ..pipeline import CheckedPlan
from . import glyphs
from .fetcher import AssetFetcher
from ..fontcache import FontCache, cache_dir
from .html import ASSETS, print_html
from ..locale import LANGUAGES
from ..locale import get as get_locale
from ..projection import Projection, project
from .render import PdfRenderError, SourceFile, render_pdf

__all__ = ["build_pdfs", "plan_files", "plan_pdf", "warm_fonts", "PdfRenderError", "FONTS"]

FONTS = ASSETS / "fonts"
PO_MEDIA_TYPE = "text/x-gettext-translation"
"""The media type a translation catalog is attached with (the freedesktop.org name)."""


def source_files(checked: CheckedPlan, loc=None) -> list[SourceFile]:
    """The plan's input files as they are attached to its PDF: the bytes that were read and
    checked, ``plan.yaml`` first, then the section files in the order they were read, then the
    translation catalogs (``translations/<lang>.po``), each described in the PDF's language."""
    loc = loc or get_locale("ko")
    plan_source, section_source = loc.gettext("plan source (YAML)"), \
        loc.gettext("section source (YAML)")
    files = []
    for name, data in checked.sources.items():
        if name.endswith(".po"):
            files.append(SourceFile(name, data, loc.gettext("translation catalog (gettext PO)"),
                                    PO_MEDIA_TYPE))
        elif name.endswith(".json"):  # the public PDF's only attachment: the public data
            files.append(SourceFile(name, data, loc.gettext("the plan's public data (JSON)"),
                                    "application/json"))
        else:
            files.append(SourceFile(name, data,
                                    plan_source if name == PLAN_FILE else section_source))
    return files


def approval_moment(plan: Plan) -> datetime:
    """The PDF's date when ``SOURCE_DATE_EPOCH`` is not set: the plan's approval date."""
    return datetime.combine(plan.header.approved_on, time(0, 0), tzinfo=timezone.utc)


def warm_fonts(folder: Path | str) -> FontCache:
    """The decoded-font cache in ``folder``, with every carried font decoded (in parallel)."""
    cache = FontCache(folder)
    cache.warm(sorted(FONTS.glob("*.woff2")))
    return cache


def _render(projection: Projection, font_cache: FontCache, lang: str = "ko") -> bytes:
    checked = projection.checked
    fetcher = AssetFetcher([FONTS], font_cache=font_cache,
                           images=list(checked.images.values()))
    loc = get_locale(lang)
    document = print_html(projection.plan, loc, images=checked.images)
    boxes = glyphs.missing(document, glyphs.covered(font_cache, sorted(FONTS.glob("*.woff2"))))
    if boxes:
        print(f"warning: {checked.folder}: no font carries {glyphs.describe(boxes)}; "
              f"the PDF shows an empty box for each (replace them in the plan)", file=sys.stderr)
    return render_pdf(document, base_url=ASSETS, fetcher=fetcher,
                      moment=approval_moment(projection.plan),
                      attachments=source_files(checked, loc))


def plan_files(projection: Projection, font_cache: FontCache) -> dict[str, bytes]:
    """The per-plan step: one plan's PDF files by name, one for every language
    (``{"<id>.ko.pdf": bytes, "<id>.en.pdf": bytes}``).  Names on stderr any character that
    no carried font can draw (it would print as an empty box)."""
    return {f"{projection.id}.{lang}.pdf": _render(projection, font_cache, lang)
            for lang in LANGUAGES}


def plan_pdf(checked: CheckedPlan, font_cache: FontCache, lang: str = "ko") -> bytes:
    """The sign-off PDF of one checked plan (its intranet projection) in one language (Korean
    by default)."""
    if checked.plan is None:
        raise PdfRenderError(f"{checked.folder}: the plan did not load; no PDF")
    return _render(project(checked), font_cache, lang)


def build_pdfs(plans: list[CheckedPlan], out: Path, cache: FontCache | None = None) -> None:
    """Write ``out/<plan-id>.<lang>.pdf`` for every plan and language (decoded fonts in
    ``cache``, by default the font cache of the build folder holding ``out``)."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    cache = cache or warm_fonts(cache_dir(out.resolve().parent))
    for checked in plans:
        for name, data in plan_files(project(checked), cache).items():
            (out / name).write_bytes(data)
