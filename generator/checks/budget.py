"""Budgets: one budget per project, every restatement and budget table held equal to it, and
the budget overview's own sums (what the budget page shows as its verification, 검산)."""

from __future__ import annotations

from .. import cells, model, parsing
from ..budgets import Project, budget_overview, section_projects, split_won, _funding
from ..locale.formats import circled
from ..parsing import MONEY_UNITS
from .base import Context, rule
from ..locale.words import N_, Words, in_unit, won


def _shown_in(unit: str | None):
    """Shows an amount in won in the plan's unit (see :func:`in_unit`)."""
    return lambda value_won: in_unit(value_won, unit)


def _unit_of(budget: model.Budget) -> str | None:
    return budget.amount.unit if budget.amount is not None else None


def _all_projects(ctx: Context) -> list[tuple[Project, list[Project]]]:
    return [section_projects(i, s) for i, s in enumerate(ctx.plan.sections)]


def _shares(budget_won: int, funding: model.FundingSplit | None) -> dict[str, int]:
    return split_won(budget_won, funding)[0] if funding is not None else {}


@rule("budget-restated", "예산 재기재 일치 / Every restatement of a budget agrees",
      scope="section")
def restated(ctx: Context) -> None:
    """A project (a section, or a sub-project heading) has one budget.  Where the plan states it
    again (the overview's 사업예산 line and the □ 사업예산 heading, say), each restatement equals
    the first, in won whatever the unit, and gives the same funding split; the budget is
    counted once."""
    for own, subs in _all_projects(ctx):
        for project in [own, *subs]:
            if len(project.statements) < 2:
                continue
            first = project.stated
            first_won = project.won
            first_split = _shares(first_won or 0, _funding(project))
            first_line = ctx.source.locate(ctx.path(first.budget))[1].line
            for st in project.statements[1:]:
                amount = st.budget.amount
                found = amount.won if amount is not None else None
                unit = _unit_of(st.budget) or _unit_of(first.budget)
                path = ctx.path(st.budget) + ("amount",)
                subject = Words("{project}: {label} restates {first}", project=project.title,
                                label=st.label, first=first.label)
                hint = Words("a project has one budget: make every statement of it agree, or "
                             "mark a component `role: part`")
                where = {"label": st.label, "first": first.label, "line": first_line}
                if found is not None and first_won is not None:
                    ctx.compare_difference(
                        path, subject, first_won, found, _shown_in(unit),
                        N_("{label} states {found}, {difference} more than the budget "
                           "{expected} stated in {first} (line {line})"),
                        N_("{label} states {found}, {difference} less than the budget "
                           "{expected} stated in {first} (line {line})"), hint, **where)
                else:  # 비예산 on one side
                    shown = [in_unit(v, unit) if v is not None else Words("non-budget")
                             for v in (first_won, found)]
                    ctx.compare(path, subject, shown[0], shown[1], found == first_won,
                                Words("{label} states {found}, but {first} (line {line}) "
                                      "states {expected}", found=shown[1], expected=shown[0],
                                      **where), hint)
                if st.budget.funding is None or found is None or found != first_won:
                    continue
                split = _shares(found, st.budget.funding)
                if first_split and split != first_split:
                    ctx.compare(ctx.path(st.budget.funding),
                                Words("{project}: funding of {label}", project=project.title,
                                      label=st.label),
                                _funding(project), st.budget.funding, False,
                                Words("{label} splits the budget differently from {first}",
                                      label=st.label, first=first.label),
                                Words("give the same funding split wherever the budget is "
                                      "stated"))


@rule("budget-parts-sum", "예산 구성 합계 / A budget's parts add up to it", scope="section")
def parts_sum(ctx: Context) -> None:
    """The components of a project's budget (statements with ``role: part``) add up to the
    budget, in won."""
    for own, subs in _all_projects(ctx):
        for project in [own, *subs]:
            if not project.parts or project.stated is None or project.won is None:
                continue
            found = sum(p.budget.amount.won for p in project.parts if p.budget.amount)
            ctx.compare_difference(
                ctx.path(project.parts[-1].budget),
                Words("{project}: parts of {label}", project=project.title,
                      label=project.stated.label),
                project.won, found, _shown_in(_unit_of(project.stated.budget)),
                N_("the parts add up to {found}, {difference} more than the budget {expected}"),
                N_("the parts add up to {found}, {difference} less than the budget {expected}"),
                Words("correct a part or the budget"))


