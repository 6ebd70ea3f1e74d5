"""What a table cell holds, typed once for the checks and every renderer.

A cell of a ``number`` or ``money`` column is a figure: the checks add it up (money in won), the
site and the PDF print it with digit grouping.  A ``date`` cell is a date when it reads as one.
:func:`figure` is the one place that reads a cell's text as a figure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from . import model, parsing

_LEADING_NUMBER = re.compile(r"^\s*([\d,]+(?:\.\d+)?)\s*(\D*)$")


@dataclass(frozen=True)
class Figure:
    """A figure read from a cell."""

    value: Decimal | int
    """What the checks compare: the number, or for money the exact amount in won."""
    amount: Decimal
    """The figure as written."""
    unit: str
    """For money, the unit the figure is in; for numbers, the text written after it (e.g. 개)."""
    written_unit: bool
    """True when the cell wrote its unit itself (else it is the column's or the table's)."""


def column_unit(table: model.TableBlock, column: model.Column) -> str | None:
    """The unit of a column's figures (as the plan writes it): its own, else the table's."""
    return model.text_key(column.unit or table.unit) or None


def figure(table: model.TableBlock, column: model.Column, cell: model.Cell | None
           ) -> Figure | None:
    """The figure a cell of a number or money column holds, or None if it is empty.

    Raises ValueError when the cell holds text that is not a figure.
    """
    if cell is None or cell.text is None:
        return None
    text = cell.text.ko.strip()
    if column.type == "money":
        money = parsing.parse_money(text, column_unit(table, column))
        amount = parsing.parse_decimal(money["amount"])
        if amount < 0:
            raise ValueError(f"{text!r} is a negative amount of money")
        return Figure(parsing.to_won(amount, money["unit"]), amount, money["unit"],
                      _writes_unit(text))
    m = _LEADING_NUMBER.match(text)
    if not m:
        raise ValueError(f"{text!r} is not a figure")
    amount = parsing.parse_decimal(m.group(1))
    return Figure(amount, amount, m.group(2), bool(m.group(2)))


def _writes_unit(text: str) -> bool:
    return any(text.endswith(u) for u in parsing.MONEY_UNITS)


def cell_date(cell: model.Cell) -> date | None:
    """The date a cell of a date column holds, when its text is an ISO date."""
    if cell.text is None:
        return None
    try:
        return date.fromisoformat(cell.text.ko.strip())
    except ValueError:
        return None
