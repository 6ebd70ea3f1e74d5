"""Totals: 계 rows and columns of tables, multi-year targets, per-item caps."""

from __future__ import annotations

import decimal
from decimal import Decimal, localcontext

from .. import cells, model, parsing
from ..budgets import percent_of
from .base import Context, rule
from ..locale.words import N_, Quantity, Words, in_unit

def cell_value(table: model.TableBlock, column: model.Column, cell: model.Cell | None):
    """The number a cell of a number or money column holds (money in won), or None if empty.

    Raises ValueError when the cell holds text that is not a figure (see :mod:`generator.cells`).
    """
    fig = cells.figure(table, column, cell)
    return None if fig is None else fig.value


EXACT = decimal.Context(prec=60)


def _numeric_columns(table: model.TableBlock) -> list[model.Column]:
    """The columns whose figures add up (percentages of a column, rounded, do not: see
    ``table-percent``)."""
    return [c for c in table.columns if c.type in ("number", "money") and c.role != "label"
            and c.share_of is None]


def _figure(table, column, value):
    """A column's figure as a check keeps it: money in the unit the column is written in,
    else the number and its unit."""
    if value is None:
        return Words("(empty)")
    if column.type == "money":
        return in_unit(value, cells.column_unit(table, column))
    return Quantity(value, column.unit or table.unit)


def _tables(ctx: Context):
    for node in ctx.walk():
        if isinstance(node, model.TableBlock):
            yield node


@rule("table-cell-number", "표의 숫자 칸 / Number cells hold figures", scope="section")
def cells_are_figures(ctx: Context) -> None:
    """Every cell of a number or money column holds a figure (commas and a trailing unit
    allowed), so that totals and caps can be checked."""
    for table in _tables(ctx):
        for col in _numeric_columns(table):
            for i, row in enumerate(table.rows):
                cell = row.cells.get(col.key)
                if cell is None or cell.text is None:
                    continue
                try:
                    fig = cells.figure(table, col, cell)
                    unit = cells.column_unit(table, col)
                    if col.type == "number" and unit in parsing.MONEY_UNITS:
                        parsing.to_won(fig.value, unit)  # money is counted in whole won
                    ok, message, hint = True, None, None
                except ValueError as exc:
                    from ..schema_errors import value_error_words
                    ok, (message, hint) = False, value_error_words(exc)
                    if not isinstance(message, Words):
                        message = Words("{reason}", reason=message)
                ctx.compare(ctx.path(cell), Words("{caption} · {column}", caption=table.caption,
                                                  column=col.label),
                            Words("a figure"), cell.text, ok, message,
                            hint or Words("write digits (with thousands commas), or make the "
                                          "column `type: text`"))


def _check_sum(ctx: Context, table, col, total_cell, parts: list, subject, more: str,
               less: str, hint, **params) -> None:
    """Compare a declared total cell with the sum of its part cells, exactly.

    ``parts`` are (column, cell) pairs; a cell that is not a figure is left to
    ``table-cell-number``, an empty total is not compared.  ``more`` and ``less`` name the
    declared total ``{found}``, the sum ``{expected}`` and the ``{difference}`` (in the
    column's unit); see :meth:`~.base.Context.compare_difference`.
    """
    try:
        declared = cell_value(table, col, total_cell)
        values = [cell_value(table, c, cell) for c, cell in parts]
    except ValueError:
        return
    if declared is None:
        return
    with localcontext(EXACT):  # 18-digit figures: every sum of them is exact at this precision
        computed = sum((v for v in values if v is not None), Decimal(0))
    ctx.compare_difference(ctx.path(total_cell), subject, computed, declared,
                           lambda v: _figure(table, col, v), more, less, hint, **params)


@rule("table-row-total", "계 행 = 항목 합 / Total row equals the sum of the rows",
      scope="section")
def row_totals(ctx: Context) -> None:
    """In a table with a ``total: true`` row, each number column's total equals the sum of the
    other rows, compared exactly (money in won)."""
    for table in _tables(ctx):
        items = [r for r in table.rows if not r.total]
        for total_row in (r for r in table.rows if r.total):
            for col in _numeric_columns(table):
                _check_sum(ctx, table, col, total_row.cells.get(col.key),
                           [(col, r.cells.get(col.key)) for r in items],
                           Words("{caption} · {column} total", caption=table.caption,
                                 column=col.label),
                           N_("the total {found} of {column} is {difference} more than the "
                              "sum of the rows, {expected}"),
                           N_("the total {found} of {column} is {difference} less than the "
                              "sum of the rows, {expected}"),
                           Words("correct the total or the row that is wrong"), column=col.label)


