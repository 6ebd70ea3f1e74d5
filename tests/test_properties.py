"""Property tests (hypothesis): the loader, the escaping of every output format, the arithmetic.

Every test is deterministic (``derandomize=True``, no example database): the same examples on
every machine and every run, so CI never flakes, and a failure shows its smallest example.
"""

from __future__ import annotations

import atexit
import csv
import functools
import io
import json
import re
import shutil
import tempfile
from decimal import ROUND_HALF_UP, Decimal
from html.parser import HTMLParser
from pathlib import Path

import markdown
import yaml
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from generator.budgets import budget_overview
from generator.data import FORMULA_START, plan_files
from generator.locale import get as get_locale
from generator.model import Money
from generator.parsing import MONEY_UNITS, parse_decimal, parse_money, to_won
from generator.pdf.html import print_html
from generator.pipeline import check_folder
from generator.problems import format_text
from generator.projection import project
from generator.site.pages import site_pages

from .conftest import PLANS, ROOT

MINIMAL = PLANS / "valid" / "minimal"
KO, EN = get_locale("ko"), get_locale("en")


def props(examples: int):
    """The settings of every property here: few examples, no deadline, derandomized."""
    return settings(max_examples=examples, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow,
                                           HealthCheck.function_scoped_fixture])


class _Folder:
    """A copy of the minimal plan in a temporary folder named as its id, rewritten per example
    (hypothesis runs one test function many times: a pytest tmp_path would be shared)."""

    def __init__(self):
        self.root = Path(tempfile.mkdtemp(prefix="plansite-props-"))
        self.plan = self.root / "minimal"
        atexit.register(shutil.rmtree, self.root, ignore_errors=True)

    def fresh(self, files: dict[str, bytes | str] | None = None) -> Path:
        if self.plan.exists():
            shutil.rmtree(self.plan)
        shutil.copytree(MINIMAL, self.plan)
        for name, data in (files or {}).items():
            path = self.plan / name
            path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
        return self.plan


@functools.lru_cache(maxsize=None)
def _folder() -> _Folder:
    return _Folder()


# ---- the loader ------------------------------------------------------------------------------

SOURCES = {p.relative_to(MINIMAL).as_posix(): p.read_text(encoding="utf-8")
           for p in sorted(MINIMAL.rglob("*.yaml"))}
PIECES = list("{}[]:,-?|>&*!%@`'\"#~ \t\n.=+/\\가a19") + [
    ": ", "\n  - ", "  ", "- ", "? ", "--- ", "...", "!!str ", "&a ", "*a", "<<: ", "0x1F",
    "2016-13", "2016-02-30", "13,42천원", "50:50", "1e400", "9" * 40, "9" * 5000, "[" * 100,
    "{a: " * 60, "\x00", "\x07", "\x1b[2K", "\x85", "\u2028", "\ufeff", "\u202e", "\ud800"]
"""What the mutations insert: YAML syntax, the plan's own kinds of value written wrong, sizes
past the limits, control and format characters, and a lone surrogate (written as the bytes of
invalid UTF-8)."""


VALUE = re.compile(r'(?<=: )[^\n{}\[\],"]+|(?<=")[^"\n]*(?=")')
"""Where a value is written: after ``key: `` or between double quotes."""


