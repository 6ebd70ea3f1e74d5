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
    held equal to Babel's here: Korean's medium date and month (``2016. 1. 19.``, ``1월``),
    English as British and international English writes dates (``19 January 2016``)."""
    from generator.locale.formats import BABEL_DATES
    loc = get(lang)
    babel_locale, day_format, month_format = BABEL_DATES[lang]
    assert loc.day(d) == format_date(d, day_format, locale=babel_locale)
    assert loc._month_name(d) == format_date(d, month_format, locale=babel_locale)


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
    T = model.Timing.model_validate
    assert [EN.timing([T(w)]) for w in ["매월", "분기별", "반기별", "연중", "수시"]] == \
        ["monthly", "quarterly", "half-yearly", "all year", "as needed"]
    assert EN.timing([T("월 1~2회")]) == "1–2 times a month"
    assert EN.timing([T("2016-01..2016-03")]) == "January–March 2016"
    assert EN.timing([T("2016-07..2016-09")]) == "July–September 2016"
    assert EN.timing([T(x) for x in ["2016-02", "2016-04", "2016-06", "2016-08"]]) == \
        "February, April, June and August 2016"
    assert EN.day(date(2016, 1, 19)) == "19 January 2016"
    assert EN.period(model.Period.model_validate("2016-01..2016-12")) == "January–December 2016"
    assert EN.period(model.Period.model_validate("2015-11..2016-02")) == \
        "November 2015 – February 2016"
    assert EN.period(model.Period.model_validate("2015-09-01..2016-08-31")) == \
        "1 September 2015 – 31 August 2016"
    assert EN.month_set([1, 2, 3, 4, 10, 11]) == "January–April, October and November"
    assert EN.month_set(list(range(1, 13))) == "January–December"
    assert EN.budget(model.Budget()) == "non-budget"
    assert EN.split(model.FundingSplit.model_validate({"국비": "75", "시비": "25"})) == \
        "national 75 : city 25"
    assert EN.split(model.FundingSplit.model_validate("전액 국비")) == "100% national"
    assert EN.disclosure("대시민공개") == "public to citizens"


@pytest.mark.parametrize("written,english", [
    ("13,420천원", "KRW 13.42 million"), ("2억원", "KRW 200 million"),
    ("1475백만원", "KRW 1.475 billion"), ("2,000,000천원", "KRW 2 billion"),
    ("1.5억원", "KRW 150 million"), ("12,000억원", "KRW 1.2 trillion"),
    ("950,000원", "KRW 950,000"), ("5,000천원", "KRW 5 million"), ("0원", "KRW 0"),
    ("1,000,000원", "KRW 1 million"), ("13,420,500원", "KRW 13,420,500"),
    ("1,234,567,000원", "KRW 1,234,567,000"), ("13,425천원", "KRW 13.425 million"),
    ("약 5,000만원", "about KRW 50 million")])
def test_english_money_is_one_exact_rule(written, english):
    """Millions, billions or trillions when at most three decimals say the amount exactly,
    else whole won: never rounded."""
    assert EN.money(model.Money.model_validate(written)) == english


def test_english_money_reads_back_to_the_same_won():
    """Every amount the rule writes means exactly the won it was given."""
    import re
    scale = {"million": 10 ** 6, "billion": 10 ** 9, "trillion": 10 ** 12, "": 1}
    for won in [1, 999_999, 1_000_000, 1_000_001, 13_420_000, 13_425_000, 13_425_500,
                999_999_000, 1_000_000_000, 1_475_000_000, 1_234_567_000, 12 ** 15,
                10 ** 18 + 10 ** 15]:
        text = EN.won(won)
        m = re.fullmatch(r"KRW ([\d,.]+)(?: (million|billion|trillion))?", text)
        assert m, text
        assert Decimal(m.group(1).replace(",", "")) * scale[m.group(2) or ""] == won, text


def test_english_budget_words_keep_the_korean_unit_rule_out():
    split = model.FundingSplit.model_validate({"국비": "50", "시비": "25", "구비": "25",
                                               "style": "colon"})
    budget = model.Budget(amount=model.Money.model_validate("100백만원"), funding=split)
    assert EN.budget(budget) == "KRW 100 million (national:city:district=50:25:25)"
    annual = model.Budget(amount=model.Money.model_validate("2억원"), annual=True)
    assert EN.budget(annual) == "KRW 200 million a year"
    assert EN.thousand_won(319_420_000) == "KRW 319.42 million"
    assert KO.thousand_won(319_420_000) == "319,420천원"


def test_reference_page_is_generated_from_the_code():
    """docs/reference.md is what `python -m generator.reference` writes: it cannot drift."""
    from generator.reference import reference
    from .conftest import ROOT
    assert (ROOT / "docs" / "reference.md").read_text(encoding="utf-8") == reference(), \
        "run: .venv/bin/python -m generator.reference > docs/reference.md"
