"""Typed values that plans write as short Korean-friendly strings: numbers, money, periods, timings,
counts (with ranges, decimals and percentages), clock times with their printed durations.

Each ``parse_*`` turns the string a plan officer writes (``13,420천원``, ``2016-01..2016-12``,
``매월``) into plain data for the model, or raises ``ValueError`` with a message that says what
form was expected.  Arithmetic on money is exact: integers in won.  A figure is written in the
digits 0 to 9: superscript (²⁰¹⁶), fullwidth (２０１６) or other scripts' digits are not read as
figures.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation

MONEY_UNITS = {"원": 1, "천원": 1_000, "만원": 10_000, "백만원": 1_000_000, "억원": 100_000_000}
"""Money units and their value in won."""

RECURRING = {
    "매일": "daily", "매주": "weekly", "매월": "monthly", "매분기": "quarterly",
    "분기별": "quarterly", "반기별": "half-yearly", "연중": "all-year", "수시": "as-needed",
}
"""Recurring timings a schedule item may have, with an English key."""

_NUMBER = re.compile(r"^\s*([+-]?[0-9]{1,3}(?:,[0-9]{3})+|[+-]?[0-9]+)(?:\.([0-9]+))?\s*$")
_MONEY = re.compile(r"^\s*(약\s*)?([0-9,]+(?:\.[0-9]+)?)\s*(원|천원|만원|백만원|억원)\s*$")
_MONTH = re.compile(r"^([0-9]{4})-([0-9]{2})$")
_DATE = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})$")


MAX_WHOLE_DIGITS = 18
"""Digits a figure may have before its point: 10¹⁸원 is far above any public budget, and every
sum of such figures stays exact in Python's decimal arithmetic."""
MAX_FRACTION_DIGITS = 6
"""Digits a figure may have after its point (ratios such as 33.333333)."""


def parse_decimal(text: str) -> Decimal:
    """``"56,000"`` → 56000; commas must group thousands; at most 18 digits before the point and
    6 after it, so that every sum and ratio is exact."""
    m = _NUMBER.match(str(text))
    if not m:
        raise ValueError(f"expected a number such as 14,000 or 7.5, got {text!r}")
    whole = m.group(1).replace(",", "")
    digits = len(whole.lstrip("+-").lstrip("0"))
    if digits > MAX_WHOLE_DIGITS or len(m.group(2) or "") > MAX_FRACTION_DIGITS:
        raise ValueError(f"{text!r} has more digits than a plan's figure can have (at most "
                         f"{MAX_WHOLE_DIGITS} before the point and {MAX_FRACTION_DIGITS} after)")
    try:
        return Decimal(whole + ("." + m.group(2) if m.group(2) else ""))
    except InvalidOperation:  # pragma: no cover - the pattern admits only digits
        raise ValueError(f"not a number: {text!r}") from None


def parse_int(text) -> int:
    """``"7,005"`` → 7005; refuses fractions."""
    if isinstance(text, int):
        return text
    value = parse_decimal(text)
    if value != value.to_integral_value():
        raise ValueError(f"expected a whole number, got {text!r}")
    return int(value)


def parse_money(text: str, default_unit: str | None = None) -> dict:
    """``"13,420천원"`` → ``{'amount': '13420', 'unit': '천원'}``; ``약`` marks an estimate."""
    s = str(text).strip()
    m = _MONEY.match(s)
    if m:
        return {"amount": str(parse_decimal(m.group(2))), "unit": m.group(3),
                "approx": bool(m.group(1))}
    if default_unit:
        try:
            return {"amount": str(parse_decimal(s)), "unit": default_unit, "approx": False}
        except ValueError:
            pass
    raise ValueError(f"expected an amount with its unit (원, 천원, 만원, 백만원 or 억원), "
                     f"such as 13,420천원, got {text!r}")


