"""Splits and breakdowns: funding ratios and amounts, count breakdowns, caps, budget totals."""

from __future__ import annotations

from decimal import Decimal

from .. import model, parsing
from ..parsing import MONEY_UNITS
from ..budgets import budget_overview, section_budgets
from ..formatting import number
from .base import Context, rule
from .totals import cell_value


@rule("split-ratio-sum", "재원 비율 합 100 / Funding ratios add up to 100", scope="section")
def ratio_sum(ctx: Context) -> None:
    """The ratios of a funding split (국비 : 시비 : 구비) add up to 100."""
    for node in ctx.walk():
        if isinstance(node, model.FundingSplit) and all(s.ratio is not None for s in node.shares):
            total = sum(s.ratio for s in node.shares)
            ctx.compare(ctx.path(node), "재원 비율 " + " : ".join(
                f"{s.source} {number(s.ratio)}" for s in node.shares), "100", number(total),
                total == 100, f"funding ratios add up to {number(total)}, not 100",
                "correct the ratios so they add up to 100")


def _budget_amounts(ctx: Context):
    """(split, the amount it splits) for every split of a budget or with a total."""
    for section in ctx.plan.sections:
        for _, budget in section_budgets(section):
            if budget.funding is not None and budget.amount is not None:
                yield budget.funding, budget.funding.total or budget.amount
    for node in ctx.walk():
        if isinstance(node, model.Cell) and node.split is not None and node.split.total:
            yield node.split, node.split.total


@rule("split-amount-sum", "재원 금액 합 = 총액 / Funding amounts add up to the total", scope="section")
def amount_sum(ctx: Context) -> None:
    """The amounts of a funding split add up to the budget (or the split's ``total``), in won."""
    for split, total in _budget_amounts(ctx):
        if not all(s.amount is not None for s in split.shares):
            continue
        found = sum(s.amount.won for s in split.shares)
        ctx.compare(ctx.path(split), "재원 금액 합", f"{number(total.won)}원", f"{number(found)}원",
                    found == total.won,
                    f"the sources add up to {number(found)}원, the total is {number(total.won)}원",
                    "correct an amount or the total")


@rule("split-exact-won", "비율 배분의 원 단위 / Ratio splits divide into whole won", "warning",
      scope="section")
def exact_won(ctx: Context) -> None:
    """Splitting a budget by its ratios gives whole won for every source (no rounding needed)."""
    overview = budget_overview(ctx.plan)
    for row in overview.rows:
        shares = row.budget.funding.shares if row.budget.funding else []
        if not shares or any(s.ratio is None for s in shares) or sum(
                s.ratio for s in shares) != 100:
            continue  # amounts, or ratios that split-ratio-sum reports
        ctx.compare(ctx.path(row.budget), f"{row.section.title.ko} {row.label}", "0원 remainder",
                    f"{number(row.remainder)}원", row.remainder == 0,
                    f"splitting {number(row.won)}원 by the ratios leaves {number(row.remainder)}원 "
                    f"that no source pays", "give the split as amounts")


@rule("count-breakdown", "내역 합계 / Breakdowns add up", scope="section")
def count_breakdown(ctx: Context) -> None:
    """A count's parts add up to it (9개 = 예비 1개 + 인증 8개); with ``parts_total`` they add up
    to that and their number equals the count (4개 분야 worth 100 points)."""
    for node in ctx.walk():
        if not isinstance(node, model.Count) or not node.parts:
            continue
        valued = [p.value for p in node.parts if p.value is not None]
        if not valued:
            continue
        found = sum(valued)
        label = " + ".join(f"{p.label.ko} {number(p.value)}" for p in node.parts
                           if p.value is not None)
        if node.parts_total is None:
            ctx.compare(ctx.path(node), label, f"{number(node.value)}{node.unit}",
                        f"{number(found)}{node.unit}", found == node.value,
                        f"the parts add up to {number(found)}, the count is {number(node.value)}",
                        "correct a part or the count")
        else:
            ctx.compare(ctx.path(node), label, number(node.parts_total), number(found),
                        found == node.parts_total,
                        f"the parts add up to {number(found)}, not {number(node.parts_total)}",
                        "correct a part or parts_total")
            ctx.compare(ctx.path(node), f"{number(node.value)}{node.unit}",
                        str(node.value), str(len(node.parts)), len(node.parts) == node.value,
                        f"{len(node.parts)} parts are listed but the count is {node.value}",
                        "list every part or correct the count")


