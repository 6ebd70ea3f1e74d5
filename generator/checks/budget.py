"""Budgets: one budget per project, every restatement and budget table held equal to it, and
the budget overview's own sums (what the budget page shows as its verification, 검산)."""

from __future__ import annotations

import re

from .. import cells, model
from ..budgets import Project, budget_overview, section_projects, split_won, _funding
from ..locale.formats import section_mark
from .base import Context, rule
from ..locale.words import N_, Words, in_unit, won


SPLIT_RULES = {"split-amount-sum", "split-ratio-sum", "split-exact-won"}
"""The rules that hold a funding split to its budget: a source's share taken from a split that
failed one is off as a consequence."""


def _split_failed(ctx: Context, funding: model.FundingSplit | None) -> str | None:
    return ctx.failed_within(ctx.path(funding), SPLIT_RULES) if funding is not None else None


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


_YEAR = re.compile(r"^\s*(\d{4})\s*(?:년도|년)?\s*$")


def _year_of(text: str | None) -> int | None:
    m = _YEAR.match(text or "")
    return int(m.group(1)) if m else None


def year_columns(table: model.TableBlock) -> dict[int, model.Column]:
    """The columns of a multi-year budget table that each hold a year (labelled 2027,
    2027년 …), by year."""
    return {y: c for c in table.columns if c.role != "label"
            and (y := _year_of(c.label.ko) or _year_of(c.key)) is not None}


def year_rows(table: model.TableBlock) -> dict[int, model.Row]:
    """The rows of a multi-year budget table that each hold a year (the label cell reads
    2027, 2027년 …), by year."""
    labels = [c.key for c in table.columns if c.role == "label"][:1]
    out = {}
    for row in table.rows:
        cell = row.cells.get(labels[0]) if labels else None
        y = _year_of(cell.text.ko) if cell is not None and cell.text is not None else None
        if y is not None and not row.total:
            out[y] = row
    return out


def _whole(table: model.TableBlock, column: model.Column) -> tuple[int | None, object]:
    """A column's whole: its 계 row's figure (and that cell), else the sum of its rows (and
    the cell, when there is one row)."""
    totals = [r for r in table.rows if r.total]
    if totals:
        cell = totals[0].cells.get(column.key)
        return cells.money_won(table, column, cell), cell
    values = [cells.money_won(table, column, r.cells.get(column.key)) for r in table.rows]
    values = [v for v in values if v is not None]
    only = table.rows[0].cells.get(column.key) if len(table.rows) == 1 else None
    return (sum(values) if values else None), only


def _money_columns(table: model.TableBlock):
    """A budget table's money columns: (its 계 columns, its plain ones, its funding-source
    ones)."""
    money = [c for c in table.columns if c.role != "label" and cells.holds_money(table, c)]
    totals = [c for c in money if c.role == "total"]
    plain = [c for c in money if c.role != "total" and column_source(c) is None]
    sources = [c for c in money if c.role != "total" and column_source(c)]
    return totals, plain, sources


def _row_whole(table: model.TableBlock, row: model.Row) -> tuple[int | None, object]:
    """A row's money whole in won, and its cell: its 계 column's, else its one plain money
    column's, else the sum of its funding-source columns (no single cell)."""
    totals, plain, sources = _money_columns(table)
    for column in totals[:1] or (plain if len(plain) == 1 else []):
        cell = row.cells.get(column.key)
        return cells.money_won(table, column, cell), cell
    values = [cells.money_won(table, c, row.cells.get(c.key)) for c in sources]
    values = [v for v in values if v is not None]
    return (sum(values) if values else None), None


def _name(text) -> str:
    return "".join(model.text_key(text).split()) if not isinstance(text, str) else \
        "".join(text.split())


@rule("budget-table-rows", "세부사업별 예산표 / A table of sub-projects gives each one's budget",
      scope="section")