@rule("table-column-total", "계 열 = 행의 합 / Total column equals the row's sum",
      scope="section")
def column_totals(ctx: Context) -> None:
    """A column with ``role: total`` (계, 합계) equals, in every row, the sum of that row's other
    columns of the same type and unit."""
    for table in _tables(ctx):
        for tcol in (c for c in table.columns if c.role == "total"):
            unit = cells.column_unit(table, tcol)
            part_cols = [c for c in _numeric_columns(table) if c.role != "total"
                         and c.type == tcol.type and cells.column_unit(table, c) == unit]
            for row in table.rows:
                _check_sum(ctx, table, tcol, row.cells.get(tcol.key),
                           [(c, row.cells.get(c.key)) for c in part_cols],
                           Words("{caption} · {column}", caption=table.caption,
                                 column=tcol.label),
                           N_("{row}: {label} {found} is {difference} more than the sum of "
                              "the row's columns, {expected}"),
                           N_("{row}: {label} {found} is {difference} less than the sum of "
                              "the row's columns, {expected}"),
                           Words("correct the total or the column that is wrong"),
                           label=tcol.label, row=cells.row_label(table, row))


@rule("table-cap", "항목별 상한 / No item above its cap", scope="section")
def caps(ctx: Context) -> None:
    """No item cell (total rows aside) of a money column with ``max`` exceeds that maximum
    (e.g. 지원실적 ≤ 80백만원), in won whatever the units; a cap on a column whose figures are
    not money is an error."""
    for table in _tables(ctx):
        for col in table.columns:
            if col.max is None:
                continue
            unit = cells.column_unit(table, col)  # figures shown in the column's own unit
            subject = Words("{caption} · {column}", caption=table.caption, column=col.label)
            if not cells.holds_money(table, col):
                ctx.compare(ctx.path(col) + ("max",), subject, Words("a column of money"),
                            Words("{unit} figures", unit=unit or "—"), False,
                            Words("{column} has a cap of money, but its figures are not money",
                                  column=col.label),
                            Words("give the column type: money, or a money unit such as "
                                  "unit: 천원"))
                continue
            for row in (r for r in table.rows if not r.total):
                value = cells.money_won(table, col, row.cells.get(col.key))
                if value is None:
                    continue
                ctx.compare(ctx.path(row.cells[col.key]), subject,
                            Words("≤ {cap}", cap=in_unit(col.max.won, unit)),
                            in_unit(value, unit), value <= col.max.won,
                            Words("{value} is above the cap of {cap} ({printed})",
                                  value=in_unit(value, unit), cap=in_unit(col.max.won, unit),
                                  printed=f"{col.max.amount}{col.max.unit}"),
                            Words("check the figure against the programme's maximum"))


@rule("targets-total", "연차별 목표 합계 / Yearly targets add up to their total", scope="section")
def targets_total(ctx: Context) -> None:
    """The yearly targets of a targets block add up to its declared total (계)."""
    for node in ctx.walk():
        if isinstance(node, model.TargetsBlock):
            computed = sum(node.years.values())
            ctx.compare(ctx.path(node) + ("total",), Words("{label} total", label=node.label),
                        Quantity(computed, node.unit), Quantity(node.total, node.unit),
                        computed == node.total,
                        Words("total {declared} differs from the sum of the years, {computed}",
                              declared=Quantity(node.total), computed=Quantity(computed)),
                        Words("correct the total or the year that is wrong"))


