"""The Gantt chart of a plan's year: one row per project of the summary schedule (추진일정표),
months across, each row's months as the grid marks them, and each section's own 추진일정 items
as numbered marks on the first row that names the section.

What it draws comes from the plan's view (:class:`~generator.view.plan.PlanView`): the rows'
months (:attr:`ScheduleRowView.months`, the grid's ■), and the schedule lines' timings
(:attr:`~generator.view.blocks.ScheduleLine.timings`), each worded by the locale.  A mark:

- a month: a diamond in its column; a date: a triangle at its day; a range: a bar from its
  first to its last day (several timings of one item: a mark for each, one number);
- a recurring item (매월, 분기별, 연중, 수시 …) or a count of times (총 6회, 월 1~2회): its number
  and words at the start of the row's months, the row's recurring items side by side, and a
  dashed line after them over the rest of the row's months (the plan gives no month for
  them);
- a timing outside the plan year (a step prepared the year before): an arrow at that edge.

This month is marked on the intranet site without the build reading the clock: the chart
carries a hidden frame over January and the plan year (``data-year``), and the site's small
script (``generator/assets/site/charts.js``) moves the frame to the reader's month and shows it
when the reader's year is the plan year.  The SVG is the same whenever it is built; without
the script (the PDF, a public page, a reader without JavaScript) nothing is marked.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction

from ..locale import Locale
from ..locale.shown import join
from ..view.blocks import ScheduleLine, TimingView
from ..view.plan import PlanView, ScheduleRowView
from . import palette
from .svg import Drawing, num
from .text import width, wrap

@dataclass(frozen=True)
class Geometry:
    """The chart's frame: its width and where the months lie (wider in print, where the text
    is smaller for the same width)."""

    width: int
    label_w: int
    lane: int = 16
    """The height of a lane of marks under a row's band."""
    narrow: bool = False
    """A phone's chart: each row's name above its band, the months across the whole width."""

    @property
    def x0(self) -> int:
        return 6 if self.narrow else self.label_w + 16

    @property
    def x1(self) -> int:
        return self.width - 6

    @property
    def month_w(self) -> Fraction:
        return Fraction(self.x1 - self.x0, 12)

    def month_x(self, month, offset=0) -> Fraction:
        """Where a month's column starts (``offset``: that many months on)."""
        return self.x0 + self.month_w * (Fraction(month) - 1 + offset)

    def day_x(self, day: date, year: int, end: bool = False) -> Fraction:
        """Where a day lies across the year: its month's column, then its day within it (the
        end of the day when ``end``)."""
        if day.year < year:
            return Fraction(self.x0)
        if day.year > year:
            return Fraction(self.x1)
        days = calendar.monthrange(day.year, day.month)[1]
        return self.month_x(day.month, Fraction(day.day - (0 if end else 1), days))


GEOMETRY = {"site": Geometry(680, 210), "print": Geometry(760, 250, lane=14),
            "narrow": Geometry(360, 0, narrow=True)}
LABEL_X = 4
HEAD = 24
"""The months' headings above the rows."""
LINE = 15
BAND = 10
MARK = 5
"""Half the size of a mark."""
NUMBER_SIZE = 10
WORDS_SIZE = 11


@dataclass
class Step:
    """One line of a section's 추진일정, numbered within its section."""

    number: int
    text: str
    when: str
    """What the line prints after its text, or its timings in words when its text says when
    (``when_shown: false``)."""
    timings: list[TimingView]


@dataclass
class Row:
    """One row of the chart: a row of the summary schedule, and the steps of its section when
    it is the first row that names it."""

    unit: str
    row: ScheduleRowView
    steps: list[Step] = field(default_factory=list)
    first: str = ""
    """For a later row of a section already in the chart: the name of its first row, where
    the section's steps are (else empty)."""


def _flat(lines: list[ScheduleLine]) -> list[ScheduleLine]:
    out = []
    for line in lines:
        out.append(line)
        out += _flat(line.children)
    return out


def section_steps(section) -> list[Step]:
    """The timed lines of a section's 추진일정 blocks (not its chronologies), in order."""
    lines = [line for part in section.parts for block in part.blocks
             if block.type == "schedule" and getattr(block, "kind", "schedule") == "schedule"
             for line in _flat(block.lines) if line.timings]
    return [Step(i + 1, line.text, line.when or join(", ", [t.label for t in line.timings]),
                 line.timings) for i, line in enumerate(lines)]


