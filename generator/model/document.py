"""The document around the blocks: the plan with its header, approval line, cover, summary
schedule, and its sections with their □ headings."""

from __future__ import annotations

from datetime import date
from typing import Iterator, Literal, Optional, Union

from pydantic import Field, field_validator, model_validator

from .. import parsing
from .blocks import AnyBlock
from .disclosure import Disclosure, Internal
from .values import Budget, Int, Marker, Node, Text


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
    subproject: bool = False
    """True when the heading is a sub-project of the section (a 세부사업 with a budget of its
    own): the budgets stated under it are that sub-project's, and the section's budget is the
    sum of its sub-projects'."""
    blocks: list[AnyBlock] = []
    """What the heading holds."""
    internal: Optional[Internal] = None
    """Kept out of the public outputs, with its ground (e.g. ``internal: 5``); the intranet
    shows it, marked."""


class Footnote(Node):
    """A footnote of a section: referenced from its blocks' texts by ``[^id]``, printed at the
    foot of the page in the PDF and at the end of the section's page on the site, numbered
    through the plan in the order of first reference."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    """What the texts write between ``[^`` and ``]`` (e.g. ``1`` for ``[^1]``, or ``source``);
    the printed number is generated."""
    text: Text
    """The footnote's text, e.g. 출처: 고용노동부 고용행정통계(2026)."""