@st.composite
def mutated_plan(draw) -> tuple[str, str]:
    """One file of the minimal plan, changed one to four times: a value replaced, text inserted
    or deleted at any offset, a line replaced, duplicated or indented, or the whole file
    replaced."""
    name = draw(st.sampled_from(sorted(SOURCES)))
    text = SOURCES[name]
    pieces = st.lists(st.sampled_from(PIECES), max_size=8).map("".join)
    for _ in range(draw(st.integers(1, 4))):
        lines = text.split("\n")
        values = list(VALUE.finditer(text))
        op = draw(st.sampled_from(["value", "value", "insert", "delete", "line", "duplicate",
                                   "indent", "whole"]))
        i = draw(st.integers(0, len(lines) - 1))
        if op == "value" and values:
            m = values[draw(st.integers(0, len(values) - 1))]
            text = text[:m.start()] + draw(pieces) + text[m.end():]
        elif op == "insert":
            at = draw(st.integers(0, len(text)))
            text = text[:at] + draw(pieces) + text[at:]
        elif op == "delete":
            at = draw(st.integers(0, len(text)))
            text = text[:at] + text[at + draw(st.integers(1, 30)):]
        elif op == "line":
            lines[i] = draw(pieces)
            text = "\n".join(lines)
        elif op == "duplicate":
            text = "\n".join(lines[:i + 1] + lines[i:])
        elif op == "indent":
            lines[i] = " " * draw(st.integers(1, 3)) + lines[i]
            text = "\n".join(lines)
        else:
            text = draw(st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
    return name, text


RULE_ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


def _check_located(folder: Path) -> None:
    """Check the plan folder: nothing raised, and every problem names its rule, a file of the
    plan, a line of it and a column, with a message; a plan that did not load has an error."""
    checked = check_folder(folder)
    files = {p.relative_to(folder).as_posix(): p for p in folder.rglob("*.yaml")}
    for p in checked.problems:
        assert p.severity in ("error", "warning") and RULE_ID.fullmatch(p.rule), p
        assert p.message.strip(), p
        where = next((rel for rel in files if p.file.endswith(rel)), None)
        assert where is not None, f"{p.file} is not a file of the plan: {p}"
        lines = files[where].read_bytes().count(b"\n") + 1
        # the end of a file without a final line break is reported on the line after it
        assert 1 <= p.line <= lines + 1 and p.col >= 1, p
    if checked.plan is None:
        assert any(p.severity == "error" for p in checked.problems)
    format_text(checked.problems)


@props(150)
@given(mutated_plan())
def test_any_yamlish_text_gives_located_problems_never_an_exception(case):
    name, text = case
    _check_located(_folder().fresh({name: text.encode("utf-8", "surrogatepass")}))


FIGURES = st.one_of(
    st.integers(0, 10 ** 60).map(str),
    st.integers(0, 10 ** 30).map("{:,}".format),
    st.tuples(st.integers(0, 10 ** 24), st.integers(0, 10 ** 12)).map("{0[0]}.{0[1]}".format),
    st.tuples(st.integers(0, 10 ** 24), st.sampled_from(sorted(MONEY_UNITS))).map(
        "{0[0]:,}{0[1]}".format),
    st.sampled_from([
        "9" * 5000, "1" + "0" * 4400, "0." + "1" * 100, "1,,000", ",1", "1,00", "-1", "+1",
        "1e5", "NaN", "Infinity", "٣", "１２", "²⁰¹⁶", "2016-1-1", "0000-00", "2016-02-30",
        "2016-13", "2016-01..2015-12", "13,42천원", "약", "약 천원", "50:50:0", "국:시=100",
        "국:시:구=50:25:26", "월 5~1회", "매월", "24:00", "25:61", "12:30~11:00", "-0", "0원"]),
    st.lists(st.sampled_from(PIECES), max_size=6).map("".join))
"""Values written wrong in the ways a plan's figures, money, dates, ratios and timings can be:
very long, grouped wrong, in other digits, out of range, or not a value at all."""


@props(300)
@given(st.sampled_from(sorted(SOURCES)), st.integers(0, 10 ** 6), FIGURES)
def test_any_value_written_wrong_gives_located_problems_never_an_exception(name, at, value):
    """One value of a file (after ``key: `` or between quotes) replaced by a wrong one."""
    text = SOURCES[name]
    values = list(VALUE.finditer(text))
    m = values[at % len(values)]
    quoted = text[m.start() - 1:m.start()] == '"'
    written = value.replace("\\", "\\\\").replace('"', '\\"') if quoted else value
    text = text[:m.start()] + written + text[m.end():]
    _check_located(_folder().fresh({name: text.encode("utf-8", "surrogatepass")}))


def test_the_unchanged_plan_loads_clean():
    """The mutations start from a plan without a problem (else the property proves little)."""
    assert check_folder(_folder().fresh()).problems == []


# ---- escaping --------------------------------------------------------------------------------

MARKUP = list("<>&\"'`*_[](){}|\\#+-!=~^:;/.,@%$ \t\n0123456789") + [
    "<script>", "</h1>", "<b>", "<img src=x onerror=y>", "<a href=x>", "<!--", "-->", "&amp;", "&#60;", "](javascript:x)", "{: .x}",
    "{#id}", "\n\n", "    ", "1. ", "- ", "> ", "| a |", "\u2028", "\u00a0", "\u200b", "\u202e"]
TEXTS = st.lists(st.one_of(
    st.sampled_from(MARKUP),
    st.characters(exclude_categories=("Cc", "Cs", "Co", "Cn")),
    st.sampled_from(list("가나다사업ABC"))), min_size=1, max_size=14).map("".join)
"""Plan text: markup of HTML, Markdown and attr_list, line breaks and invisible characters
among any assigned character."""


def _norm(s: str) -> str:
    return " ".join(s.split())


class _Shape(HTMLParser):
    """An HTML document's elements (tag and attribute names, in order) and its text."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.shape: list[tuple[str, tuple[str, ...]]] = []
        self.texts: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.shape.append((tag, tuple(sorted(name for name, _ in attrs))))

    def handle_data(self, data):
        self.texts.append(data)

    @property
    def text(self) -> str:
        return _norm(" ".join(self.texts))


@functools.lru_cache(maxsize=None)
def _markdown() -> markdown.Markdown:
    """Python-Markdown as the site's mkdocs.yml configures it."""
    from mkdocs.config import load_config
    config = load_config(str(ROOT / "mkdocs.yml"))
    return markdown.Markdown(extensions=config["markdown_extensions"],
                             extension_configs=config["mdx_configs"])


SECTION_PAGE = "minimal/sections/first.md"


def _outputs(title: str):
    """The minimal plan with its first section titled ``title``, checked, and its outputs:
    the section's site page as HTML, its menu entry, the print HTML, the open-data files."""
    source = SOURCES["sections/01-first.yaml"]
    line = yaml.safe_dump({"title": title}, allow_unicode=True, width=10 ** 6).rstrip("\n")
    folder = _folder().fresh({"sections/01-first.yaml": source.replace("title: 첫 사업", line, 1)})
    checked = check_folder(folder)
    if not checked.ok:
        return checked, None
    site = site_pages([checked])
    page = next(p for p in site.pages if p.src == SECTION_PAGE)
    md = _markdown()
    md.reset()
    return checked, {"page": md.convert(page.markdown), "menu": _menu_title(site.nav),
                     "print": print_html(checked.plan), "data": plan_files(project(checked))}


def _menu_title(nav) -> str | None:
    """The menu title (HTML) of the section's page, wherever the menu holds it."""
    for entry in nav if isinstance(nav, list) else [nav]:
        for title, target in entry.items():
            if target == SECTION_PAGE:
                return title
            if isinstance(target, list) and (found := _menu_title(target)) is not None:
                return found
    return None


@functools.lru_cache(maxsize=None)
def _plain() -> dict:
    checked, outputs = _outputs("가나다")
    assert outputs is not None, checked.problems
    return outputs


@props(40)
@given(TEXTS)
@example("C#")  # found by this test: a heading line ending in # lost it (its closing sequence)
@example("#")
@example("=SUM(A1)")
def test_plan_text_reaches_every_output_as_text(title):
    """A section title of any characters: the model holds it (less the whitespace at its
    ends), the site page, its menu entry and the print HTML show it as text with exactly the
    elements and attributes a plain title gives, the JSON holds it exactly, the CSV cell holds
    it exactly (a formula-like start behind a quote) in a row of the header's width."""
    checked, outputs = _outputs(title)
    assume(outputs is not None)  # refused by the loader (e.g. blank): a located problem
    held = KO.text(checked.plan.sections[0].title)
    assert held == title.strip()
    plain = _plain()
    for name in ("page", "print"):
        shape, baseline = _Shape(outputs[name]), _Shape(plain[name])
        assert shape.shape == baseline.shape, name
        assert _norm(held) in shape.text, name
    menu = _Shape(outputs["menu"])
    assert menu.shape == _Shape(plain["menu"]).shape
    assert _norm(held) in menu.text
    data = json.loads(outputs["data"]["minimal.json"])
    assert data["sections"][0]["title"]["ko"] == held
    table = outputs["data"]["minimal-budgets.csv"].decode("utf-8")
    assert table.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(table[1:], newline="")))
    assert all(len(r) == len(rows[0]) for r in rows)
    cell = rows[1][2]
    assert cell == ("'" + held if held.startswith(FORMULA_START) else held)


