"""The sign-off PDF: ``build/pdf/<plan-id>.ko.pdf`` in the official document layout.

Three steps, each in its own module: :mod:`.html` turns the plan into print HTML (Jinja2),
:mod:`.render` turns print HTML into PDF bytes (WeasyPrint), and :mod:`.fetcher` is the only
way WeasyPrint may read a file while it does (the project's fonts and the plan's YAML files,
which are attached to the PDF).
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

from ..loading import PLAN_FILE, SECTIONS_DIR
from ..model import Plan
from ..pipeline import CheckedPlan
from . import glyphs
from .fetcher import AssetFetcher
from ..fontcache import FontCache, cache_dir
from .html import ASSETS, print_html
from ..locale import get as get_locale
from ..projection import project
from ..view.plan import plan_view
from .render import PdfRenderError, SourceFile, render_pdf

__all__ = ["build_pdfs", "plan_pdf", "PdfRenderError", "FONTS"]

FONTS = ASSETS / "fonts"


def source_files(folder: Path) -> list[SourceFile]:
    """The plan's YAML files, as they are attached to its PDF."""
    folder = Path(folder)
    files = [SourceFile(folder / PLAN_FILE, PLAN_FILE, "계획 원본 (YAML) / plan source")]
    for path in sorted((folder / SECTIONS_DIR).glob("*.yaml")):
        files.append(SourceFile(path, f"{SECTIONS_DIR}/{path.name}",
                                "세부추진계획 원본 (YAML) / section source"))
    return files


def approval_moment(plan: Plan) -> datetime:
    """The PDF's date when ``SOURCE_DATE_EPOCH`` is not set: the plan's approval date."""
    return datetime.combine(plan.header.approved_on, time(0, 0), tzinfo=timezone.utc)


def plan_pdf(checked: CheckedPlan, font_cache: FontCache) -> bytes:
    """The Korean sign-off PDF of one checked plan; names on stderr any character that no
    carried font can draw (it would print as an empty box)."""
    if checked.plan is None:
        raise PdfRenderError(f"{checked.folder}: the plan did not load; no PDF")
    files = source_files(checked.folder)
    fetcher = AssetFetcher([FONTS], [f.path for f in files], font_cache)
    loc = get_locale("ko")
    document = print_html(plan_view(project(checked).plan, loc), loc)
    boxes = glyphs.missing(document, glyphs.covered(font_cache, sorted(FONTS.glob("*.woff2"))))
    if boxes:
        print(f"warning: {checked.folder}: no font carries {glyphs.describe(boxes)}; "
              f"the PDF shows an empty box for each (replace them in the plan)", file=sys.stderr)
    return render_pdf(document, base_url=ASSETS, fetcher=fetcher,
                      moment=approval_moment(checked.plan), attachments=files)


def build_pdfs(plans: list[CheckedPlan], out: Path) -> None:
    """Write ``out/<plan-id>.ko.pdf`` for every plan."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    cache = FontCache(cache_dir(out))
    cache.warm(sorted(FONTS.glob("*.woff2")))
    for checked in plans:
        (out / f"{checked.plan.id}.ko.pdf").write_bytes(plan_pdf(checked, cache))
