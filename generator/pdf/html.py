"""The print HTML of a plan: the model through Jinja2 templates into one HTML string.

Autoescape is on and an undefined name is an error, so plan text can only ever be text: a
``<link …>`` written in a YAML file prints as those characters.  The HTML names no URL except the
fonts in ``print.css``, which resolve against :data:`ASSETS` (the base URL the renderer gives
WeasyPrint).  Korean values are formatted by :mod:`generator.formatting`, shared with the site.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from pathlib import Path

import jinja2

from .. import derive, formatting, model
from ..parsing import parse_money

ASSETS = Path(__file__).resolve().parent.parent / "assets"
"""The folder the print HTML's relative URLs (the fonts) resolve against."""

ALIGN = {"number": "num", "money": "num", "date": "center", "text": "text"}


def _column_class(column: model.Column) -> str:
    classes = [{"left": "text", "right": "num", "center": "center"}[column.align]
               if column.align else ALIGN[column.type]]
    if column.role == "total":
        classes.append("total-col")
    if column.role == "label":
        classes.append("label")
    return " ".join(classes)


def _cell_text(text: str, column_type: str) -> str:
    """A cell's text as printed: dates as ``2013. 11. 1.``, figures with thousands commas."""
    if column_type == "date":
        try:
            return formatting.day(date.fromisoformat(text.strip()))
        except ValueError:
            return text
    if column_type == "money":
        try:
            return formatting.money(model.Money(**parse_money(text)))
        except ValueError:
            return text
    if column_type == "number":
        return formatting.figure(text)
    return text


def _fail(message: str):
    raise ValueError(message)


def cooperation_rows(plan: model.Plan) -> list[list[model.Approver | None]]:
    """The 협조 row's cells: the label takes the first 결재란 column, cooperators the others
    (in as many rows as needed); an empty row of blank boxes when nobody cooperates."""
    width = max(len(plan.approval) - 1, 1)
    people = list(plan.cooperation)
    if not people:
        return [[None] * width]
    rows = [people[i:i + width] for i in range(0, len(people), width)]
    return [list(r) + [None] * (width - len(r)) for r in rows]


@lru_cache(maxsize=None)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("generator", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        day=formatting.day,
        sign_date=formatting.sign_date,
        budget=formatting.budget,
        schedule_when=formatting.schedule_when,
        split=formatting.split,
        number=formatting.number,
        circled=formatting.circled,
        month_set=formatting.month_set,
        roman=lambda n: formatting.ROMAN[n - 1],
        child_marker=formatting.child_marker,
        overview_value=formatting.overview_value,
        cell_text=_cell_text,
        column_class=_column_class,
        header_rows=derive.header_rows,
    )
    env.globals["fail"] = _fail
    return env


def organisation(plan: model.Plan) -> str:
    """The owning office in one line: ``서울특별시 광진구 기획경제국 일자리경제과 일자리운영팀``."""
    o = plan.office
    return " ".join(t.ko for t in (o.authority, o.bureau, o.division, o.team))


def print_html(plan: model.Plan) -> str:
    """The print HTML of a plan, in Korean (the language plans are written in)."""
    h = plan.header
    keywords = [h.document_number, *( [h.policy_number] if h.policy_number else []),
                plan.office.team.ko, h.disclosure]
    subject = f"{plan.vision.ko} ({h.document_number}, {formatting.day(h.approved_on)} 결재)"
    return environment().get_template("print/document.html.j2").render(
        plan=plan, lang="ko", organisation=organisation(plan), subject=subject,
        keywords=keywords, cooperation_rows=cooperation_rows(plan))