@rule("budget-subprojects-sum", "세부사업 예산 합계 / Sub-projects add up to the section's "
      "budget", scope="section")
def subprojects_sum(ctx: Context) -> None:
    """When a section states its budget and has sub-projects (``subproject: true`` headings)
    with budgets, the sub-projects' budgets add up to the section's."""
    for own, subs in _all_projects(ctx):
        amounts = [p.won for p in subs if p.won is not None]
        if own.stated is None or own.won is None or not amounts:
            continue
        ctx.compare_difference(
            ctx.path(own.stated.budget),
            Words("{section}: sub-projects", section=own.section.title), own.won, sum(amounts),
            _shown_in(_unit_of(own.stated.budget)),
            N_("the sub-projects add up to {found}, {difference} more than the section's "
               "budget {expected}"),
            N_("the sub-projects add up to {found}, {difference} less than the section's "
               "budget {expected}"),
            Words("correct a sub-project's budget or the section's"))


def budget_tables(project: Project) -> list[model.TableBlock]:
    """The tables that break a project's budget down: marked ``budget: true``, or (unmarked)
    under a heading of the project that states its budget."""
    section = project.section
    parts = [project.subproject] if project.subproject is not None else \
        [p for p in section.parts if not p.subproject]
    out = []
    for part in parts:
        for block in part.blocks:
            if isinstance(block, model.TableBlock) and (
                    block.budget or (block.budget is None and part.budget is not None
                                     and part.budget.amount is not None)):
                out.append(block)
    return out


SOURCES = set(model.FundingSource.__args__)


def column_source(column: model.Column) -> str | None:
    """The funding source a budget table's column holds: its ``source``, or the source its
    label names (국비, 시 비 …)."""
    if column.source:
        return column.source
    for name in (column.label.ko, column.key):
        name = "".join(name.split())
        if name in SOURCES:
            return name
    return None


def _won(table: model.TableBlock, column: model.Column, cell: model.Cell | None) -> int | None:
    """A money figure of a budget table in won (None when empty, not a figure, or not money)."""
    unit = cells.column_unit(table, column)
    if column.type not in ("number", "money") or (column.type == "number"
                                                  and unit not in MONEY_UNITS):
        return None
    try:
        fig = cells.figure(table, column, cell)
    except ValueError:
        return None  # reported by table-cell-number
    if fig is None:
        return None
    if column.type == "money":
        return int(fig.value)
    try:
        return parsing.to_won(fig.value, unit)
    except ValueError:
        return None  # a fraction of a won: reported by table-cell-number


def _whole(table: model.TableBlock, column: model.Column) -> tuple[int | None, object]:
    """A column's whole: its 계 row's figure (and that cell), else the sum of its rows."""
    totals = [r for r in table.rows if r.total]
    if totals:
        cell = totals[0].cells.get(column.key)
        return _won(table, column, cell), cell
    values = [_won(table, column, r.cells.get(column.key)) for r in table.rows]
    values = [v for v in values if v is not None]
    return (sum(values) if values else None), None


@rule("budget-table-total", "예산 = 예산표 계 / A budget table adds up to the budget",
      scope="section")
def table_total(ctx: Context) -> None:
    """A budget table (under the □ 사업예산 heading, or marked ``budget: true``) adds up to the
    project's budget wherever the plan states it: its 계 column (or, without one, its one money
    column, or the sum of its funding-source columns) in the 계 row (or, without one, summed
    over the rows), in won."""
    for own, subs in _all_projects(ctx):
        for project in [own, *subs]:
            if project.won is None:
                continue
            unit_of_budget = _unit_of(project.stated.budget) if project.stated else None
            for table in budget_tables(project):
                money = [c for c in table.columns if c.role != "label" and (
                    c.type == "money" or (c.type == "number"
                                          and cells.column_unit(table, c) in MONEY_UNITS))]
                totals = [c for c in money if c.role == "total"]
                plain = [c for c in money if c.role != "total" and column_source(c) is None]
                sources = [c for c in money if c.role != "total" and column_source(c)]
                if totals:
                    found, cell = _whole(table, totals[0])
                elif len(plain) == 1:
                    found, cell = _whole(table, plain[0])
                elif sources and not plain:
                    wholes = [_whole(table, c) for c in sources]
                    found = sum(w for w, _ in wholes if w is not None) if any(
                        w is not None for w, _ in wholes) else None
                    cell = None
                else:
                    continue  # no column holds the table's whole (several plain columns)
                if found is None:
                    continue
                unit = cells.column_unit(table, totals[0] if totals else (
                    plain[0] if plain else sources[0])) or unit_of_budget
                where = ctx.path(cell) if cell is not None else ctx.path(table)
                ctx.compare_difference(
                    where, Words("{project} / {caption}", project=project.title,
                                 caption=table.caption),
                    project.won, found, _shown_in(unit),
                    N_("the table's total {found} is {difference} more than the budget "
                       "{expected}"),
                    N_("the table's total {found} is {difference} less than the budget "
                       "{expected}"),
                    Words("make the budget and the table agree"))


