"""Turns typed plan values into the text an official Korean document prints.

Shared by every renderer (site, PDF, data), so the same figure reads the same everywhere.
Numbers and dates read as Babel's Korean locale writes them (``56,000``; ``2016. 1. 19.``); a
test holds them equal, and the formats are written out so that ``validate`` need not load Babel.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from . import model

CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
ROMAN = ["I", "II", "III", "IV", "V", "VI"]
CHILD_MARKER = {"□": "○", "○": "-", "-": "·", "·": "·", "※": "-", "*": "-"}
"""The default marker one level below a given marker."""


def circled(n: int) -> str:
    """1 → ①, …, 20 → ⑳; beyond that ``(21)``."""
    return CIRCLED[n - 1] if 1 <= n <= len(CIRCLED) else f"({n})"


def number(value: int | Decimal) -> str:
    """A figure with thousands separators: 56000 → ``56,000``.

    Korean groups digits by three with a comma, as Python's ``,`` format does; a test holds this
    equal to Babel's Korean format.  The format spec is used because the checks format hundreds
    of figures on every ``validate`` and Babel's import alone costs more than a plan's checks.
    """
    return f"{value:,}"


def money(m: model.Money) -> str:
    """``13,420천원``; ``약 5천만원`` for estimates."""
    return ("약 " if m.approx else "") + number(m.amount) + m.unit


def won(value: int) -> str:
    """An exact amount in won: ``319,420,000원``."""
    return number(value) + "원"


def thousand_won(value: int) -> str:
    """An amount in 천원 when it is whole thousands, else in 원."""
    if value % 1000 == 0:
        return number(value // 1000) + "천원"
    return won(value)


def day(d: date) -> str:
    """``2016. 1. 19.``: Babel's Korean medium date (a test holds the two equal), written out
    so that ``validate``, which formats dates in its messages, does not load Babel."""
    return f"{d.year}. {d.month}. {d.day}."


def month(d: date, with_year: bool = True) -> str:
    """``2016. 3월``"""
    return f"{d.year}. {d.month}월" if with_year else f"{d.month}월"


def period(p: model.Period) -> str:
    """``2016. 1. ~ 2016. 12.`` or ``2015. 9. 1. ~ 2016. 8. 31.``."""
    if p.precision == "day":
        return f"{day(p.start)} ~ {day(p.end)}"
    return f"{p.start.year}. {p.start.month}. ~ {p.end.year}. {p.end.month}."


def _timing_one(t: model.Timing) -> str:
    if t.kind == "recurring":
        return t.every or ""
    if t.kind == "frequency":
        return f"{t.per} {t.times}회"
    if t.kind == "date":
        return day(t.start)
    if t.kind == "month":
        return month(t.start)
    if t.precision == "day":
        return f"{day(t.start)} ~ {day(t.end)}"
    if t.start.year == t.end.year:
        return f"{t.start.year}. {t.start.month}월 ~ {t.end.month}월"
    return f"{month(t.start)} ~ {month(t.end)}"


def timing(timings: list[model.Timing]) -> str:
    """All timings of a schedule item: single months of one year merge into ``2016. 2·4·6·8월``."""
    parts: list[str] = []
    i = 0
    while i < len(timings):
        t = timings[i]
        if t.kind == "month":
            run = [t]
            while i + 1 < len(timings) and timings[i + 1].kind == "month" \
                    and timings[i + 1].start.year == t.start.year:
                i += 1
                run.append(timings[i])
            if len(run) > 1:
                parts.append(f"{t.start.year}. " + "·".join(str(r.start.month) for r in run) + "월")
            else:
                parts.append(month(t.start))
        else:
            parts.append(_timing_one(t))
        i += 1
    return ", ".join(parts)


def schedule_when(item: model.ScheduleItem) -> str:
    """What a 추진일정 line prints after its text: the timing as printed, else as derived."""
    if not item.when_shown:
        return ""
    if item.when_text is not None:
        return item.when_text.ko
    return timing(item.when)


def split(s: model.FundingSplit) -> str:
    """``국비 75 : 시비 25``, ``국:시:구=50:25:25``, ``전액 국비`` or ``구비 5,000천원 : …``."""
    shares = s.shares
    if len(shares) == 1 and shares[0].ratio == 100:
        text = f"전액 {shares[0].source}"
    elif all(sh.ratio is not None for sh in shares):
        if s.style == "colon":
            text = (":".join(sh.source[0] for sh in shares) + "="
                    + ":".join(number(sh.ratio) for sh in shares))
        else:
            text = " : ".join(f"{sh.source} {number(sh.ratio)}" for sh in shares)
    else:
        text = " : ".join(f"{sh.source} {money(sh.amount) if sh.amount else number(sh.ratio)}"
                          for sh in shares)
    if s.note:
        text += f" ({s.note.ko})"
    return text


def sources(s: model.FundingSplit) -> str:
    """The short form printed after an amount: ``구비`` or ``국:시:구=50:25:25``."""
    if len(s.shares) == 1:
        return s.shares[0].source
    return split(s)


def budget(b: model.Budget) -> str:
    """``13,420천원(시비)``, ``연간 2억원``, ``100백만원(국:시:구=50:25:25) - 신규기업 2개``, ``비예산``."""
    if b.amount is None:
        text = "비예산"
    else:
        text = ("연간 " if b.annual else "") + money(b.amount)
        if b.funding:
            text += f"({sources(b.funding)})"
    if b.note:
        text += f" - {b.note.ko}"
    return text


def count(c: model.Count) -> str:
    """``9개(예비 1개, 인증 8개)``."""
    text = number(c.value) + c.unit
    valued = [p for p in c.parts if p.value is not None]
    if valued and c.parts_total is None:
        text += "(" + ", ".join(f"{p.label.ko} {number(p.value)}{c.unit}" for p in c.parts
                                if p.value is not None) + ")"
    return text


def overview_value(item: model.OverviewItem) -> str:
    """An overview line's text: as printed, else derived from its typed fields."""
    if item.value is not None:
        return item.value.ko
    if item.budget is not None:
        return budget(item.budget)
    if item.period is not None:
        return period(item.period)
    if item.count is not None:
        return count(item.count)
    if item.target is not None:
        return count(item.target)
    if item.cap is not None:
        return money(item.cap)
    return ""


