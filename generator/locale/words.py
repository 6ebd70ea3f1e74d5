"""Check results keep typed values; they are worded when a report is written, in its language.

A rule says what it compared with :class:`Words` (a message of the ``checks`` catalog and its
parameters) and the figures with :class:`Quantity` (a number and its unit; ``원`` for exact won).
Plan texts (:class:`~generator.model.Text`) stay texts.  :func:`word` turns any of them into the
reader's language through a :class:`~generator.locale.Locale`; :func:`as_data` into JSON.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Context, Decimal, localcontext

from ..parsing import MONEY_UNITS

WON = "원"


@dataclass(frozen=True)
class Quantity:
    """A figure a check compared, with its unit: ``원`` (exact won), a plan's unit (명, 개), or
    none."""

    value: Decimal | int
    unit: object = ""
    """``원``, or the plan's unit as it wrote it (a :class:`~generator.model.Text`), or none."""


@dataclass(frozen=True, init=False)
class Words:
    """A message of the ``checks`` catalog (its English text is its id) and its parameters."""

    msgid: str
    params: tuple

    def __init__(self, msgid: str, **params):
        object.__setattr__(self, "msgid", msgid)
        object.__setattr__(self, "params", tuple(params.items()))


@dataclass(frozen=True)
class Joined:
    """Typed values worded one by one and joined, e.g. the parts of a breakdown."""

    items: tuple
    sep: str = ", "


@dataclass(frozen=True)
class Months:
    """Months of the plan year, worded ``3월, 4월`` (``none`` when there are none)."""

    months: tuple


def won(value: int) -> Quantity:
    return Quantity(value, WON)


def in_unit(value_won: int, unit: str | None) -> Quantity:
    """An amount in the unit the plan wrote it in (``13.5백만원``), else in won."""
    if unit in MONEY_UNITS:  # every unit is a power of ten: the quotient is exact
        with localcontext(Context(prec=60)):
            value = Decimal(value_won) / MONEY_UNITS[unit]
        return Quantity(int(value) if value == value.to_integral_value() else value.normalize(),
                        unit)
    return won(value_won)


def N_(msgid: str) -> str:
    """Marks a checks-catalog message that is passed on before it is worded."""
    return msgid


def word(value, loc) -> str:
    """A typed value in the locale's language."""
    from .. import model  # here, not at the top: a verdict from the cache words no model
    if isinstance(value, Words):
        return loc.check_text(value.msgid, **{k: word(v, loc) for k, v in value.params})
    if isinstance(value, Quantity):
        if isinstance(value.unit, str) and value.unit in MONEY_UNITS:
            return loc.amount(value.value, value.unit)
        return loc.number(value.value) + word(value.unit, loc)
    if isinstance(value, model.Text):
        return loc.text(value)
    if isinstance(value, Joined):
        return value.sep.join(word(v, loc) for v in value.items)
    if isinstance(value, Months):
        if not value.months:
            return loc.check_text("none")
        return ", ".join(loc.month_name(m) for m in sorted(value.months))
    if isinstance(value, model.Period):
        return loc.period(value)
    if isinstance(value, model.Timing):
        return loc.timing([value])
    if isinstance(value, model.FundingSplit):
        return loc.split(value)
    if value is None:
        return ""
    return str(value)


def as_data(value):
    """A typed value as JSON data: figures keep their exact value and unit."""
    from .. import model
    if isinstance(value, Quantity):
        return {"value": str(value.value), "unit": as_data(value.unit)}
    if isinstance(value, Words):
        return {"message": value.msgid, "params": {k: as_data(v) for k, v in value.params}}
    if isinstance(value, model.Text):
        return value.model_dump(mode="json")
    if isinstance(value, Joined):
        return [as_data(v) for v in value.items]
    if isinstance(value, Months):
        return list(value.months)
    if isinstance(value, (model.FundingSplit, model.Period, model.Timing)):
        return value.model_dump(mode="json", exclude_defaults=True)
    if value is None or isinstance(value, (int, str, bool)):
        return value
    return str(value)
