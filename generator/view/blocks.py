"""Views of a section's blocks: every text in the reader's language, every figure formatted.

:func:`block_view` turns one model block into a view that the site and the print templates
both render; they differ only in markup.  Markers are resolved here (a line without its own
marker takes its level's default), table cells are typed once (:mod:`generator.cells`), and a
block type with no view is an error for every renderer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from pathlib import PurePosixPath

from .. import cells, figures, model
from ..budgets import split_won
from ..locale import Locale
from ..locale.formats import child_marker
from ..locale.shown import Shown, cat
from .notes import without_refs


class UnknownBlock(ValueError):
    """A block type that no renderer can show."""


@dataclass
class Line:
    """A line of a bullet tree (□ ○ - ·)."""

    marker: str
    text: str
    children: list["Line"] = field(default_factory=list)


@dataclass
class ShareView:
    """One funding source's part of a budget, in won (the site lists these under a budget)."""

    source: str
    percent: str | None
    amount: str


@dataclass
class OverviewLine:
    marker: str
    key: str
    value: str
    shares: list[ShareView]
    children: list[Line]
    internal: str = ""
    """The intranet's mark on a line kept out of the public outputs (``비공개(제5호)``)."""


@dataclass
class TimingView:
    """One timing of a 추진일정 line, typed for a chart and worded for its label."""

    kind: str
    """``month``, ``date``, ``range``, ``recurring`` or ``frequency`` (the model's)."""
    start: date | None
    """First day (a month, a date, a range); None for a recurring or frequency timing."""
    end: date | None
    """Last day (the last day of the month when months are given)."""
    label: str
    """The timing in words, as the locale writes it (``2016. 3월``, ``매월`` / ``Mar 2016``,
    ``monthly``)."""


@dataclass
class ScheduleLine:
    marker: str
    text: str
    when: str
    children: list["ScheduleLine"]
    timings: list[TimingView] = field(default_factory=list)
    """Its timings one by one (a chart marks each; ``when`` words them all at once)."""


@dataclass
class OrganisationView:
    role: str
    name: str
    note: str
    internal: str = ""


@dataclass
class HeaderCell:
    """One cell of a table's header: a column's label, or a group above several columns."""

    label: str
    column: "ColumnView | None"
    """The column it heads; None for a group cell."""
    colspan: int = 1
    rowspan: int = 1


@dataclass
class ColumnView:
    key: str
    type: str
    role: str
    align: str | None
    unit: str

    @property
    def numeric(self) -> bool:
        return self.type in ("number", "money")


@dataclass
class CellView:
    """A table cell as shown: a funding split, a text and bullet lines, any of them."""

    column: ColumnView
    header: bool
    """True for a row header (a ``label`` column, or the first column of a transposed table)."""
    split: str
    text: str
    items: list[Line]

    @property
    def empty(self) -> bool:
        return not (self.split or self.text or self.items)


@dataclass
class RowView:
    total: bool
    cells: list[CellView]
    internal: str = ""
    notice: str = ""
    """In the public outputs, the notice in place of a withheld row (printed across the
    table; its cells are then empty)."""


@dataclass
class BlockView:
    """What every block view has: its type and id (and, on the intranet, the mark of a block
    kept out of the public outputs)."""

    type: str
    id: str | None
    internal: str = field(default="", kw_only=True)


@dataclass
class OverviewView(BlockView):
    lines: list[OverviewLine]


@dataclass
class BulletsView(BlockView):
    lines: list[Line]


@dataclass
class NoteView(BlockView):
    text: str


@dataclass
class TableView(BlockView):
    caption: str
    unit: str
    """The unit of the table's figures (printed ``(단위 : 천원)``), or empty."""
    header_rows: list[list[HeaderCell]]
    rows: list[RowView]
    transposed: bool


@dataclass
class TargetsView(BlockView):
    caption: str
    unit: str
    first_label: str
    total_label: str
    label: str
    total: str
    years: list[tuple[str, str]]
    values: list[int] = field(default_factory=list)
    """The figures ``years`` prints, as numbers, in the same order (a chart's columns)."""


@dataclass
class ScheduleView(BlockView):
    lines: list[ScheduleLine]
    kind: str = "schedule"
    """``schedule`` (the plan year's steps) or ``chronology`` (what has been done so far)."""