def to_won(amount: Decimal, unit: str) -> int:
    """Exact value in won; refuses amounts that are not a whole number of won."""
    won = amount * MONEY_UNITS[unit]
    if won != won.to_integral_value():
        raise ValueError(f"{amount}{unit} is not a whole number of won")
    return int(won)


def parse_point(text: str, end: bool = False) -> tuple[date, str]:
    """``2016-03`` (a month) or ``2016-03-05`` (a day) → (date, precision).

    A month as the end of a range stands for its last day.
    """
    s = str(text).strip()
    m = _DATE.match(s)
    if m:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3))), "day"
    m = _MONTH.match(s)
    if m:
        year, month = int(m.group(1)), int(m.group(2))
        if not 1 <= month <= 12:
            raise ValueError(f"month {month} is not between 01 and 12 in {text!r}")
        if end:
            nxt = date(year + (month == 12), month % 12 + 1, 1)
            return date.fromordinal(nxt.toordinal() - 1), "month"
        return date(year, month, 1), "month"
    raise ValueError(f"expected a month YYYY-MM or a date YYYY-MM-DD, got {text!r}")


def months_between(start: date, end: date) -> list[tuple[int, int]]:
    """Every (year, month) from start's month to end's month, inclusive."""
    out = []
    y, m = start.year, start.month
    while (y, m) <= (end.year, end.month):
        out.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def parse_timing(text: str) -> dict:
    """One timing of a schedule item.

    Forms: ``2016-03`` (month), ``2016-02-05`` (date), ``2016-01..2016-03`` (range of months or
    dates), a recurring word (매일, 매주, 매월, 매분기, 분기별, 반기별, 연중, 수시), ``월 1~2회``
    (so many times a month) or ``총 6회`` (so many times in all).
    """
    s = " ".join(str(text).split())
    if s in RECURRING:
        return {"kind": "recurring", "every": s}
    m = re.fullmatch(r"월\s?(([0-9]+)(?:~([0-9]+))?)회", s)
    if m:
        if m.group(3) is not None:  # 월 1~2회, never 월 5~1회
            check_figure_range(m.group(2), m.group(3), s)
        return {"kind": "frequency", "per": "월", "times": m.group(1)}
    m = re.fullmatch(r"총\s?([0-9]+)회", s)
    if m:
        return {"kind": "frequency", "per": "총", "times": m.group(1)}
    if ".." in s:
        a, _, b = s.partition("..")
        start, p1 = parse_point(a)
        end, p2 = parse_point(b, end=True)
        if p1 != p2:
            raise ValueError(f"both ends of {text!r} must be months or both dates")
        if end < start:
            raise ValueError(f"range {text!r} ends before it starts")
        return {"kind": "range", "start": start, "end": end, "precision": p1}
    start, precision = parse_point(s)
    if precision == "day":
        return {"kind": "date", "start": start, "end": start, "precision": "day"}
    end, _ = parse_point(s, end=True)
    return {"kind": "month", "start": start, "end": end, "precision": "month"}


RANGE_DASHES = "~∼～〜–"
"""What a plan writes between the two ends of a range of figures or times: ``~``, ``∼``
(U+223C, the 한글 문서's 물결표), ``～`` (fullwidth), ``〜`` (wave dash) or ``–`` (en dash)."""

_TIME = r"([0-9]{1,2}):([0-9]{2})"
_DURATION = (r"(?:(?P<h>[0-9]+)\s*시간(?:\s*(?P<hm>[0-9]+)\s*분)?|(?P<m>[0-9]+)\s*분"
             r"|(?P<pm>[0-9]+)\s*['’′]|['’‘′]\s*(?P<mp>[0-9]+))")
_CLOCK = re.compile(rf"^\s*{_TIME}\s*(?:[{RANGE_DASHES}\-]\s*{_TIME}\s*)?"
                    rf"(?:\(\s*{_DURATION}\s*\)\s*)?$")
_DURATION_ONLY = re.compile(rf"^\s*(\()?\s*{_DURATION}\s*(?(1)\))\s*$")