def table_subproject_rows(ctx: Context) -> None:
    """A budget table of a section with sub-projects whose rows name them (the row's label is
    a sub-project's heading, spaces aside) gives each sub-project's budget in its row, in
    won; the table's 계 is then held to the section's budget by ``budget-table-total``."""
    for own, subs in _all_projects(ctx):
        named = {_name(s.title): s for s in subs if s.won is not None}
        if not named:
            continue
        for table in budget_tables(own):
            for row in table.rows:
                sub = named.get(_name(cells.row_label(table, row))) if not row.total else None
                if sub is None:
                    continue
                found, cell = _row_whole(table, row)
                if found is None:
                    continue
                unit = cells.column_unit(table, next(
                    c for c in table.columns if cells.holds_money(table, c)))
                ctx.compare_difference(
                    ctx.path(cell) if cell is not None else ctx.path(row),
                    Words("{caption} · {row}", caption=table.caption, row=sub.title),
                    sub.won, found, _shown_in(unit),
                    N_("the table gives {row} {found}, {difference} more than its budget "
                       "{expected}"),
                    N_("the table gives {row} {found}, {difference} less than its budget "
                       "{expected}"),
                    Words("make the row and the sub-project's budget agree"), row=sub.title)


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
                totals, plain, sources = _money_columns(table)
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
                subject = Words("{project} / {caption}", project=project.title,
                                caption=table.caption)
                if _multi_year(table):  # its total is the overall cost (budget-overall)
                    if project.overall_won is not None:
                        ctx.compare_difference(
                            where, subject, project.overall_won, found, _shown_in(unit),
                            N_("the table's total {found} is {difference} more than the "
                               "overall cost {expected}"),
                            N_("the table's total {found} is {difference} less than the "
                               "overall cost {expected}"),
                            Words("make the overall cost (role: overall) and the table agree"))
                    continue
                ctx.compare_difference(
                    where, subject,
                    project.won, found, _shown_in(unit),
                    N_("the table's total {found} is {difference} more than the budget "
                       "{expected}"),
                    N_("the table's total {found} is {difference} less than the budget "
                       "{expected}"),
                    Words("make the budget and the table agree"),
                    follows_from=ctx.failed_within(ctx.path(table), {"budget-table-rows"})
                    or _restated_failed(ctx, project, found))


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
            for table in budget_tables(project):
                whole = project.overall_won if _multi_year(table) else project.won
                if whole is None:
                    continue
                split = _overall_funding(project) if _multi_year(table) else funding
                shares = _shares(whole, split)
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
                        follows_from=ctx.failed_within(ctx.path(table), {"budget-table-total"})
                        or _split_failed(ctx, split)
                        or _restated_failed(ctx, project, found, source), source=source)


def _restated_failed(ctx: Context, project: Project, found: int,
                     source: str | None = None) -> str | None:
    """``budget-restated`` when the project's statements of its budget disagree and a budget
    table's whole (or its ``source`` column) agrees with one of them: the table then differs
    from the first statement as a consequence of the disagreement the restatement's error
    already names (both lines), and is listed, not reported a second time.  A table that
    agrees with none of them is reported as ever."""
    failed = next((f for st in project.statements[1:]
                   if (f := ctx.failed_within(ctx.path(st.budget), {"budget-restated"}))), None)
    if failed is None:
        return None
    for st in project.statements:
        stated = st.budget.amount.won if st.budget.amount is not None else None
        if stated is None:
            continue
        if source is None and stated == found:
            return failed
        if source is not None and _shares(stated, st.budget.funding or _funding(project)
                                          ).get(source) == found:
            return failed
    return None


def _multi_year(table: model.TableBlock) -> bool:
    """True for a budget table that breaks a budget down by year (two or more year columns
    or year rows): its total is the overall cost of a multi-year project."""
    return len(year_columns(table)) >= 2 or len(year_rows(table)) >= 2


def _overall_funding(project: Project) -> model.FundingSplit | None:
    """The split of a multi-year project's overall cost: the first overall statement that
    gives one, else the plan year's."""
    return next((st.budget.funding for st in project.overall if st.budget.funding is not None),
                _funding(project))


def _plan_year_figures(table: model.TableBlock, year: int):
    """What a multi-year budget table gives for the plan year: (the year's whole in won, its
    cell or None, {source: (won, cell)}), or None when the table has no column or row for it."""
    columns, rows = year_columns(table), year_rows(table)
    if year in columns:
        found, cell = _whole(table, columns[year])
        return found, cell, {}
    if year not in rows:
        return None
    row = rows[year]
    _, _, source_columns = _money_columns(table)
    by_source = {column_source(c): (cells.money_won(table, c, row.cells.get(c.key)),
                                    row.cells.get(c.key)) for c in source_columns}
    found, cell = _row_whole(table, row)
    return found, cell, by_source


@rule("budget-overall", "총사업비와 당해연도 예산 / A multi-year project's plan-year budget "
      "fits its overall cost", scope="section")
