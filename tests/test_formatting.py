"""Shared formatting: Korean figures, dates and timings as official documents print them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from babel.numbers import format_decimal

from generator import formatting, model


@pytest.mark.parametrize("value", [0, 7, 999, 1000, 56000, 13420, 319420000, Decimal("7.5"),
                                   Decimal("1234567.25"), -4500])
def test_number_matches_babels_korean_format(value):
    assert formatting.number(value) == format_decimal(value, locale="ko",
                                                      decimal_quantization=False)


@pytest.mark.parametrize("d", [date(2016, 1, 19), date(2015, 9, 1), date(2016, 12, 31),
                               date(2013, 11, 1)])
def test_day_matches_babels_korean_medium_date(d):
    from babel.dates import format_date
    assert formatting.day(d) == format_date(d, "medium", locale="ko")


def test_dates_money_and_timings():
    assert formatting.day(date(2016, 1, 19)) == "2016. 1. 19."
    assert formatting.money(model.Money.model_validate("13,420천원")) == "13,420천원"
    when = [model.Timing.model_validate(x) for x in ["2016-02", "2016-04", "2016-06", "2016-08"]]
    assert formatting.timing(when) == "2016. 2·4·6·8월"
    assert formatting.timing([model.Timing.model_validate("2016-01..2016-03")]) == \
        "2016. 1월 ~ 3월"
    assert formatting.timing([model.Timing.model_validate("총6회")]) == "총 6회"
    split = model.FundingSplit.model_validate({"국비": "50", "시비": "25", "구비": "25",
                                               "style": "colon"})
    budget = model.Budget(amount=model.Money.model_validate("100백만원"), funding=split,
                          note=model.Text(ko="신규기업 2개"))
    assert formatting.budget(budget) == "100백만원(국:시:구=50:25:25) - 신규기업 2개"


def test_reference_page_is_generated_from_the_code():
    """docs/reference.md is what `python -m generator.reference` writes: it cannot drift."""
    from generator.reference import reference
    from .conftest import ROOT
    assert (ROOT / "docs" / "reference.md").read_text(encoding="utf-8") == reference(), \
        "run: .venv/bin/python -m generator.reference > docs/reference.md"
