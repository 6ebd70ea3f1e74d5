"""Bar charts of a plan's money and targets: the budget by project and by funding source (in the
overview's one unit, with the total), each project's split between its sources, and a
multi-year target series.

Every figure comes from a view, as the view prints it and as the number it printed
(:class:`~generator.view.budget.BudgetView`'s ``value``\\ s, a targets block's ``values``): a bar
is that number's length on the chart's scale (exactly, in fractions, before the coordinates are
written to a tenth), and the words beside it are the view's.  Nothing is added up here: the
total is the view's.  The public site's charts are drawn from the public projection's view, so a
withheld figure is in no bar, no total and no scale.
"""

from __future__ import annotations

from fractions import Fraction

from ..locale import Locale
from ..locale.shown import join
from ..view.blocks import TargetsView
from ..view.budget import BudgetView
from . import palette
from .svg import Drawing
from .text import width, wrap

WIDTH = 680
LABEL_X = 4
LABEL_W = 236
BAR_X = 250
RIGHT = 676
NARROW = 360
"""A phone's chart: each label above its bar, the bars across the whole width."""
LINE = 15
BAR_H = 14
SIZE = 12.5
VALUE_SIZE = 12
TARGETS_WIDTH = 400
"""A targets chart is narrower: a handful of columns, beside its table on a section's page."""


def _scale(value: int, largest: int, length) -> Fraction:
    return Fraction(value) * length / largest if largest else Fraction(0)


def _project_label(budget: BudgetView, i: int) -> str:
    """A project's label: its section, and the budget's own label when the section has
    several (its sub-projects)."""
    row = budget.rows[i]
    if sum(1 for r in budget.rows if r.section_id == row.section_id) > 1:
        return join(" \u00b7 ", [row.section_label, row.label])
    return row.section_label


def _frame(narrow: bool) -> tuple[int, int, int]:
    """(width, where the bars start, where they end)."""
    return (NARROW, LABEL_X, NARROW - 4) if narrow else (WIDTH, BAR_X, RIGHT)


def _label_lines(label, narrow: bool) -> list:
    return wrap(label, SIZE, NARROW - 8 if narrow else LABEL_W)


def _row(lines: list, y, narrow: bool) -> tuple[float, float]:
    """A bar's row: its height, and the middle of its bar (beside its label, or under it)."""
    if narrow:
        return len(lines) * LINE + BAR_H + 14, y + len(lines) * LINE + 6 + BAR_H / 2
    row_h = max(len(lines) * LINE + 8, BAR_H + 12)
    return row_h, (y + row_h / 2 if len(lines) > 1 else y + 6 + BAR_H / 2)


def _horizontal(d: Drawing, items: list[tuple[str, str, int, palette.Series, dict]],
                top, total_words: str | None, narrow: bool = False) -> float:
    """Horizontal bars: (label, value words, value, look, data attributes) each, scaled to
    the largest; the total's words under them.  Returns the height used."""
    width_, bar_x, right = _frame(narrow)
    values_w = max(d.label_width(words, VALUE_SIZE) for _, words, _, _, _ in items) + 8
    length = right - bar_x - values_w
    largest = max(v for _, _, v, _, _ in items)
    y = top
    g = d.group(cls="ps-bars")
    for label, words, value, series, data in items:
        lines = _label_lines(label, narrow)
        row_h, cy = _row(lines, y, narrow)
        bar = d.group(g, cls="ps-bar", **data)
        d.text(bar, LABEL_X, y + 4 + SIZE, label, size=SIZE, cls="ps-label", lines=lines,
               line_height=LINE)
        w = _scale(value, largest, length)
        if w > 0:
            d.rect(bar, bar_x, cy - BAR_H / 2, max(w, Fraction(1, 2)), BAR_H,
                   **d.fill(series), class_="ps-bar-shape", data_value=str(value))
        d.text(bar, bar_x + w + 5, cy + 4.5, words, size=VALUE_SIZE, cls="ps-value")
        y += row_h
    if not narrow:
        d.line(g, bar_x, top, bar_x, y, palette.INK_MUTED, 1, class_="ps-axis")
    if total_words is not None:
        d.line(g, LABEL_X, y + 4, right, y + 4, palette.INK_MUTED, 0.8)
        d.text(g, LABEL_X, y + 22, total_words, size=SIZE, weight="bold", cls="ps-total")
        y += 30
    return y - top


