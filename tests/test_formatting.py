"""The locale seam's formats: Korean figures, dates and timings as official documents print
them, held equal to Babel; the same values in English."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from babel.dates import format_date
from babel.numbers import format_decimal

from generator import model
from generator.locale import LANGUAGES, get

KO, EN = get("ko"), get("en")


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("value", [0, 7, 999, 1000, 56000, 13420, 319420000, Decimal("7.5"),
                                   Decimal("1234567.25"), -4500])
def test_number_matches_babel(value, lang):
    assert get(lang).number(value) == format_decimal(value, locale=lang,
                                                     decimal_quantization=False)


@pytest.mark.parametrize("value,shown", [(Decimal("12.50"), "12.50"), (Decimal("75.0"), "75.0"),
                                         (Decimal("0.125"), "0.125"),
                                         (Decimal("1234.5678"), "1,234.5678")])
def test_number_keeps_every_written_digit(value, shown):
    """Babel's default pattern rounds to three decimals and drops trailing zeros; a figure is
    printed with the digits the plan wrote."""
    assert KO.number(value) == shown


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("d", [date(2016, 1, 19), date(2015, 9, 1), date(2016, 12, 31),
                               date(2013, 11, 1)] + [date(2027, m, 5) for m in range(1, 13)])
def test_day_and_month_are_babels(d, lang):
    """Written out for ko and en (so that checking a plan never loads Babel's date data), and
    held equal to Babel's medium date and abbreviated month here."""
    loc = get(lang)
    assert loc.day(d) == format_date(d, "medium", locale=lang)
    assert loc._month_name(d) == format_date(d, "MMM", locale=lang)


def test_korean_dates_money_and_timings():
    assert KO.day(date(2016, 1, 19)) == "2016. 1. 19."
    assert KO.money(model.Money.model_validate("13,420천원")) == "13,420천원"
    assert KO.money(model.Money.model_validate("약 5,000만원")) == "약 5,000만원"
    when = [model.Timing.model_validate(x) for x in ["2016-02", "2016-04", "2016-06", "2016-08"]]
    assert KO.timing(when) == "2016. 2·4·6·8월"
    assert KO.timing([model.Timing.model_validate("2016-01..2016-03")]) == "2016. 1월 ~ 3월"
    assert KO.timing([model.Timing.model_validate("총6회")]) == "총 6회"
    assert KO.timing([model.Timing.model_validate("매월")]) == "매월"
    assert KO.period(model.Period.model_validate("2016-01..2016-12")) == "2016. 1. ~ 2016. 12."
    split = model.FundingSplit.model_validate({"국비": "50", "시비": "25", "구비": "25",
                                               "style": "colon"})
    budget = model.Budget(amount=model.Money.model_validate("100백만원"), funding=split,
                          note=model.Text(ko="신규기업 2개"))
    assert KO.budget(budget) == "100백만원(국:시:구=50:25:25) - 신규기업 2개"
    assert KO.budget(model.Budget()) == "비예산"
    assert KO.split(model.FundingSplit.model_validate("전액 국비")) == "전액 국비"
    assert KO.month_set([1, 2, 3, 4, 10, 11]) == "1~4·10·11월"


def test_english_words_come_from_the_catalog():
    assert EN.timing([model.Timing.model_validate("매월")]) == "monthly"
    assert EN.timing([model.Timing.model_validate("월 1~2회")]) == "1~2 times a month"
    assert EN.timing([model.Timing.model_validate("2016-01..2016-03")]) == "Jan–Mar 2016"
    assert EN.period(model.Period.model_validate("2016-01..2016-12")) == "Jan 2016 – Dec 2016"
    assert EN.budget(model.Budget()) == "non-budget"
    assert EN.split(model.FundingSplit.model_validate({"국비": "75", "시비": "25"})) == \
        "national 75 : city 25"
    assert EN.money(model.Money.model_validate("13,420천원")) == "KRW 13,420 thousand"
    assert EN.disclosure("대시민공개") == "public to citizens"


def test_reference_page_is_generated_from_the_code():
    """docs/reference.md is what `python -m generator.reference` writes: it cannot drift."""
    from generator.reference import reference
    from .conftest import ROOT
    assert (ROOT / "docs" / "reference.md").read_text(encoding="utf-8") == reference(), \
        "run: .venv/bin/python -m generator.reference > docs/reference.md"
