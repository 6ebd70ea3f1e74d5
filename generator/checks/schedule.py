"""Schedule consistency: summary schedule against sections, dates against the plan year."""

from __future__ import annotations

import re

from .. import model, parsing
from ..footnotes import plain
from ..budgets import section_budgets
from ..model import schedule_rows
from ..locale import get as locale
from .base import Context, rule
from ..locale.words import Joined, Months, Words


def _periods(ctx: Context, section: model.Section) -> list[model.Period]:
    return [n.period for n in ctx.walk(section)
            if isinstance(n, model.OverviewItem) and n.period is not None]


def section_period_months(ctx: Context, section: model.Section, year: int) -> set[int] | None:
    """Months of the plan year the section's stated periods (사업기간 …) cover; None if none."""
    periods = _periods(ctx, section)
    if not periods:
        return None
    return {m for p in periods for (y, m) in p.months() if y == year}


ALL_YEAR = "연중"
"""The recurrence that means every month of the plan year."""


def chronologies(ctx: Context, within=None) -> list[tuple]:
    """The data paths of the chronologies (``kind: chronology``: 추진경과, 그간의 추진실적)."""
    return [ctx.path(b) for b in ctx.of(model.ScheduleBlock, within=within)
            if b.kind == "chronology"]


def in_chronology(ctx: Context, node, paths: list[tuple]) -> bool:
    """True for a node (an item, a timing) of one of the chronologies at ``paths``."""
    where = ctx.path(node)
    return any(where[:len(p)] == p for p in paths)


def planned_items(ctx: Context, section: model.Section) -> list[model.ScheduleItem]:
    """The section's 추진일정 items: its schedules' items, not its chronologies' (what has been
    done so far is not a step of the plan year)."""
    past = chronologies(ctx, section)
    items = ctx.of(model.ScheduleItem, within=section)
    return [i for i in items if not in_chronology(ctx, i, past)] if past else items


def _outside(timing: model.Timing, periods: list[model.Period]) -> bool:
    """True for a dated timing that no stated period holds (schedule-within-period reports
    it, at the item)."""
    return bool(periods) and timing.start is not None and not any(
        p.start <= timing.start and timing.end <= p.end for p in periods)


def section_item_months(ctx: Context, section: model.Section, year: int,
                        reported_apart: bool = False) -> set[int]:
    """Months of the plan year in which the section's 추진일정 items fall: the months of dated
    items, and every month for an item that runs all year (연중).  ``reported_apart`` leaves
    out the items that ``schedule-within-period`` reports (dated outside the section's period,
    not marked ``outside_period``), so that one mistake is reported once."""
    periods = _periods(ctx, section) if reported_apart else []
    months: set[int] = set()
    for item in planned_items(ctx, section):
        for n in item.when:
            if n.every == ALL_YEAR:
                return set(range(1, 13))
            if not item.outside_period and _outside(n, periods):
                continue
            months.update(m for (y, m) in n.months() if y == year)
    return months


@rule("section-id-unique", "사업 id 중복 없음 / Every section has its own id")
def unique_ids(ctx: Context) -> None:
    """No two sections share an id: schedule rows, page addresses and links find a section by
    its id."""
    first: dict[str, int] = {}
    for i, section in enumerate(ctx.plan.sections):
        earlier = first.setdefault(section.id, i)
        ctx.compare(ctx.path(section) + ("id",), section.title, Words("an id of its own"),
                    section.id, earlier == i,
                    Words("section {id!r} has the id of section {number} ({title})",
                          id=section.id, number=earlier + 1,
                          title=ctx.plan.sections[earlier].title),
                    Words("give each section its own id"))


@rule("schedule-section-link", "추진일정표 → 세부계획 / Schedule rows name a section")
def section_links(ctx: Context) -> None:
    """Every row of the summary schedule names the id of a section of the plan."""
    ids = [s.id for s in ctx.plan.sections]
    for _, row in schedule_rows(ctx.plan):
        ctx.compare(ctx.path(row) + ("section",), row.name, Words("a section id"), row.section,
                    row.section in ids, Words("no section has the id {id!r}", id=row.section),
                    Words("use one of: {ids}", ids=", ".join(ids)))


@rule("schedule-section-listed", "세부계획 → 추진일정표 / Every section is in the schedule",
      "warning")
def sections_listed(ctx: Context) -> None:
    """Every section appears in at least one row of the summary schedule (when the plan has
    one)."""
    if ctx.plan.summary_schedule is None:
        return
    linked = {row.section for _, row in schedule_rows(ctx.plan)}
    for section in ctx.plan.sections:
        ctx.compare(ctx.path(section) + ("id",), section.title, Words("a summary-schedule row"),
                    Words("listed") if section.id in linked else Words("not listed"),
                    section.id in linked,
                    Words("section {id!r} has no row in the summary schedule", id=section.id),
                    Words("add a row with `section: {id}` to summary_schedule", id=section.id))