def _minutes(m: re.Match) -> int | None:
    """The minutes a matched printed duration gives (90분, 90', '90, 1시간 30분)."""
    if m.group("h") is not None:
        return int(m.group("h")) * 60 + int(m.group("hm") or 0)
    for name in ("m", "pm", "mp"):
        if m.group(name) is not None:
            return int(m.group(name))
    return None


def parse_clock(text: str) -> tuple[int | None, int | None, int | None]:
    """A cell of an agenda's time column: (start, end, printed minutes), each None when the
    cell does not give it; times are minutes after midnight.

    Forms: ``14:00``, ``14:00~14:30`` (``~ ∼ ～ 〜 – -`` between the ends), either followed by
    its printed duration in parentheses: ``16:00~17:30(90분)``, ``16:20~17:25('65)``,
    ``(65')``, ``(1시간 30분)``; or a duration alone (``(90분)``, ``90분``, as a 계 row
    prints the agenda's length).  Raises ValueError for anything else.
    """
    m = _CLOCK.match(text)
    if not m:
        d = _DURATION_ONLY.match(text)
        if d:
            return None, None, _minutes(d)
        raise ValueError(f"{text!r} is not a time (14:00) or a range of times (14:00~14:30)")
    minutes = []
    for h, mi in (m.group(1, 2), m.group(3, 4)):
        if h is None:
            minutes.append(None)
            continue
        if int(h) > 24 or int(mi) > 59 or (int(h) == 24 and int(mi) > 0):
            raise ValueError(f"{text!r} is not a time of day")
        minutes.append(int(h) * 60 + int(mi))
    return minutes[0], minutes[1], _minutes(m)


def parse_clock_range(text: str) -> tuple[int, int | None]:
    """A time of day or a range of them (``14:00``, ``14:00~14:30``, with or without its printed
    duration) as minutes after midnight: (start, end or None).  Raises ValueError for anything
    else, a duration alone included."""
    start, end, _ = parse_clock(text)
    if start is None:
        raise ValueError(f"{text!r} is not a time (14:00) or a range of times (14:00~14:30)")
    return start, end


_PRINTED_DURATION = re.compile(rf"{_TIME}\s*[{RANGE_DASHES}\-]\s*{_TIME}\s*\(\s*{_DURATION}\s*\)")


def printed_durations(text: str) -> list[tuple[int, int, int, str]]:
    """Every clock range printed with its duration in a line of text (``일시 : 2027. 5. 20.(목)
    16:00~17:30(90분)``): (start, end, printed minutes, the words as printed)."""
    out = []
    for m in _PRINTED_DURATION.finditer(text):
        h1, m1, h2, m2 = (int(g) for g in m.group(1, 2, 3, 4))
        out.append((h1 * 60 + m1, h2 * 60 + m2, _minutes(m), m.group(0)))
    return out


_NUMBER_TEXT = r"[0-9][0-9,]*(?:\.[0-9]+)?"
_DASH = f"[{RANGE_DASHES}\\-]"
_COUNT = re.compile(rf"^\s*(?P<low>{_NUMBER_TEXT})\s*"
                    rf"(?P<u1>[^0-9{RANGE_DASHES}\-][^{RANGE_DASHES}]*?)?"
                    rf"\s*(?:{_DASH}\s*(?P<high>{_NUMBER_TEXT})\s*"
                    rf"(?P<u2>[^0-9{RANGE_DASHES}\-][^{RANGE_DASHES}]*?)?)?\s*$")
_FIGURE_RANGE = re.compile(rf"^\s*({_NUMBER_TEXT})\s*{_DASH}\s*({_NUMBER_TEXT})\s*$")


