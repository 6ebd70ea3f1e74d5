"""The plan model: typed classes for everything an annual work plan (연간업무 추진계획) holds.

Every field has a docstring; they become the JSON Schema descriptions editors show and the
reference in ``docs/``.  Values arrive as strings from :mod:`generator.yamlsource` and are typed
here (numbers with thousands commas, money with its unit, months, dates, timings).  Rules that
compare several fields (totals, splits, caps, schedule) are not here: they are the named checks in
:mod:`generator.checks`.
"""

from __future__ import annotations

import ast
import inspect
from datetime import date
from pathlib import Path
from decimal import Decimal
from typing import Annotated, Literal, Optional, Union

from pydantic import (BaseModel, BeforeValidator, ConfigDict, Field, field_validator,
                      model_validator)

from . import values

Int = Annotated[int, BeforeValidator(values.parse_int)]
"""A whole number; ``14,000`` with thousands commas is accepted."""
Num = Annotated[Decimal, BeforeValidator(values.parse_decimal)]
"""A number, possibly with a fraction."""

Marker = Literal["□", "○", "-", "·", "※", "*"]


class Node(BaseModel):
    """Base of every model class: unknown keys are errors; validators are built on first use."""

    model_config = ConfigDict(extra="forbid",
                              validate_default=False, str_strip_whitespace=True,
                              defer_build=True)


class Text(Node):
    """A text in Korean with its English translation beside it.

    Write a plain string for Korean only, or ``{ko: …, en: …}``.
    """

    ko: str = Field(min_length=1)
    """The Korean text, exactly as printed."""
    en: str = ""
    """The English text; empty until the plan is translated."""

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, value):
        if isinstance(value, str):
            return {"ko": value}
        return value

    def __str__(self) -> str:
        return self.ko


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
            return values.parse_money(value)
        return value

    @model_validator(mode="after")
    def _whole_won(self):
        values.to_won(self.amount, self.unit)
        return self

    @property
    def won(self) -> int:
        """The amount in won, exact."""
        return values.to_won(self.amount, self.unit)


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
        return self


class FundingSplit(Node):
    """How a budget is split between funding sources (국비/시비/구비 …).

    Short forms: ``{국비: 75, 시비: 25}`` (ratios in percent), ``{국비: 50백만원, 구비: 50백만원}``
    (amounts), or the word ``전액 국비`` for one source paying all.
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
            if word.startswith("전액"):
                return {"shares": [{"source": word.removeprefix("전액").strip(), "ratio": "100"}]}
            return {"shares": [{"source": word, "ratio": "100"}]}
        if isinstance(value, dict) and "shares" not in value:
            extra = {k: value[k] for k in ("total", "note", "style") if k in value}
            shares = []
            for source, part in value.items():
                if source in extra:
                    continue
                key = "amount" if isinstance(part, str) and not part.replace(",", "").replace(
                    ".", "").isdigit() else "ratio"
                shares.append({"source": source, key: part})
            return {"shares": shares, **extra}
        return value


class CountPart(Node):
    """One part of a count's breakdown, e.g. 예비 1개 of 사회적기업 9개."""

    label: Text
    """What this part counts."""
    value: Optional[Int] = None
    """How many; leave out for a part printed without a figure."""


