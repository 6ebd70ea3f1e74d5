"""The budget overview as a reader sees it: every budget in one unit, by funding source, with the
results of the ``budget-overview`` check that verified its sums (the view never re-adds them)."""

from __future__ import annotations

from dataclasses import dataclass

from ..budgets import UNSPECIFIED, BudgetOverview, budget_overview, percent_of
from ..locale import Locale
from ..locale.words import word
from ..parsing import MONEY_UNITS
from .. import model
from .notes import UnnotedLocale


@dataclass
class BudgetRowView:
    section_id: str
    section_label: str
    label: str
    printed: str
    """The budget as the plan prints it."""
    amount: str
    by_source: list[str | None]
    """The amount of each of the overview's sources, in its unit; None where it pays nothing."""


@dataclass
class SourceTotalView:
    source: str
    amount: str
    share: str
    """Its part of the total, ``62.5%``; empty when the total is zero."""


@dataclass
class VerificationView:
    ok: bool
    subject: str
    found: str
    expected: str


@dataclass
class UnbudgetedView:
    section_id: str
    section_label: str
    label: str


@dataclass
class BudgetView:
    unit: str
    """The one unit of every figure (천원 when every figure is whole thousands, else 원)."""
    sources: list[str]
    has_unspecified: bool
    unspecified: str
    """The name of the source of budgets whose split the plan does not give (미지정)."""
    rows: list[BudgetRowView]
    total: str
    totals: list[SourceTotalView]
    total_text: str
    """The total with its unit, for summaries (``1,820,000천원``)."""
    verifications: list[VerificationView]
    unbudgeted: list[UnbudgetedView]

    @property
    def ok(self) -> bool:
        return all(v.ok for v in self.verifications)


def _unit(overview: BudgetOverview) -> tuple[str, int]:
    figures = [overview.total] + list(overview.by_source().values()) + [
        v for r in overview.rows for v in r.by_source.values()] + [r.won for r in overview.rows]
    divisor = 1000 if all(v % 1000 == 0 for v in figures) else 1
    return next(u for u, v in MONEY_UNITS.items() if v == divisor), divisor


def budget_view(plan: model.Plan, results: list, loc: Locale) -> BudgetView:
    """The overview of a checked plan; ``results`` are its check results (the
    ``budget-overview`` ones are shown as its verification)."""
    overview = budget_overview(plan)
    loc = UnnotedLocale(loc)  # the lines' footnotes are on their sections' pages
    unit, divisor = _unit(overview)
    totals = overview.by_source()
    sources = list(totals)
    rows = []
    for r in overview.rows:
        rows.append(BudgetRowView(
            r.section.id, loc.section_label(r.section_index, r.section.title, plan.section_numbering),
            loc.text(r.label),
            loc.stated(r.printed, r.budget),
            loc.number(r.won // divisor),
            [loc.number(r.by_source[s] // divisor) if s in r.by_source else None
             for s in sources]))
    source_totals = [SourceTotalView(
        loc.source(s), loc.number(totals[s] // divisor),
        loc.percent(percent_of(totals[s], overview.total, 1)) if overview.total else "")
        for s in sources]
    checks = [VerificationView(res.ok, word(res.subject, loc), word(res.found, loc),
                               word(res.expected, loc))
              for res in results if res.rule == "budget-overview"]
    return BudgetView(
        unit=loc.unit_name(unit), sources=[loc.source(s) for s in sources],
        has_unspecified=UNSPECIFIED in sources, unspecified=loc.source(UNSPECIFIED), rows=rows,
        total=loc.number(overview.total // divisor), totals=source_totals,
        total_text=loc.thousand_won(overview.total), verifications=checks,
        unbudgeted=[UnbudgetedView(s.id, loc.section_label(i, s.title, plan.section_numbering),
                                   loc.text(label))
                    for i, s, label in overview.unbudgeted])