def budget_projects(budget: BudgetView, loc: Locale, medium: str,
                    chart_id: str = "chart-budget-projects", narrow: bool = False
                    ) -> Drawing | None:
    """One bar per project's budget, in the overview's unit, with the total under them (for
    two projects or more: one bar compares nothing)."""
    if len(budget.rows) < 2:
        return None
    title = loc.gettext("Budget by project (chart)")
    description = loc.gettext(
        "The budget of each of the {count} projects, in {unit}; the total is {total}. The "
        "table of the budget by project gives the same figures.",
        count=loc.number(len(budget.rows)), unit=budget.unit, total=budget.total)
    items = [(_project_label(budget, i), r.amount, r.value, palette.Series(palette.BAR, "solid"),
              {"data_section": r.section_id}) for i, r in enumerate(budget.rows)]
    total = loc.gettext("Total {amount} ({unit})", amount=budget.total, unit=budget.unit)
    return _bars((chart_id, title, description, medium, "ps-budget-projects"), items, total,
                 loc, narrow)


def budget_sources(budget: BudgetView, loc: Locale, medium: str,
                   chart_id: str = "chart-budget-sources", narrow: bool = False
                   ) -> Drawing | None:
    """One bar per funding source, with its share of the total, in its source's look (for two
    sources or more)."""
    if not budget.rows or len(budget.totals) < 2:
        return None
    title = loc.gettext("Budget by funding source (chart)")
    description = loc.gettext(
        "The total of each of the {count} funding sources, in {unit}, and its share of the "
        "total of {total}. The table of the totals by funding source gives the same figures.",
        count=loc.number(len(budget.totals)), unit=budget.unit, total=budget.total)
    items = [(t.source, loc.gettext("{amount} ({share})", amount=t.amount, share=t.share)
              if t.share else t.amount, t.value, palette.source_series(t.order),
              {"data_source": str(t.order)}) for t in budget.totals]
    total = loc.gettext("Total {amount} ({unit})", amount=budget.total, unit=budget.unit)
    return _bars((chart_id, title, description, medium, "ps-budget-sources"), items, total,
                 loc, narrow)


def _bars(d_args, items, total, loc: Locale, narrow: bool) -> Drawing:
    chart_id, title, description, medium, cls = d_args
    cls += " ps-chart-narrow" if narrow else ""
    width_ = _frame(narrow)[0]
    # measure with a scratch drawing first (the height depends on the labels' lines)
    probe = Drawing(chart_id, width_, 1, title, description, medium, cls, loc)
    height = _horizontal(probe, items, 8, total, narrow) + 12
    d = Drawing(chart_id, width_, height, title, description, medium, cls, loc)
    _horizontal(d, items, 8, total, narrow)
    return d


def budget_split(budget: BudgetView, loc: Locale, medium: str,
                 chart_id: str = "chart-budget-split", narrow: bool = False
                 ) -> Drawing | None:
    """Each project's budget split between its funding sources: a bar of the full width per
    project, its parts as long as each source's amount is of the project's (when a project
    has two sources or more: else the chart of the sources says it all)."""
    rows = [r for r in budget.rows if r.value > 0]
    if not any(sum(1 for v in r.source_values if v) > 1 for r in rows) or len(budget.sources) < 2:
        return None
    title = loc.gettext("Funding split of each project (chart)")
    description = loc.gettext(
        "How the budget of each of the {count} projects is split between its funding "
        "sources; each bar is one project's whole budget. The table of the budget by project "
        "gives each source's amount.", count=loc.number(len(rows)))
    width_, bar_x, right = _frame(narrow)
    legend, legend_h = _legend_layout(budget, width_)
    cls = "ps-budget-split" + (" ps-chart-narrow" if narrow else "")

    def draw(d: Drawing) -> float:
        _legend(d, budget, legend)
        y = 8 + legend_h
        g = d.group(cls="ps-splits")
        length = right - bar_x
        for i, r in enumerate(budget.rows):
            if r.value <= 0:
                continue
            label = _project_label(budget, i)
            lines = _label_lines(label, narrow)
            row_h, cy = _row(lines, y, narrow)
            bar = d.group(g, cls="ps-split", data_section=r.section_id,
                          data_value=str(r.value))
            d.text(bar, LABEL_X, y + 4 + SIZE, label, size=SIZE, cls="ps-label", lines=lines,
                   line_height=LINE)
            parts = [(k, v) for k, v in enumerate(r.source_values) if v]
            x = Fraction(bar_x)
            gap = Fraction(3, 2)
            for n, (k, v) in enumerate(parts):
                w = _scale(v, r.value, length)
                shown = w - (gap if n < len(parts) - 1 else 0)
                part = d.group(bar, cls="ps-part", data_source=str(budget.source_order[k]),
                               data_value=str(v))
                d.rect(part, x, cy - BAR_H / 2, max(shown, Fraction(1, 2)), BAR_H,
                       **d.fill(palette.source_series(budget.source_order[k])),
                       class_="ps-bar-shape")
                x += w
            y += row_h
        return y + 8

    probe = Drawing(chart_id, width_, 1, title, description, medium, cls, loc)
    height = draw(probe)
    d = Drawing(chart_id, width_, height, title, description, medium, cls, loc)
    draw(d)
    return d


