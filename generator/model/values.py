"""The value types of the plan model: texts, money, funding splits, counts, periods, budgets.

Every field has a docstring; they become the JSON Schema descriptions editors show and the
reference in ``docs/`` (see :mod:`generator.model.docs`).  Values arrive as strings from
:mod:`generator.yamlsource` and are typed here with the parsers of :mod:`generator.parsing`
(numbers with thousands commas, money with its unit, months, dates, timings).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Literal, Optional

from pydantic import (BaseModel, BeforeValidator, ConfigDict, Field, field_validator,
                      model_validator)
from pydantic_core import PydanticCustomError

from .. import parsing
from ..textsafety import char_name, invisible_only


Int = Annotated[int, BeforeValidator(parsing.parse_int)]
"""A whole number; ``14,000`` with thousands commas is accepted."""
Num = Annotated[Decimal, BeforeValidator(parsing.parse_decimal)]
"""A number, possibly with a fraction."""

Marker = Literal["□", "○", "-", "·", "※", "*"]


class Node(BaseModel):
    """Base of every model class: unknown keys are errors; validators are built on first use."""

    model_config = ConfigDict(extra="forbid",
                              validate_default=False, str_strip_whitespace=True,
                              defer_build=True)


class Text(Node):
    """A text of the plan, in Korean.

    Write the Korean as a plain string (or ``{ko: …}``).  Its English is kept in the plan's
    catalog, ``translations/en.po`` (see :mod:`generator.translations`), never beside it.  A
    text made only of characters that print as nothing (Hangul fillers such as U+3164,
    zero-width spaces and joiners, no-break spaces) is refused as empty.
    """

    ko: str = Field(min_length=1)
    """The Korean text, exactly as printed."""
    en: str = ""
    """The English text, given from the plan's catalog when it is translated and not stale;
    empty otherwise."""

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, value):
        if isinstance(value, str):
            return {"ko": value}
        if isinstance(value, dict) and "en" in value:
            raise ValueError("the English of a text goes in the plan's translations/en.po, "
                             "not beside the Korean")
        return value

    @field_validator("ko")
    @classmethod
    def _visible(cls, value: str) -> str:
        if invisible_only(value):
            chars = ", ".join(char_name(c) for c in dict.fromkeys(value))
            raise PydanticCustomError("text_invisible", "the text prints as nothing: {chars}",
                                      {"chars": chars})
        return value

    def __str__(self) -> str:
        return self.ko


def text_key(t: "Text | None") -> str:
    """A text as a key to compare or look up by (its Korean, as the plan writes it)."""
    return t.ko if t is not None else ""


class Money(Node):
    """An amount of money in a printed unit; arithmetic is done exactly in won.

    Write ``13,420천원`` or ``{amount: 13420, unit: 천원}``; ``약 5천만원`` marks an estimate.
    """

    amount: Num
    """The figure as printed, in ``unit``."""
    unit: Literal["원", "천원", "만원", "백만원", "억원"] = "원"
    """The unit the figure is printed in."""
    approx: bool = False
    """True for an approximate amount (printed with 약)."""

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, value):
        if isinstance(value, str):
            return parsing.parse_money(value)
        return value

    @model_validator(mode="after")
    def _whole_won(self):
        if self.amount < 0:
            raise ValueError(f"an amount of money is not negative, got {self.amount}")
        parsing.to_won(self.amount, self.unit)
        return self

    @property
    def won(self) -> int:
        """The amount in won, exact."""
        return parsing.to_won(self.amount, self.unit)


FundingSource = Literal["국비", "시비", "도비", "구비", "군비", "기금", "민간", "자부담", "기타"]


class Share(Node):
    """One funding source's part of a budget: a ratio (percent) or an amount."""

    source: FundingSource
    """Who pays: 국비 (national), 시비 (city), 도비 (province), 구비 (district), 군비 (county),
    기금, 민간, 자부담 or 기타."""
    ratio: Optional[Num] = None
    """Percent of the total this source pays."""
    amount: Optional[Money] = None
    """Amount this source pays."""

    @model_validator(mode="after")
    def _one_of(self):
        if (self.ratio is None) == (self.amount is None):
            raise ValueError("give either ratio or amount for a funding share")
        if self.ratio is not None and not 0 <= self.ratio <= 100:
            raise ValueError(f"a share's ratio is a percentage from 0 to 100, got {self.ratio}")
        return self


SOURCE_SHORT = {"국": "국비", "시": "시비", "도": "도비", "구": "구비", "군": "군비", "민": "민간",
                "자": "자부담"}
"""The one-syllable forms of funding sources in ``국:시:구=50:25:25``."""


