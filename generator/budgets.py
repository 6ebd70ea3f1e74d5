"""The budget overview of a plan: every budget it states, in won, split by funding source.

Derived, never typed twice: the overview gathers each section's budget in won and splits it by
funding source with exact integer arithmetic.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from . import model

UNSPECIFIED = "미지정"
"""Funding source of a budget whose split the plan does not give."""
SOURCE_ORDER = ["국비", "시비", "도비", "구비", "군비", "기금", "민간", "자부담", "기타", UNSPECIFIED]


def section_budgets(section: model.Section) -> list[tuple[model.Text, model.Budget]]:
    """(label, budget) of every budget a section states, in order."""
    found = []
    for part in section.parts:
        if part.budget is not None:
            found.append((part.title, part.budget))
        for block in part.blocks:
            if isinstance(block, model.OverviewBlock):
                for item in block.items:
                    if item.budget is not None:
                        found.append((item.key, item.budget))
            elif isinstance(block, model.BudgetBlock):
                found.append((block.label, block.budget))
    return found


def split_won(total: int, funding: model.FundingSplit | None) -> tuple[dict[str, int], int]:
    """Split total won by source; returns (won by source, remainder that did not divide exactly)."""
    if funding is None:
        return {UNSPECIFIED: total}, 0
    out: dict[str, int] = {}
    for share in funding.shares:
        if share.amount is not None:
            part = share.amount.won
        else:
            exact = Decimal(total) * share.ratio / 100
            part = int(exact)
        out[share.source] = out.get(share.source, 0) + part
    return out, total - sum(out.values())


@dataclass
class BudgetRow:
    """One budget of the plan in won, with its split by source."""

    section_index: int
    section: model.Section
    label: model.Text
    budget: model.Budget
    won: int
    by_source: dict[str, int]
    remainder: int


@dataclass
class BudgetOverview:
    """Every budget of a plan, in won, and the totals by funding source."""

    rows: list[BudgetRow] = field(default_factory=list)
    unbudgeted: list[tuple[int, model.Section, model.Text]] = field(default_factory=list)
    """Sections that state 비예산 (no budget)."""

    @property
    def total(self) -> int:
        return sum(r.won for r in self.rows)

    def by_source(self) -> dict[str, int]:
        totals: dict[str, int] = {}
        for r in self.rows:
            for src, value in r.by_source.items():
                totals[src] = totals.get(src, 0) + value
        return {s: totals[s] for s in SOURCE_ORDER if s in totals}


def budget_overview(plan: model.Plan) -> BudgetOverview:
    """Gather every budget of the plan in won, split by source."""
    overview = BudgetOverview()
    for i, section in enumerate(plan.sections):
        for label, b in section_budgets(section):
            if b.amount is None:
                overview.unbudgeted.append((i, section, label))
                continue
            won = b.amount.won
            by_source, remainder = split_won(won, b.funding)
            overview.rows.append(BudgetRow(i, section, label, b, won, by_source, remainder))
    return overview