def rows(view: PlanView) -> list[Row]:
    """The chart's rows, in the summary schedule's order."""
    steps = {s.id: section_steps(s) for s in view.sections}
    out, first = [], {}
    for group in view.schedule_groups:
        for r in group.rows:
            if r.section in first:
                out.append(Row(group.unit, r, [], first[r.section]))
            else:
                first[r.section] = r.name
                out.append(Row(group.unit, r, steps.get(r.section, [])))
    return out


def _runs(months: list[int]) -> list[tuple[int, int]]:
    """Consecutive months as (first, last) runs."""
    out: list[list[int]] = []
    for m in sorted(set(months)):
        if out and m == out[-1][1] + 1:
            out[-1][1] = m
        else:
            out.append([m, m])
    return [(a, b) for a, b in out]


class _Lanes:
    """Lanes under a row's band: a mark takes the first lane where it overlaps nothing."""

    def __init__(self):
        self.taken: list[list[tuple[float, float]]] = []

    def place(self, left: float, right: float) -> int:
        for i, spans in enumerate(self.taken):
            if all(right + 3 <= a or left >= b + 3 for a, b in spans):
                spans.append((left, right))
                return i
        self.taken.append([(left, right)])
        return len(self.taken) - 1


@dataclass
class _Shape:
    kind: str
    """``month``, ``date``, ``range``, ``before`` or ``after``."""
    left: Fraction
    right: Fraction


def _shapes(step: Step, geo: Geometry, year: int) -> list[_Shape]:
    """The marks of a step's dated timings."""
    shapes = []
    for t in step.timings:
        if t.start is None:
            continue
        if t.end.year < year:
            shapes.append(_Shape("before", Fraction(geo.x0), Fraction(geo.x0 + 2 * MARK)))
        elif t.start.year > year:
            shapes.append(_Shape("after", Fraction(geo.x1 - 2 * MARK), Fraction(geo.x1)))
        elif t.kind == "month":
            cx = geo.month_x(t.start.month, Fraction(1, 2))
            shapes.append(_Shape("month", cx - MARK, cx + MARK))
        elif t.kind == "date":
            cx = (geo.day_x(t.start, year) + geo.day_x(t.start, year, end=True)) / 2
            shapes.append(_Shape("date", cx - MARK, cx + MARK))
        else:
            shapes.append(_Shape("range", geo.day_x(t.start, year),
                                 geo.day_x(t.end, year, end=True)))
    return shapes


@dataclass
class _Chip:
    """A recurring step's number and words, in the row's lanes of recurring steps."""

    step: Step
    words: str
    x: Fraction
    lane: int


@dataclass
class _RowLayout:
    row: Row
    unit_lines: list
    name_lines: list
    band: float
    """How far below the row's top its band starts (under its name, on a narrow chart)."""
    chips: list[_Chip]
    repeat_lanes: list[Fraction]
    """Where each lane of recurring steps ends (its dashed line runs on from there)."""
    dated: list[tuple[Step, list[_Shape], str, int]]
    """Each dated step: its marks, its number, its lane (below the recurring lanes)."""
    top: float
    head: float
    height: float


def _row_span(row: ScheduleRowView, geo: Geometry) -> tuple[Fraction, Fraction]:
    months = row.months or list(range(1, 13))
    return geo.month_x(min(months)), geo.month_x(max(months), 1)