def _share_value(part) -> dict:
    """A share written as a ratio (``50``, ``50%``) or an amount with its unit."""
    if isinstance(part, str):
        text = part.strip()
        if text.endswith("%"):
            return {"ratio": text[:-1].strip()}
        if not text.replace(",", "").replace(".", "").isdigit():
            return {"amount": text}
    return {"ratio": part}


def _colon_split(text: str) -> dict:
    """``국비:시비:구비 = 50:25:25`` or ``국:시:구=50:25:25`` → shares in that order."""
    names, _, ratios = text.partition("=")
    sources = [n.strip() for n in names.split(":")]
    parts = [r.strip().removesuffix("%").strip() for r in ratios.split(":")]
    if len(sources) != len(parts) or not all(sources) or not all(parts):
        raise ValueError(f"a split such as 국비:시비:구비 = 50:25:25 names as many sources as "
                         f"ratios, got {text!r}")
    return {"shares": [{"source": SOURCE_SHORT.get(s, s), "ratio": p}
                       for s, p in zip(sources, parts)], "style": "colon"}


class FundingSplit(Node):
    """How a budget is split between funding sources (국비/시비/구비 …).

    Short forms: ``{국비: 75, 시비: 25}`` or ``{국비: 75%, 시비: 25%}`` (ratios in percent),
    ``{국비: 50백만원, 구비: 50백만원}`` (amounts), ``국비:시비:구비 = 50:25:25`` (or
    ``국:시:구=50:25:25``, ratios in that order), or ``전액 국비`` for one source paying all.
    """

    shares: list[Share] = Field(min_length=1)
    """The sources and their parts; ratios must add to 100, amounts to the total."""
    total: Optional[Money] = None
    """The total the amounts are split from (when amounts are given)."""
    note: Optional[Text] = None
    """A note printed after the split, e.g. 혁신형 사업비는 전액 시비."""
    style: Literal["ratio", "colon"] = "ratio"
    """How to print ratios: ``국비 75 : 시비 25`` (ratio) or ``국:시:구=50:25:25`` (colon)."""

    @model_validator(mode="before")
    @classmethod
    def _short_forms(cls, value):
        if isinstance(value, str):
            word = value.strip()
            if "=" in word:
                return _colon_split(word)
            if word.startswith("전액"):
                return {"shares": [{"source": word.removeprefix("전액").strip(), "ratio": "100"}]}
            return {"shares": [{"source": word, "ratio": "100"}]}
        if isinstance(value, dict) and "shares" not in value:
            extra = {k: value[k] for k in ("total", "note", "style") if k in value}
            shares = []
            for source, part in value.items():
                if source in extra:
                    continue
                shares.append({"source": source, **_share_value(part)})
            return {"shares": shares, **extra}
        return value


def _figure_range(value, text=None):
    """``{value: "20~25"}`` → ``{value: "20", to: "25"}``: a range written as the value."""
    if isinstance(value, dict) and "value" in value:
        low, high = parsing.split_figure_range(value["value"])
        if high is not None:
            if value.get("to") is not None:
                raise ValueError(f"expected a count such as 9개, got {value['value']!r}")
            return {**value, "value": low, "to": high}
    return value


class CountPart(Node):
    """One part of a count's breakdown, e.g. 예비 1개 of 사회적기업 9개, or 1기 20∼25명 of
    40∼50명."""

    label: Text
    """What this part counts."""
    value: Optional[Num] = None
    """How many: a whole number, a decimal (``10.5``) or a percentage's figure (``55.5``); the
    lower end of a range, written ``20~25`` (or ``20∼25``).  Leave out for a part printed without
    a figure."""
    to: Optional[Num] = None
    """The upper end when the part is a range (``20∼25``: value 20, to 25)."""

    @model_validator(mode="before")
    @classmethod
    def _range(cls, value):
        return _figure_range(value)

    @model_validator(mode="after")
    def _low_to_high(self):
        if self.to is not None:
            if self.value is None:
                raise ValueError("expected a count such as 9개, got "
                                 f"{'~' + str(self.to)!r}")
            parsing.check_figure_range(self.value, self.to, f"{self.value}~{self.to}")
        return self

    def ends(self) -> tuple[Decimal, Decimal] | None:
        """(lowest, highest) the part can be: both its value when it is not a range."""
        if self.value is None:
            return None
        return self.value, self.to if self.to is not None else self.value