class Count(Node):
    """A count with its unit and, optionally, its breakdown, e.g. 9개(예비1개, 인증8개).

    Short form: ``9개``.  With ``parts`` the parts' values must add up to ``value``; when
    ``parts_total`` is given they add up to that instead (e.g. points), and ``value`` counts the
    parts (e.g. 4개 분야 worth 100 points in all).
    """

    value: Int
    """The figure."""
    unit: str = ""
    """Its unit as printed: 개, 명, 개소, %, …"""
    parts: list[CountPart] = []
    """The breakdown printed beside it, in parentheses or below."""
    parts_total: Optional[Int] = None
    """What the parts' values add up to, when that is not ``value`` (e.g. 100 points)."""

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, value):
        if isinstance(value, str):
            digits = value.strip()
            i = 0
            while i < len(digits) and (digits[i].isdigit() or digits[i] == ","):
                i += 1
            if i == 0:
                raise ValueError(f"expected a count such as 9개, got {value!r}")
            return {"value": digits[:i], "unit": digits[i:].strip()}
        return value


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
            parsed = values.parse_timing(value)
            if parsed["kind"] not in ("range", "month", "date"):
                raise ValueError(f"a period is a month, a date or a range, got {value!r}")
            return {k: parsed[k] for k in ("start", "end", "precision")}
        return value

    def months(self) -> list[tuple[int, int]]:
        """(year, month) of every month the period touches."""
        return values.months_between(self.start, self.end)


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
            return values.parse_timing(value)
        return value

    def months(self) -> list[tuple[int, int]]:
        """(year, month) of every month a dated timing touches; empty for recurring ones."""
        if self.start and self.end:
            return values.months_between(self.start, self.end)
        return []


def _listify(value):
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


class BulletItem(Node):
    """One line of a bullet tree (□ ○ - · levels), with the lines below it."""

    text: Text
    """The line's text, without its marker."""
    marker: Optional[Marker] = None
    """Its marker when it differs from the level's default (※ for a note)."""
    children: list["BulletItem"] = []
    """Lines indented below it."""

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, value):
        if isinstance(value, str):
            return {"text": value}
        return value


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


class OverviewItem(Node):
    """A key-value line of an overview (추진근거, 사업목적, 사업기간, 사업예산 …).

    ``value`` is the text as printed; the typed fields beside it carry the same facts for the
    checks, the budget overview and the schedule.
    """

    key: Text
    """The label before the colon, e.g. 추진근거."""
    value: Optional[Text] = None
    """The text after the colon, as printed."""
    marker: Optional[Marker] = None
    """Its marker when it differs from the block's."""
    period: Optional[Period] = None
    """The period this line states (사업기간, 평가기간 …); the schedule checks use it."""
    budget: Optional[Budget] = None
    """The budget this line states (사업예산, 소요예산 …)."""
    count: Optional[Count] = None
    """A count this line states, with its breakdown."""
    target: Optional[Count] = None
    """The plan year's target this line states; checked against the section's targets table."""
    cap: Optional[Money] = None
    """A maximum per item this line states (최대 …); table columns may be checked against it."""
    cap_split: Optional[Count] = None
    """How the cap is divided (e.g. 1차년 50, 2차년 30 of 80백만원)."""
    children: list[BulletItem] = []
    """Lines below it."""


class Block(Node):
    """Common fields of every block."""

    id: Optional[str] = Field(default=None, pattern=r"^[a-z0-9][a-z0-9-]*$")
    """An id other parts of the plan can refer to."""


class OverviewBlock(Block):
    """Key-value lines: ``- 추진근거 : …``."""

    type: Literal["overview"]
    """The block kind: `overview`."""
    marker: Marker = "-"
    """Marker printed before each line."""
    items: list[OverviewItem] = Field(min_length=1)
    """The lines."""


class BulletsBlock(Block):
    """A bullet tree."""

    type: Literal["bullets"]
    """The block kind: `bullets`."""
    marker: Marker = "-"
    """Marker of the top level; deeper levels follow □ ○ - ·."""
    items: list[BulletItem] = Field(min_length=1)
    """The top-level lines."""


class NoteBlock(Block):
    """A ※ note."""

    type: Literal["note"]
    """The block kind: `note`."""
    text: Text
    """The note, without the ※."""


class Cell(Node):
    """A table cell: text, or bullet lines, or a funding split."""

    text: Optional[Text] = None
    """The cell's text as printed."""
    items: list[BulletItem] = []
    """Bullet lines in the cell."""
    split: Optional[FundingSplit] = None
    """A funding split shown in the cell (e.g. 국비 75 : 시비 25)."""

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, value):
        if isinstance(value, str):
            return {"text": value}
        return value