def overall_cost(ctx: Context) -> None:
    """A project that runs over several years states its overall cost (총사업비, ``role:
    overall``) and its budget for the plan year (the one counted).  Every restatement of the
    overall cost equals the first; the plan year's budget is stated and is not more than the
    overall cost; a budget table by year (columns or rows 2027, 2028 …) gives the plan year's
    budget in the plan year's column or row (each funding source its share of it), and its
    total is the overall cost (``budget-table-total``)."""
    year = ctx.plan.year
    for own, subs in _all_projects(ctx):
        for project in [own, *subs]:
            overall = project.overall_won
            unit = _unit_of(project.overall[0].budget) if project.overall else None
            if project.overall and overall is not None:
                first = project.overall[0]
                line = ctx.source.locate(ctx.path(first.budget))[1].line
                for st in project.overall[1:]:
                    if st.budget.amount is None:
                        continue
                    ctx.compare_difference(
                        ctx.path(st.budget) + ("amount",),
                        Words("{project}: {label} restates {first}", project=project.title,
                              label=st.label, first=first.label),
                        overall, st.budget.amount.won, _shown_in(_unit_of(st.budget) or unit),
                        N_("{label} states {found}, {difference} more than the overall cost "
                           "{expected} stated in {first} (line {line})"),
                        N_("{label} states {found}, {difference} less than the overall cost "
                           "{expected} stated in {first} (line {line})"),
                        Words("a project has one overall cost: make every statement of it "
                              "agree"), label=st.label, first=first.label, line=line)
                path = ctx.path(first.budget) + ("amount",)
                subject = Words("{project}: budget for {year} within {label}",
                                project=project.title, year=year, label=first.label)
                if project.won is None and not project.statements:
                    ctx.compare(path, subject, Words("the budget for {year}", year=year),
                                Words("none"), False,
                                Words("{label} gives the overall cost of a project over "
                                      "several years, but no budget for {year} is stated",
                                      label=first.label, year=year),
                                Words("state the plan year's budget too, e.g. budget: "
                                      "{{amount: 15억원}} beside the overall cost's role: "
                                      "overall"))
                elif project.won is not None:
                    ctx.compare(path, subject, Words("at most {overall}",
                                                     overall=in_unit(overall, unit)),
                                in_unit(project.won, unit), project.won <= overall,
                                Words("the budget for {year}, {found}, is more than the overall "
                                      "cost {overall}", year=year,
                                      found=in_unit(project.won, unit),
                                      overall=in_unit(overall, unit)),
                                Words("the plan year's budget is a share of the overall cost: "
                                      "correct one of them"))
            if project.won is None:
                continue
            for table in budget_tables(project):
                if not _multi_year(table):
                    continue
                subject = Words("{project} / {caption} · {year}", project=project.title,
                                caption=table.caption, year=year)
                if project.overall_won is None:
                    ctx.compare(ctx.path(table), subject, Words("an overall cost"),
                                Words("none"), False,
                                Words("the table breaks the budget down by year, but the "
                                      "project states no overall cost for its total"),
                                Words("state the overall cost (총사업비) with role: overall"))
                figures = _plan_year_figures(table, year)
                if figures is None:
                    ctx.compare(ctx.path(table), subject, Words("a column or row for {year}",
                                                                year=year),
                                Words("none"), False,
                                Words("the table gives years, but not the plan year {year}",
                                      year=year),
                                Words("add the plan year's column or row, or correct the "
                                      "years"))
                    continue
                found, cell, by_source = figures
                shown = _shown_in(cells.column_unit(table, next(
                    c for c in table.columns if c.role != "label")))
                where = ctx.path(cell) if cell is not None else ctx.path(table)
                if found is not None:
                    ctx.compare_difference(
                        where, subject, project.won, found, shown,
                        N_("the table gives {found} for {year}, {difference} more than the "
                           "budget {expected}"),
                        N_("the table gives {found} for {year}, {difference} less than the "
                           "budget {expected}"),
                        Words("make the plan year's budget and the table agree"), year=year)
                shares = _shares(project.won, _funding(project))
                for source, (value, src_cell) in by_source.items():
                    if value is None or source not in shares:
                        continue
                    ctx.compare_difference(
                        ctx.path(src_cell) if src_cell is not None else where,
                        Words("{project} / {caption} · {year} · {source}",
                              project=project.title, caption=table.caption, year=year,
                              source=source),
                        shares[source], value, shown,
                        N_("{source} for {year} is {found}, {difference} more than its share "
                           "{expected}"),
                        N_("{source} for {year} is {found}, {difference} less than its share "
                           "{expected}"),
                        Words("correct the cell, or the budget's split"),
                        follows_from=ctx.failed_within(where, {"budget-overall"})
                        or _split_failed(ctx, _funding(project)),
                        source=source, year=year)


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
                          number=section_mark(r.section_index + 1,
                                            ctx.plan.section_numbering), label=r.label),
                    won(r.won), won(found), found == r.won,
                    Words("the sources of this budget add up to {found}, its amount is {amount}",
                          found=won(found), amount=won(r.won)), hint, follows_from=row_cause)
