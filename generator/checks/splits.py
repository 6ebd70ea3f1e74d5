"""Splits and breakdowns: funding ratios and amounts, count breakdowns, caps, budget totals."""

from __future__ import annotations

import re
from decimal import Decimal

from .. import model, parsing
from ..budgets import budget_overview, section_budgets
from ..locale import get as locale
from .base import Context, rule
from ..locale.words import N_, Joined, Quantity, Words, in_unit, won


@rule("split-ratio-sum", "재원 비율 합 100 / Funding ratios add up to 100", scope="section")
def ratio_sum(ctx: Context) -> None:
    """The ratios of a funding split (국비 : 시비 : 구비) add up to 100."""
    for node in ctx.walk():
        if isinstance(node, model.FundingSplit) and all(s.ratio is not None for s in node.shares):
            total = sum(s.ratio for s in node.shares)
            ctx.compare(ctx.path(node), Words("funding ratios {split}", split=node),
                        Quantity(100), Quantity(total), total == 100,
                        Words("funding ratios add up to {total}, not 100", total=Quantity(total)),
                        Words("correct the ratios so they add up to 100"))


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
        ctx.compare_difference(
            ctx.path(split), Words("sum of the funding amounts"), total.won, found,
            lambda v: in_unit(v, total.unit),
            N_("the funding amounts add up to {found}, {difference} more than the total "
               "{expected}"),
            N_("the funding amounts add up to {found}, {difference} less than the total "
               "{expected}"),
            Words("correct an amount or the total"))


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
        ctx.compare(ctx.path(row.budget), Words("{section} {label}", section=row.section.title,
                                                label=row.label),
                    Words("{amount} remainder", amount=won(0)), won(row.remainder),
                    row.remainder == 0,
                    Words("splitting {amount} by the ratios leaves {remainder} that no source "
                          "pays", amount=won(row.won), remainder=won(row.remainder)),
                    Words("give the split as amounts"))


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
        label = Joined(tuple(Words("{label} {value}", label=p.label, value=Quantity(p.value))
                             for p in node.parts if p.value is not None), " + ")
        if node.parts_total is None:
            ctx.compare(ctx.path(node), label, Quantity(node.value, node.unit),
                        Quantity(found, node.unit), found == node.value,
                        Words("the parts add up to {found}, the count is {count}",
                              found=Quantity(found), count=Quantity(node.value)),
                        Words("correct a part or the count"))
        else:
            ctx.compare(ctx.path(node), label, Quantity(node.parts_total), Quantity(found),
                        found == node.parts_total,
                        Words("the parts add up to {found}, not {total}", found=Quantity(found),
                              total=Quantity(node.parts_total)),
                        Words("correct a part or parts_total"))
            ctx.compare(ctx.path(node), Quantity(node.value, node.unit),
                        node.value, len(node.parts), len(node.parts) == node.value,
                        Words("{parts} parts are listed but the count is {count}",
                              parts=len(node.parts), count=node.value),
                        Words("list every part or correct the count"))


@rule("cap-split-total", "상한 내역 = 상한 / A cap's split equals the cap", scope="section")
def cap_split(ctx: Context) -> None:
    """When an overview line gives a cap and how it divides (최대 80백만원 - 1차년 50, 2차년 30),
    the divided figure in its unit equals the cap."""
    for node in ctx.walk():
        if isinstance(node, model.OverviewItem) and node.cap and node.cap_split:
            unit = model.text_key(node.cap_split.unit) or node.cap.unit
            try:
                split_won = parsing.to_won(Decimal(node.cap_split.value), unit)
            except KeyError:
                ctx.compare(ctx.path(node) + ("cap_split",), node.key, Words("a money unit"),
                            unit, False,
                            Words("cap_split unit {unit!r} is not a money unit", unit=unit),
                            Words("use 원, 천원, 만원, 백만원 or 억원"))
                continue
            ctx.compare(ctx.path(node) + ("cap_split",), Words("{key} cap", key=node.key),
                        won(node.cap.won), won(split_won), split_won == node.cap.won,
                        Words("the cap is {cap} but its split totals {split}",
                              cap=won(node.cap.won), split=won(split_won)),
                        Words("make the cap and its split agree"))


def _shows(text: str, figure: str) -> bool:
    """True when the text holds the figure as a whole number (3,420 is not in 13,420천원)."""
    return re.search(rf"(?<![\d,.]){re.escape(figure)}(?![\d]|[,.]\d)", text) is not None


@rule("printed-figure", "표기 수치 = 입력값 / Printed text shows the typed figure", "warning",
      scope="section")
def printed_figure(ctx: Context) -> None:
    """An overview line's or a □ heading's printed ``value`` shows the figure its typed fields
    hold (budget amount, count, target, cap), so the text people read and the data checked
    cannot drift apart.  A budget or cap the text does not show is an error (the signed paper
    would print another amount than the one checked); a count or target, a warning."""
    for node in ctx.walk():
        if not isinstance(node, (model.OverviewItem, model.Part)) or node.value is None:
            continue
        label = node.key if isinstance(node, model.OverviewItem) else node.title
        text = node.value.ko.replace(" ", "")  # the Korean printed text holds Korean figures
        ko = locale("ko")
        figures = []  # (figure, its unit, the typed field, the severity of a mismatch)
        if node.budget and node.budget.amount:
            figures.append((node.budget.amount.amount, node.budget.amount.unit,
                            "budget.amount", "error"))
        if isinstance(node, model.OverviewItem):
            for name, c in (("count", node.count), ("target", node.target)):
                if c is not None:
                    figures.append((c.value, c.unit, f"{name}.value", "warning"))
            if node.cap:
                figures.append((node.cap.amount, node.cap.unit, "cap", "error"))
        for fig, unit, field, severity in figures:
            ctx.compare(ctx.path(node) + ("value",),
                        Words("{label}: {value}", label=label, value=node.value),
                        Quantity(fig, unit), node.value, _shows(text, ko.number(fig)),
                        Words("the printed text {value} does not show {figure}, the figure of "
                              "{field}", value=node.value, figure=Quantity(fig, unit),
                              field=field),
                        Words("make the printed value and {field} say the same figure",
                              field=field), severity=severity)
