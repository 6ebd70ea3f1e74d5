"""The budget overview of a plan: every budget it states, in won, split by funding source.

Derived, never typed twice: the overview gathers each section's budget in won and splits it by
funding source with exact integer arithmetic.
"""

from __future__ import annotations

import math
from typing import get_args
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from . import model

UNSPECIFIED = "미지정"
"""Funding source of a budget whose split the plan does not give."""
SOURCE_ORDER = [*get_args(model.FundingSource), UNSPECIFIED]
"""The order sources are listed in: the model's, then budgets without a split."""


def percent_of(part, whole, digits: int) -> Decimal:
    """``100 × part / whole`` rounded half up to ``digits`` decimals, exactly (no float)."""
    exact = Fraction(part) * 100 / Fraction(whole)
    scale = 10 ** digits
    return Decimal(math.floor(exact * scale + Fraction(1, 2))).scaleb(-digits)


@dataclass
class Statement:
    """One place where a plan states a budget: a heading, an overview line or a budget block."""

    label: model.Text
    """What the place calls it: the heading's title, the line's key, the block's label."""
    budget: model.Budget
    printed: model.Text | None = None
    """The budget as the place prints it (the heading's or line's ``value``, the block's
    ``text``), when the plan gives it."""


@dataclass
class Project:
    """A project (a section, or a sub-project heading of one) and every statement of its one
    budget: the first ``total`` statement is the budget; later ones restate it; ``part``
    statements are components of it."""

    section_index: int
    section: model.Section
    subproject: model.Part | None
    statements: list[Statement] = field(default_factory=list)
    parts: list[Statement] = field(default_factory=list)
    overall: list[Statement] = field(default_factory=list)
    """Statements of the whole cost of a project that runs over several years (총사업비,
    ``role: overall``): never counted, the plan year's budget is a share of it."""

    @property
    def title(self) -> model.Text:
        return self.subproject.title if self.subproject is not None else self.section.title

    @property
    def stated(self) -> Statement | None:
        """The statement that is the project's budget (the first whole one)."""
        return self.statements[0] if self.statements else None

    @property
    def won(self) -> int | None:
        """The project's budget in won: its stated budget, else the sum of its parts; None for
        비예산 or no budget."""
        if self.stated is not None:
            amount = self.stated.budget.amount
            return amount.won if amount is not None else None
        amounts = [p.budget.amount.won for p in self.parts if p.budget.amount is not None]
        return sum(amounts) if amounts else None

    @property
    def overall_won(self) -> int | None:
        """The whole cost in won of a project that runs over several years (its first
        ``overall`` statement); None for a project of the plan year alone."""
        if not self.overall or self.overall[0].budget.amount is None:
            return None
        return self.overall[0].budget.amount.won


def _statements(part: model.Part) -> list[Statement]:
    found = []
    if part.budget is not None:
        found.append(Statement(part.title, part.budget, part.value))
    for block in part.blocks:
        if isinstance(block, model.OverviewBlock):
            found += [Statement(item.key, item.budget, item.value) for item in block.items
                      if isinstance(item, model.OverviewItem) and item.budget is not None]
        elif isinstance(block, model.BudgetBlock):
            found.append(Statement(block.label, block.budget, block.text))
    return found


def section_projects(index: int, section: model.Section) -> tuple[Project, list[Project]]:
    """A section's own project (its budget outside any sub-project heading) and its
    sub-projects, each with the statements of its budget."""
    own = Project(index, section, None)
    subs = []
    for part in section.parts:
        target = own
        if part.subproject:
            target = Project(index, section, part)
            subs.append(target)
        for st in _statements(part):
            {"part": target.parts, "overall": target.overall,
             "total": target.statements}[st.budget.role].append(st)
    return own, subs


def projects(plan: model.Plan) -> list[Project]:
    """The projects whose budgets the plan counts, once each: a section's sub-projects when it
    has them, else the section."""
    out = []
    for i, section in enumerate(plan.sections):
        own, subs = section_projects(i, section)
        out += subs or [own]
    return out


def section_budgets(section: model.Section) -> list[tuple[model.Text, model.Budget]]:
    """(label, budget) of every statement of a budget in a section, in order (restatements
    and parts included: for checks that look at each statement)."""
    return [(st.label, st.budget) for part in section.parts for st in _statements(part)]


def split_won(total: int, funding: model.FundingSplit | None) -> tuple[dict[str, int], int]:
    """Split total won by source; returns (won by source, remainder that did not divide exactly)."""
    if funding is None:
        return {UNSPECIFIED: total}, 0
    out: dict[str, int] = {}
    for share in funding.shares:
        if share.amount is not None:
            part = share.amount.won
        else:  # exact: a fraction of whole won, rounded down
            part = math.floor(Fraction(total) * Fraction(share.ratio) / 100)
        out[share.source] = out.get(share.source, 0) + part
    return out, total - sum(out.values())


@dataclass
class BudgetRow:
    """One project's budget in won, with its split by source (counted once, however often the
    plan restates it)."""

    section_index: int
    section: model.Section
    label: model.Text
    budget: model.Budget
    won: int
    by_source: dict[str, int]
    remainder: int
    project: Project | None = None
    printed: model.Text | None = None
    """The budget as the plan prints it where it is first stated, when it gives the text."""


@dataclass
class BudgetOverview:
    """Every budget of a plan, in won, and the totals by funding source."""

    rows: list[BudgetRow] = field(default_factory=list)
    unbudgeted: list[tuple[int, model.Section, model.Text]] = field(default_factory=list)
    """Projects that state 비예산 (no budget)."""

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
    """Every project's budget in won, split by source: one row a project, whatever number of
    places state it (restatements are held equal by the ``budget-restated`` check)."""
    overview = BudgetOverview()
    for project in projects(plan):
        won = project.won
        if won is None:
            first = project.stated or (project.parts[0] if project.parts else None)
            if first is not None:
                overview.unbudgeted.append((project.section_index, project.section, first.label))
            continue
        if project.stated is not None:
            label, budget = project.stated.label, project.stated.budget
            printed = project.stated.printed
        else:  # only parts: their sum, split as the parts are
            label, budget, printed = project.parts[0].label, project.parts[0].budget, None
        by_source, remainder = split_won(won, _funding(project)) if project.stated is not None \
            else _parts_by_source(project)
        overview.rows.append(BudgetRow(project.section_index, project.section, label, budget,
                                       won, by_source, remainder, project, printed))
    return overview


def _funding(project: Project) -> model.FundingSplit | None:
    """The project's funding split: the first statement that gives one."""
    return next((st.budget.funding for st in project.statements
                 if st.budget.funding is not None), None)


def _parts_by_source(project: Project) -> tuple[dict[str, int], int]:
    totals: dict[str, int] = {}
    remainder = 0
    for part in project.parts:
        if part.budget.amount is None:
            continue
        by_source, rest = split_won(part.budget.amount.won, part.budget.funding)
        remainder += rest
        for src, value in by_source.items():
            totals[src] = totals.get(src, 0) + value
    return totals, remainder