@dataclass
class OrganisationsView(BlockView):
    marker: str
    items: list[OrganisationView]


@dataclass
class FigureView(BlockView):
    """An image of the plan folder with its caption; the renderers say where its file lies."""

    src: str
    """Its path inside the plan folder (``images/layout.png``)."""
    caption: str
    alt: str
    width: int | None
    """Percent of the text width it is shown at, or None (as wide as the text allows)."""
    kind: str
    """``png``, ``jpeg`` or ``svg``."""


@dataclass
class BudgetView(BlockView):
    marker: str
    """The marker of the line in print: one level below its □ heading."""
    label: str
    text: str
    shares: list[ShareView]


def lines(items: list, marker: str, loc: Locale) -> list[Line]:
    out = []
    for item in items:
        mk = item.marker or marker
        out.append(Line(mk, loc.text(item.text), lines(item.children, child_marker(mk), loc)))
    return out


def shares(budget: model.Budget | None, loc: Locale) -> list[ShareView]:
    """A budget's funding split in won, when it has more than one source."""
    if budget is None or budget.amount is None or budget.funding is None \
            or len(budget.funding.shares) < 2:
        return []
    by_source, _ = split_won(budget.amount.won, budget.funding)
    return [ShareView(loc.source(s.source),
                      loc.percent(s.ratio) if s.ratio is not None else None,
                      loc.thousand_won(by_source[s.source]))
            for s in budget.funding.shares]


def _withheld(item) -> bool:
    """True for the public model's notice in place of a withheld part."""
    return getattr(item, "type", None) == "withheld"


def _overview(block: model.OverviewBlock, loc: Locale) -> OverviewView:
    out = []
    for item in block.items:
        if _withheld(item):
            out.append(OverviewLine(block.marker, loc._("Withheld"),
                                    loc.withheld_notice(item.grounds), [], []))
            continue
        mk = item.marker or block.marker
        out.append(OverviewLine(mk, loc.text(item.key), loc.overview_value(item),
                                shares(item.budget, loc),
                                lines(item.children, child_marker(mk), loc),
                                loc.internal_mark(item.internal)))
    return OverviewView(block.type, block.id, out)


def _schedule_lines(items: list, marker: str, loc: Locale) -> list[ScheduleLine]:
    out = []
    for item in items:
        mk = item.marker or marker
        out.append(ScheduleLine(mk, loc.text(item.text), loc.schedule_when(item),
                                _schedule_lines(item.children, child_marker(mk), loc),
                                [TimingView(t.kind, t.start, t.end, loc.timing([t]))
                                 for t in item.when]))
    return out


def _column(column: model.Column, loc: Locale) -> ColumnView:
    return ColumnView(column.key, column.type, column.role, column.align, loc.text(column.unit))


def header_rows(columns: list[model.Column], views: list[ColumnView], loc: Locale
                ) -> list[list[HeaderCell]]:
    """A table's header rows: one, or two when columns are grouped (a group spans its columns;
    an ungrouped column spans both rows)."""
    if not any(c.group for c in columns):
        return [[HeaderCell(loc.text(c.label), v) for c, v in zip(columns, views)]]
    top: list[HeaderCell] = []
    bottom: list[HeaderCell] = []
    i = 0
    while i < len(columns):
        col = columns[i]
        if col.group is None:
            top.append(HeaderCell(loc.text(col.label), views[i], rowspan=2))
            i += 1
            continue
        j = i
        while j < len(columns) and columns[j].group is not None \
                and columns[j].group == col.group:
            j += 1
        top.append(HeaderCell(loc.text(col.group), None, colspan=j - i))
        bottom += [HeaderCell(loc.text(c.label), v) for c, v in zip(columns[i:j], views[i:j])]
        i = j
    return [top, bottom]