class Section(Node):
    """A numbered section of 세부추진계획 (① … ⑫)."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    """A stable id (lowercase letters, digits, hyphens); schedule rows and URLs use it."""
    title: Text
    """The section title as printed."""
    internal: Optional[Internal] = None
    """Kept out of the public outputs, with its ground (e.g. ``internal: 5``); the intranet
    shows it, marked."""
    parts: list[Part] = Field(min_length=1)
    """The □ headings in order."""
    footnotes: list[Footnote] = []
    """The section's footnotes, each referenced from a text of its blocks with ``[^id]``
    (e.g. ``참여기업 60개사[^1]``)."""

    @field_validator("footnotes")
    @classmethod
    def _unique_footnotes(cls, value):
        seen = set()
        for note in value:
            if note.id in seen:
                raise ValueError(f"footnote id {note.id!r} is defined twice")
            seen.add(note.id)
        return value


class Approver(Node):
    """One column of the 결재란 (approval line) or the 협조 row."""

    role: Text
    """The position, e.g. 일자리운영팀장."""
    name: Optional[Text] = None
    """The person's name; left out, the box is printed empty (e.g. a 시민 box before the
    drafter, or the box of an approver who did not sign under 전결)."""
    mark: Optional[Literal["전결", "대결", "代"]] = None
    """How this person signed when not as the line's own approver: ``전결`` (delegated
    approval: the last box of the line that signs, with its date), ``대결`` or ``代`` (signed
    for an absent approver).  Printed in the box before the date and name."""
    signed_on: Optional[date] = None
    """The date written in the box, when there is one."""
    internal: Optional[Internal] = None
    """The name is kept out of the public outputs, with its ground (usually ``internal: 6``,
    personal information); the role stays."""


class Header(Node):
    """The document header block of the approved plan."""

    document_number: str = Field(min_length=1)
    """문서번호, e.g. 일자리경제과-2685."""
    approved_on: date
    """결재일자 (approval date)."""
    disclosure: Disclosure
    """공개여부: ``대시민공개``, ``공개``, ``부분공개(5)`` or ``비공개(1, 5)`` (the grounds are 호 of
    정보공개법 제9조 제1항)."""
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
        return parsing.parse_month_set(value)


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

    heading: Optional[Text] = None
    """The line at the top of the page, e.g. 2016년 일자리운영팀 연간업무 추진계획 (an annual
    plan's 내부결재 page prints its title there and again in the title block); left out, the
    title is printed once."""
    emphasis: Optional[str] = None
    """The part of the heading printed in bold, e.g. 일자리운영팀."""
    department: list[Text] = []
    """The bureau/division lines under it, as printed (e.g. 기 획 경 제 국)."""
    subtitle: Optional[Text] = None
    """The line above the title, e.g. … 활성화를 위한."""
    date: Optional[Text] = None
    """The date line under the title block, as printed (its year and month)."""

    @model_validator(mode="after")
    def _emphasis_in_heading(self):
        if self.emphasis and (self.heading is None or self.emphasis not in self.heading.ko):
            raise ValueError(f"emphasis {self.emphasis!r} is not part of the heading "
                             f"{self.heading.ko if self.heading is not None else ''!r}")
        return self


Numbering = Literal["circled", "filled", "roman", "arabic", "padded", "hangul", "arabic-paren",
                    "hangul-paren", "paren-arabic", "paren-hangul", "circled-hangul"]
"""A heading numbering style: ``circled`` ① ②, ``filled`` ❶ ❷, ``roman`` Ⅰ Ⅱ, ``arabic`` 1. 2.,
``padded`` 01 02, ``hangul`` 가. 나., ``arabic-paren`` 1) 2), ``hangul-paren`` 가) 나),
``paren-arabic`` (1) (2), ``paren-hangul`` (가) (나), ``circled-hangul`` ㉮ ㉯."""


class Dispatch(Node):
    """The head and foot of a 시행문 (a document sent out): 수신, 경유 and 제목 above the body;
    the 발신명의, the approval line, 시행·접수 and the office's address below it."""

    agency: Text
    """행정기관명, printed at the top, e.g. 서울특별시 광진구."""
    recipient: Text
    """수신: the addressee, or 수신자 참조 when the recipients are listed (``recipients``)."""
    recipients: list[Text] = []
    """수신자: the addressees listed under the sender when ``recipient`` is 수신자 참조."""
    via: Optional[Text] = None
    """경유: the office the document passes through, when there is one."""
    sender: Text
    """발신명의, e.g. 서울특별시 광진구청장 (printed large above the approval line)."""
    enforced_on: Optional[date] = None
    """시행일: the date the document is sent, printed after the document number (시행 …);
    not before the approval date."""
    received: Optional[Text] = None
    """접수: the receiving office's number and date, when the copy carries one (usually left
    out: the line is printed empty for the receiver to fill in)."""
    postcode: Optional[str] = Field(default=None, pattern=r"^[0-9]{5}$")
    """우편번호 (five digits)."""
    address: Text
    """도로명주소 of the office."""
    homepage: Optional[str] = Field(default=None, pattern=r"^[A-Za-z0-9.:/_-]+$")
    """The office's web address, e.g. www.gwangjin.go.kr."""
    phone: Optional[str] = Field(default=None, pattern=r"^[0-9()+ -]{7,20}$")
    """전화번호, e.g. 02-450-7324."""
    fax: Optional[str] = Field(default=None, pattern=r"^[0-9()+ -]{7,20}$")
    """팩스번호."""
    email: Optional[str] = Field(default=None, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
    """The drafting official's e-mail address."""


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
    cover: Optional[Cover] = None
    """The title block; left out, the cover prints the plan's title."""
    title: Text
    """The plan's title."""
    vision: Optional[Text] = None
    """The vision line (printed in brackets); leave out when the document has none."""
    goals: list[Text] = []
    """The goals under the vision (none: nothing is printed)."""
    summary_schedule: Optional[SummarySchedule] = None
    """Part I, the month-by-month summary schedule; leave out when the document has none (the
    schedule checks then compare each section with itself only)."""
    sections_title: Text = Field(default_factory=lambda: Text(ko="세부추진계획"))
    """Part II's heading (its English comes from the plan's catalog, as every text's)."""
    section_numbering: Numbering = "circled"
    """How the sections of 세부추진계획 are numbered: ``circled`` ① ② (the default), ``filled``
    ❶ ❷, ``roman`` Ⅰ Ⅱ, ``arabic`` 1. 2., ``padded`` 01 02, ``hangul`` 가. 나., or a further
    level of the 행정업무 order (``arabic-paren`` 1), ``hangul-paren`` 가), ``paren-arabic`` (1),
    ``paren-hangul`` (가), ``circled-hangul`` ㉮).  Generated, never typed in a title."""
    part_numbering: Optional[Numbering] = None
    """How the headings inside each section are numbered (e.g. ``hangul`` for 가. 나. under
    sections numbered 1. 2.); left out, each heading prints its marker (□)."""
    approval_label: bool = False
    """True to print a 결재 label cell before the approval line (as many offices' forms do),
    so that the 협조 label stands under it rather than under the first approver's box."""
    dispatch: Optional[Dispatch] = None
    """The 시행문 layout: a document sent out (수신·경유·제목 above the body; 발신명의, the
    approval line, 시행·접수 and the address below).  Left out, the plan prints as a 내부결재
    plan (the approval box and the title block on page 1)."""
    sections: list[Section] = Field(min_length=1)
    """Part II: one file each under ``sections/``, in file-name order."""
    attachments: list[Text] = []
    """붙임: the documents attached to the plan, as printed after it (e.g. ``사업별 세부
    예산서 1부``); numbered 1. 2. when there are several."""
    end_mark: bool = False
    """True to close the document with 끝. (after the attachments, or after the last
    section), as an official document ends."""

    def section(self, section_id: str) -> Optional[Section]:
        for s in self.sections:
            if s.id == section_id:
                return s
        return None


def schedule_rows(plan: Plan) -> Iterator[tuple[ScheduleGroup, ScheduleRow]]:
    """Every row of the summary schedule with its group, in order (none without one)."""
    if plan.summary_schedule is None:
        return
    for group in plan.summary_schedule.groups:
        for row in group.rows:
            yield group, row
