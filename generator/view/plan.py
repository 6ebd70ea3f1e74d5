"""The view of a whole plan: header, approval line, cover, schedule grid and sections, worded
and formatted once for one language, then handed to the site, the PDF and the data writers."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .. import model
from ..locale import Locale
from ..locale.formats import section_mark
from ..locale.shown import cat, join
from .blocks import BlockView, ShareView, block_view, shares
from .notes import FootnoteView, footnote_views, numbers, section_notes


@dataclass
class Person:
    """A box of the 결재란 or the 협조 row."""

    role: str
    name: str
    signed_on: str
    """The date written in the box (``01/19``), or empty."""
    mark: str = ""
    """전결, 대결 or 代 in the reader's language, or empty."""
    internal: str = ""
    """The intranet's mark on a name kept out of the public outputs."""


@dataclass
class PartView:
    marker: str
    title: str
    value: str
    """What follows the heading's colon: its printed value, else its budget; may be empty."""
    shares: list[ShareView]
    blocks: list[BlockView]
    has_budget: bool
    internal: str = ""
    """The intranet's mark on a heading kept out of the public outputs."""


@dataclass
class ScheduleRowView:
    unit: str
    name: str
    section: str
    """The id of the section that plans it."""
    months: list[int]
    months_text: str


@dataclass
class ScheduleGroupView:
    unit: str
    rows: list[ScheduleRowView]


@dataclass
class SectionView:
    index: int
    id: str
    number: str
    """The section's mark, ``①``."""
    title: str
    label: str
    """Mark and title, ``① 지역일자리 목표 공시제``."""
    parts: list[PartView]
    schedule_rows: list[ScheduleRowView] = field(default_factory=list)
    """The summary-schedule rows that name this section."""
    internal: str = ""
    """The intranet's mark on a section kept out of the public outputs."""
    footnotes: list[FootnoteView] = field(default_factory=list)
    """The footnotes its blocks reference, in number order (listed at its end on the site,
    printed at the foot of their pages in the PDF)."""


@dataclass
class DispatchView:
    """The head and foot of a 시행문, worded for one language."""

    agency: str
    recipient: str
    recipients: list[str]
    via: str
    sender: str
    enforced: str
    """시행: the document number and the date sent, ``일자리경제과-123 (2016. 1. 5.)``."""
    received: str
    address: str
    """우편번호 and 도로명주소 in one line."""
    homepage: str
    phone: str
    fax: str
    email: str


@dataclass
class PlanView:
    """A plan as one audience reads it in one language."""

    id: str
    lang: str
    year: int
    title: str
    document_number: str
    approved_on: str
    disclosure: str
    policy_number: str
    office: list[str]
    """Authority, bureau, division, team."""
    approval: list[Person]
    cooperation: list[Person]
    cover_heading: tuple[str, str, str]
    """The cover heading split around its emphasis: (before, emphasis, after)."""
    department: list[str]
    subtitle: str
    vision: str
    goals: list[str]
    schedule_title: str
    schedule_groups: list[ScheduleGroupView]
    schedule_note: str
    sections_title: str
    sections: list[SectionView]
    cover_date: str = ""
    """The date line under the title block (``2016. 1.``), or empty."""
    attachments: list[str] = field(default_factory=list)
    """붙임: what is attached, in order."""
    end_mark: bool = False
    """True when the document closes with 끝."""
    approval_label: bool = False
    """True when the 결재란 prints a 결재 label cell before its boxes."""
    dispatch: DispatchView | None = None
    """The 시행문's head and foot, when the plan is one (else the 내부결재 layout)."""

    @property
    def organisation(self) -> str:
        """The owning office in one line."""
        return join(" ", self.office)


def _person(a: model.Approver, loc: Locale) -> Person:
    return Person(loc.text(a.role), loc.text(a.name),
                  loc.sign_date(a.signed_on) if a.signed_on else "",
                  loc.sign_mark(a.mark) if a.mark else "",
                  loc.internal_mark(getattr(a, "internal", None)))


