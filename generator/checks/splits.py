"""Splits and breakdowns: funding ratios and amounts, count breakdowns, caps, budget totals."""

from __future__ import annotations

import re
from decimal import Decimal

from .. import model, parsing
from ..footnotes import plain
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


def figure(low: Decimal, high: Decimal, unit=None):
    """A figure a check shows: ``40명``, or a range ``40~50명`` / ``40–50 persons``."""
    if low == high:
        return Quantity(low, unit or "")
    return Words("{low}–{high} (a range of figures)", low=Quantity(low),
                 high=Quantity(high, unit or ""))


def half_unit(value: Decimal) -> Decimal:
    """Half a unit of a figure's last printed digit: 0.05 for 55.5, 0.5 for 58."""
    return Decimal(5) / (Decimal(10) ** (max(0, -value.as_tuple().exponent) + 1))


def _is_percent(count: model.Count) -> bool:
    return model.text_key(count.unit) == "%"


def rounding_allowance(count: model.Count, parts: list[model.CountPart]) -> Decimal:
    """How far percentages may lie from their sum by rounding alone: half a unit of the last
    printed digit of each part, and of the total unless it is 100 (the whole, not rounded);
    nothing for other units."""
    if not _is_percent(count):
        return Decimal(0)
    allowance = sum((half_unit(e) for p in parts for e in set(p.ends())), Decimal(0))
    if count.ends() != (100, 100):
        allowance += max(half_unit(e) for e in count.ends())
    return allowance.quantize(Decimal(1)) if allowance == allowance.to_integral_value() \
        else allowance.normalize()


def agrees(total: tuple[Decimal, Decimal], found: tuple[Decimal, Decimal],
           allowance: Decimal = Decimal(0)) -> bool:
    """Whether a stated total agrees with what its parts add up to, both as (low, high): a
    range equals the parts' range end by end; one figure lies within the parts' range (the
    one figure itself when no part is a range); either within the rounding allowance."""
    (a, b), (lo, hi) = total, found
    if a == b:
        return lo - allowance <= a <= hi + allowance
    return abs(a - lo) <= allowance and abs(b - hi) <= allowance


@rule("count-breakdown", "내역 합계 / Breakdowns add up", scope="section")
def count_breakdown(ctx: Context) -> None:
    """A count's parts add up to it (9개 = 예비 1개 + 인증 8개); with ``parts_total`` they add up
    to that and their number equals the count (4개 분야 worth 100 points).  Figures may have
    fractions (10.5회) and are added exactly.  A range keeps both ends: parts that are ranges add
    up to a range, end by end (20∼25명 + 20∼25명 = 40∼50명); a count that is a range must equal
    that range, and a count that is one figure must lie within it (the parts cannot say more).
    Percentages (unit ``%``) may differ from their sum by rounding: by at most half a unit of the
    last printed digit of each part, and of the count unless it is 100 (55.5% + 30.1% + 14.5% =
    100.1% is a breakdown of 100%)."""
    for node in ctx.walk():
        if not isinstance(node, model.Count) or not node.parts:
            continue
        valued = [p for p in node.parts if p.value is not None]
        if not valued:
            continue
        low = sum((p.ends()[0] for p in valued), Decimal(0))
        high = sum((p.ends()[1] for p in valued), Decimal(0))
        label = Joined(tuple(Words("{label} {value}", label=p.label, value=figure(*p.ends()))
                             for p in valued), " + ")
        if node.parts_total is None:
            allowance = rounding_allowance(node, valued)
            count = figure(*node.ends(), node.unit)
            found = figure(low, high, node.unit)
            if allowance and (low, high) != node.ends():
                expected = Words("{figure} (rounded, within {allowance})", figure=count,
                                 allowance=Quantity(allowance))
            else:
                expected = count
            ctx.compare(ctx.path(node), label, expected, found,
                        agrees(node.ends(), (low, high), allowance),
                        Words("the parts add up to {found}, the count is {count}",
                              found=figure(low, high), count=figure(*node.ends()))
                        if not allowance else
                        Words("the percentages add up to {found}, more than rounding explains "
                              "(at most {allowance} from {count})", found=figure(low, high),
                              allowance=Quantity(allowance), count=figure(*node.ends())),
                        Words("correct a part or the count"))
        else:
            ctx.compare(ctx.path(node), label, Quantity(node.parts_total),
                        figure(low, high),
                        agrees((node.parts_total, node.parts_total), (low, high)),
                        Words("the parts add up to {found}, not {total}", found=figure(low, high),
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
        text = plain(node.value.ko).replace(" ", "")  # the Korean printed text holds Korean figures
        ko = locale("ko")
        figures = []  # (figure, its unit, the typed field, the severity of a mismatch)
        if node.budget and node.budget.amount:
            figures.append((node.budget.amount.amount, node.budget.amount.unit,
                            "budget.amount", "error"))
        if isinstance(node, model.OverviewItem):
            for name, c in (("count", node.count), ("target", node.target)):
                if c is not None:
                    figures.append((c.value, c.unit, f"{name}.value", "warning"))
                    if c.to is not None:
                        figures.append((c.to, c.unit, f"{name}.to", "warning"))
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
