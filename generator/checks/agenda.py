"""Times of day in tables (an event's agenda, 세부 진행 순서): each row's time is a time, the
rows follow one another without overlapping, and a minutes column (소요시간) gives each row's
length."""

from __future__ import annotations

from .. import cells, model
from .base import Context, rule
from ..locale.words import Quantity, Words


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _span(times: tuple[int, int | None]) -> str:
    start, end = times
    return _clock(start) if end is None else f"{_clock(start)}~{_clock(end)}"


@rule("table-times", "진행 시간 순서 / Agenda times follow one another", scope="section")
def agenda_times(ctx: Context) -> None:
    """In a table with a time column (``type: time``: 14:00 or 14:00~14:30), every cell is a
    time; a range ends after it starts; each row starts no earlier than the row before it
    ends, so that no two items overlap; and a minutes column (``duration_of``) gives each
    row's length (its 계 row is checked as any other column's)."""
    for table in ctx.of(model.TableBlock):
        durations = {c.duration_of: c for c in table.columns if c.duration_of}
        for col in table.columns:
            if col.type != "time":
                continue
            previous: tuple[int, int | None] | None = None
            for row in table.rows:
                if row.total:
                    continue
                cell = row.cells.get(col.key)
                label = cells.row_label(table, row)
                subject = Words("{column} of {row}", column=col.label, row=label)
                try:
                    times = cells.clock_range(cell)
                except ValueError:
                    ctx.compare(ctx.path(cell), subject, Words("a time such as 14:00~14:30"),
                                cell.text, False,
                                Words("{found!r} is not a time or a range of times",
                                      found=cell.text.ko),
                                Words("write times as 14:00 or 14:00~14:30 (24-hour clock)"))
                    previous = None
                    continue
                if times is None:
                    continue
                start, end = times
                if end is not None:
                    ctx.compare(ctx.path(cell), subject, Words("an end after its start"),
                                _span(times), end > start,
                                Words("{row}: {span} ends before it starts", row=label,
                                      span=_span(times)),
                                Words("correct the range's start or end"))
                if previous is not None:
                    last = previous[1] if previous[1] is not None else previous[0]
                    ctx.compare(ctx.path(cell), subject,
                                Words("from {time} on", time=_clock(last)), _span(times),
                                start >= last,
                                Words("{row}: {span} starts before the item before it ends "
                                      "({time})", row=label, span=_span(times),
                                      time=_clock(last)),
                                Words("correct the times so that the items follow one another"))
                previous = times
                minutes = durations.get(col.key)
                if minutes is not None and end is not None and end > start:
                    _check_minutes(ctx, table, minutes, row, end - start)


def _check_minutes(ctx: Context, table: model.TableBlock, column: model.Column, row: model.Row,
                   length: int) -> None:
    cell = row.cells.get(column.key)
    try:
        fig = cells.figure(table, column, cell)
    except ValueError:
        return  # reported by table-cell-number
    if fig is None:
        return
    found = fig.value
    ctx.compare(ctx.path(cell), Words("{column} of {row}", column=column.label,
                                      row=cells.row_label(table, row)),
                Words("{minutes} min", minutes=Quantity(length)),
                Words("{minutes} min", minutes=Quantity(found)), found == length,
                Words("{row}: {column} says {found} minutes, but the time gives {length} minutes",
                      row=cells.row_label(table, row), column=column.label, found=Quantity(found),
                      length=Quantity(length)),
                Words("correct the minutes or the time"))
