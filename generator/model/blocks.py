"""The blocks a section's □ headings hold: overviews, bullet trees, notes, tables, targets,
schedules, organisations and budget lines (and the lines and cells they are made of)."""

from __future__ import annotations

from typing import Annotated, Literal, Optional, Union

from pydantic import BeforeValidator, Field, field_validator, model_validator

from .disclosure import Internal
from .values import (Budget, Count, FundingSource, FundingSplit, Int, Marker, Money, Node,
                     Period, Text, Timing)


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
    internal: Optional[Internal] = None
    """Kept out of the public outputs, with its ground (e.g. ``internal: 5``); the intranet
    shows it, marked."""


class Block(Node):
    """Common fields of every block."""

    id: Optional[str] = Field(default=None, pattern=r"^[a-z0-9][a-z0-9-]*$")
    """An id other parts of the plan can refer to."""
    internal: Optional[Internal] = None
    """Kept out of the public outputs, with its ground (e.g. ``internal: 5``); the intranet
    shows it, marked."""


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
    type: Literal["text", "number", "money", "date", "time"] = "text"
    """How cells are read: text, number (commas and a trailing unit allowed), money, date, or
    time (a time of day or a range, ``14:00~14:30``, e.g. an event's agenda)."""
    role: Literal["label", "value", "total"] = "value"
    """``total`` when the column is the sum of the row's other number columns (계)."""
    unit: Optional[Text] = None
    """Unit of this column when it differs from the table's."""
    max: Optional[Money] = None
    """Cap: no cell of this money column may exceed it."""
    align: Optional[Literal["left", "center", "right"]] = None
    """Alignment; numbers are right-aligned by default."""
    share_of: Optional[str] = None
    """For a percentage column (비율, %): the key of the column whose figures it gives as a
    percentage of that column's 계 row, rounded to the digits printed."""
    duration_of: Optional[str] = None
    """For a column of minutes (소요시간): the key of the time column whose ranges it gives
    in minutes (14:00~14:30 → 30)."""
    source: Optional[FundingSource] = None
    """The funding source whose share this column of a budget table holds (국비, 시비 …); a
    column whose label is a source's name is read as that source's column."""
    group: Optional[Text] = None
    """A header printed above this column and its neighbours with the same group (a second
    header row), e.g. 추진일정(월) above the months."""


class Row(Node):
    """A table row: cells by column key; ``total: true`` for a 계/합계 row."""

    cells: dict[str, Cell]
    """The row's cells, by column key."""
    total: bool = False
    """True when this row is the sum of the table's other rows (계)."""
    internal: Optional[Internal] = None
    """Kept out of the public outputs, with its ground (write the row as ``{cells: {…},
    internal: 7}``); a total that includes it is withheld there too."""

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
    unit: Optional[Text] = None
    """The unit printed above it, e.g. 천원 for (단위 : 천원)."""
    columns: list[Column] = Field(min_length=1)
    """The columns, left to right."""
    rows: list[Row] = Field(min_length=1)
    """The rows, top to bottom; totals are marked, not computed."""
    header_column: bool = False
    """True when the first column holds row headers (a transposed table)."""
    budget: Optional[bool] = None
    """True when the table breaks down the project's budget (its 계 is the budget, a column per
    funding source holds that source's share); false when it does not.  Left out, a table under
    a heading that states the budget (``□ 사업예산 : …``) is a budget table."""

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
    unit: Text
    """Unit of the figures, e.g. 명."""
    total: Int
    """The declared total (계)."""
    years: dict[str, Int] = Field(min_length=1)
    """Target by year, e.g. ``2016: 14,000``."""
    total_label: Text = Field(default_factory=lambda: Text(ko="계"))
    """Header of the total column."""
    first_label: Text = Field(default_factory=lambda: Text(ko="구 분"))
    """Header of the label column."""

    @field_validator("years")
    @classmethod
    def _years(cls, value):
        for key in value:
            if not (len(key) == 4 and key.isascii() and key.isdigit()):
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
    outside_period: bool = False
    """True for a step that lies outside the section's 사업기간 on purpose (recruiting before it
    starts, an evaluation after it ends); the ``schedule-within-period`` check then accepts it."""
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
    """The section's 추진일정 (schedule), or with ``kind: chronology`` what has been done so far
    (추진경과, 그간의 추진실적)."""

    type: Literal["schedule"]
    """The block kind: `schedule`."""
    kind: Literal["schedule", "chronology"] = "schedule"
    """``schedule``: what the plan will do, in the plan year (its dates are checked against the
    plan year, the section's period and the summary schedule).  ``chronology``: what has
    happened so far (추진경과, 그간의 추진실적): its items may lie before the plan year (not after
    it), are not steps of the summary schedule nor of the section's period, and must be in order
    (``chronology-order``); their printed dates may use two-digit years (``’17. 7.25.``)."""
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
    internal: Optional[Internal] = None
    """Kept out of the public outputs, with its ground (e.g. ``internal: 5``); the intranet
    shows it, marked."""


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
    label: Text = Field(default_factory=lambda: Text(ko="사업예산"))
    """The label printed before it."""
    budget: Budget
    """The budget."""
    text: Optional[Text] = None
    """The budget as printed, when it should read differently from the derived form."""


def _percent(value):
    """``60`` or ``60%``: a share of the text width."""
    if isinstance(value, str):
        value = value.strip().removesuffix("%").strip()
    return value


class FigureBlock(Block):
    """An image kept in the plan folder (배치도, a photo, a map), printed with its caption.

    The file is named by its path inside the plan folder (``src: images/layout.png``); it must
    be a PNG, JPEG or SVG of at most 10 MB (checked by its bytes, not only its name).  The site
    shows it with its ``alt`` for screen readers; the PDF prints it on one page, its caption
    above it."""

    type: Literal["figure"]
    """The block kind: `figure`."""
    src: str = Field(min_length=1)
    """The image's path inside the plan folder, folders separated by ``/``, e.g.
    ``images/layout.png`` (a ``.png``, ``.jpg`` or ``.svg`` file)."""
    caption: Text
    """The figure's title, printed with it, e.g. 행사장 배치도."""
    alt: Text
    """What the image shows, in words, for readers who cannot see it (screen readers): what a
    caption does not already say, e.g. where the booths and the stage are."""
    width: Optional[Annotated[int, BeforeValidator(_percent), Field(ge=10, le=100)]] = None
    """How wide it is printed, in percent of the text width (``60`` or ``60%``, 10 to 100);
    left out, as wide as the text (or as the image, when it is narrower)."""


AnyBlock = Annotated[
    Union[OverviewBlock, BulletsBlock, NoteBlock, TableBlock, TargetsBlock, ScheduleBlock,
          OrganisationsBlock, BudgetBlock, FigureBlock],
    Field(discriminator="type"),
]
