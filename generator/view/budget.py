"""The budget overview as a reader sees it: every budget in one unit, by funding source, with the
results of the ``budget-overview`` check that verified its sums (the view never re-adds them)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..budgets import SOURCE_ORDER, UNSPECIFIED, BudgetOverview, budget_overview, percent_of
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
    value: int = 0
    """The figure ``amount`` prints, as a number (in the overview's unit): a chart's bar."""
    source_values: list[int | None] = field(default_factory=list)
    """The figures ``by_source`` prints, as numbers (None where the source pays nothing)."""


@dataclass
class SourceTotalView:
    source: str
    amount: str
    share: str
    """Its part of the total, ``62.5%``; empty when the total is zero."""
    value: int = 0
    """The figure ``amount`` prints, as a number (in the overview's unit)."""
    order: int = 0
    """The source's place in the model's order of sources (the same for a source in every
    plan and language: a chart draws a source alike wherever it appears)."""


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
    total_value: int = 0
    """The figure ``total`` prints, as a number."""
    source_order: list[int] = field(default_factory=list)
    """Each of ``sources``' place in the model's order of sources (see
    :attr:`SourceTotalView.order`)."""

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
        # each figure once, as a number: the view prints it and a chart draws it
        value = r.won // divisor
        values = [r.by_source[s] // divisor if s in r.by_source else None for s in sources]
        rows.append(BudgetRowView(
            r.section.id, loc.section_label(r.section_index, r.section.title, plan.section_numbering),
            loc.text(r.label),
            loc.stated(r.printed, r.budget),
            loc.number(value),
            [loc.number(v) if v is not None else None for v in values],
            value, values))
    source_totals = []
    for s in sources:
        value = totals[s] // divisor
        source_totals.append(SourceTotalView(
            loc.source(s), loc.number(value),
            loc.percent(percent_of(totals[s], overview.total, 1)) if overview.total else "",
            value, SOURCE_ORDER.index(s)))
    total = overview.total // divisor
    checks = [VerificationView(res.ok, word(res.subject, loc), word(res.found, loc),
                               word(res.expected, loc))
              for res in results if res.rule == "budget-overview"]
    return BudgetView(
        unit=loc.unit_name(unit), sources=[loc.source(s) for s in sources],
        has_unspecified=UNSPECIFIED in sources, unspecified=loc.source(UNSPECIFIED), rows=rows,
        total=loc.number(total), totals=source_totals, total_value=total,
        source_order=[SOURCE_ORDER.index(s) for s in sources],
        total_text=loc.thousand_won(overview.total), verifications=checks,
        unbudgeted=[UnbudgetedView(s.id, loc.section_label(i, s.title, plan.section_numbering),
                                   loc.text(label))
                    for i, s, label in overview.unbudgeted])