def _layout(chart_rows: list[Row], loc: Locale, year: int, geo: Geometry
            ) -> tuple[list[_RowLayout], float]:
    """Where each row goes (a unit's heading above its first row), and the rows' bottom."""
    layout = []
    y = HEAD
    unit = None
    for r in chart_rows:
        unit_lines = []
        if r.unit != unit:
            unit = r.unit
            unit_lines = wrap(r.unit, 12, geo.width - 8, max_lines=2)
        name_lines = wrap(r.row.name, 12.5, (geo.width - 18) if geo.narrow
                          else geo.label_w - 10)
        start, end = _row_span(r.row, geo)
        chips, repeat_lanes = [], []
        x = start + 2
        dated_lanes = _Lanes()
        dated = []
        for step in r.steps:
            number = loc.number(step.number)
            undated = [t.label for t in step.timings if t.start is None]
            if undated:
                words = join(" ", [number, join(", ", undated)])
                w = Fraction(round(width(words, WORDS_SIZE) * 10), 10)
                if not repeat_lanes or (x > start + 2 and x + w > geo.x1):
                    repeat_lanes.append(start)
                    x = start + 2
                chips.append(_Chip(step, words, x, len(repeat_lanes) - 1))
                x += w
                repeat_lanes[-1] = x
                x += 10
            shapes = _shapes(step, geo, year)
            if shapes:
                left = min(s.left for s in shapes)
                right = max(max(s.right for s in shapes),
                            shapes[0].right + 2 + width(number, NUMBER_SIZE))
                dated.append((step, shapes, number, dated_lanes.place(float(left), float(right))))
        lanes = len(repeat_lanes) + len(dated_lanes.taken)
        head = (len(unit_lines) * LINE + 8) if unit_lines else 0
        band = len(name_lines) * LINE + 4 if geo.narrow else 6
        marks = band + BAND + 4 + lanes * geo.lane + 3
        height = marks if geo.narrow else max(len(name_lines) * LINE + 8, marks)
        layout.append(_RowLayout(r, unit_lines, name_lines, band, chips, repeat_lanes,
                                 [(s, sh, n, lane + len(repeat_lanes)) for s, sh, n, lane in dated],
                                 y, head, height))
        y += head + height
    return layout, y


def _pages(chart_rows: list[Row], loc: Locale, year: int, geo: Geometry, legend_h: float,
           max_height: float | None) -> list[list[Row]]:
    """The rows cut into charts no taller than ``max_height`` (each a page of the PDF), a row
    never cut; one chart when there is no limit."""
    if max_height is None:
        return [chart_rows]

    def cut(limit: float) -> list[list[Row]]:
        pages: list[list[Row]] = [[]]
        for r in chart_rows:
            trial = pages[-1] + [r]
            if pages[-1] and _layout(trial, loc, year, geo)[1] + 10 + legend_h > limit:
                pages.append([r])
            else:
                pages[-1] = trial
        return pages
    pages = cut(max_height)
    if len(pages) == 1:
        return pages
    # as many pages, more evenly filled (no last page of one row)
    total = _layout(chart_rows, loc, year, geo)[1] + len(pages) * (10 + legend_h)
    limit = total / len(pages)
    while limit < max_height:
        even = cut(limit)
        if len(even) == len(pages):
            return even
        limit += 20
    return pages


def gantt(view: PlanView, loc: Locale, medium: str, today: bool = False,
          chart_id: str = "chart-gantt", max_height: float | None = None,
          narrow: bool = False) -> tuple[list[Drawing], list[Row]] | None:
    """The Gantt of a plan's view (one chart, or with ``max_height`` as many as it takes to
    keep each no taller), and its rows (for the table beside it); None for a plan without a
    summary schedule.  ``narrow``: the chart a phone shows instead (the site's)."""
    chart_rows = rows(view)
    if not chart_rows:
        return None
    geo = GEOMETRY["narrow" if narrow else medium]
    names = loc.gettext("1 2 3 4 5 6 7 8 9 10 11 12 (month columns)").split()
    if len(names) != 12:
        raise ValueError(f"the {loc.lang} catalog names {len(names)} month columns, not 12")
    legend = _legend_layout(loc, today, geo)
    legend_h = (max(line for *_, line in legend) + 1) * (LINE + 4) + 6
    pages = _pages(chart_rows, loc, view.year, geo, legend_h, max_height)
    title = loc.gettext("Schedule chart")
    caption = loc.gettext("{title}: chart", title=view.schedule_title) if view.schedule_title \
        else title
    drawings = []
    for n, page in enumerate(pages):
        def paged(words):
            return words if len(pages) == 1 else loc.gettext(
                "{title} ({page} of {pages})", title=words, page=loc.number(n + 1),
                pages=loc.number(len(pages)))
        description = loc.gettext(
            "The {count} projects of the summary schedule across the months of {year}: a bar "
            "spans the months each runs, and numbered marks show the steps of its own schedule "
            "(a month, a date, a period, or a recurring step), as the table beside the chart "
            "lists them.", count=loc.number(len(page)), year=str(view.year))
        d = _draw(page, names, legend, legend_h, loc, view.year, medium, geo, today,
                  chart_id if len(pages) == 1 else f"{chart_id}-{n + 1}", paged(title),
                  description)
        d.caption = paged(caption)
        drawings.append(d)
    return drawings, chart_rows


