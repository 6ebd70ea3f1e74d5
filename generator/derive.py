"""Facts derived from a plan for every renderer: the budget overview, schedule months, walks.

Derived, never typed twice: the budget overview gathers each section's budget in won and splits
it by funding source with exact integer arithmetic.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Iterator

from . import model

UNSPECIFIED = "미지정"
"""Funding source of a budget whose split the plan does not give."""
SOURCE_ORDER = ["국비", "시비", "도비", "구비", "군비", "기금", "민간", "자부담", "기타", UNSPECIFIED]


def walk(node) -> list[model.Node]:
    """Every model node below (and including) node, in document order."""
    out: list[model.Node] = []
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, model.Node):
            out.append(item)
            d = item.__dict__
            children = [d[name] for name in type(item).__pydantic_fields__]
            stack.extend(c for c in reversed(children) if isinstance(c, (model.Node, list, dict)))
        elif isinstance(item, list):
            stack.extend(reversed(item))
        elif isinstance(item, dict):
            stack.extend(reversed(list(item.values())))
    return out


_FIELDS_REVERSED: dict[type, tuple[str, ...]] = {}


def index(node, path: tuple = ()) -> tuple[list[model.Node], dict[int, tuple]]:
    """Every model node below node in document order, and the data path of each (by id)."""
    nodes: list[model.Node] = []
    paths: dict[int, tuple] = {}
    stack = [(node, path)]
    branch = (model.Node, list, dict)
    while stack:
        item, where = stack.pop()
        if isinstance(item, model.Node):
            nodes.append(item)
            paths[id(item)] = where
            cls = type(item)
            names = _FIELDS_REVERSED.get(cls)
            if names is None:
                names = _FIELDS_REVERSED[cls] = tuple(reversed(cls.__pydantic_fields__))
            d = item.__dict__
            for n in names:  # pushed last to first, so they pop in document order
                v = d[n]
                if v is not None and isinstance(v, branch) and v != []:
                    stack.append((v, where + (n,)))
        elif isinstance(item, list):
            for i in range(len(item) - 1, -1, -1):
                if isinstance(item[i], branch):
                    stack.append((item[i], where + (i,)))
        elif isinstance(item, dict):
            for k, v in reversed(item.items()):
                if isinstance(v, branch):
                    stack.append((v, where + (k,)))
    return nodes, paths


def section_budgets(section: model.Section) -> list[tuple[str, model.Budget]]:
    """(label, budget) of every budget a section states, in order."""
    found = []
    for part in section.parts:
        if part.budget is not None:
            found.append((part.title.ko, part.budget))
        for block in part.blocks:
            if isinstance(block, model.OverviewBlock):
                for item in block.items:
                    if item.budget is not None:
                        found.append((item.key.ko, item.budget))
            elif isinstance(block, model.BudgetBlock):
                found.append((block.label.ko, block.budget))
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
    label: str
    budget: model.Budget
    won: int
    by_source: dict[str, int]
    remainder: int


@dataclass
class BudgetOverview:
    """Every budget of a plan, in won, and the totals by funding source."""

    rows: list[BudgetRow] = field(default_factory=list)
    unbudgeted: list[tuple[int, model.Section, str]] = field(default_factory=list)
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


@dataclass
class HeaderCell:
    """One cell of a table's header: a column's label, or a group above several columns."""

    label: model.Text
    column: model.Column | None
    """The column it heads; None for a group cell."""
    colspan: int = 1
    rowspan: int = 1


def header_rows(columns: list[model.Column]) -> list[list[HeaderCell]]:
    """A table's header rows: one, or two when columns are grouped (a group spans its columns;
    an ungrouped column spans both rows)."""
    if not any(c.group for c in columns):
        return [[HeaderCell(c.label, c) for c in columns]]
    top: list[HeaderCell] = []
    bottom: list[HeaderCell] = []
    i = 0
    while i < len(columns):
        col = columns[i]
        if col.group is None:
            top.append(HeaderCell(col.label, col, rowspan=2))
            i += 1
            continue
        j = i
        while j < len(columns) and columns[j].group is not None \
                and columns[j].group.ko == col.group.ko:
            j += 1
        top.append(HeaderCell(col.group, None, colspan=j - i))
        bottom += [HeaderCell(c.label, c) for c in columns[i:j]]
        i = j
    return [top, bottom]


def schedule_rows(plan: model.Plan) -> Iterator[tuple[model.ScheduleGroup, model.ScheduleRow]]:
    for group in plan.summary_schedule.groups:
        for row in group.rows:
            yield group, row