class Count(Node):
    """A count with its unit and, optionally, its breakdown, e.g. 9개(예비1개, 인증8개).

    Short forms: ``9개``, ``10.5회``, ``55.5%``, and ranges ``40∼50명`` (``∼`` U+223C, ``~`` or
    ``-`` between the ends; ``40명~50명`` too).  With ``parts`` the parts' values must add up to
    ``value``; when ``parts_total`` is given they add up to that instead (e.g. points), and
    ``value`` counts the parts (e.g. 4개 분야 worth 100 points in all).  A range keeps both ends:
    the parts of a range add up end by end (20∼25명 + 20∼25명 = 40∼50명), and a count that is
    one figure must lie within what its ranged parts add up to.  Percentages (unit ``%``) may
    differ from their sum by rounding: half a unit of the last printed digit per part.
    """

    value: Num
    """The figure: a whole number, a decimal (``10.5``) or a percentage's figure (``55.5``,
    with unit ``%``); for a range its lower end (a range may be written ``40~50`` here)."""
    to: Optional[Num] = None
    """The upper end of a range (``40∼50명``: value 40, to 50); above ``value``."""
    unit: Optional[Text] = None
    """Its unit as printed: 개, 명, 개소, %, … (a text: ``{ko: 명, en: persons}``)."""
    parts: list[CountPart] = []
    """The breakdown printed beside it, in parentheses or below."""
    parts_total: Optional[Int] = None
    """What the parts' values add up to, when that is not ``value`` (e.g. 100 points)."""

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, value):
        if isinstance(value, str):
            return parsing.parse_count(value)
        return _figure_range(value)

    @model_validator(mode="after")
    def _low_to_high(self):
        if self.to is not None:
            parsing.check_figure_range(self.value, self.to, f"{self.value}~{self.to}")
        return self

    def ends(self) -> tuple[Decimal, Decimal]:
        """(lowest, highest) the count can be: both its value when it is not a range."""
        return self.value, self.to if self.to is not None else self.value


class Period(Node):
    """A span of time: ``2016-01..2016-12`` (months) or ``2015-09-01..2016-08-31`` (dates)."""

    start: date
    """First day of the period."""
    end: date
    """Last day of the period (the last day of the month when months are given)."""
    precision: Literal["month", "day"] = "month"
    """Whether the plan gave months or days."""

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, value):
        if isinstance(value, str):
            parsed = parsing.parse_timing(value)
            if parsed["kind"] not in ("range", "month", "date"):
                raise ValueError(f"a period is a month, a date or a range, got {value!r}")
            return {k: parsed[k] for k in ("start", "end", "precision")}
        return value

    def months(self) -> list[tuple[int, int]]:
        """(year, month) of every month the period touches."""
        return parsing.months_between(self.start, self.end)


class Timing(Node):
    """When a schedule item happens.

    Write ``2016-03`` (a month), ``2016-02-05`` (a date), ``2016-01..2016-03`` (a range),
    a recurring word (매일, 매주, 매월, 매분기, 분기별, 반기별, 연중, 수시), ``월 1~2회`` or ``총 6회``.
    """

    kind: Literal["month", "date", "range", "recurring", "frequency"]
    """Which form the timing has."""
    start: Optional[date] = None
    """First day (month, date and range)."""
    end: Optional[date] = None
    """Last day (month, date and range)."""
    precision: Optional[Literal["month", "day"]] = None
    """Whether months or days were given."""
    every: Optional[Literal["매일", "매주", "매월", "매분기", "분기별", "반기별", "연중", "수시"]] = None
    """The recurrence, for recurring timings."""
    per: Optional[Literal["월", "총"]] = None
    """For frequencies: so many times a month (월) or in all (총)."""
    times: Optional[str] = None
    """For frequencies: how many times, e.g. ``6`` or ``1~2``."""

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, value):
        if isinstance(value, str):
            return parsing.parse_timing(value)
        return value

    def months(self) -> list[tuple[int, int]]:
        """(year, month) of every month a dated timing touches; empty for recurring ones."""
        if self.start and self.end:
            return parsing.months_between(self.start, self.end)
        return []


class Budget(Node):
    """A budget: an amount (or none, 비예산), its funding split, and a note."""

    amount: Optional[Money] = None
    """The amount; leave out for 비예산 (no budget)."""
    funding: Optional[FundingSplit] = None
    """Who pays how much."""
    note: Optional[Text] = None
    """What the budget is for, printed after it, e.g. 신규기업 2개."""
    annual: bool = False
    """True when the amount is per year (printed 연간)."""
    role: Literal["total", "part", "overall"] = "total"
    """``total``: this states the project's budget for the plan year; every other ``total``
    statement of the same project restates it and must agree (it is counted once).  ``part``:
    a component of the project's budget (e.g. 국·시비 보조 20,000천원 of 30,000천원); the parts add
    up to the total, and are not counted on their own.  ``overall``: the whole cost of a
    project that runs over several years (총사업비); the plan year's budget is a share of it,
    and only the plan year's budget is counted."""
