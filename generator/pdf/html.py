"""The print HTML of a plan: the plan's view through Jinja2 templates into one HTML string.

Autoescape is on and an undefined name is an error, so plan text can only ever be text: a
``<link …>`` written in a YAML file prints as those characters.  The HTML names no URL except the
fonts in ``print.css``, which resolve against :data:`ASSETS` (the base URL the renderer gives
WeasyPrint).  Every word and figure comes worded and formatted from the view layer
(:mod:`generator.view`) in the locale's language.
"""

from __future__ import annotations

from pathlib import Path

from .. import model
from ..locale import Locale
from ..locale import get as get_locale
from ..locale.formats import ROMAN
from .. import templating
from ..view.blocks import ColumnView
from ..view.plan import Person, PlanView, plan_view

ASSETS = Path(__file__).resolve().parent.parent / "assets"
"""The folder the print HTML's relative URLs (the fonts) resolve against."""

TEMPLATES = Path(__file__).resolve().parent.parent / "templates" / "print"
ALIGN = {"number": "num", "money": "num", "date": "center", "text": "text"}


def _column_class(column: ColumnView) -> str:
    classes = [{"left": "text", "right": "num", "center": "center"}[column.align]
               if column.align else ALIGN[column.type]]
    if column.role == "total":
        classes.append("total-col")
    if column.role == "label":
        classes.append("label")
    return " ".join(classes)


def cooperation_rows(view: PlanView) -> list[list[Person | None]]:
    """The 협조 row's cells: the label takes the first 결재란 column, cooperators the others
    (in as many rows as needed); an empty row of blank boxes when nobody cooperates."""
    width = max(len(view.approval) - 1, 1)
    people = list(view.cooperation)
    if not people:
        return [[None] * width]
    rows = [people[i:i + width] for i in range(0, len(people), width)]
    return [list(r) + [None] * (width - len(r)) for r in rows]


def print_html(view: PlanView | model.Plan, loc: Locale | None = None) -> str:
    """The print HTML of a plan's view, in the locale's language (Korean by default).  Given a
    checked plan instead of a view, makes its view first."""
    loc = loc or get_locale("ko")
    if isinstance(view, model.Plan):
        view = plan_view(view, loc)
    keywords = [view.document_number, *([view.policy_number] if view.policy_number else []),
                view.office[-1], view.disclosure]
    subject = loc._("{vision} ({document_number}, approved {date})", vision=view.vision,
                    document_number=view.document_number, date=view.approved_on)
    return templating.render(environment(), "document.html.j2", loc, plan=view,
                             lang=loc.lang, organisation=view.organisation, subject=subject,
                             keywords=keywords, cooperation_rows=cooperation_rows(view))


def _roman(n: int) -> str:
    return ROMAN[n - 1]


def environment():
    """The print templates' environment (autoescape on, undefined an error)."""
    return templating.environment(TEMPLATES, filters={"column_class": _column_class,
                                                      "roman": _roman})