def parse_count(text: str) -> dict:
    """A count as printed: ``9개``, ``10.5회``, ``55.5%``, or a range ``40∼50명`` (also
    ``40~50명``, ``40-50명``, ``40명~50명``) → ``{'value': '40', 'to': '50', 'unit': '명'}``
    (``to`` only for a range, ``unit`` only when written)."""
    m = _COUNT.match(str(text))
    u1 = (m.group("u1") or "").strip() if m else ""
    u2 = (m.group("u2") or "").strip() if m else ""
    if not m or (m.group("high") is not None and u1 and u2 != u1):
        raise ValueError(f"expected a count such as 9개, got {text!r}")
    out = {"value": str(parse_decimal(m.group("low")))}
    if m.group("high") is not None:
        out["to"] = str(parse_decimal(m.group("high")))
        check_figure_range(out["value"], out["to"], text)
    unit = u2 or u1
    if unit:
        out["unit"] = unit
    return out


def split_figure_range(value):
    """A figure written as a range (``20~25``, ``20∼25``, ``20-25``) → (low, high) as texts;
    any other value → (value, None)."""
    m = _FIGURE_RANGE.match(value) if isinstance(value, str) else None
    return (m.group(1), m.group(2)) if m else (value, None)


def check_figure_range(low, high, text) -> None:
    """A range of figures goes from low to high (``40∼50``), its ends different."""
    if Decimal(str(high)) <= Decimal(str(low)):
        raise ValueError(f"the range {str(text)!r} does not go from a lower to a higher figure")


_SHORT_YEAR = re.compile(r"(?<![\w])['’‘′`＇]\s?([0-9]{2})(?![0-9])")
_BARE_SHORT_YEAR = re.compile(r"(?<![0-9.:,'’‘′`＇])([0-9]{2})"
                              r"(?=\.\s*[0-9]{1,2}(?:\.\s*[0-9]{1,2}|\s*월))")


def full_year(two_digits: int, plan_year: int, known: tuple = ()) -> int:
    """The year a two-digit year stands for: the one of ``known`` (the typed years) it ends
    with, else the latest year ending with it that is at most ten years after the plan year
    (’17 in a 2027 plan is 2017, ’45 is 1945)."""
    for y in known:
        if y % 100 == two_digits:
            return y
    year = plan_year // 100 * 100 + two_digits
    return year - 100 if year > plan_year + 10 else year


def expand_short_years(text: str, plan_year: int, known: tuple = ()) -> str:
    """A printed timing with its two-digit years written out: ``’17. 7.25.`` →
    ``2017. 7.25.``; ``'16. 1월`` → ``2016. 1월`` (after ``’ ‘ ' ′ ` ＇``).  A two-digit year
    without its mark (``17. 7. 25.``, ``16. 1월``) is written out only when it is one of the
    ``known`` years."""
    text = _SHORT_YEAR.sub(lambda m: str(full_year(int(m.group(1)), plan_year, known)), text)

    def bare(m):
        yy = int(m.group(1))
        year = next((y for y in known if y % 100 == yy), None)
        return str(year) if year is not None else m.group(0)
    return _BARE_SHORT_YEAR.sub(bare, text)


def parse_month_set(value) -> list[int]:
    """Months of a summary-schedule row: ``1-12``, ``10,11``, ``[2, 3, 4]`` → sorted months."""
    items = value if isinstance(value, list) else str(value).split(",")
    months: set[int] = set()
    for item in items:
        part = str(item).strip()
        m = re.fullmatch(r"([0-9]{1,2})\s*-\s*([0-9]{1,2})", part)
        if m:
            a, b = int(m.group(1)), int(m.group(2))
            if not (1 <= a <= b <= 12):
                raise ValueError(f"month range {part!r} must go from 1 to 12, low to high")
            months.update(range(a, b + 1))
        elif len(part) <= 2 and part.isascii() and part.isdigit() and 1 <= int(part) <= 12:
            months.add(int(part))
        else:
            raise ValueError(f"expected months such as 1-12 or 2, 4, 6 (1 to 12), got {part!r}")
    return sorted(months)
