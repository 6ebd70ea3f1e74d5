"""Times of day in tables (an event's agenda, 세부 진행 순서): each row's time is a time, the
rows follow one another without overlapping or leaving a gap, a duration printed in a time cell
(``16:00~17:30(90분)``) or a minutes column (소요시간) gives each row's length, and the rows'
lengths add up to the agenda's stated length (its 계 row, or a line printing the event's clock
range with its duration)."""

from __future__ import annotations

from dataclasses import dataclass

from .. import model, parsing
from .base import Context, rule
from .. import cells
from ..footnotes import plain
from ..locale.words import Quantity, Words


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _span(times: tuple) -> str:
    start, end = times[0], times[1]
    return _clock(start) if end is None else f"{_clock(start)}~{_clock(end)}"


def _minutes(n: int) -> Words:
    return Words("{minutes} min", minutes=Quantity(n))


@dataclass
class Slot:
    """One row's time, as its time cell gives it."""

    row: model.Row
    cell: model.Cell | None
    start: int | None
    end: int | None
    """The end the cell prints, or its start plus its printed minutes (``14:00(30분)``)."""
    printed: int | None
    """The minutes the cell prints (``(90분)``, ``('65)``, ``(65')``), if any."""
    error: bool = False
    """True when the cell is not a time (``table-times`` reports it)."""
    end_printed: bool = True
    """False when the end is the start plus the printed minutes."""

    @property
    def length(self) -> int | None:
        """The row's length in minutes: end − start when the cell gives both (its printed
        minutes are checked against them), else its printed minutes."""
        if self.error:
            return None
        if self.start is not None and self.end is not None:
            return self.end - self.start
        return self.printed


def _read(row: model.Row, column: model.Column) -> Slot | None:
    cell = row.cells.get(column.key)
    if cell is None or cell.text is None or not plain(cell.text.ko).strip():
        return None
    try:
        start, end, printed = parsing.parse_clock(plain(cell.text.ko))
    except ValueError:
        return Slot(row, cell, None, None, None, error=True)
    if end is None and start is not None and printed is not None:
        return Slot(row, cell, start, start + printed, printed, end_printed=False)
    return Slot(row, cell, start, end, printed)


def time_columns(table: model.TableBlock) -> list[model.Column]:
    return [c for c in table.columns if c.type == "time"]


def _printed_matches(ctx: Context, path: tuple, subject, start: int, end: int, printed: int,
                     message: Words) -> bool:
    ctx.compare(path, subject, _minutes(end - start), _minutes(printed), printed == end - start,
                message, Words("correct the printed minutes or the time"))
    return printed == end - start


@rule("table-times", "진행 시간 순서 / Agenda times follow one another", scope="section")
def agenda_times(ctx: Context) -> None:
    """In a table with a time column (``type: time``: 14:00 or 14:00~14:30, with ``~ ∼ ～ 〜 –``
    or ``-`` between the ends), every cell is a time; a range ends after it starts; a duration
    printed in the cell (``16:00~17:30(90분)``, ``16:20~17:25('65)``, ``(65')``,
    ``(1시간 30분)``) is its length, end − start; each row starts no earlier than the row
    before it ends, so that no two items overlap, and not later (a warning: the rows chain, a
    pause is an item of its own, e.g. 휴식); and a minutes column (``duration_of``) gives each
    row's length (its 계 row is checked as any other column's).  A cell giving its start and
    its minutes (``14:00(30분)``) ends that many minutes later."""
    for table in ctx.of(model.TableBlock):
        durations = {c.duration_of: c for c in table.columns if c.duration_of}
        for col in time_columns(table):
            previous: Slot | None = None
            for row in table.rows:
                if row.total:
                    continue
                slot = _read(row, col)
                if slot is None:
                    continue
                cell = slot.cell
                label = cells.row_label(table, row)
                subject = Words("{column} of {row}", column=col.label, row=label)
                if slot.error or slot.start is None:
                    ctx.compare(ctx.path(cell), subject, Words("a time such as 14:00~14:30"),
                                cell.text, False,
                                Words("{found!r} is not a time or a range of times",
                                      found=cell.text.ko),
                                Words("write times as 14:00 or 14:00~14:30 (24-hour clock), "
                                      "with the minutes after them if printed: "
                                      "14:00~14:30(30분)"))
                    previous = None
                    continue
                start, end = slot.start, slot.end
                if end is not None:
                    ctx.compare(ctx.path(cell), subject, Words("an end after its start"),
                                _span((start, end)), end > start,
                                Words("{row}: {span} ends before it starts", row=label,
                                      span=_span((start, end))),
                                Words("correct the range's start or end"))
                    if end > start and slot.printed is not None and slot.end_printed:
                        _printed_matches(
                            ctx, ctx.path(cell), subject, start, end, slot.printed,
                            Words("{row}: {span} is {length} minutes, but {printed} minutes "
                                  "are printed", row=label, span=_span((start, end)),
                                  length=Quantity(end - start), printed=Quantity(slot.printed)))
                if previous is not None:
                    last = previous.end if previous.end is not None else previous.start
                    ctx.compare(ctx.path(cell), subject,
                                Words("from {time} on", time=_clock(last)), _span((start, end)),
                                start >= last,
                                Words("{row}: {span} starts before the item before it ends "
                                      "({time})", row=label, span=_span((start, end)),
                                      time=_clock(last)),
                                Words("correct the times so that the items follow one another"))
                    if previous.end is not None and start > last:
                        ctx.compare(ctx.path(cell), subject, Words("at {time}", time=_clock(last)),
                                    _span((start, end)), False,
                                    Words("{row}: {span} starts {gap} minutes after the item "
                                          "before it ends ({time})", row=label,
                                          span=_span((start, end)), gap=Quantity(start - last),
                                          time=_clock(last)),
                                    Words("list the pause as an item of its own (e.g. 휴식), or "
                                          "correct the times"), severity="warning")
                previous = slot
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
                _minutes(length), Words("{minutes} min", minutes=Quantity(found)),
                found == length,
                Words("{row}: {column} says {found} minutes, but the time gives {length} minutes",
                      row=cells.row_label(table, row), column=column.label, found=Quantity(found),
                      length=Quantity(length)),
                Words("correct the minutes or the time"))


