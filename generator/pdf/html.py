"""The print HTML of a plan: the plan's view through Jinja2 templates into one HTML string.

Autoescape is on and an undefined name is an error, so plan text can only ever be text: a
``<link …>`` written in a YAML file prints as those characters.  The HTML names no URL except the
fonts in ``print.css``, which resolve against :data:`ASSETS` (the base URL the renderer gives
WeasyPrint).  Every word and figure comes worded and formatted from the view layer
(:mod:`generator.view`) in the locale's language.

In a language other than Korean, the 결재란 keeps the Korean roles with the reader's beside them
(the boxes are signed on the Korean original), so the Korean view of the plan is handed in too.
A plan text without its translation prints in Korean, marked as the site marks it
(:mod:`generator.view.markup`), and page 1 says how many there are (:mod:`.untranslated`).  A
document in a Latin-script language sets its body in the carried Latin serif
(``print-latin.css``), with the Korean fonts for every Hangul passage.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from markupsafe import Markup

from .. import model
from ..locale import Locale
from ..locale import get as get_locale
from ..locale.formats import ROMAN
from .. import templating
from ..charts import PlanCharts, plan_charts
from ..view.budget import budget_view
from ..view.blocks import ColumnView
from ..view import markup
from ..view.plan import Person, PlanView, plan_view
from . import untranslated
from .fetcher import figure_url

ASSETS = Path(__file__).resolve().parent.parent / "assets"
"""The folder the print HTML's relative URLs (the fonts) resolve against."""

TEMPLATES = Path(__file__).resolve().parent.parent / "templates" / "print"
ALIGN = {"number": "num", "money": "num", "date": "center", "time": "center", "text": "text"}
LATIN_SCRIPT = {"en"}
"""Languages written in Latin script: their body text is set in the Latin serif."""


def _column_class(column: ColumnView) -> str:
    classes = [{"left": "text", "right": "num", "center": "center"}[column.align]
               if column.align else ALIGN[column.type]]
    if column.role == "total":
        classes.append("total-col")
    if column.role == "label":
        classes.append("label")
    return " ".join(classes)


def _box(person: Person, korean: Person) -> dict:
    """One box of the 결재란 or the 협조 row: the Korean role and name, and the reader's beside
    them when they differ (a translated role, a romanised name).  An untranslated role or name
    is its Korean, marked."""
    role_shown = str(person.role) != korean.role
    name_shown = str(person.name) != korean.name
    return {"role_ko": korean.role if role_shown else person.role,
            "role": person.role if role_shown else "",
            "name_ko": korean.name if name_shown else person.name,
            "name": person.name if name_shown else "",
            "mark": person.mark,
            "signed_on": person.signed_on}


def approval_boxes(view: PlanView, korean: PlanView | None = None) -> list[dict]:
    """The 결재란's boxes, left to right (``korean``: the plan's Korean view, default ``view``)."""
    korean = korean or view
    return [_box(p, k) for p, k in zip(view.approval, korean.approval)]


def cooperation_rows(view: PlanView, korean: PlanView | None = None) -> list[list[dict | None]]:
    """The 협조 row's cells: the label takes the first 결재란 column (or the 결재 label's
    column, when the plan prints one), cooperators the others (in as many rows as needed); an
    empty row of blank boxes when nobody cooperates."""
    korean = korean or view
    width = len(view.approval) if view.approval_label else max(len(view.approval) - 1, 1)
    people = [_box(p, k) for p, k in zip(view.cooperation, korean.cooperation)]
    if not people:
        return [[None] * width]
    rows = [people[i:i + width] for i in range(0, len(people), width)]
    return [list(r) + [None] * (width - len(r)) for r in rows]


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3c ") + '"'


def page_counter(loc: Locale) -> Markup:
    """The page footer as CSS ``content`` (``counter(page) " / " counter(pages)``), from the
    catalog's ``page {page} of {pages}`` in the locale's language."""
    parts = []
    for piece in re.split(r"(\{page\}|\{pages\})", loc.message("page {page} of {pages}")):
        if piece in ("{page}", "{pages}"):
            parts.append(f"counter({piece[1:-1]})")
        elif piece:
            parts.append(_css_string(piece))
    return Markup(" ".join(parts))


def month_headings(loc: Locale) -> list[str]:
    """The month grid's column headings, from the catalog: ``1`` … ``12`` in Korean, ``Jan``
    … ``Dec`` in English (names short enough for columns of 6 mm)."""
    names = loc.gettext("1 2 3 4 5 6 7 8 9 10 11 12 (month columns)").split()
    if len(names) != 12:
        raise ValueError(f"the {loc.lang} catalog names {len(names)} month columns, not 12")
    return names


CAPTIONED = {"table", "targets"}
"""The block views with a caption."""


def _texts(value) -> list[str]:
    """Every text a view holds (its strings, in the order of its fields)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, (list, tuple)):
        return [t for item in value for t in _texts(item)]
    if dataclasses.is_dataclass(value):
        return [t for f in dataclasses.fields(value) if f.name not in _NOT_TEXT
                for t in _texts(getattr(value, f.name))]
    return []


_NOT_TEXT = {"type", "id", "role", "align", "internal", "marker", "column"}


def restates(caption: str, context: list[str]) -> bool:
    """True when every word of a caption is already printed in the context (spaces aside):
    the heading or line above the table titles it, as the seed's tables are titled."""
    squeezed = "".join("".join(str(t).split()) for t in context)
    words = str(caption).split()
    return bool(words) and all(word in squeezed for word in words)


