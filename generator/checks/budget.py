"""The budget overview's own sums: what the budget page shows as its verification (검산)."""

from __future__ import annotations

from ..budgets import budget_overview
from ..locale.formats import circled
from .base import Context, rule
from .wording import Words, won

SPLIT_RULES = {"split-amount-sum", "split-ratio-sum", "split-exact-won"}


@rule("budget-overview", "예산 총괄 검산 / The budget overview adds up")
def overview_sums(ctx: Context) -> None:
    """The budget overview (every budget of the plan in won, split by funding source) adds up:
    the sources' totals and the projects' amounts each sum to the total, and each project's
    sources sum to its amount.  The budget page shows these results as its verification."""
    overview = budget_overview(ctx.plan)
    # a split that does not add up is reported by its own rule; the overview's sums then fail
    # as a consequence, listed (never ✓) but not reported twice
    causes = [ctx.failed_within(ctx.path(r.budget), SPLIT_RULES) for r in overview.rows]
    cause = next((c for c in causes if c), None)
    total = overview.total
    by_source = sum(overview.by_source().values()) + sum(r.remainder for r in overview.rows)
    by_project = sum(r.won for r in overview.rows)
    hint = Words("a budget's split does not divide it; see split-exact-won and split-amount-sum")
    ctx.compare((), Words("sum of the funding sources' totals = total"), won(total),
                won(by_source), by_source == total,
                Words("the funding sources add up to {found}, the total is {total}",
                      found=won(by_source), total=won(total)), hint, follows_from=cause)
    ctx.compare((), Words("sum of the projects' amounts = total"), won(total), won(by_project),
                by_project == total,
                Words("the projects add up to {found}, the total is {total}",
                      found=won(by_project), total=won(total)), hint, follows_from=cause)
    for r, row_cause in zip(overview.rows, causes):
        found = sum(r.by_source.values())
        ctx.compare(ctx.path(r.budget),
                    Words("{number} {label}: sum of the funding sources = amount",
                          number=circled(r.section_index + 1), label=r.label),
                    won(r.won), won(found), found == r.won,
                    Words("the sources of this budget add up to {found}, its amount is {amount}",
                          found=won(found), amount=won(r.won)), hint, follows_from=row_cause)