def _items_length(table: model.TableBlock, column: model.Column) -> tuple[int | None, bool]:
    """The sum of the item rows' lengths in one time column, and whether every row gave a
    length that ``table-times`` accepts (a row without one, or with a time that is wrong, leaves
    the sum unknown or a consequence of that mistake)."""
    total, sound, any_row = 0, True, False
    for row in table.rows:
        if row.total:
            continue
        slot = _read(row, column)
        if slot is None:
            continue
        any_row = True
        length = slot.length
        if length is None or length <= 0:
            return None, False
        if slot.printed is not None and slot.end_printed and slot.start is not None \
                and slot.printed != slot.end - slot.start:
            sound = False
        total += length
    return (total if any_row else None), sound


def _compare_total(ctx: Context, path: tuple, table: model.TableBlock, column: model.Column,
                   stated: int, where) -> None:
    length, sound = _items_length(table, column)
    if length is None:
        return
    ctx.compare(path, Words("{caption} · total length", caption=table.caption),
                _minutes(length), _minutes(stated), length == stated,
                Words("the items of {caption} last {length} minutes in all, but {where} states "
                      "{stated} minutes", caption=table.caption, length=Quantity(length),
                      where=where, stated=Quantity(stated)),
                Words("correct the stated length or an item's time"),
                follows_from=None if sound else "table-times")


def _timed_tables(nodes) -> list[tuple[model.TableBlock, model.Column]]:
    """The tables among ``nodes`` with one time column holding items, and that column."""
    out = []
    for table in (n for n in nodes if isinstance(n, model.TableBlock)):
        columns = time_columns(table)
        if len(columns) == 1:
            out.append((table, columns[0]))
    return out


@rule("table-duration-total", "소요 시간 합계 / Agenda lengths add up to the stated length",
      scope="section")
def duration_totals(ctx: Context) -> None:
    """An agenda's length may be stated in its 계 row (``total: true``), in the time column
    (``(90분)``, ``90분``, ``16:00~17:30(90분)`` or ``16:00~17:30``), and in a line of the
    section that prints the event's clock range with its duration: an overview line (``일시 :
    … 16:00~17:30(90분)``) or a □ heading's value.  A heading's line speaks for
    the time table under it, an overview line for the section's time table when the section has
    exactly one.  Wherever it is stated, a printed duration equals its clock range (end −
    start), and the item rows' lengths (end − start, or the minutes a row prints beside its
    start) add up to the stated length."""
    for section in ctx.plan.sections:
        nodes = ctx.walk(section)
        tables = _timed_tables(nodes)
        for table, column in tables:
            for row in (r for r in table.rows if r.total):
                slot = _read(row, column)
                if slot is None:
                    continue
                subject = Words("{column} of {row}", column=column.label,
                                row=cells.row_label(table, row))
                if slot.error:
                    cell = slot.cell
                    ctx.compare(ctx.path(cell), subject, Words("a length such as (90분)"),
                                cell.text, False,
                                Words("{found!r} is not a length or a range of times",
                                      found=cell.text.ko),
                                Words("write the agenda's length as (90분), or its times and "
                                      "length as 16:00~17:30(90분)"))
                    continue
                stated = slot.length
                if slot.start is not None and slot.printed is not None and slot.end_printed:
                    if not _printed_matches(
                            ctx, ctx.path(slot.cell), subject, slot.start, slot.end,
                            slot.printed,
                            Words("{row}: {span} is {length} minutes, but {printed} minutes "
                                  "are printed", row=cells.row_label(table, row),
                                  span=_span((slot.start, slot.end)),
                                  length=Quantity(slot.end - slot.start),
                                  printed=Quantity(slot.printed))):
                        continue
                if stated is not None and stated > 0:
                    _compare_total(ctx, ctx.path(slot.cell), table, column, stated,
                                   cells.row_label(table, row))
        for node in nodes:
            if not isinstance(node, (model.OverviewItem, model.Part)) or node.value is None:
                continue
            label = node.key if isinstance(node, model.OverviewItem) else node.title
            path = ctx.path(node) + ("value",)
            candidates = _timed_tables(ctx.walk(node)) if isinstance(node, model.Part) else []
            if not candidates:
                candidates = tables
            for start, end, printed, words in parsing.printed_durations(plain(node.value.ko)):
                subject = Words("{label}: {value}", label=label, value=node.value)
                if end <= start or not _printed_matches(
                        ctx, path, subject, start, end, printed,
                        Words("{span} is {length} minutes, but {printed} minutes are printed",
                              span=_span((start, end)), length=Quantity(end - start),
                              printed=Quantity(printed))):
                    continue
                if len(candidates) == 1:
                    table, column = candidates[0]
                    _compare_total(ctx, path, table, column, printed, label)
