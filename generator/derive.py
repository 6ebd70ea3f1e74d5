"""Facts derived from a plan for the renderers: table header rows, the summary schedule's rows.

The budget overview is in :mod:`generator.budgets`; walking the model tree in
:mod:`generator.model.tree`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from . import model


@dataclass
class HeaderCell:
    """One cell of a table's header: a column's label, or a group above several columns."""

    label: model.Text
    column: model.Column | None
    """The column it heads; None for a group cell."""
    colspan: int = 1
    rowspan: int = 1


def header_rows(columns: list[model.Column]) -> list[list[HeaderCell]]:
    """A table's header rows: one, or two when columns are grouped (a group spans its columns;
    an ungrouped column spans both rows)."""
    if not any(c.group for c in columns):
        return [[HeaderCell(c.label, c) for c in columns]]
    top: list[HeaderCell] = []
    bottom: list[HeaderCell] = []
    i = 0
    while i < len(columns):
        col = columns[i]
        if col.group is None:
            top.append(HeaderCell(col.label, col, rowspan=2))
            i += 1
            continue
        j = i
        while j < len(columns) and columns[j].group is not None \
                and columns[j].group.ko == col.group.ko:
            j += 1
        top.append(HeaderCell(col.group, None, colspan=j - i))
        bottom += [HeaderCell(c.label, c) for c in columns[i:j]]
        i = j
    return [top, bottom]


def schedule_rows(plan: model.Plan) -> Iterator[tuple[model.ScheduleGroup, model.ScheduleRow]]:
    for group in plan.summary_schedule.groups:
        for row in group.rows:
            yield group, row