def printed_captions(view: PlanView, korean: PlanView | None = None) -> set[int]:
    """The tables of the view (by ``id``) whose caption is printed above them.

    A caption is printed unless it only restates what is printed above the table: its
    section's title, its □ heading (title and value) and the block just before it, as in the
    seed, whose tables are titled by their heading or the line that introduces them
    (``□ (예비)사회적기업 재정지원 업무``, ``- 현 황``) and print no caption of their own.  A block
    view that says ``caption_printed`` (True or False) decides for itself.  The rule reads the
    Korean view (``korean``), so every language prints the same captions."""
    korean = korean or view
    printed: set[int] = set()
    for section, section_ko in zip(view.sections, korean.sections):
        for part, part_ko in zip(section.parts, section_ko.parts):
            for k, (block, block_ko) in enumerate(zip(part.blocks, part_ko.blocks)):
                if block.type not in CAPTIONED:
                    continue
                chosen = getattr(block_ko, "caption_printed", None)
                if chosen is None:
                    context = [section_ko.title, part_ko.title, part_ko.value,
                               *(_texts(part_ko.blocks[k - 1]) if k else [])]
                    chosen = not restates(block_ko.caption, context)
                if chosen:
                    printed.add(id(block))
    return printed


def views(plan: model.Plan, loc: Locale) -> tuple[PlanView, PlanView]:
    """The views a plan's print HTML in the locale's language is made from: the plan's view in
    that language and its Korean view (for the 결재란), which is the same view in Korean."""
    korean = plan_view(plan, get_locale("ko"))
    if loc.lang == "ko":
        return korean, korean
    return plan_view(plan, loc), korean


TEXT_WIDTH_MM = 210 - 20 - 18
"""The width of the text on an A4 page (print.css: margins of 20 mm left, 18 mm right)."""
FIGURE_HEIGHT_MM = 200
"""The most a figure's image is printed high (print.css ``max-height``), so that it fits on a
page with its caption."""
CSS_PX_MM = 25.4 / 96
"""A CSS pixel in millimetres: an image is as many CSS pixels wide as it has pixels."""


def figure_width(block, image) -> str:
    """The width a figure's image is printed at, in percent of the text width: as the plan
    asks (``width``, else its own size up to the text width), narrowed so that its height stays
    within :data:`FIGURE_HEIGHT_MM` (its proportions kept).  Empty when its size in pixels is
    not known (an SVG): print.css then bounds it."""
    if image is None or not image.width or not image.height:
        return f"{block.width}%" if block.width else ""
    natural = image.width * CSS_PX_MM
    wanted = TEXT_WIDTH_MM * block.width / 100 if block.width else min(natural, TEXT_WIDTH_MM)
    highest = FIGURE_HEIGHT_MM * image.width / image.height  # the width at the most height
    return f"{min(wanted, highest) / TEXT_WIDTH_MM * 100:.1f}%"


def print_html(view: PlanView | model.Plan, loc: Locale | None = None,
               korean: PlanView | None = None, images: dict | None = None,
               charts: PlanCharts | None = None) -> str:
    """The print HTML of a plan's view, in the locale's language (Korean by default).  Given a
    checked plan instead of a view, makes its views first (:func:`views`) and its charts (the
    reference part after the document, :mod:`generator.charts`; a view comes with its
    ``charts``, or prints none).  A view in another language than Korean comes with
    ``korean``, the plan's Korean view.  ``images``: the figures' files by ``src``
    (:class:`generator.figures.Image`), whose sizes decide how wide each is printed
    (:func:`figure_width`)."""
    loc = loc or get_locale("ko")
    if isinstance(view, model.Plan):
        plan = view
        view, korean = views(plan, loc)
        if charts is None:
            charts = plan_charts(view, budget_view(plan, [], loc), loc, "print")
    if loc.lang == "ko":
        korean = view
    elif korean is None:
        raise ValueError("the print HTML of a plan in another language than Korean needs the "
                         "plan's Korean view (its approval boxes keep the Korean roles)")
    keywords = [view.document_number, *([view.policy_number] if view.policy_number else []),
                view.office[-1], view.disclosure]
    subject = loc._("{vision} ({document_number}, approved {date})", vision=view.vision,
                    document_number=view.document_number, date=view.approved_on)
    with markup.counting() as found:
        html = templating.render(
            environment(), "document.html.j2", loc, plan=view, lang=loc.lang,
            latin=loc.lang in LATIN_SCRIPT, bilingual=loc.lang != "ko",
            organisation=view.organisation, subject=subject, keywords=keywords,
            approval=approval_boxes(view, korean),
            cooperation_rows=cooperation_rows(view, korean),
            cooperation_ko=get_locale("ko").gettext("Cooperation (approval box)"),
            approval_ko=get_locale("ko").gettext("Approval (the approval box's label)"),
            page_counter=page_counter(loc), months=month_headings(loc),
            colon=loc.gettext(" : (between a key and its value)"),
            badge=Markup('<span class="ps-badge">{}</span>').format(
                loc.gettext("KO (badge)")),
            untranslated_count=untranslated.COUNT,
            caption_printed=_member(printed_captions(view, korean)),
            figure_width=lambda block: figure_width(block, (images or {}).get(block.src)),
            charts=charts)
    return untranslated.finish(html, found)


def _member(ids: set[int]):
    """The templates' ``caption_printed(block)``: whether a block view is one of ``ids``."""
    return lambda block: id(block) in ids


def _roman(n: int) -> str:
    return ROMAN[n - 1]


def _plain(value) -> str:
    """A value as plain text, without its Korean passages marked (a title, an attribute)."""
    return str(value)


def environment():
    """The print templates' environment (autoescape on, undefined an error)."""
    return templating.environment(TEMPLATES, notes="print", filters={
        "column_class": _column_class, "roman": _roman, "plain": _plain},
        globals_={"figure_url": figure_url})