class Column(Node):
    """A table column."""

    key: str = Field(min_length=1)
    """The key rows use for this column."""
    label: Text
    """The header as printed."""
    type: Literal["text", "number", "money", "date"] = "text"
    """How cells are read: text, number (commas and a trailing unit allowed), money, date."""
    role: Literal["label", "value", "total"] = "value"
    """``total`` when the column is the sum of the row's other number columns (계)."""
    unit: Optional[str] = None
    """Unit of this column when it differs from the table's."""
    max: Optional[Money] = None
    """Cap: no cell of this money column may exceed it."""
    align: Optional[Literal["left", "center", "right"]] = None
    """Alignment; numbers are right-aligned by default."""
    group: Optional[Text] = None
    """A header printed above this column and its neighbours with the same group (a second
    header row), e.g. 추진일정(월) above the months."""


class Row(Node):
    """A table row: cells by column key; ``total: true`` for a 계/합계 row."""

    cells: dict[str, Cell]
    """The row's cells, by column key."""
    total: bool = False
    """True when this row is the sum of the table's other rows (계)."""

    @model_validator(mode="before")
    @classmethod
    def _short_form(cls, value):
        if isinstance(value, dict) and "cells" not in value:
            return {"cells": value}
        return value


class TableBlock(Block):
    """A table with a header row, typed columns and optional 계 rows/columns."""

    type: Literal["table"]
    """The block kind: `table`."""
    caption: Text
    """What the table shows; printed as its caption."""
    unit: Optional[str] = None
    """The unit printed above it, e.g. 천원 for (단위 : 천원)."""
    columns: list[Column] = Field(min_length=1)
    """The columns, left to right."""
    rows: list[Row] = Field(min_length=1)
    """The rows, top to bottom; totals are marked, not computed."""
    header_column: bool = False
    """True when the first column holds row headers (a transposed table)."""

    @model_validator(mode="after")
    def _cells_name_columns(self):
        keys = {c.key for c in self.columns}
        for i, row in enumerate(self.rows):
            unknown = [k for k in row.cells if k not in keys]
            if unknown:
                raise ValueError(f"row {i} has cells for unknown columns {unknown}; "
                                 f"columns are {sorted(keys)}")
        return self


class TargetsBlock(Block):
    """Targets by year with their total, printed as a table (연차별 목표)."""

    type: Literal["targets"]
    """The block kind: `targets`."""
    caption: Text
    """What the targets are for."""
    label: Text
    """The row label, e.g. 지역일자리 목표공시제."""
    unit: str
    """Unit of the figures, e.g. 명."""
    total: Int
    """The declared total (계)."""
    years: dict[str, Int] = Field(min_length=1)
    """Target by year, e.g. ``2016: 14,000``."""
    total_label: Text = Field(default_factory=lambda: Text(ko="계", en="Total"))
    """Header of the total column."""
    first_label: Text = Field(default_factory=lambda: Text(ko="구 분", en="Category"))
    """Header of the label column."""

    @field_validator("years")
    @classmethod
    def _years(cls, value):
        for key in value:
            if not (len(key) == 4 and key.isdigit()):
                raise ValueError(f"year keys are four digits, got {key!r}")
        return value


class ScheduleItem(Node):
    """A line of a 추진일정: what happens and when."""

    text: Text
    """What happens."""
    when: list[Timing] = []
    """When: one timing or several (typed, for the checks and the schedule)."""
    when_text: Optional[Text] = None
    """The timing exactly as printed (e.g. ``2016. 7 ~ 9월``) when it reads differently from
    the form derived from ``when``; the ``printed-timing`` check holds the two together."""
    when_shown: bool = True
    """False when the line's own text already says when (``상담(연중) 및 교육(반기별)``), so
    nothing is printed after it."""
    marker: Optional[Marker] = None
    """Its marker when it differs from the level's default."""
    children: list["ScheduleItem"] = []
    """Lines below it (sub-steps, details)."""

    @field_validator("when", mode="before", json_schema_input_type=Union[str, list[str]])
    @classmethod
    def _when_list(cls, value):
        return _listify(value)