@rule("cap-split-total", "상한 내역 = 상한 / A cap's split equals the cap", scope="section")
def cap_split(ctx: Context) -> None:
    """When an overview line gives a cap and how it divides (최대 80백만원 - 1차년 50, 2차년 30),
    the divided figure in its unit equals the cap."""
    for node in ctx.walk():
        if isinstance(node, model.OverviewItem) and node.cap and node.cap_split:
            unit = node.cap_split.unit or node.cap.unit
            try:
                split_won = parsing.to_won(Decimal(node.cap_split.value), unit)
            except KeyError:
                ctx.compare(ctx.path(node) + ("cap_split",), node.key.ko, "a money unit", unit,
                            False, f"cap_split unit {unit!r} is not a money unit",
                            "use 원, 천원, 만원, 백만원 or 억원")
                continue
            ctx.compare(ctx.path(node) + ("cap_split",), f"{node.key.ko} 상한",
                        f"{number(node.cap.won)}원", f"{number(split_won)}원",
                        split_won == node.cap.won,
                        f"the cap is {number(node.cap.won)}원 but its split totals "
                        f"{number(split_won)}원", "make the cap and its split agree")


@rule("budget-table-total", "예산 = 예산표 계 / A budget equals its table's total", scope="section")
def budget_table_total(ctx: Context) -> None:
    """When a □ heading states a budget and holds a table with a 계 row in a money unit, the
    budget equals that total, in won."""
    for part in (p for s in ctx.plan.sections for p in s.parts):
        if part.budget is None or part.budget.amount is None:
            continue
        for block in part.blocks:
            if not isinstance(block, model.TableBlock):
                continue
            for row in (r for r in block.rows if r.total):
                for col in block.columns:
                    unit = col.unit or block.unit
                    if col.type not in ("number", "money") or unit not in MONEY_UNITS:
                        continue
                    try:
                        value = cell_value(block, col, row.cells.get(col.key))
                    except ValueError:
                        continue
                    if value is None:
                        continue
                    try:
                        won = value if col.type == "money" else parsing.to_won(value, unit)
                    except ValueError as exc:
                        ctx.compare(ctx.path(row.cells[col.key]), block.caption.ko,
                                    "a whole number of won", f"{value}{unit}", False, str(exc),
                                    "money is counted in whole won; check the figure")
                        continue
                    ctx.compare(ctx.path(row.cells[col.key]), f"{part.title.ko} / {block.caption.ko}",
                                f"{number(part.budget.amount.won)}원", f"{number(won)}원",
                                won == part.budget.amount.won,
                                f"the table's total is {number(won)}원 but the budget stated "
                                f"above it is {number(part.budget.amount.won)}원",
                                "make the budget and the table agree")


@rule("printed-figure", "표기 수치 = 입력값 / Printed text shows the typed figure", "warning",
      scope="section")
def printed_figure(ctx: Context) -> None:
    """An overview line's printed ``value`` shows the figure its typed fields hold (budget
    amount, count, target), so the text people read and the data checked cannot drift apart."""
    for node in ctx.walk():
        if not isinstance(node, (model.OverviewItem, model.Part)) or node.value is None:
            continue
        label = node.key.ko if isinstance(node, model.OverviewItem) else node.title.ko
        text = node.value.ko.replace(" ", "")
        figures = []
        if node.budget and node.budget.amount:
            figures.append(number(node.budget.amount.amount))
        if isinstance(node, model.OverviewItem):
            for c in (node.count, node.target):
                if c is not None:
                    figures.append(number(c.value))
            if node.cap:
                figures.append(number(node.cap.amount))
        for fig in figures:
            ctx.compare(ctx.path(node) + ("value",), f"{label}: {node.value.ko}", fig,
                        node.value.ko, fig in text,
                        f"the printed text does not show the figure {fig}",
                        "update the printed value or the typed field")
