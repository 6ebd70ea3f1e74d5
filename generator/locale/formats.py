"""Typed plan values as a reader of one language reads them: figures, money, dates, timings.

:class:`Formats` is mixed into :class:`generator.locale.Locale`; every renderer (site, PDF, data,
check report) formats through a locale, so the same figure reads the same everywhere.  Numbers
and dates are Babel's for the language (``56,000``; ``2016. 1. 19.`` / ``19 January 2016``); the
words around them (units, funding sources, recurrences, 비예산) come from the locale's
``interface`` catalog.  In Korean the output is exactly what an official document prints.

Money, in Korean, is printed in the unit the plan wrote it in (``13,420천원``).  In every other
language one rule, exact and never rounded (:meth:`Formats.amount`): an amount of a million won
or more is written in millions, billions or trillions when at most three decimals say it exactly
(``KRW 13.42 million``, ``KRW 1.475 billion``, ``KRW 200 million``); any other amount in whole
won (``KRW 950,000``, ``KRW 13,420,500``).

Plan texts that a method joins with other words keep their marks (:mod:`.shown`): outside
Korean, a text shown in Korean because it is not translated stays marked wherever it lands.
"""

from __future__ import annotations

from datetime import date
from decimal import Context, Decimal, localcontext

from .shown import cat, join

CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
ROMAN = ["I", "II", "III", "IV", "V", "VI"]
CHILD_MARKER = {"□": "○", "○": "-", "-": "·", "·": "·", "※": "-", "*": "-"}
"""The default marker one level below a given marker."""

GROUPED_BY_THREE = ("ko", "en")
"""Languages whose figures Babel writes as Python's ``,`` format does (a comma every three
digits, a point before the fraction): formatted without loading Babel's locale data, which
costs more than checking a plan.  A test holds the two equal."""

WRITTEN_DATES = {
    "ko": ("{y}. {m}. {d}.", [f"{m}월" for m in range(1, 13)]),
    "en": ("{d} {name} {y}", ["January", "February", "March", "April", "May", "June", "July",
                              "August", "September", "October", "November", "December"]),
}
"""ko and en dates and month names written out (a test holds them equal to Babel's, see
:data:`BABEL_DATES`) so that checking a plan never loads Babel's date data."""

BABEL_DATES = {"ko": ("ko", "medium", "MMM"), "en": ("en_GB", "long", "MMMM")}
"""The Babel locale, date format and month-name pattern each language's dates follow: Korean
as official documents print them (``2016. 1. 19.``), English as British and international
English writes them (``19 January 2016``); other languages: their medium date."""

WRITTEN_UNITS = ("ko",)
"""Languages that print an amount in the unit the plan wrote it in (``13,420천원``); every other
language writes it in won, scaled by the one rule of :meth:`Formats.amount`."""

SCALES = ((10 ** 12, "trillion"), (10 ** 9, "billion"), (10 ** 6, "million"))
SCALE_DECIMALS = 3
"""At most this many decimals in a scaled amount (``KRW 1.475 billion``); an amount that needs
more is written in whole won."""

MONEY_UNIT_MESSAGES = {
    "원": "{amount} won",
    "천원": "{amount} thousand won",
    "만원": "{amount} ten thousand won",
    "백만원": "{amount} million won",
    "억원": "{amount} hundred million won",
}
"""The interface message that prints an amount in each money unit."""

UNIT_NAME_MESSAGES = {"원": "won", "천원": "thousand won", "만원": "ten thousand won",
                      "백만원": "million won", "억원": "hundred million won"}
"""The name of each money unit on its own, as in (단위 : 천원)."""

SOURCE_MESSAGES = {
    "국비": ("national", "national (short)"),
    "시비": ("city", "city (short)"),
    "도비": ("provincial", "provincial (short)"),
    "구비": ("district", "district (short)"),
    "군비": ("county", "county (short)"),
    "기금": ("fund", "fund (short)"),
    "민간": ("private", "private (short)"),
    "자부담": ("own contribution", "own contribution (short)"),
    "기타": ("other", "other (short)"),
    "미지정": ("unspecified", "unspecified (short)"),
}
"""Funding sources (the model's keys): their name and short form (국:시:구) in the catalog."""

