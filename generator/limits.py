"""The sizes a plan may have, each far above what a real plan reaches, and their checks.

Every size that could make a step hang or exhaust the machine has a limit here: the files of a
plan folder (how many, how large), the YAML nesting, and, in the data read, the values, rows,
cells, bullet levels, texts, figures and ids.  A plan over a limit gets a located error (the
rule ids below) before the model is built, so nothing expensive ever sees it.  The figures in
the comments are those of the seed plan (``plan/gwangjin-2016-job-operations``: 12 section files,
31 KB of YAML, 682 values, its widest table 6 columns, its longest 11 rows) and of the scenario
plans of ``tests/plans/scenarios``; ``benchmarks/limits_bench.py`` times a table at the limits.

The reference (``docs/reference.md``, :mod:`generator.reference`) lists :data:`LIMITS`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .locale.words import Quantity, Words, word
from .problems import Problem


@dataclass(frozen=True)
class Limit:
    """One limit: its value, the rule id of the error over it, and what it counts."""

    rule: str
    value: int
    what: str
    """What is counted, for the reference (English)."""
    why: str
    """Why the value is what it is, for the reference (English)."""


FILE_BYTES = Limit(
    "yaml-too-large", 1_000_000, "bytes in one YAML file",
    "the seed's largest section file has 5 KB; 1 MB is 200 times that, and parses in about a "
    "second")
TOTAL_BYTES = Limit(
    "limit-total-size", 2_000_000, "bytes in all the YAML files of a plan",
    "the seed has 31 KB of YAML; 2 MB is 65 times that")
SECTION_FILES = Limit(
    "limit-file-count", 100, "section files in `sections/`",
    "the seed has 12 sections; a plan of 100 is a book")
YAML_DEPTH = Limit(
    "yaml-too-deep", 40, "levels of nested mappings and lists in a file",
    "the deepest value of the plans (a line under a bullet in a part) is 12 levels down; "
    "the parser's work grows with the square of the nesting, so a deeper file is not read on")
VALUES = Limit(
    "limit-values", 10_000, "values (texts, figures, dates) in a plan",
    "the seed has 682 values; 10,000 is 15 times that, and bounds the work of every step: the "
    "PDF of a plan at the limit (10,000 bullet lines, 285 pages) takes some 40 seconds on a "
    "two-core machine (`benchmarks/limits_bench.py`)")
TABLE_ROWS = Limit(
    "limit-table-rows", 500, "rows in one table (and in one group of the summary schedule)",
    "the longest table of the plans has 11 rows; 500 rows fill some 20 A4 pages, and the PDF "
    "step lays out such a table in seconds (`benchmarks/limits_bench.py`), where a table of "
    "100,000 rows kept it busy for minutes")
ROW_CELLS = Limit(
    "limit-row-cells", 16, "columns of a table, and cells in one row",
    "the widest table of the plans has 6 columns; an A4 page has no room for more than 16 "
    "readable ones")
TABLE_CELLS = Limit(
    "limit-table-cells", 4_000, "cells in one table (rows times columns)",
    "the largest table of the plans has 66 cells; the PDF step lays a table that is too wide "
    "for the page out again for every way it tries to make it fit, so a wide table costs "
    "several times a narrow one: 250 rows of 16 columns take some 20 seconds, 500 rows of 4 "
    "some 5")
BULLET_DEPTH = Limit(
    "limit-bullet-depth", 8, "levels of a bullet tree (lines with `children`)",
    "a plan writes four levels (□ ○ - ·), rarely five")
TEXT_CHARS = Limit(
    "limit-text-length", 10_000, "characters in one text",
    "the longest text of the seed has some 200 characters; 10,000 fill more than three A4 pages")
FIGURE_DIGITS = Limit(
    "limit-figure-digits", 30, "digits in one figure written in a text or a value",
    "a plan's figure has at most 18 digits before the point and 6 after (10¹⁸원 is far above "
    "any budget); a code such as an account number has about 14; Python refuses to convert "
    "numbers of more than 4,300 digits at all")
ID_LENGTH = Limit(
    "limit-id-length", 64, "characters in an id (of the plan, a section or a block)",
    "ids name folders, files and web addresses (`build/pdf/<plan-id>.ko.pdf`); a file name "
    "has at most 255 bytes, and an id of a few words needs fewer than 40")
JOBS = Limit(
    "", 64, "processes `plansite validate --jobs` may start",
    "more processes than cores only slow the machine; 64 is more cores than an office "
    "machine has")

LIMITS = (FILE_BYTES, TOTAL_BYTES, SECTION_FILES, YAML_DEPTH, VALUES, TABLE_ROWS, ROW_CELLS,
          TABLE_CELLS, BULLET_DEPTH, TEXT_CHARS, FIGURE_DIGITS, ID_LENGTH, JOBS)
"""Every limit, in the order the reference lists them."""

MAX_FILE_BYTES = FILE_BYTES.value
MAX_TOTAL_BYTES = TOTAL_BYTES.value
MAX_SECTION_FILES = SECTION_FILES.value
MAX_YAML_DEPTH = YAML_DEPTH.value
MAX_VALUES = VALUES.value
MAX_TABLE_ROWS = TABLE_ROWS.value
MAX_ROW_CELLS = ROW_CELLS.value
MAX_TABLE_CELLS = TABLE_CELLS.value
MAX_BULLET_DEPTH = BULLET_DEPTH.value
MAX_TEXT_CHARS = TEXT_CHARS.value
MAX_FIGURE_DIGITS = FIGURE_DIGITS.value
MAX_ID_LENGTH = ID_LENGTH.value
MAX_JOBS = JOBS.value

_FIGURE = re.compile(r"[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?")
"""A figure as a plan writes it (``1,234,567.89``): its digits are counted together."""
_DIGIT_RUN = re.compile(r"[0-9]{%d}" % (MAX_FIGURE_DIGITS // 2))
"""A quick test: no text without a run this long can hold a figure over the limit."""


def too_many_digits(text: str) -> bool:
    """True when a figure written in text has more than :data:`MAX_FIGURE_DIGITS` digits."""
    if _DIGIT_RUN.search(text) is None and text.count(",") < 4:
        return False  # such a figure has a long run of digits, or four thousands commas
    return any(sum(c != "," and c != "." for c in m.group()) > MAX_FIGURE_DIGITS
               for m in _FIGURE.finditer(text))


class _Walk:
    """One pass over a plan's data (before the model), collecting every limit exceeded."""

    def __init__(self, smap, loc):
        self.smap = smap
        self.loc = loc
        self.values = 0
        self.problems: list[Problem] = []

    def problem(self, path: tuple, limit: Limit, message: Words) -> None:
        self.problems.append(self.smap.problem(
            path, limit.rule, word(message, self.loc), word(HINTS[limit.rule], self.loc)))

    def text(self, value: str, path: tuple) -> None:
        if len(value) > MAX_TEXT_CHARS:
            self.problem(path, TEXT_CHARS, Words(
                "the text has {count} characters, more than the limit of {limit}",
                count=Quantity(len(value)), limit=Quantity(MAX_TEXT_CHARS)))
        elif too_many_digits(value):
            self.problem(path, FIGURE_DIGITS, Words(
                "a figure here has more than {limit} digits", limit=Quantity(MAX_FIGURE_DIGITS)))

    def node(self, value, path: tuple, chain: int) -> None:
        """``chain``: how many ``children`` lists lead to this value without another key
        between them (a bullet tree's level, less one)."""
        if isinstance(value, str):
            self.values += 1
            if self.values == MAX_VALUES + 1:
                self.problem(path, VALUES, Words(
                    "the plan has more than {limit} values; this one is past the limit",
                    limit=Quantity(MAX_VALUES)))
            self.text(value, path)
            return
        if isinstance(value, list):
            for i, item in enumerate(value):
                self.node(item, path + (i,), chain)
            return
        if not isinstance(value, dict):
            return
        for key, item in value.items():
            self.text(key, path + (key,))
            if key == "id" and isinstance(item, str) and len(item) > MAX_ID_LENGTH:
                self.problem(path + (key,), ID_LENGTH, Words(
                    "the id has {count} characters, more than the limit of {limit}",
                    count=Quantity(len(item)), limit=Quantity(MAX_ID_LENGTH)))
            if isinstance(item, list) and key in ("rows", "columns"):
                self.sized(item, path + (key,), key)
            if key == "children" and isinstance(item, list) and item:
                if chain + 1 >= MAX_BULLET_DEPTH:
                    self.problem(path + (key,), BULLET_DEPTH, Words(
                        "the lines below here are level {level} of their tree, deeper than "
                        "the limit of {limit} levels", level=chain + 2, limit=MAX_BULLET_DEPTH))
                    continue
                self.node(item, path + (key,), chain + 1)
                continue
            self.node(item, path + (key,), 0)

    def sized(self, items: list, path: tuple, key: str) -> None:
        if key == "columns":
            if len(items) > MAX_ROW_CELLS:
                self.problem(path + (MAX_ROW_CELLS,), ROW_CELLS, Words(
                    "the table has {count} columns, more than the limit of {limit}",
                    count=len(items), limit=MAX_ROW_CELLS))
            return
        if len(items) > MAX_TABLE_ROWS:
            self.problem(path + (MAX_TABLE_ROWS,), TABLE_ROWS, Words(
                "the table has {count} rows, more than the limit of {limit}",
                count=Quantity(len(items)), limit=Quantity(MAX_TABLE_ROWS)))
        total = 0
        for i, row in enumerate(items[:MAX_TABLE_ROWS]):
            cells = row.get("cells", row) if isinstance(row, dict) else None
            if not isinstance(cells, dict):
                continue
            if len(cells) > MAX_ROW_CELLS:
                inner = ("cells",) if cells is not row else ()
                self.problem(path + (i,) + inner, ROW_CELLS, Words(
                    "the row has {count} cells, more than the limit of {limit}",
                    count=len(cells), limit=MAX_ROW_CELLS))
            total += len(cells)
            if total > MAX_TABLE_CELLS >= total - len(cells):
                self.problem(path + (i,), TABLE_CELLS, Words(
                    "with this row the table has more than {limit} cells",
                    limit=Quantity(MAX_TABLE_CELLS)))


