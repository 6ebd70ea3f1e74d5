"""Charts of a plan, drawn at build time as SVG: no JavaScript, so one chart works on the site,
in the PDF and offline.

- the year's schedule as a Gantt chart (:mod:`.gantt`): the summary schedule's rows, their
  months, and each section's own 추진일정 steps as numbered marks;
- where the money goes (:mod:`.bars`): the budget by project, by funding source (one unit, with
  the total), and each project's split between its sources, as bars (not pies);
- a multi-year target series (a ``targets`` block of two years or more).

Each chart is drawn from a view (:mod:`generator.view`): the figures and words are the view's,
formatted by the locale, and the lengths are the numbers the view printed; nothing is derived
again here.  A projection's view is all a chart sees, so the public site's charts show public
figures only.  Each has a title and a description (``role="img"``, ``aria-labelledby``,
``aria-describedby``), and the page puts a table of the same figures beside it; colours and
patterns are chosen for contrast, greyscale print and colour-blind readers
(:mod:`.palette`).  The SVG is written through an XML library (:mod:`.svg`) and is the same
bytes for the same input.

Why no charting library: the charts are four simple kinds whose every mark must carry the view's
own figure, title, pattern and language marks; a library would add its own ids, scripts or
styles to strip (pygal writes random ids and links a script; matplotlib, with numpy, adds tens of
megabytes and sets text as paths unless told otherwise) and still leave the Gantt to write.
Drawing them here is a few hundred lines of plain geometry with exact arithmetic.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup

from ..locale import Locale
from ..view.blocks import TargetsView
from ..view.budget import BudgetView
from ..view.plan import PlanView
from . import bars, gantt
from .svg import Drawing

MEDIA = ("site", "print")


@dataclass
class Chart:
    """One chart, ready to be put on a page."""

    id: str
    """Its id in the page (``chart-gantt``); every id inside it starts with it."""
    title: str
    """Its name (the SVG's title, the PDF figure's alternative text): the page's words only."""
    description: str
    """What it shows, in a sentence or two (the SVG's description): the page's words and
    figures only."""
    drawing: Drawing = field(repr=False)
    table_id: str = ""
    """The id of the table beside it that gives the same figures."""
    caption: str = ""
    """Its title on the page (the figure's caption), which may name the plan's texts (the
    summary schedule's title, a targets block's caption), their languages marked."""
    narrow: "Chart | None" = None
    """The same chart laid out for a phone (on the site: labels above the bars, the months
    across the whole width), which the page shows instead on a narrow screen."""

    def svg(self) -> Markup:
        """The SVG, counting the plan texts it shows as shown on the page being rendered."""
        self.drawing.count_texts()
        return Markup(self._svg)

    def __post_init__(self):
        self._svg = self.drawing.svg()


@dataclass
class PlanCharts:
    """The charts of one plan's view, for one medium (the site, the print)."""

    gantt: list[Chart] = field(default_factory=list)
    """The Gantt: one chart on the site; in print, as many as it takes to fit a page each."""
    gantt_rows: list[gantt.Row] = field(default_factory=list)
    """The Gantt's rows with their numbered steps (the table beside the chart)."""
    budget: BudgetView | None = None
    """The budget overview the budget charts are drawn from (its tables are theirs)."""
    budget_projects: Chart | None = None
    budget_sources: Chart | None = None
    budget_split: Chart | None = None
    targets: list[tuple[str, TargetsView, Chart]] = field(default_factory=list)
    """Each multi-year targets block with its chart and the label of its section, in order."""

    def targets_of(self, block) -> Chart | None:
        """The chart of a targets block of this plan's view, or None."""
        return next((chart for _, b, chart in self.targets if b is block), None)

    @property
    def budget_charts(self) -> list[Chart]:
        return [c for c in (self.budget_projects, self.budget_sources, self.budget_split) if c]

    @property
    def any(self) -> bool:
        return bool(self.gantt or self.budget_charts or self.targets)


PRINT_HEIGHT = 1000
"""The tallest chart in print, in the charts' units (760 to the text's width): what fits an A4
page under its heading."""


def plan_charts(view: PlanView, budget: BudgetView | None, loc: Locale, medium: str = "site",
                today: bool = False) -> PlanCharts:
    """Every chart of a plan's view: its Gantt (``today``: with the hidden frame the site's
    script moves to this month), its budget charts (from ``budget``, the view of its budget
    overview) and the chart of each multi-year targets block."""
    if medium not in MEDIA:
        raise ValueError(f"unknown medium {medium!r}; charts are drawn for {', '.join(MEDIA)}")
    out = PlanCharts(budget=budget)
    site = medium == "site"
    drawn = gantt.gantt(view, loc, medium, today=today,
                        max_height=None if site else PRINT_HEIGHT)
    if drawn is not None:
        drawings, rows = drawn
        out.gantt = [_chart(d, "chart-gantt-table") for d in drawings]
        out.gantt_rows = rows
        if site:
            narrow = gantt.gantt(view, loc, medium, today=today, chart_id="chart-gantt-narrow",
                                 narrow=True)[0][0]
            out.gantt[0].narrow = _chart(narrow, "chart-gantt-table")
    if budget is not None:
        for name, make, table in (("budget_projects", bars.budget_projects, "by-section-table"),
                                  ("budget_sources", bars.budget_sources, "by-source-table"),
                                  ("budget_split", bars.budget_split, "by-section-table")):
            d = make(budget, loc, medium)
            if d is not None:
                chart = _chart(d, table)
                if site:
                    chart.narrow = _chart(make(budget, loc, medium, f"{d.id}-narrow", True),
                                          table)
                setattr(out, name, chart)
    n = 0
    for section in view.sections:
        for part in section.parts:
            for block in part.blocks:
                if isinstance(block, TargetsView):
                    n += 1
                    d = bars.targets(block, loc, medium, view.year,
                                     f"chart-targets-{section.id}-{n}")
                    if d is not None:
                        out.targets.append((section.label, block, Chart(
                            d.id, d.title, d.description, d, block.id or f"{d.id}-table",
                            d.caption)))
    return out


def _chart(d: Drawing, table_id: str) -> Chart:
    return Chart(d.id, d.title, d.description, d, table_id, d.caption)