def _legend_layout(budget: BudgetView, chart_width: int
                   ) -> tuple[list[tuple[int, float, int]], float]:
    out, x, line = [], LABEL_X, 0
    for k, source in enumerate(budget.sources):
        w = 22 + width(source, 12) + 16
        if x + w > chart_width - 4 and x > LABEL_X:
            x, line = LABEL_X, line + 1
        out.append((k, x, line))
        x += w
    return out, (line + 1) * 20 + 6


def _legend(d: Drawing, budget: BudgetView, layout) -> None:
    g = d.group(cls="ps-legend")
    for k, x, line in layout:
        y = 8 + line * 20
        item = d.group(g, cls="ps-legend-item", data_source=str(budget.source_order[k]))
        d.rect(item, x, y, 16, 12, **d.fill(palette.source_series(budget.source_order[k])))
        d.text(item, x + 22, y + 10.5, budget.sources[k], size=12)


def targets(block: TargetsView, loc: Locale, medium: str, year: int,
            chart_id: str) -> Drawing | None:
    """A column per year of a multi-year target series (two years or more), the plan year's
    hatched; the total, as the block declares it, under them."""
    if len(block.years) < 2:
        return None
    title = loc.gettext("Targets by year (chart)")
    description = loc.gettext(
        "The target of each of {count} years, {first} to {last}, on one scale; the total is "
        "{total}. The table beside the chart gives the same figures.",
        count=loc.number(len(block.years)), first=block.years[0][0], last=block.years[-1][0],
        total=block.total)
    n = len(block.years)
    top, plot_h = 30, 150
    base = top + plot_h
    right = TARGETS_WIDTH - 4
    slot = Fraction(right - 60, n)
    col_w = min(slot * Fraction(3, 5), Fraction(72))
    largest = max(block.values)
    height = base + 62
    d = Drawing(chart_id, TARGETS_WIDTH, height, title, description, medium, "ps-targets", loc)
    g = d.group(cls="ps-columns")
    plan_year = str(year)
    for i, ((label, words), value) in enumerate(zip(block.years, block.values)):
        cx = 40 + slot * (i + Fraction(1, 2))
        h = _scale(value, largest, plot_h)
        this = label == plan_year
        col = d.group(g, cls="ps-column" + (" ps-plan-year" if this else ""), data_year=label)
        if h > 0:
            d.rect(col, cx - col_w / 2, base - h, col_w, h,
                   **d.fill(palette.PLAN_YEAR if this else palette.OTHER_YEAR),
                   class_="ps-bar-shape", data_value=str(value))
        d.text(col, cx, base - h - 6, words, size=VALUE_SIZE, anchor="middle", cls="ps-value")
        d.text(col, cx, base + 17, label, size=12, anchor="middle",
               weight="bold" if this else None, cls="ps-label")
    d.line(g, 20, base, right, base, palette.INK_MUTED, 1, class_="ps-axis")
    total = loc.gettext("{label} {total} ({unit})", label=block.total_label, total=block.total,
                        unit=block.unit)
    d.text(g, LABEL_X, 16, total, size=SIZE, weight="bold", cls="ps-total")
    d.caption = loc.gettext("{caption} (chart)", caption=block.caption)
    if plan_year in [label for label, _ in block.years]:
        key = d.group(g, cls="ps-legend")
        d.rect(key, LABEL_X, base + 32, 16, 12, **d.fill(palette.PLAN_YEAR))
        d.text(key, LABEL_X + 22, base + 42.5, loc.gettext("{year}: the plan year",
                                                          year=plan_year), size=12)
    return d