class ScheduleBlock(Block):
    """The section's 추진일정 (schedule)."""

    type: Literal["schedule"]
    """The block kind: `schedule`."""
    marker: Marker = "-"
    """Marker of the top level."""
    items: list[ScheduleItem] = Field(min_length=1)
    """The schedule lines."""


class Organisation(Node):
    """An organisation the plan names (a contractor, a member, a partner)."""

    name: Text
    """Its name as printed."""
    role: Optional[Text] = None
    """What it does in the plan (위탁법인, 사업주체 …)."""
    note: Optional[Text] = None
    """A note."""


class OrganisationsBlock(Block):
    """A list of organisations."""

    type: Literal["organisations"]
    """The block kind: `organisations`."""
    marker: Marker = "-"
    """Marker printed before each."""
    items: list[Organisation] = Field(min_length=1)
    """The organisations."""


class BudgetBlock(Block):
    """A budget line standing on its own."""

    type: Literal["budget"]
    """The block kind: `budget`."""
    label: Text = Field(default_factory=lambda: Text(ko="사업예산", en="Budget"))
    """The label printed before it."""
    budget: Budget
    """The budget."""
    text: Optional[Text] = None
    """The budget as printed, when it should read differently from the derived form."""


AnyBlock = Annotated[
    Union[OverviewBlock, BulletsBlock, NoteBlock, TableBlock, TargetsBlock, ScheduleBlock,
          OrganisationsBlock, BudgetBlock],
    Field(discriminator="type"),
]


class Part(Node):
    """A □ heading of a section (사업개요, 추진계획, 추진일정 …) and its blocks."""

    title: Text
    """The heading, e.g. 사업개요."""
    value: Optional[Text] = None
    """Text after the heading's colon, e.g. 비예산 in ``□ 사업예산 : 비예산``."""
    budget: Optional[Budget] = None
    """The budget the heading states (for ``□ 사업예산 : …``)."""
    marker: Marker = "□"
    """The heading's marker."""
    blocks: list[AnyBlock] = []
    """What the heading holds."""


class Section(Node):
    """A numbered section of 세부추진계획 (① … ⑫)."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    """A stable id (lowercase letters, digits, hyphens); schedule rows and URLs use it."""
    title: Text
    """The section title as printed."""
    public: bool = True
    """False marks the section to be kept out of the public disclosure outputs (the intranet
    site and the sign-off PDF show every section)."""
    parts: list[Part] = Field(min_length=1)
    """The □ headings in order."""


class Approver(Node):
    """One column of the 결재란 (approval line) or the 협조 row."""

    role: Text
    """The position, e.g. 일자리운영팀장."""
    name: Text
    """The person's name."""
    signed_on: Optional[date] = None
    """The date written in the box, when there is one."""


class Header(Node):
    """The document header block of the approved plan."""

    document_number: str = Field(min_length=1)
    """문서번호, e.g. 일자리경제과-2685."""
    approved_on: date
    """결재일자 (approval date)."""
    disclosure: Literal["대시민공개", "공개", "부분공개", "비공개"]
    """공개여부 (disclosure status)."""
    policy_number: Optional[str] = None
    """방침번호, e.g. 구청장 방침 제79호."""


class Office(Node):
    """The organisation that owns the plan."""

    authority: Text
    """The local authority, e.g. 서울특별시 광진구."""
    bureau: Text
    """국 (bureau)."""
    division: Text
    """과 (division)."""
    team: Text
    """팀 (team)."""


class ScheduleRow(Node):
    """A row of the summary schedule: one 사업 and the months it runs."""

    name: Text
    """The 사업명 as printed."""
    section: str
    """Id of the section that plans it."""
    months: list[int]
    """Months marked ■: ``1-12``, ``10, 11`` or a list."""

    @field_validator("months", mode="before",
                     json_schema_input_type=Union[str, int, list[Union[int, str]]])
    @classmethod
    def _months(cls, value):
        return values.parse_month_set(value)