def _draw(chart_rows: list[Row], names: list[str], legend, legend_h, loc: Locale, year: int,
          medium: str, geo: Geometry, today: bool, chart_id: str, title: str,
          description: str) -> Drawing:
    layout, y = _layout(chart_rows, loc, year, geo)
    legend_y = y + 10
    d = Drawing(chart_id, geo.width, legend_y + legend_h, title, description, medium,
                "ps-gantt ps-chart-narrow" if geo.narrow else "ps-gantt", loc)
    if today:
        d.root.set("data-year", str(year))
    # months: headings and dotted guides
    guides = d.group(cls="ps-months")
    for i, name in enumerate(names):
        d.text(guides, geo.month_x(i + 1, Fraction(1, 2)), 16, name, size=11,
               anchor="middle", fill=palette.INK_MUTED, cls="ps-month")
    for i in range(13):
        x = geo.month_x(i + 1)
        d.line(guides, x, HEAD - 4, x, y, palette.GUIDE, 0.6, stroke_dasharray="1 2")
    body = d.group(cls="ps-rows")
    for lay in layout:
        r = lay.row
        if lay.unit_lines:
            d.rect(body, LABEL_X - 2, lay.top + 2, max(d.label_width(line, 12) for line in
                                                       lay.unit_lines) + 6,
                   len(lay.unit_lines) * LINE, palette.PAGE)
            d.text(body, LABEL_X, lay.top + 14, r.unit, size=12, weight="bold", cls="ps-unit",
                   lines=lay.unit_lines, line_height=LINE)
            d.line(body, LABEL_X, lay.top + lay.head - 3, geo.x1, lay.top + lay.head - 3,
                   palette.INK_MUTED, 0.8)
        y0 = lay.top + lay.head
        row = d.group(body, cls="ps-row", data_section=r.row.section)
        if geo.narrow:  # the month guides stop at the name above the band
            d.rect(row, LABEL_X, y0 + 3, max(d.label_width(line, 12.5) for line in
                                                lay.name_lines) + 6, len(lay.name_lines) * LINE,
                   palette.PAGE)
        d.text(row, LABEL_X + (3 if geo.narrow else 8), y0 + 15, r.row.name, size=12.5,
               cls="ps-label", lines=lay.name_lines, line_height=LINE)
        span = d.group(row, cls="ps-span", data_months=" ".join(str(m) for m in r.row.months))
        for first, last in _runs(r.row.months):
            d.rect(span, geo.month_x(first) + 1, y0 + lay.band,
                   geo.month_w * (last - first + 1) - 2,
                   BAND, palette.SPAN, rx=2)

        def lane_y(lane):
            return y0 + lay.band + BAND + 4 + lane * geo.lane + Fraction(geo.lane, 2)
        _, row_end = _row_span(r.row, geo)
        for lane, end in enumerate(lay.repeat_lanes):
            if row_end - (end + 4) > 8:
                d.line(row, end + 4, lane_y(lane), row_end - 2, lane_y(lane), palette.STEP, 2,
                       stroke_dasharray="5 3", class_="ps-repeat-line")
        chips = {id(c.step): c for c in lay.chips}
        dated = {id(s): (shapes, number, lane) for s, shapes, number, lane in lay.dated}
        for step in r.steps:
            _draw_step(d, row, step, loc.number(step.number), chips.get(id(step)),
                       dated.get(id(step)), lane_y)
        d.line(body, LABEL_X, y0 + lay.height, geo.x1, y0 + lay.height, palette.GUIDE, 0.6,
               stroke_dasharray="1 2")
    if today:
        frame = d.group(cls="ps-today", visibility="hidden", data_step=num(geo.month_w))
        d.rect(frame, geo.x0 + 1, 2, geo.month_w - 2, y - 2, "none", stroke=palette.TODAY,
               stroke_width="1.6", stroke_dasharray="4 3")
    _legend(d, legend, legend_y)
    return d