# ---- arithmetic ------------------------------------------------------------------------------

UNITS = sorted(MONEY_UNITS, key=MONEY_UNITS.get)


@st.composite
def amounts(draw) -> tuple[Decimal, str]:
    """An amount of money as a plan may write it: a unit, at most 18 digits before the point
    and 6 after, a whole number of won, the digits as written (``12.50``)."""
    unit = draw(st.sampled_from(UNITS))
    factor = MONEY_UNITS[unit]
    places = draw(st.integers(0, min(6, len(str(factor)) - 1)))
    whole = draw(st.integers(0, 10 ** 18 - 1))
    fraction = draw(st.integers(0, 10 ** places - 1)) if places else 0
    amount = Decimal(f"{whole}.{fraction:0{places}d}") if places else Decimal(whole)
    return amount, unit


def _english_won(text: str) -> Decimal:
    """The won an English amount (``about KRW 13.42 million``) says."""
    text = text.removeprefix("about ").removeprefix("KRW ")
    figure, _, scale = text.partition(" ")
    return Decimal(figure.replace(",", "")) * {"": 1, "million": 10 ** 6, "billion": 10 ** 9,
                                               "trillion": 10 ** 12}[scale]


@props(300)
@given(amounts(), st.booleans())
def test_money_round_trips_through_its_printed_form_in_every_unit(amount_unit, approx):
    amount, unit = amount_unit
    printed = KO.amount(amount, unit, approx)
    parsed = parse_money(printed)
    assert parsed == {"amount": str(amount), "unit": unit, "approx": approx}
    assert parse_decimal(KO.number(amount)) == amount and str(parse_decimal(KO.number(amount))) \
        == str(amount), "every written digit kept"
    won = to_won(amount, unit)
    assert won == amount * MONEY_UNITS[unit]
    assert Money.model_validate(printed).won == won
    assert _english_won(EN.amount(amount, unit, approx)) == won, "English is exact, not rounded"