def _part(part: model.Part, loc: Locale, number: str = "", noted: Locale | None = None
          ) -> PartView:
    """A □ heading in the reader's locale, its blocks in ``noted`` (the same, with the
    section's footnote references; default the reader's)."""
    return PartView(number or part.marker, loc.text(part.title), loc.stated(part.value, part.budget),
                    shares(part.budget, loc),
                    [block_view(b, noted or loc, part.marker) for b in part.blocks],
                    part.budget is not None, loc.internal_mark(getattr(part, "internal", None)))


def _cover_heading(cover: model.Cover, loc: Locale) -> tuple[str, str, str]:
    if cover.heading is None:
        return "", "", ""
    heading = loc.text(cover.heading)
    emphasis = cover.emphasis if loc.lang == "ko" else None
    if emphasis and emphasis in heading:
        before, _, after = heading.partition(emphasis)
        return before, emphasis, after
    return heading, "", ""


def plan_view(plan: model.Plan, loc: Locale) -> PlanView:
    """The view of a checked plan in the locale's language."""
    groups = []
    by_section: dict[str, list[ScheduleRowView]] = {}
    for g in (plan.summary_schedule.groups if plan.summary_schedule is not None else []):
        unit = loc.text(g.unit)
        rows = []
        for r in g.rows:
            row = ScheduleRowView(unit, loc.text(r.name), r.section, list(r.months),
                                  loc.month_set(r.months))
            rows.append(row)
            by_section.setdefault(r.section, []).append(row)
        groups.append(ScheduleGroupView(unit, rows))
    sections = []
    numbered, seen = numbers(plan), Counter()
    for i, s in enumerate(plan.sections):
        title = loc.text(s.title)
        style = plan.section_numbering
        noted, notes = section_notes(plan, i, loc, numbered, seen)
        sections.append(SectionView(i, s.id, section_mark(i + 1, style), title,
                                    loc.section_label(i, s.title, style),
                                    [_part(p, loc, section_mark(j + 1, plan.part_numbering)
                                           if plan.part_numbering else "", noted)
                                     for j, p in enumerate(s.parts)],
                                    by_section.get(s.id, []),
                                    loc.internal_mark(getattr(s, "internal", None)),
                                    footnote_views(notes, seen)))
    h, o = plan.header, plan.office
    return PlanView(
        id=plan.id, lang=loc.lang, year=plan.year, title=loc.text(plan.title),
        document_number=loc.korean(h.document_number), approved_on=loc.day(h.approved_on),
        disclosure=loc.disclosure(h.disclosure), policy_number=loc.korean(h.policy_number or ""),
        office=[loc.text(t) for t in (o.authority, o.bureau, o.division, o.team)],
        approval=[_person(a, loc) for a in plan.approval],
        cooperation=[_person(a, loc) for a in plan.cooperation],
        cover_heading=_cover_heading(plan.cover, loc) if plan.cover is not None
        else ("", "", ""),
        department=[loc.text(t) for t in plan.cover.department] if plan.cover is not None
        else [],
        subtitle=loc.text(plan.cover.subtitle) if plan.cover is not None else "",
        vision=loc.text(plan.vision),
        goals=[loc.text(g) for g in plan.goals],
        schedule_title=loc.text(plan.summary_schedule.title if plan.summary_schedule else None),
        schedule_groups=groups,
        schedule_note=loc.text(plan.summary_schedule.note if plan.summary_schedule else None),
        sections_title=loc.text(plan.sections_title), sections=sections,
        cover_date=loc.text(plan.cover.date) if plan.cover is not None else "",
        attachments=[loc.text(a) for a in plan.attachments], end_mark=plan.end_mark,
        approval_label=plan.approval_label,
        dispatch=_dispatch(plan, loc) if plan.dispatch is not None else None)


def _dispatch(plan: model.Plan, loc: Locale) -> DispatchView:
    d = plan.dispatch
    enforced = loc.korean(plan.header.document_number)
    if d.enforced_on is not None:
        enforced = cat(enforced, " (", loc.day(d.enforced_on), ")")
    return DispatchView(
        agency=loc.text(d.agency), recipient=loc.text(d.recipient),
        recipients=[loc.text(r) for r in d.recipients], via=loc.text(d.via),
        sender=loc.text(d.sender), enforced=enforced, received=loc.text(d.received),
        address=join(" ", [t for t in (d.postcode or "", loc.text(d.address)) if t]),
        homepage=d.homepage or "", phone=d.phone or "", fax=d.fax or "", email=d.email or "")
