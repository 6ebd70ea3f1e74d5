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
from .footnotes import plain

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
    text = plain(cell.text.ko).strip()
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


def holds_money(table: model.TableBlock, column: model.Column) -> bool:
    """True for a column of money: type ``money``, or ``number`` in a money unit (천원 …)."""
    return column.type == "money" or (column.type == "number"
                                      and column_unit(table, column) in parsing.MONEY_UNITS)


def money_won(table: model.TableBlock, column: model.Column, cell: model.Cell | None) -> int | None:
    """A money figure of a table in won: a money column's, or a number column's whose unit is
    money (천원 …); None when empty, not a figure (reported by ``table-cell-number``), or not
    money."""
    if not holds_money(table, column):
        return None
    try:
        fig = figure(table, column, cell)
    except ValueError:
        return None  # reported by table-cell-number
    if fig is None:
        return None
    if column.type == "money":
        return int(fig.value)
    try:
        return parsing.to_won(fig.value, column_unit(table, column))
    except ValueError:
        return None  # a fraction of a won: reported by table-cell-number


def row_label(table: model.TableBlock, row: model.Row) -> model.Text | str:
    """The row's header text (its first filled label column), for messages and for finding a
    row by name; "" when it has none."""
    for col in table.columns:
        cell = row.cells.get(col.key)
        if col.role == "label" and cell is not None and cell.text is not None:
            return cell.text
    return ""


def _writes_unit(text: str) -> bool:
    return any(text.endswith(u) for u in parsing.MONEY_UNITS)


def clock_range(cell: model.Cell | None) -> tuple[int, int | None] | None:
    """The times a cell of a time column holds, in minutes after midnight (start, end or
    None); None when the cell is empty.  Raises ValueError when it is not a time."""
    if cell is None or cell.text is None or not plain(cell.text.ko).strip():
        return None
    return parsing.parse_clock_range(plain(cell.text.ko))


def cell_date(cell: model.Cell) -> date | None:
    """The date a cell of a date column holds, when its text is an ISO date."""
    if cell.text is None:
        return None
    try:
        return date.fromisoformat(plain(cell.text.ko).strip())
    except ValueError:
        return None