FIRST = """\
id: first
title: 첫 사업
parts:
  - title: 사업개요
    blocks:
      - type: overview
        items:
          - key: 사업기간
            value: 2016. 1. ~ 12.
            period: 2016-01..2016-12
          - key: 소요예산
            value: {first}(국:시:구=50:25:25)
            budget: {{amount: "{first}", funding: 국:시:구=50:25:25}}
  - title: 사업예산
    value: {again}
    budget: {{amount: "{again}"}}
"""
RESTATED_LINE = 16
SECOND_SECTION_WON = 5_000_000
"""The minimal plan's second section budgets 5,000천원."""


def _written(won: int, unit: str) -> str:
    amount = (Decimal(won) / MONEY_UNITS[unit]).normalize()
    return KO.amount(amount if amount.as_tuple().exponent < 0 else int(amount), unit)


@props(25)
@given(st.integers(1, 10 ** 11), st.sampled_from(UNITS), st.sampled_from(UNITS),
       st.integers(-3, 3))
def test_a_restated_budget_is_counted_once_and_held_equal_in_any_unit(k, unit, again, delta):
    """A project's budget stated twice, in any two units: counted once in the overview; a
    restatement that differs (by any whole number of 4,000원) is one error at its line."""
    won = 4_000 * k  # 50:25:25 of it is whole won; it is written exactly in every unit
    other = won + 4_000 * delta
    assume(other > 0)
    first, restated = _written(won, unit), _written(other, again)
    folder = _folder().fresh({"sections/01-first.yaml": FIRST.format(first=first,
                                                                      again=restated)})
    checked = check_folder(folder)
    budget_problems = [(p.line, p.rule, p.severity) for p in checked.problems
                       if p.rule.startswith("budget")]
    if delta == 0:
        assert checked.ok and budget_problems == [], checked.problems
        assert budget_overview(checked.plan).total == won + SECOND_SECTION_WON
    else:
        assert budget_problems == [(RESTATED_LINE, "budget-restated", "error")], \
            checked.problems


SURVEY = """\
id: second
title: 둘째 사업
parts:
  - title: 사업개요
    blocks:
      - type: overview
        items:
          - key: 사업기간
            value: 2016. 3. ~ 4.
            period: 2016-03..2016-04
      - type: table
        caption: 응답 분포
        unit: 명
        columns:
          - {{key: 구분, label: 구분, role: label}}
          - {{key: 인원, label: 인원, type: number}}
          - {{key: 비율, label: 비율(%), type: number, share_of: 인원}}
        rows:
          - {{total: true, cells: {{구분: 계, 인원: "{total}", 비율: "{declared}"}}}}
{rows}"""
TOTAL_LINE = 19
FIRST_ROW_LINE = 20


def _percent(part: int, whole: int, digits: int) -> Decimal:
    return (Decimal(100) * part / whole).quantize(Decimal(1).scaleb(-digits), ROUND_HALF_UP)


@props(30)
@given(st.lists(st.integers(0, 5_000), min_size=2, max_size=6).filter(lambda c: sum(c) > 0),
       st.integers(0, 2), st.data())
def test_rounded_percentages_pass_and_one_unit_off_is_caught_at_its_row(counts, digits, data):
    """Percentages rounded half up to any number of digits pass, with a 계 of 100 however far
    rounding moved their sum; one of them a unit of its last digit off is an error at its
    row."""
    total = sum(counts)
    shown = [_percent(c, total, digits) for c in counts]
    wrong = data.draw(st.none() | st.integers(0, len(counts) - 1))
    if wrong is not None:
        step = Decimal(1).scaleb(-digits)
        shown[wrong] += step if shown[wrong] < 100 else -step
    rows = "".join(f'          - {{구분: r{i}, 인원: "{c:,}", 비율: "{p}"}}\n'
                   for i, (c, p) in enumerate(zip(counts, shown)))
    declared = _percent(1, 1, digits)  # 100 with the rows' digits
    folder = _folder().fresh({"sections/02-second.yaml": SURVEY.format(
        total=f"{total:,}", declared=declared, rows=rows)})
    found = [(p.line, p.severity) for p in check_folder(folder).problems
             if p.rule == "table-percent"]
    if wrong is None:
        assert found == []
    else:
        assert (FIRST_ROW_LINE + wrong, "error") in found
        assert set(found) <= {(FIRST_ROW_LINE + wrong, "error"), (TOTAL_LINE, "error")}