HINTS = {
    TOTAL_BYTES.rule: Words("a plan is at most {limit} bytes of YAML; move material that is "
                            "not part of the plan (lists, annexes) out of it",
                            limit=Quantity(MAX_TOTAL_BYTES)),
    VALUES.rule: Words("a plan holds at most {limit} values; move long lists and annexes "
                       "out of the plan", limit=Quantity(MAX_VALUES)),
    TABLE_ROWS.rule: Words("split the table, or attach a long list to the plan instead of "
                           "writing it as a table (at most {limit} rows)",
                           limit=Quantity(MAX_TABLE_ROWS)),
    ROW_CELLS.rule: Words("split the table into two (at most {limit} columns)",
                          limit=MAX_ROW_CELLS),
    TABLE_CELLS.rule: Words("split the table, or attach a long list to the plan instead of "
                            "writing it as a table (at most {limit} cells)",
                            limit=Quantity(MAX_TABLE_CELLS)),
    BULLET_DEPTH.rule: Words("move the deepest lines up a level (at most {limit} levels)",
                             limit=MAX_BULLET_DEPTH),
    TEXT_CHARS.rule: Words("split the text into several lines or blocks (at most {limit} "
                           "characters each)", limit=Quantity(MAX_TEXT_CHARS)),
    FIGURE_DIGITS.rule: Words("check the figure: a figure of a plan has at most 18 digits "
                              "before the point and 6 after"),
    ID_LENGTH.rule: Words("choose a shorter id (at most {limit} characters): it names "
                          "folders, files and web addresses", limit=MAX_ID_LENGTH),
}


def size_problems(smap, loc) -> list[Problem]:
    """Every limit the data of a plan (its :class:`~generator.sourcemap.SourceMap`'s combined
    data, before the model) exceeds, located; worded in ``loc``'s language."""
    walk = _Walk(smap, loc)
    walk.node(smap.data, (), 0)
    return walk.problems