def child_marker(marker: str) -> str:
    """The default marker one level below ``marker``."""
    return CHILD_MARKER.get(marker, "-")


def section_label(index: int, section: model.Section) -> str:
    """``① 지역일자리 목표 공시제`` for the first section."""
    return f"{circled(index + 1)} {section.title.ko}"


def month_set(months: list[int]) -> str:
    """Months of a summary-schedule row in words: ``1~12월``, ``10·11월``, ``2·3·9·10월``.

    Runs of three or more months read as a range; shorter runs are listed with ``·``.
    """
    ms = sorted(set(months))
    if not ms:
        return ""
    runs: list[list[int]] = [[ms[0]]]
    for m in ms[1:]:
        if m == runs[-1][-1] + 1:
            runs[-1].append(m)
        else:
            runs.append([m])
    parts = []
    for run in runs:
        parts += [f"{run[0]}~{run[-1]}"] if len(run) >= 3 else [str(m) for m in run]
    return "·".join(parts) + "월"


def sign_date(d: date) -> str:
    """The date written in a 결재란 box: ``01/19``."""
    return f"{d.month:02d}/{d.day:02d}"


def figure(text: str) -> str:
    """A figure as printed in a table cell, with thousands separators: ``13420`` → ``13,420``,
    ``7개`` → ``7개``, ``1475백만원`` → ``1,475백만원``.  Text that does not start with a number
    is returned unchanged."""
    s = text.strip()
    i = 0
    while i < len(s) and (s[i].isdigit() or s[i] in ",."):
        i += 1
    head, tail = s[:i], s[i:]
    if not head or not head[0].isdigit():
        return text
    from .parsing import parse_decimal
    try:
        return number(parse_decimal(head)) + tail
    except ValueError:
        return text


def percent(value) -> str:
    """``75%``; a fraction keeps its digits: ``12.5%``."""
    return number(value) + "%"