@rule("schedule-row-period", "추진일정표 월 ⊆ 사업기간 / Schedule months within the section's "
      "period", "warning")
def row_within_period(ctx: Context) -> None:
    """The months a summary-schedule row marks fall within its section's stated period
    (사업기간, 평가기간 …) or in a month one of the section's own 추진일정 items names (an item
    running 연중 names every month)."""
    year = ctx.plan.year
    for _, row in schedule_rows(ctx.plan):
        section = ctx.plan.section(row.section)
        if section is None:
            continue
        period = section_period_months(ctx, section, year)
        if period is None:
            continue
        allowed = period | section_item_months(ctx, section, year)
        outside = set(row.months) - allowed
        ctx.compare(ctx.path(row) + ("months",),
                    Words("{row} ({section})", row=row.name, section=section.title),
                    Words("within {months}", months=Months(tuple(sorted(allowed)))),
                    Months(tuple(row.months)), not outside,
                    Words("the summary schedule marks {outside}, outside the section's period "
                          "({period}) and its 추진일정", outside=Months(tuple(sorted(outside))),
                          period=Months(tuple(sorted(period)))),
                    Words("correct the row's months or the section's period"))


@rule("schedule-items-marked", "세부 일정 → 추진일정표 / Section dates are marked in the "
      "schedule", "warning")
def items_marked(ctx: Context) -> None:
    """Every month of the plan year in which a section's 추진일정 item is dated (every month,
    for an item running 연중) is marked in at least one summary-schedule row of that section."""
    year = ctx.plan.year
    marked: dict[str, set[int]] = {}
    paths: dict[str, tuple] = {}
    for _, row in schedule_rows(ctx.plan):
        marked.setdefault(row.section, set()).update(row.months)
        paths.setdefault(row.section, ctx.path(row) + ("months",))
    for section in ctx.plan.sections:
        if section.id not in marked:
            continue
        needed = section_item_months(ctx, section, year, reported_apart=True)
        missing = needed - marked[section.id]
        all_year = any(t.every == ALL_YEAR for i in planned_items(ctx, section) for t in i.when)
        gap = Months(tuple(sorted(missing)))
        message = (Words("the section's 추진일정 has an item running {all_year} (all year), but "
                         "the summary schedule does not mark {months}", all_year=ALL_YEAR,
                         months=gap) if all_year else
                   Words("the section's 추진일정 has items in {months}, which the summary "
                         "schedule does not mark", months=gap))
        ctx.compare(paths[section.id], section.title,
                    Words("marks {months}", months=Months(tuple(sorted(needed)))),
                    Months(tuple(sorted(marked[section.id]))), not missing, message,
                    Words("mark those months in the row"))


@rule("schedule-within-period", "추진일정 ⊆ 사업기간 / Schedule items fall within the section's "
      "period", scope="section")
def items_within_period(ctx: Context) -> None:
    """Every dated item of a section's 추진일정 (a month, a date or a range) falls within the
    period the section states (사업기간, 평가기간 …), when it states one.  A step outside it on
    purpose (recruiting before, evaluating after) says so with ``outside_period: true``.  A
    chronology's items (``kind: chronology``) are what has happened before, not steps of the
    period."""
    for section in ctx.plan.sections:
        periods = _periods(ctx, section)
        if not periods:
            continue
        items = [i for i in planned_items(ctx, section) if not i.outside_period]
        for item in items:
            for timing in (t for t in item.when if t.start is not None):
                inside = not _outside(timing, periods)
                shown = Joined(tuple(periods), ", ")
                ctx.compare(ctx.path(timing), Words("{section}: schedule", section=section.title),
                            Words("within {period}", period=shown), timing, inside,
                            Words("{timing} is outside the section's period {period}",
                                  timing=timing, period=shown),
                            Words("correct the item's date or the section's period; a step "
                                  "outside the period on purpose takes `outside_period: true`"))