def cell_text(table: model.TableBlock, column: model.Column, cell: model.Cell,
              loc: Locale) -> str:
    """A cell's text as shown: figures grouped, money with the unit it was written in, dates in
    the reader's format; text that does not read as its column's type as written."""
    text = loc.text(cell.text)
    if _withheld(cell.text):  # a total withheld with the row it would reveal
        return text
    if column.type == "date":
        day = cells.cell_date(cell)
        return loc.day(day) if day is not None else text
    if column.type in ("number", "money"):
        try:
            fig = cells.figure(table, column, cell)
        except ValueError:
            return text  # reported by the table-cell-number check
        if fig is None:
            return text
        text, refs = without_refs(text)  # a footnote's number follows the figure
        if column.type == "money":
            shown = loc.amount(fig.amount, fig.unit) if fig.written_unit else \
                loc.number(fig.amount)
        else:
            shown = loc.figure(text)
        return cat(shown, Shown(refs)) if refs else shown
    return text


def _table(block: model.TableBlock, loc: Locale) -> TableView:
    columns = [_column(c, loc) for c in block.columns]
    rows = []
    for row in block.rows:
        if _withheld(row):  # the notice across the row
            rows.append(RowView(False, [CellView(view, i == 0, "", "", [])
                                        for i, view in enumerate(columns)],
                                notice=loc.withheld_notice(row.grounds)))
            continue
        out = []
        for i, (col, view) in enumerate(zip(block.columns, columns)):
            c = row.cells.get(col.key)
            header = col.role == "label" or (block.header_column and i == 0)
            if c is None:
                out.append(CellView(view, header, "", "", []))
                continue
            out.append(CellView(view, header, loc.split(c.split) if c.split else "",
                                cell_text(block, col, c, loc) if c.text is not None else "",
                                lines(c.items, "-", loc)))
        rows.append(RowView(row.total, out, loc.internal_mark(row.internal)))
    return TableView(block.type, block.id, loc.text(block.caption), loc.text(block.unit),
                     header_rows(block.columns, columns, loc), rows, block.header_column)


def _targets(block: model.TargetsBlock, loc: Locale) -> TargetsView:
    return TargetsView(block.type, block.id, loc.text(block.caption), loc.text(block.unit),
                       loc.text(block.first_label), loc.text(block.total_label),
                       loc.text(block.label), loc.number(block.total),
                       [(year, loc.number(value)) for year, value in block.years.items()],
                       list(block.years.values()))


def block_view(block, loc: Locale, part_marker: str = "□") -> BlockView:
    """The view of one block; :class:`UnknownBlock` for a type no renderer shows.  The public
    model's notice in place of a withheld block is shown as a note naming its grounds."""
    if _withheld(block):
        return NoteView("note", None, loc.withheld_notice(block.grounds))
    view = _block_view(block, loc, part_marker)
    view.internal = loc.internal_mark(getattr(block, "internal", None))
    return view


def _block_view(block, loc: Locale, part_marker: str) -> BlockView:
    if isinstance(block, model.OverviewBlock):
        return _overview(block, loc)
    if isinstance(block, model.BulletsBlock):
        return BulletsView(block.type, block.id, lines(block.items, block.marker, loc))
    if isinstance(block, model.NoteBlock):
        return NoteView(block.type, block.id, loc.text(block.text))
    if isinstance(block, model.TableBlock):
        return _table(block, loc)
    if isinstance(block, model.TargetsBlock):
        return _targets(block, loc)
    if isinstance(block, model.ScheduleBlock):
        return ScheduleView(block.type, block.id,
                            _schedule_lines(block.items, block.marker, loc), block.kind)
    if isinstance(block, model.OrganisationsBlock):
        return OrganisationsView(block.type, block.id, block.marker, [
            OrganisationView("", loc.withheld_notice(o.grounds), "") if _withheld(o) else
            OrganisationView(loc.text(o.role), loc.text(o.name), loc.text(o.note),
                             loc.internal_mark(o.internal))
            for o in block.items])
    if isinstance(block, model.BudgetBlock):
        text = loc.stated(block.text, block.budget)
        return BudgetView(block.type, block.id, child_marker(part_marker), loc.text(block.label),
                          text, shares(block.budget, loc))
    if isinstance(block, model.FigureBlock):
        return FigureView(block.type, block.id, block.src, loc.text(block.caption),
                          loc.text(block.alt), block.width,
                          figures.EXTENSIONS.get(PurePosixPath(block.src).suffix.lower(), ""))
    raise UnknownBlock(f"no view for a block of type {getattr(block, 'type', type(block))!r}")