@rule("budget-table-source", "재원별 열 = 재원 몫 / Each funding-source column holds its share",
      scope="section")
def table_sources(ctx: Context) -> None:
    """In a budget table with a column per funding source (구분 | 계 | 국비 | 시비 | 구비), each
    source's column adds up (계 row, or the sum of its rows) to that source's share of the
    project's budget: its amount, or its ratio applied exactly, in won."""
    for own, subs in _all_projects(ctx):
        for project in [own, *subs]:
            if project.won is None:
                continue
            funding = _funding(project)
            shares = _shares(project.won, funding)
            for table in budget_tables(project):
                for col in table.columns:
                    source = column_source(col)
                    if source is None or col.role == "label":
                        continue
                    found, cell = _whole(table, col)
                    if found is None:
                        continue
                    unit = cells.column_unit(table, col)
                    where = ctx.path(cell) if cell is not None else ctx.path(table)
                    subject = Words("{project} / {caption} · {source}", project=project.title,
                                    caption=table.caption, source=source)
                    if source not in shares:
                        ctx.compare(where, subject, Words("a share of {source}", source=source),
                                    in_unit(found, unit), False,
                                    Words("the table has a {source} column, but the budget "
                                          "gives no {source} share", source=source),
                                    Words("give the budget's funding split, e.g. funding: "
                                          "{{국비: 50, 시비: 50}}"))
                        continue
                    # a table whose total is off has its source columns off as a consequence
                    ctx.compare_difference(
                        where, subject, shares[source], found, _shown_in(unit),
                        N_("the {source} column adds up to {found}, {difference} more than its "
                           "share {expected}"),
                        N_("the {source} column adds up to {found}, {difference} less than its "
                           "share {expected}"),
                        Words("correct the column, or the budget's split"),
                        follows_from=ctx.failed_within(ctx.path(table), {"budget-table-total"}),
                        source=source)


SPLIT_RULES = {"split-amount-sum", "split-ratio-sum", "split-exact-won"}


@rule("budget-overview", "예산 총괄 검산 / The budget overview adds up")
def overview_sums(ctx: Context) -> None:
    """The budget overview (every project's budget in won, split by funding source) adds up as
    the budget page shows it: the sources' totals sum to the total, and each project's sources
    sum to its amount (a split that leaves won no source pays fails both, as a consequence of
    ``split-exact-won`` or ``split-amount-sum``).  The budget page shows these results as its
    verification."""
    overview = budget_overview(ctx.plan)
    # a split that does not add up is reported by its own rule; the overview's sums then fail
    # as a consequence, listed (never ✓) but not reported twice
    causes = [ctx.failed_within(ctx.path(r.budget), SPLIT_RULES) for r in overview.rows]
    cause = next((c for c in causes if c), None)
    total = overview.total
    by_source = sum(overview.by_source().values())  # the figures the page's 계 row shows
    hint = Words("a budget's split does not divide it; see split-exact-won and split-amount-sum")
    ctx.compare((), Words("sum of the funding sources' totals = total"), won(total),
                won(by_source), by_source == total,
                Words("the funding sources add up to {found}, the total is {total}",
                      found=won(by_source), total=won(total)), hint, follows_from=cause)
    for r, row_cause in zip(overview.rows, causes):
        found = sum(r.by_source.values())
        ctx.compare(ctx.path(r.budget),
                    Words("{number} {label}: sum of the funding sources = amount",
                          number=circled(r.section_index + 1), label=r.label),
                    won(r.won), won(found), found == r.won,
                    Words("the sources of this budget add up to {found}, its amount is {amount}",
                          found=won(found), amount=won(r.won)), hint, follows_from=row_cause)