def _draw_step(d: Drawing, parent, step: Step, number: str, chip: _Chip | None, dated,
               lane_y) -> None:
    """One step's marks in one group: its words among the row's recurring steps, its dated
    marks with its number after the first."""
    g = d.group(parent, cls="ps-step", data_step=str(step.number))
    if chip is not None:
        mark = d.group(g, cls="ps-mark ps-mark-repeat")
        cy = lane_y(chip.lane)
        d.rect(mark, chip.x - 1, cy - 7, d.label_width(chip.words, WORDS_SIZE) + 2, 14,
               palette.PAGE)  # the month guides stop at the words
        d.text(mark, chip.x, cy + 4, chip.words, size=WORDS_SIZE, fill=palette.STEP,
               cls="ps-step-words")
    if dated is None:
        return
    shapes, _, lane = dated
    cy = lane_y(lane)
    for s in shapes:
        mark = d.group(g, cls=f"ps-mark ps-mark-{s.kind}")
        cx = (s.left + s.right) / 2
        if s.kind == "month":
            d.path(mark, [(cx, cy - MARK), (cx + MARK, cy), (cx, cy + MARK), (cx - MARK, cy)],
                   palette.STEP)
        elif s.kind == "date":
            d.path(mark, [(cx - MARK, cy - MARK), (cx + MARK, cy - MARK), (cx, cy + MARK)],
                   palette.STEP)
        elif s.kind == "range":
            d.rect(mark, s.left + Fraction(1, 2), cy - 3, max(s.right - s.left - 1, 2), 6,
                   palette.STEP, rx=3)
        elif s.kind == "before":
            d.path(mark, [(s.left, cy), (s.right, cy - MARK), (s.right, cy + MARK)], palette.STEP)
        else:
            d.path(mark, [(s.right, cy), (s.left, cy - MARK), (s.left, cy + MARK)], palette.STEP)
    d.text(g, shapes[0].right + 2, cy + 4, number, size=NUMBER_SIZE, fill=palette.STEP,
           weight="bold", cls="ps-step-number")


def _legend_layout(loc: Locale, today: bool, geo: Geometry
                   ) -> list[tuple[str, str, float, int]]:
    """What the marks mean, in lines under the rows: (kind, words, x, line) each."""
    items = [("span", loc.gettext("months in the summary schedule")),
             ("month", loc.gettext("a step in a month")),
             ("date", loc.gettext("on a date")),
             ("range", loc.gettext("over a period")),
             ("repeat", loc.gettext("recurring, or a number of times")),
             ("before", loc.gettext("outside the plan year"))]
    if today:
        items.append(("today", loc.gettext("this month")))
    out = []
    x, line = LABEL_X, 0
    for kind, label in items:
        w = 26 + width(label, WORDS_SIZE) + 14
        if x + w > geo.width - 4 and x > LABEL_X:
            x, line = LABEL_X, line + 1
        out.append((kind, label, x, line))
        x += w
    return out


def _legend(d: Drawing, legend: list[tuple[str, str, float, int]], y) -> None:
    g = d.group(cls="ps-legend")
    for kind, label, x, line in legend:
        cy = y + 8 + line * (LINE + 4)
        if kind == "span":
            d.rect(g, x, cy - BAND / 2, 20, BAND, palette.SPAN, rx=2)
        elif kind == "month":
            d.path(g, [(x + 10, cy - MARK), (x + 10 + MARK, cy), (x + 10, cy + MARK),
                       (x + 10 - MARK, cy)], palette.STEP)
        elif kind == "date":
            d.path(g, [(x + 10 - MARK, cy - MARK), (x + 10 + MARK, cy - MARK), (x + 10, cy + MARK)],
                   palette.STEP)
        elif kind == "range":
            d.rect(g, x, cy - 3, 20, 6, palette.STEP, rx=3)
        elif kind == "repeat":
            d.line(g, x, cy, x + 20, cy, palette.STEP, 2, stroke_dasharray="5 3")
        elif kind == "before":
            d.path(g, [(x + 5, cy), (x + 15, cy - MARK), (x + 15, cy + MARK)], palette.STEP)
        else:  # shown with the frame, by the site's script
            key = d.group(g, cls="ps-today-key", visibility="hidden")
            d.rect(key, x + 2, cy - 7, 16, 14, "none", stroke=palette.TODAY, stroke_width="1.6",
                   stroke_dasharray="4 3")
            d.text(key, x + 26, cy + 4, label, size=11, fill=palette.INK_MUTED)
            continue
        d.text(g, x + 26, cy + 4, label, size=11, fill=palette.INK_MUTED)
