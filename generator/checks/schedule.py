"""Schedule consistency: summary schedule against sections, dates against the plan year."""

from __future__ import annotations

import re

from .. import model
from ..derive import schedule_rows
from ..formatting import timing
from .base import Context, rule


def _months_text(months) -> str:
    return ", ".join(f"{m}월" for m in sorted(months)) or "none"


def section_period_months(ctx: Context, section: model.Section, year: int) -> set[int] | None:
    """Months of the plan year the section's stated periods (사업기간 …) cover; None if none."""
    periods = [n.period for n in ctx.walk(section)
               if isinstance(n, model.OverviewItem) and n.period is not None]
    if not periods:
        return None
    return {m for p in periods for (y, m) in p.months() if y == year}


ALL_YEAR = "연중"
"""The recurrence that means every month of the plan year."""


def section_item_months(ctx: Context, section: model.Section, year: int) -> set[int]:
    """Months of the plan year in which the section's 추진일정 items fall: the months of dated
    items, and every month for an item that runs all year (연중)."""
    months: set[int] = set()
    for n in ctx.walk(section):
        if isinstance(n, model.Timing):
            if n.every == ALL_YEAR:
                return set(range(1, 13))
            months.update(m for (y, m) in n.months() if y == year)
    return months


@rule("section-id-unique", "사업 id 중복 없음 / Every section has its own id")
def unique_ids(ctx: Context) -> None:
    """No two sections share an id: schedule rows, page addresses and links find a section by
    its id."""
    first: dict[str, int] = {}
    for i, section in enumerate(ctx.plan.sections):
        earlier = first.setdefault(section.id, i)
        ctx.compare(ctx.path(section) + ("id",), section.title.ko, "an id of its own", section.id,
                    earlier == i, f"section {section.id!r} has the id of section {earlier + 1} "
                    f"({ctx.plan.sections[earlier].title.ko})", "give each section its own id")


@rule("schedule-section-link", "추진일정표 → 세부계획 / Schedule rows name a section")
def section_links(ctx: Context) -> None:
    """Every row of the summary schedule names the id of a section of the plan."""
    ids = [s.id for s in ctx.plan.sections]
    for _, row in schedule_rows(ctx.plan):
        ctx.compare(ctx.path(row) + ("section",), row.name.ko, "a section id", row.section,
                    row.section in ids, f"no section has the id {row.section!r}",
                    f"use one of: {', '.join(ids)}")


@rule("schedule-section-listed", "세부계획 → 추진일정표 / Every section is in the schedule",
      "warning")
def sections_listed(ctx: Context) -> None:
    """Every section appears in at least one row of the summary schedule."""
    linked = {row.section for _, row in schedule_rows(ctx.plan)}
    for section in ctx.plan.sections:
        ctx.compare(ctx.path(section) + ("id",), section.title.ko, "a summary-schedule row",
                    "listed" if section.id in linked else "not listed", section.id in linked,
                    f"section {section.id!r} has no row in the summary schedule",
                    "add a row with `section: " + section.id + "` to summary_schedule")


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
        ctx.compare(ctx.path(row) + ("months",), f"{row.name.ko} ({section.title.ko})",
                    f"within {_months_text(allowed)}", _months_text(row.months), not outside,
                    f"the summary schedule marks {_months_text(outside)}, outside the section's "
                    f"period ({_months_text(period)}) and its 추진일정",
                    "correct the row's months or the section's period")


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
        needed = section_item_months(ctx, section, year)
        missing = needed - marked[section.id]
        all_year = any(t.every == ALL_YEAR for t in ctx.of(model.Timing, within=section))
        message = (f"the section's 추진일정 has an item running {ALL_YEAR} (all year), but the "
                   f"summary schedule does not mark {_months_text(missing)}" if all_year else
                   f"the section's 추진일정 has items in {_months_text(missing)}, which the "
                   f"summary schedule does not mark")
        ctx.compare(paths[section.id], section.title.ko, f"marks {_months_text(needed)}",
                    _months_text(marked[section.id]), not missing, message,
                    "mark those months in the row")


@rule("date-in-plan-year", "계획연도 내 일자 / Dates fall in the plan year", "warning")
def dates_in_year(ctx: Context) -> None:
    """Every date the plan schedules (추진일정 timings, stated periods, approval dates) falls in
    the plan year; a period reaching outside it is reported too."""
    year = ctx.plan.year
    for node in ctx.walk():
        if isinstance(node, (model.Timing, model.Period)) and getattr(node, "start", None):
            inside = node.start.year == year and node.end.year == year
            fmt = "%Y-%m" if node.precision == "month" else "%Y-%m-%d"
            shown = node.start.strftime(fmt)
            if node.end.strftime(fmt) != shown:
                shown += ".." + node.end.strftime(fmt)
            ctx.compare(ctx.path(node), "일자", f"in {year}", shown, inside,
                        f"{shown} is not in the plan year {year}",
                        "check the year; schedule items belong to the plan year")
    dated = [(ctx.path(ctx.plan.header) + ("approved_on",), ctx.plan.header.approved_on)]
    dated += [(ctx.path(a) + ("signed_on",), a.signed_on) for a in ctx.plan.approval if a.signed_on]
    for path, d in dated:
        ctx.compare(path, "결재일자", f"in {year} or the year before", d.isoformat(),
                    d.year in (year, year - 1), f"{d.isoformat()} is far from the plan year {year}",
                    "check the approval date")


@rule("printed-timing", "표기 일정 = 입력 일정 / Printed timing shows the typed timing", "warning",
      scope="section")
def printed_timing(ctx: Context) -> None:
    """A 추진일정 line's ``when_text`` (the timing as printed) names the same figures (years,
    months, days, times) and recurrence words as its typed ``when``, so the printed schedule
    and the checked one cannot drift apart."""
    for item in ctx.of(model.ScheduleItem):
        if item.when_text is None:
            continue
        derived = timing(item.when)
        printed = item.when_text.ko
        words = {t.every for t in item.when if t.every}
        same = set(re.findall(r"\d+", printed)) == set(re.findall(r"\d+", derived)) and all(
            w in printed for w in words)
        ctx.compare(ctx.path(item) + ("when_text",), item.text.ko, derived, printed, same,
                    f"the printed timing {printed!r} does not match the typed {derived!r}",
                    "correct `when` or `when_text` so that both say the same")