@rule("date-in-plan-year", "계획연도 내 일자 / Dates fall in the plan year", "warning")
def dates_in_year(ctx: Context) -> None:
    """Every date the plan schedules (추진일정 timings, stated periods, approval dates) falls in
    the plan year; a period reaching outside it is reported too.  A project that runs over
    several years (one that states its overall cost, ``role: overall``) may have a period past
    the plan year, and dates inside that period.  A chronology (``kind: chronology``: 추진경과,
    그간의 추진실적) tells what has happened: its dates may lie before the plan year, not after it."""
    year = ctx.plan.year
    multi_year = {i: _periods(ctx, s) for i, s in enumerate(ctx.plan.sections)
                  if any(b.role == "overall" for _, b in section_budgets(s))}
    past = chronologies(ctx)
    for node in ctx.walk():
        if isinstance(node, model.Timing) and node.start and past and in_chronology(
                ctx, node, past):
            shown = _shown(node)
            ctx.compare(ctx.path(node), Words("date"), Words("in {year} or before", year=year),
                        shown, node.end.year <= year,
                        Words("{date} is after the plan year {year}, in a chronology of what "
                              "has been done", date=shown, year=year),
                        Words("check the year; a chronology (추진경과) holds what has happened, "
                              "the plan's own steps go in a schedule"))
            continue
        if isinstance(node, (model.Timing, model.Period)) and getattr(node, "start", None):
            path = ctx.path(node)
            periods = multi_year.get(path[1]) if path[:1] == ("sections",) else None
            if periods is not None and (isinstance(node, model.Period) or not _outside(
                    node, periods)):
                continue  # a project over several years: its period and the dates inside it
            inside = node.start.year == year and node.end.year == year
            shown = _shown(node)
            ctx.compare(ctx.path(node), Words("date"), Words("in {year}", year=year), shown,
                        inside, Words("{date} is not in the plan year {year}", date=shown,
                                      year=year),
                        Words("check the year; schedule items belong to the plan year"))
    dated = [(ctx.path(ctx.plan.header) + ("approved_on",), ctx.plan.header.approved_on)]
    dated += [(ctx.path(a) + ("signed_on",), a.signed_on) for a in ctx.plan.approval if a.signed_on]
    for path, d in dated:
        ctx.compare(path, Words("approval date"),
                    Words("in {year} or the year before", year=year), d.isoformat(),
                    d.year in (year, year - 1),
                    Words("{date} is far from the plan year {year}", date=d.isoformat(),
                          year=year),
                    Words("check the approval date"))


def _shown(node) -> str:
    """A dated timing or period as the plan typed it: ``2016-03``, ``2016-03-05..2016-04-30``."""
    fmt = "%Y-%m" if node.precision == "month" else "%Y-%m-%d"
    shown = node.start.strftime(fmt)
    if node.end.strftime(fmt) != shown:
        shown += ".." + node.end.strftime(fmt)
    return shown


@rule("printed-timing", "표기 일정 = 입력 일정 / Printed timing shows the typed timing", "warning",
      scope="section")
def printed_timing(ctx: Context) -> None:
    """A 추진일정 line's ``when_text`` (the timing as printed) names the same figures (years,
    months, days, times) and recurrence words as its typed ``when``, so the printed schedule
    and the checked one cannot drift apart.  A year may be printed with two digits after an
    apostrophe (``’17. 7.25.``, ``'16. 1월``, also after ‘ or ′), or without it in a full date
    (``17. 7. 25.``) when it is a year of the typed timing; it stands for the typed year it ends
    with, else for the latest such year at most ten years after the plan year."""
    for item in ctx.of(model.ScheduleItem):
        if item.when_text is None:
            continue
        derived = locale("ko").timing(item.when)  # the printed timing is the Korean one
        printed = plain(item.when_text.ko)
        years = tuple(sorted({d.year for t in item.when for d in (t.start, t.end) if d}))
        expanded = parsing.expand_short_years(printed, ctx.plan.year, years)
        words = {t.every for t in item.when if t.every}
        same = set(re.findall(r"\d+", expanded)) == set(re.findall(r"\d+", derived)) and all(
            w in printed for w in words)
        ctx.compare(ctx.path(item) + ("when_text",), item.text, derived, item.when_text, same,
                    Words("the printed timing {printed!r} does not match the typed {derived!r}",
                          printed=printed, derived=derived),
                    Words("correct `when` or `when_text` so that both say the same"))


@rule("chronology-order", "추진경과 순서 / A chronology's items are in order", scope="section")
def chronology_order(ctx: Context) -> None:
    """The dated items of a chronology (``kind: chronology``: 추진경과, 그간의 추진실적) are in the
    order they happened, read top to bottom (the lines below an item included): an item that
    ends before the dated item above it begins is out of order, and is reported at its date,
    naming both dates.  Items of the same day, month or overlapping ranges are in order."""
    for block in ctx.of(model.ScheduleBlock):
        if block.kind != "chronology":
            continue
        previous: tuple[model.ScheduleItem, model.Timing] | None = None
        for item in (n for n in model.walk(block) if isinstance(n, model.ScheduleItem)):
            dated = [t for t in item.when if t.start is not None]
            if not dated:
                continue
            first = min(dated, key=lambda t: t.start)
            if previous is not None:
                before, when = previous
                last = max(t.end for t in item.when if t.end is not None)
                ctx.compare(ctx.path(first), item.text,
                            Words("from {date} on", date=when), first, last >= when.start,
                            Words("{text} ({date}) comes after {previous} ({previous_date}), "
                                  "which happened later", text=item.text, date=first,
                                  previous=before.text, previous_date=when),
                            Words("put the items in the order they happened, or correct the "
                                  "date"))
            previous = (item, first)