@rule("targets-plan-year", "당해연도 목표 = 개요 / Plan year's target matches the overview")
def targets_plan_year(ctx: Context) -> None:
    """In a section with a targets block and an overview line with ``target``, the targets
    block's figure for the plan year equals that line's figure; a different unit is a warning.
    A target stated as a range (40∼50명) agrees with no single figure: one that lies in the
    range is a warning (the two do not state one target), one outside it an error."""
    from .splits import figure  # imported here: the rules register in checks/__init__'s order
    year = str(ctx.plan.year)
    for section in ctx.plan.sections:
        nodes = ctx.walk(section)
        targets = [n for n in nodes if isinstance(n, model.TargetsBlock)]
        stated = [n for n in nodes if isinstance(n, model.OverviewItem) and n.target is not None]
        for block in targets:
            if stated and year not in block.years:  # reported once, whatever states a target
                ctx.compare(ctx.path(block) + ("years",),
                            Words("{label} {year}", label=block.label, year=year),
                            Words("a target for {year}", year=year), Words("none"), False,
                            Words("no target for the plan year {year}", year=year),
                            Words("add `\"{year}\": …` to years", year=year))
                continue
            for item in stated:
                ours = block.years[year]
                low, high = item.target.ends()
                shown = figure(low, high)
                subject = Words("{key} / {label} {year}", key=item.key, label=block.label,
                                year=year)
                if low != high and low <= ours <= high:  # a range holding the figure
                    ctx.compare(ctx.path(item) + ("target",), subject, Quantity(ours), shown,
                                False,
                                Words("the overview states the range {stated} for {year}; the "
                                      "targets table's {table} lies in it, but the two do not "
                                      "state one target", stated=shown, year=year,
                                      table=Quantity(ours)),
                                Words("state the plan year's target as one figure in both, or "
                                      "say why the overview gives a range"), severity="warning")
                else:
                    ctx.compare(ctx.path(item) + ("target",), subject, Quantity(ours), shown,
                                low == high == ours,
                                Words("the overview states {stated} for {year} but the targets "
                                      "table has {table}", stated=shown, year=year,
                                      table=Quantity(ours)),
                                Words("make the two figures agree"))
                if item.target.unit and model.text_key(item.target.unit) != \
                        model.text_key(block.unit):
                    ctx.compare(ctx.path(item) + ("target",), Words("{key} unit", key=item.key),
                                block.unit, item.target.unit, False,
                                Words("the overview counts the target in {stated!r} but the "
                                      "targets table in {table!r}", stated=item.target.unit,
                                      table=block.unit),
                                Words("use one unit for the same target"), severity="warning")
                else:
                    ctx.compare(ctx.path(item) + ("target",), Words("{key} unit", key=item.key),
                                block.unit, item.target.unit or block.unit, True)



@rule("table-percent", "비율 = 수 ÷ 계 / Percentages equal their count over the total",
      scope="section")
def percentages(ctx: Context) -> None:
    """A percentage column (``share_of: <column>``) gives, in every row, that column's figure
    as a percentage of its 계 row, rounded half up to the digits the row prints.  Its own 계
    may print 100 even when the rounded rows add up to 100.1 or 99.9: it may differ from the
    rows' sum by at most half a unit of the last printed digit per row (the most rounding can
    move it), and no more."""
    for table in _tables(ctx):
        totals = [r for r in table.rows if r.total]
        for col in (c for c in table.columns if c.share_of):
            base = next((c for c in table.columns if c.key == col.share_of), None)
            if base is None or not totals:
                continue
            try:
                whole = cell_value(table, base, totals[0].cells.get(base.key))
            except ValueError:
                continue
            if not whole:
                continue
            printed_sum, digits_max, rows = Decimal(0), 0, 0
            for row in (r for r in table.rows if not r.total):
                cell = row.cells.get(col.key)
                try:
                    shown = cell_value(table, col, cell)
                    part = cell_value(table, base, row.cells.get(base.key))
                except ValueError:
                    continue
                if shown is None or part is None:
                    continue
                digits = max(0, -shown.as_tuple().exponent)
                digits_max, rows = max(digits_max, digits), rows + 1
                printed_sum += shown
                expected = percent_of(part, whole, digits)
                ctx.compare(ctx.path(cell),
                            Words("{caption} · {column}: {row}", caption=table.caption,
                                  column=col.label, row=cells.row_label(table, row)),
                            Quantity(expected, "%"), Quantity(shown, "%"), shown == expected,
                            Words("{shown}% is printed, but {part} of {whole} is {expected}%",
                                  shown=Quantity(shown), part=Quantity(part),
                                  whole=Quantity(whole), expected=Quantity(expected)),
                            Words("correct the percentage or the figure it is computed from"))
            total_cell = totals[0].cells.get(col.key)
            try:
                declared = cell_value(table, col, total_cell)
            except ValueError:
                continue
            if declared is None or not rows:
                continue
            drift = Decimal(rows) * Decimal(5) / (Decimal(10) ** (digits_max + 1))
            ok = declared in (100, printed_sum) and abs(printed_sum - 100) <= drift
            ctx.compare(ctx.path(total_cell),
                        Words("{caption} · {column} total", caption=table.caption,
                              column=col.label),
                        Words("100 (rows within {drift} of it)", drift=Quantity(drift)),
                        Quantity(declared, "%"), ok,
                        Words("the percentages add up to {sum}%, more than rounding explains "
                              "(at most {drift} from 100), or the total {declared}% is neither "
                              "100 nor their sum", sum=Quantity(printed_sum),
                              drift=Quantity(drift), declared=Quantity(declared)),
                        Words("correct a percentage or the total"))