class ScheduleGroup(Node):
    """A 단위업무 (unit of work) and its rows in the summary schedule."""

    unit: Text
    """The 단위업무 as printed."""
    rows: list[ScheduleRow] = Field(min_length=1)
    """Its 사업 rows."""


class SummarySchedule(Node):
    """Part I: the month-by-month summary schedule (주요업무 추진일정표)."""

    title: Text
    """Its heading as printed."""
    groups: list[ScheduleGroup] = Field(min_length=1)
    """단위업무 groups, in order."""
    note: Optional[Text] = None
    """The ※ note under the grid."""


class Cover(Node):
    """The title block of page 1."""

    heading: Text
    """The line at the top of the page, e.g. 2016년 일자리운영팀 연간업무 추진계획."""
    emphasis: Optional[str] = None
    """The part of the heading printed in bold, e.g. 일자리운영팀."""
    department: list[Text] = []
    """The bureau/division lines under it, as printed (e.g. 기 획 경 제 국)."""
    subtitle: Optional[Text] = None
    """The line above the title, e.g. … 활성화를 위한."""

    @model_validator(mode="after")
    def _emphasis_in_heading(self):
        if self.emphasis and self.emphasis not in self.heading.ko:
            raise ValueError(f"emphasis {self.emphasis!r} is not part of the heading "
                             f"{self.heading.ko!r}")
        return self


class Plan(Node):
    """An annual work plan (연간업무 추진계획)."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    """The plan's id; its folder name and URL."""
    year: Int
    """The plan year; every schedule date is checked against it."""
    language: Literal["ko"] = "ko"
    """The language the plan is written in."""
    header: Header
    """문서번호, 결재일자, 공개여부, 방침번호."""
    office: Office
    """The owning office."""
    approval: list[Approver] = Field(min_length=1)
    """The 결재란, drafter first, final approver last."""
    cooperation: list[Approver] = []
    """The 협조 row (may be empty: the row is still printed)."""
    cover: Cover
    """The title block."""
    title: Text
    """The plan's title."""
    vision: Text
    """The vision line (printed in brackets)."""
    goals: list[Text] = Field(min_length=1)
    """The goals under the vision."""
    summary_schedule: SummarySchedule
    """Part I."""
    sections_title: Text = Field(default_factory=lambda: Text(ko="세부추진계획",
                                                              en="Detailed plans"))
    """Part II's heading."""
    sections: list[Section] = Field(min_length=1)
    """Part II: one file each under ``sections/``, in file-name order."""

    def section(self, section_id: str) -> Optional[Section]:
        for s in self.sections:
            if s.id == section_id:
                return s
        return None


def model_classes() -> list[type[Node]]:
    """Every model class, in the order this module defines them."""
    return [v for v in globals().values()
            if isinstance(v, type) and issubclass(v, Node) and v.__module__ == __name__]


_FIELD_DOCS_ATTACHED = False


def attach_field_docs() -> None:
    """Make each field's docstring its description, for the JSON Schema and the reference docs.

    Done on demand (schema and docs generation), not at import: reading the docstrings costs
    more than validating a plan, and validation does not need them.
    """
    global _FIELD_DOCS_ATTACHED
    if _FIELD_DOCS_ATTACHED:
        return
    tree = ast.parse(Path(__file__).read_text(encoding="utf-8"))
    docs: dict[str, dict[str, str]] = {}
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            found = docs.setdefault(node.name, {})
            for a, b in zip(node.body, node.body[1:]):
                if isinstance(a, ast.AnnAssign) and isinstance(a.target, ast.Name) and \
                        isinstance(b, ast.Expr) and isinstance(b.value, ast.Constant) and \
                        isinstance(b.value.value, str):
                    found[a.target.id] = inspect.cleandoc(b.value.value)
    for cls in model_classes():
        for name, info in cls.__pydantic_fields__.items():
            for base in cls.__mro__:
                doc = docs.get(base.__name__, {}).get(name)
                if doc:
                    info.description = doc
                    break
    for cls in model_classes():
        cls.model_rebuild(force=True)
    _FIELD_DOCS_ATTACHED = True