RECURRING_MESSAGES = {
    "매일": "daily", "매주": "weekly", "매월": "monthly", "매분기": "every quarter",
    "분기별": "quarterly", "반기별": "half-yearly", "연중": "all year", "수시": "as needed",
}
"""Recurring timings (the model's keys) and their interface message."""

FREQUENCY_MESSAGES = {"월": "{times} times a month", "총": "{times} times in all"}

SIGN_MARK_MESSAGES = {"전결": "delegated approval (전결)", "대결": "acting approval (대결)",
                      "代": "signed for (代)"}
"""The marks of an approver's box (the model's keys) and their interface message."""

DISCLOSURE_MESSAGES = {"대시민공개": "public to citizens", "공개": "public",
                       "부분공개": "partly public", "비공개": "not public"}
"""공개여부 (the model's keys) and their interface message."""


def circled(n: int) -> str:
    """1 → ①, …, 20 → ⑳; beyond that ``(21)``."""
    return CIRCLED[n - 1] if 1 <= n <= len(CIRCLED) else f"({n})"


FILLED = "❶❷❸❹❺❻❼❽❾❿⓫⓬⓭⓮⓯⓰⓱⓲⓳⓴"
UNICODE_ROMAN = "ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ"
HANGUL_ORDER = "가나다라마바사아자차카타파하"
CIRCLED_HANGUL = "㉮㉯㉰㉱㉲㉳㉴㉵㉶㉷㉸㉹㉺㉻"


def _ascii_roman(n: int) -> str:
    out = ""
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"),
                           (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"),
                           (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + letters, n - value
    return out


SECTION_MARKS = {
    "circled": circled,
    "filled": lambda n: FILLED[n - 1] if 1 <= n <= len(FILLED) else f"({n})",
    "roman": lambda n: UNICODE_ROMAN[n - 1] if 1 <= n <= len(UNICODE_ROMAN)
    else _ascii_roman(n) + ".",
    "arabic": lambda n: f"{n}.",
    "padded": lambda n: f"{n:02d}",
    "hangul": lambda n: _hangul(n, "{}."),
    "arabic-paren": lambda n: f"{n})",
    "hangul-paren": lambda n: _hangul(n, "{})"),
    "paren-arabic": lambda n: f"({n})",
    "paren-hangul": lambda n: _hangul(n, "({})"),
    "circled-hangul": lambda n: CIRCLED_HANGUL[n - 1] if 1 <= n <= len(CIRCLED_HANGUL)
    else f"({n})",
}
"""The numbering styles of headings, by the plan's ``section_numbering`` and
``part_numbering``: ① ② (``circled``), ❶ ❷, Ⅰ Ⅱ, 1. 2., 01 02, 가. 나., and the further levels
of the 행정업무 order 1. → 가. → 1) → 가) → (1) → (가) → ① → ㉮.  Past the end of a Hangul or
symbol series, the number is written in digits in the same shape."""

NUMBERING_STYLES = tuple(SECTION_MARKS)
"""Every numbering style's name, in the order the reference lists them."""


def _hangul(n: int, shape: str) -> str:
    return shape.format(HANGUL_ORDER[n - 1] if 1 <= n <= len(HANGUL_ORDER) else n)


def section_mark(n: int, style: str = "circled") -> str:
    """The mark of the n-th section (from 1) in a numbering style."""
    return SECTION_MARKS[style](n)


def child_marker(marker: str) -> str:
    """The default marker one level below ``marker``."""
    return CHILD_MARKER.get(marker, "-")


class Formats:
    """Formatting of typed values; needs ``self.lang``, ``self._``, ``self.text`` and
    ``self.translates``."""

    lang: str

    # -- figures -------------------------------------------------------------------------
    def number(self, value: int | Decimal) -> str:
        """A figure with the language's digit grouping (Babel), every written digit kept:
        ``56000`` → ``56,000``, ``12.50`` → ``12.50``."""
        if isinstance(value, Decimal):
            exponent = value.as_tuple().exponent
            if not (isinstance(exponent, int) and exponent < 0):
                value = int(value)
        if self.lang in GROUPED_BY_THREE:
            return f"{value:,}"
        from babel.numbers import format_decimal
        if isinstance(value, Decimal):
            return format_decimal(value, format="#,##0." + "0" * -value.as_tuple().exponent,
                                  locale=self.lang, decimal_quantization=False)
        return format_decimal(value, locale=self.lang, decimal_quantization=False)

    def amount(self, amount, unit: str, approx: bool = False) -> str:
        """``13,420천원``; ``약 5,000만원`` for estimates.  Outside Korean the amount is
        written in won by one rule (``KRW 13.42 million``, ``KRW 950,000``,
        :meth:`scaled_won`): exact, never rounded."""
        if self.lang in WRITTEN_UNITS:
            text = self._(MONEY_UNIT_MESSAGES[unit], amount=self.number(amount))
        else:
            from ..parsing import MONEY_UNITS
            with localcontext(Context(prec=60)):
                text = self.scaled_won(Decimal(amount) * MONEY_UNITS[unit])
        return self._("about {amount}", amount=text) if approx else text

    def scaled_won(self, won: Decimal | int) -> str:
        """An amount in won in millions, billions or trillions when at most
        :data:`SCALE_DECIMALS` decimals give it exactly, else in whole won:
        13,420,000 → ``KRW 13.42 million``; 950,000 → ``KRW 950,000``."""
        won = Decimal(won)
        with localcontext(Context(prec=60)):
            for scale, name in SCALES:
                if abs(won) < scale:
                    continue
                q = (won / scale).normalize()
                exponent = q.as_tuple().exponent
                if isinstance(exponent, int) and -exponent <= SCALE_DECIMALS:
                    shown = self.number(q if exponent < 0 else int(q))
                    if name == "trillion":
                        return self._("{amount} trillion won", amount=shown)
                    if name == "billion":
                        return self._("{amount} billion won", amount=shown)
                    return self._("{amount} million won", amount=shown)
                break
            if won == won.to_integral_value():
                return self._("{amount} won", amount=self.number(int(won)))
            return self._("{amount} won", amount=self.number(won.normalize()))

    def money(self, m) -> str:
        """A :class:`~generator.model.Money` as printed."""
        return self.amount(m.amount, m.unit, m.approx)

    def unit_name(self, unit: str) -> str:
        """A money unit's name: 천원 / thousand won."""
        return self._(UNIT_NAME_MESSAGES[unit])

    def won(self, value: int) -> str:
        """An exact amount in won: ``319,420,000원``."""
        return self.amount(value, "원")

    def thousand_won(self, value: int) -> str:
        """An amount in 천원 when it is whole thousands, else in 원 (outside Korean: by the
        one rule of :meth:`amount`)."""
        if value % 1000 == 0 and self.lang in WRITTEN_UNITS:
            return self.amount(value // 1000, "천원")
        return self.won(value)

    def percent(self, value) -> str:
        """``75%``; a fraction keeps its digits: ``12.5%``."""
        return self.number(value) + "%"

    def figure(self, text: str) -> str:
        """A figure as printed in a table cell, with digit grouping: ``13420`` → ``13,420``,
        ``7개`` → ``7개``, ``1475백만원`` → ``1,475백만원``.  Text that does not start with a
        number is returned unchanged."""
        if hasattr(text, "map") and len(text.parts) == 1:  # a Shown text: keep its mark
            return text.map(self._figure)
        return self._figure(text)

    def _figure(self, text: str) -> str:
        s = str(text).strip()
        i = 0
        while i < len(s) and (s[i].isdigit() or s[i] in ",."):
            i += 1
        head, tail = s[:i], s[i:]
        if not head or not head[0].isdigit():
            return text
        from ..parsing import parse_decimal
        try:
            return self.number(parse_decimal(head)) + tail
        except ValueError:
            return text

    # -- words ---------------------------------------------------------------------------
    def source(self, name: str) -> str:
        """A funding source's name: 국비 / national."""
        return self._(SOURCE_MESSAGES[name][0]) if name in SOURCE_MESSAGES else name

    def source_short(self, name: str) -> str:
        """A funding source's short form, as in ``국:시:구=50:25:25``."""
        return self._(SOURCE_MESSAGES[name][1]) if name in SOURCE_MESSAGES else name

    def sign_mark(self, mark: str) -> str:
        """전결 / delegated, 대결 / acting, 代 / signed for."""
        return self._(SIGN_MARK_MESSAGES[mark])

    def disclosure(self, disclosure) -> str:
        """공개여부 (a :class:`~generator.model.Disclosure`, or its status): 대시민공개 / public to
        citizens; 부분공개(5) / partly public (ground 5)."""
        status = getattr(disclosure, "status", disclosure)
        grounds = list(getattr(disclosure, "grounds", []))
        if not grounds:
            return self._(DISCLOSURE_MESSAGES[status])
        return self._("{status} ({grounds})", status=self._(DISCLOSURE_MESSAGES[status]),
                      grounds=self._("ground(s) {numbers}", numbers=", ".join(
                          str(g) for g in grounds)))

    # -- dates ---------------------------------------------------------------------------
    def day(self, d: date) -> str:
        """A date as the language writes it (Babel, :data:`BABEL_DATES`): ``2016. 1. 19.`` /
        ``19 January 2016``."""
        if self.lang in WRITTEN_DATES:
            return WRITTEN_DATES[self.lang][0].format(y=d.year, m=d.month, d=d.day,
                                                      name=self._month_name(d))
        from babel.dates import format_date
        return format_date(d, "medium", locale=self.lang)

    def _month_name(self, d: date) -> str:
        if self.lang in WRITTEN_DATES:
            return WRITTEN_DATES[self.lang][1][d.month - 1]
        from babel.dates import format_date
        return format_date(d, "MMM", locale=self.lang)

    def _list(self, items: list) -> str:
        """Items listed: ``2·4·6·8`` / ``February, April and June``."""
        items = list(items)
        if len(items) < 2:
            return cat(*items)
        return self._("{head} and {last} (end of a list)",
                      head=join(self._("· (list separator)"), items[:-1]), last=items[-1])

    def _range(self, first, last) -> str:
        """Two ends of a run: ``1~2`` / ``1–2``, ``1~12`` / ``January–December``."""
        return self._("{first}–{last} (range)", first=first, last=last)

    def _month_params(self, d: date) -> dict:
        return {"year": d.year, "month": d.month, "month_name": self._month_name(d)}

    def month(self, d: date, with_year: bool = True) -> str:
        """``2016. 3월`` / ``Mar 2016``."""
        if with_year:
            return self._("{month_name} {year}", **self._month_params(d))
        return self._("{month_name}", **self._month_params(d))

    def month_name(self, month: int) -> str:
        """A month without its year: ``3월`` / ``Mar``."""
        return self.month(date(2000, month, 1), with_year=False)

    def period(self, p) -> str:
        """``2016. 1. ~ 2016. 12.`` / ``January–December 2016``, or ``2015. 9. 1. ~ 2016. 8.
        31.`` / ``1 September 2015 – 31 August 2016``."""
        if p.precision == "day":
            return self._("{start} – {end}", start=self.day(p.start), end=self.day(p.end))
        start, end = self._month_params(p.start), self._month_params(p.end)
        if p.start.year == p.end.year:
            return self._("{start_month_name}–{end_month_name} {year} (period)",
                          year=p.start.year, start_month=start["month"],
                          end_month=end["month"], start_month_name=start["month_name"],
                          end_month_name=end["month_name"])
        return self._("{start_month_name} {start_year} – {end_month_name} {end_year}",
                      **{f"start_{k}": v for k, v in start.items()},
                      **{f"end_{k}": v for k, v in end.items()})

    def _timing_one(self, t) -> str:
        if t.kind == "recurring":
            return self._(RECURRING_MESSAGES[t.every]) if t.every else ""
        if t.kind == "frequency":
            low, tilde, high = (t.times or "").partition("~")
            times = self._range(low, high) if tilde else t.times
            return self._(FREQUENCY_MESSAGES[t.per], times=times)
        if t.kind == "date":
            return self.day(t.start)
        if t.kind == "month":
            return self.month(t.start)
        if t.precision == "day":
            return self._("{start} – {end}", start=self.day(t.start), end=self.day(t.end))
        if t.start.year == t.end.year:
            start, end = self._month_params(t.start), self._month_params(t.end)
            return self._("{start_month_name}–{end_month_name} {year}", year=t.start.year,
                          start_month=start["month"], end_month=end["month"],
                          start_month_name=start["month_name"], end_month_name=end["month_name"])
        return self._("{start} – {end}", start=self.month(t.start), end=self.month(t.end))

    def timing(self, timings: list) -> str:
        """All timings of a schedule item: single months of one year merge into
        ``2016. 2·4·6·8월``."""
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
                    parts.append(self._(
                        "{month_names} {year}", year=t.start.year,
                        months="·".join(str(r.start.month) for r in run),
                        month_names=self._list([self._month_params(r.start)["month_name"]
                                                for r in run])))
                else:
                    parts.append(self.month(t.start))
            else:
                parts.append(self._timing_one(t))
            i += 1
        return ", ".join(parts)

    def schedule_when(self, item) -> str:
        """What a 추진일정 line prints after its text: the timing as printed, else as derived."""
        if not item.when_shown:
            return ""
        if item.when_text is not None:
            shown = self._derived(item.when_text, lambda loc: loc.timing(item.when)
                                  if item.when else None)
            if item.when and getattr(shown, "untranslated", False):
                # outside Korean, rather than the printed Korean: the typed timing, which the
                # printed-timing check holds the printed one to
                return self.timing(item.when)
            return shown
        return self.timing(item.when)

    def month_set(self, months: list[int]) -> str:
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

        def label(m: int) -> str:
            return self._("{month_name} (in a list of months)",
                          **self._month_params(date(2000, m, 1)))
        parts = []
        for run in runs:
            parts += [self._range(label(run[0]), label(run[-1]))] if len(run) >= 3 \
                else [label(m) for m in run]
        return self._("months {months}", months=self._list(parts))

    def sign_date(self, d: date) -> str:
        """The date written in a 결재란 box: ``01/19``."""
        return f"{d.month:02d}/{d.day:02d}"

    # -- budgets -------------------------------------------------------------------------
    def split(self, s) -> str:
        """``국비 75 : 시비 25``, ``국:시:구=50:25:25``, ``전액 국비`` or ``구비 5,000천원 : …``."""
        shares = s.shares
        if len(shares) == 1 and shares[0].ratio == 100:
            text = self._("all {source}", source=self.source(shares[0].source))
        elif all(sh.ratio is not None for sh in shares):
            if s.style == "colon":
                text = (":".join(self.source_short(sh.source) for sh in shares) + "="
                        + ":".join(self.number(sh.ratio) for sh in shares))
            else:
                text = " : ".join(f"{self.source(sh.source)} {self.number(sh.ratio)}"
                                  for sh in shares)
        else:
            text = " : ".join(
                f"{self.source(sh.source)} "
                f"{self.money(sh.amount) if sh.amount else self.number(sh.ratio)}"
                for sh in shares)
        if s.note:
            text = cat(text, " (", self.text(s.note), ")")
        return text

    def sources(self, s) -> str:
        """The short form printed after an amount: ``구비`` or ``국:시:구=50:25:25``."""
        if len(s.shares) == 1:
            return self.source(s.shares[0].source)
        return self.split(s)

    def budget(self, b) -> str:
        """``13,420천원(시비)``, ``연간 2억원``, ``100백만원(국:시:구=50:25:25) - 신규기업 2개``,
        ``비예산``."""
        if b.amount is None:
            text = self._("non-budget")
        else:
            text = self.money(b.amount)
            if b.annual:
                text = self._("annual {amount}", amount=text)
            if b.funding:
                text = self._("{amount}({sources})", amount=text,
                              sources=self.sources(b.funding))
        if b.note:
            text = cat(text, self._(" - (before what a budget is for)"), self.text(b.note))
        return text

    def _derived(self, printed, derive) -> str:
        """A value the plan prints as text beside its typed form: in Korean the text as
        printed.  In another language, when the printed Korean says no more than the typed
        value (it reads the same as the typed value formatted in Korean, spaces aside, or it is
        figures and punctuation only, which the printed-figure and printed-timing checks hold
        to the typed value), the typed value formatted in this language, so that figures are
        never translated by hand; else the text (its translation, or the Korean marked as not
        translated)."""
        if not self.translates:
            return self.text(printed)
        from . import get
        ko = get("ko")
        korean = derive(ko)
        if korean is not None:
            written = ko.text(printed)
            if korean.replace(" ", "") == written.replace(" ", "") \
                    or not any(c.isalpha() for c in written):
                return derive(self)
        return self.text(printed)

    def stated(self, printed, budget) -> str:
        """A budget where the plan states it: its text as printed, else derived from the
        budget; empty when there is neither.  Outside Korean a printed budget that says no
        more than the budget is derived from it (:meth:`_derived`)."""
        if printed is not None:
            return self._derived(printed, lambda loc: loc.budget(budget)
                                 if budget is not None else None)
        return self.budget(budget) if budget is not None else ""

    def count(self, c) -> str:
        """``9개(예비 1개, 인증 8개)``; figures as written (``10.5회``, ``55.5%``); a range
        ``40~50명`` / ``40–50 persons``.  Outside Korean a unit that is a word is set off by a
        space (``9 persons``, but ``58%``)."""
        unit = self._unit_after(c.unit)
        text = cat(self._figures(c.value, c.to), unit)
        valued = [p for p in c.parts if p.value is not None]
        if valued and c.parts_total is None:
            text = cat(text, "(", join(", ", [cat(self.text(p.label), " ",
                                                  self._figures(p.value, p.to), unit)
                                              for p in valued]), ")")
        return text

    def _unit_after(self, unit):
        """A unit as written after a figure: outside Korean a unit that is a word is set off by
        a space (``9 persons``, but ``58%``)."""
        unit = self.text(unit)
        if self.lang != "ko" and str(unit)[:1].isascii() and str(unit)[:1].isalpha():
            unit = cat(" ", unit)
        return unit

    def with_unit(self, value: int, unit) -> str:
        """A whole figure and its unit: ``14,000명`` / ``14,000 persons``."""
        return cat(self.number(value), self._unit_after(unit))

    def _figures(self, low, high=None) -> str:
        """A figure, or a range of figures: ``40~50`` / ``40–50``."""
        if high is None:
            return self.number(low)
        return self._range(self.number(low), self.number(high))

    def overview_value(self, item) -> str:
        """An overview line's text: as printed, else derived from its typed fields (outside
        Korean, a printed budget or period that says no more than its typed value is derived
        from it: :meth:`_derived`)."""
        if item.value is not None or item.budget is not None:
            if item.value is not None and item.budget is None:
                if item.period is not None:
                    return self._derived(item.value, lambda loc: loc.period(item.period))
                if item.cap is not None:
                    return self._derived(item.value, lambda loc: loc.money(item.cap))
            return self.stated(item.value, item.budget)
        if item.period is not None:
            return self.period(item.period)
        if item.count is not None:
            return self.count(item.count)
        if item.target is not None:
            return self.count(item.target)
        if item.cap is not None:
            return self.money(item.cap)
        return ""

    def section_label(self, index: int, title, style: str) -> str:
        """``① 지역일자리 목표 공시제`` for the first section (in the plan's numbering)."""
        return cat(section_mark(index + 1, style), " ", self.text(title))
