"""The public model of a plan: what of it the citizens may see, built by an allow-list.

:func:`public_plan` copies a checked plan into a new model, field by field, keeping only the
fields :data:`PUBLIC_FIELDS` lists for each model class; a class or field it does not list is
never copied (a field added to the model stays internal until it is listed here, and a test
holds the list to the model).  What is marked ``internal`` is not copied at all: in its place
the public model holds a :class:`Withheld` notice with the grounds (a section, a □ heading, a
block, an overview line, a table row, an organisation) or, for an approver, the role without
the name.  A total that includes a withheld figure (a table's 계 row or 계 column) is withheld
with it, so that no figure can be recovered by subtraction.  The internal notes of the marks
(``internal.note``) are never copied.

A 비공개 plan has no public model (:func:`public_plan` returns None): it appears in no public
file.  Every public renderer receives this model only (:mod:`generator.projection`).
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from . import model
from .model import Node

PUBLIC_FIELDS: dict[str, tuple[str, ...]] = {
    "Text": ("ko", "en"),
    "Money": ("amount", "unit", "approx"),
    "Share": ("source", "ratio", "amount"),
    "FundingSplit": ("shares", "total", "note", "style"),
    "CountPart": ("label", "value", "to"),
    "Count": ("value", "to", "unit", "parts", "parts_total"),
    "Period": ("start", "end", "precision"),
    "Timing": ("kind", "start", "end", "precision", "every", "per", "times"),
    "Budget": ("amount", "funding", "note", "annual", "role"),
    "Disclosure": ("status", "grounds"),
    "BulletItem": ("text", "marker", "children"),
    "OverviewItem": ("key", "value", "marker", "period", "budget", "count", "target", "cap",
                     "cap_split", "children"),
    "OverviewBlock": ("id", "type", "marker", "items"),
    "BulletsBlock": ("id", "type", "marker", "items"),
    "NoteBlock": ("id", "type", "text"),
    "Cell": ("text", "items", "split"),
    "Column": ("key", "label", "type", "role", "unit", "max", "align", "share_of", "duration_of",
               "source", "group"),
    "Row": ("cells", "total"),
    "TableBlock": ("id", "type", "caption", "unit", "columns", "rows", "header_column",
                   "budget"),
    "TargetsBlock": ("id", "type", "caption", "label", "unit", "total", "years", "total_label",
                     "first_label"),
    "ScheduleItem": ("text", "when", "when_text", "outside_period", "when_shown", "marker",
                     "children"),
    "ScheduleBlock": ("id", "type", "kind", "marker", "items"),
    "Organisation": ("name", "role", "note"),
    "OrganisationsBlock": ("id", "type", "marker", "items"),
    "BudgetBlock": ("id", "type", "label", "budget", "text"),
    "FigureBlock": ("id", "type", "src", "caption", "alt", "width"),
    "Footnote": ("id", "text"),
    "Part": ("title", "value", "budget", "marker", "subproject", "blocks"),
    "Section": ("id", "title", "parts", "footnotes"),
    "Approver": ("role", "name", "mark", "signed_on"),
    "Header": ("document_number", "approved_on", "disclosure", "policy_number"),
    "Office": ("authority", "bureau", "division", "team"),
    "ScheduleRow": ("name", "section", "months"),
    "ScheduleGroup": ("unit", "rows"),
    "SummarySchedule": ("title", "groups", "note"),
    "Cover": ("heading", "emphasis", "department", "subtitle", "date"),
    "Plan": ("id", "year", "language", "header", "office", "approval", "cooperation", "cover",
             "title", "vision", "goals", "summary_schedule", "sections_title",
             "section_numbering", "part_numbering", "approval_label", "dispatch", "sections",
             "attachments", "end_mark"),
    "Dispatch": ("agency", "recipient", "recipients", "via", "sender", "enforced_on",
                 "received", "postcode", "address", "homepage", "phone", "fax", "email"),
}
"""For each model class, the fields the public may see.  ``internal`` (the marks and their
notes) is in none of them; an ``Internal`` is never copied."""

NEVER_PUBLIC = ("Internal", "Node", "Block")
"""Model classes that are never copied (the marks; the abstract bases)."""


class Withheld(Node):
    """What the public model holds in place of a part of the plan marked internal: a notice
    naming its grounds (정보공개법 제9조 제1항 각 호).  Only the public model holds it."""

    type: Literal["withheld"] = "withheld"
    """The block kind: `withheld` (renderers show the notice)."""
    what: Literal["section", "part", "block", "line", "row", "organisation", "name",
                  "total"] = "block"
    """What was withheld."""
    grounds: list[int] = Field(default_factory=list)
    """The grounds, 호 of 정보공개법 제9조 제1항."""


WITHHELD_ID = "withheld-{n}"
"""The id of a withheld section in the public model (its own id is not published)."""


class _Copier:
    """One public copy: counts the withheld sections to number them."""

    def __init__(self):
        self.sections = 0
        self.withheld_sections: dict[str, str] = {}
        """Internal section id → the id of its notice in the public model."""

    def node(self, node):
        """A public copy of a model node (None for a node that is never public)."""
        name = type(node).__name__
        if name in NEVER_PUBLIC or name not in PUBLIC_FIELDS:
            return None
        values = {}
        for field in PUBLIC_FIELDS[name]:
            values[field] = self.value(node, field, getattr(node, field))
        copy = type(node).model_construct(**values)
        copy.__pydantic_fields_set__ = {f for f in node.model_fields_set
                                        if f in PUBLIC_FIELDS[name]}
        return copy

    def value(self, owner, field: str, value):
        if isinstance(value, list):
            return self.items(owner, field, value)
        if isinstance(value, dict):
            return {k: self.value(owner, field, v) for k, v in value.items()}
        if isinstance(value, Node):
            return self.node(value)
        return value

    def items(self, owner, field: str, items: list) -> list:
        out = []
        for item in items:
            mark = getattr(item, "internal", None)
            if mark is None:
                out.append(self.value(owner, field, item))
                continue
            out.append(self.withheld(item, mark.grounds))
        if isinstance(owner, model.TableBlock) and field == "rows":
            out = _withhold_totals(owner, out)
        return [x for x in out if x is not None]

    def withheld(self, item, grounds):
        """What stands in place of a node marked internal: a notice, or (a section, a □
        heading, an approver) the node with its notice in place of its texts."""
        grounds = list(grounds)
        if isinstance(item, model.Section):
            self.sections += 1
            sid = WITHHELD_ID.format(n=self.sections)
            self.withheld_sections[item.id] = sid
            return model.Section.model_construct(
                id=sid, title=Withheld(what="section", grounds=grounds),
                parts=[_withheld_part("□", grounds)])
        if isinstance(item, model.Part):
            return _withheld_part(item.marker, grounds)
        if isinstance(item, model.Approver):
            return model.Approver.model_construct(role=self.node(item.role),
                                                  name=Withheld(what="name", grounds=grounds),
                                                  mark=item.mark, signed_on=None)
        what = {model.OverviewItem: "line", model.Row: "row",
                model.Organisation: "organisation"}.get(type(item), "block")
        return Withheld(what=what, grounds=grounds)


def _withheld_part(marker: str, grounds: list[int]) -> model.Part:
    return model.Part.model_construct(title=Withheld(what="part", grounds=grounds), value=None,
                                      budget=None, marker=marker, subproject=False,
                                      blocks=[Withheld(what="part", grounds=grounds)])


def _withhold_totals(table: model.TableBlock, rows: list) -> list:
    """A table with a withheld row withholds its 계 rows' figures too (they would reveal the
    withheld row by subtraction); its label cells stay."""
    withheld = [r for r in rows if isinstance(r, Withheld)]
    if not withheld:
        return rows
    grounds = sorted({g for w in withheld for g in w.grounds})
    figures = {c.key for c in table.columns if c.type in ("number", "money") or c.role == "total"}
    out = []
    for row in rows:
        if isinstance(row, model.Row) and row.total:
            cells = {k: (model.Cell.model_construct(text=Withheld(what="total", grounds=grounds),
                                                    items=[], split=None)
                         if k in figures else v) for k, v in row.cells.items()}
            row = model.Row.model_construct(cells=cells, total=True)
        out.append(row)
    return out


def _referenced_footnotes(section: model.Section) -> model.Section:
    """The section with only the footnotes its public texts reference: a footnote referenced
    only from a withheld part is withheld with it (its notice says nothing of it)."""
    from .footnotes import markers
    used = {m for node in model.walk(section.parts) if isinstance(node, model.Text)
            for m in markers(node.ko)}
    kept = [f for f in section.footnotes if f.id in used]
    if len(kept) != len(section.footnotes):
        section.footnotes = kept
    return section


def public_plan(plan: model.Plan) -> model.Plan | None:
    """The public model of a checked plan (None for a 비공개 plan, which is never published)."""
    if not plan.header.disclosure.public:
        return None
    copier = _Copier()
    public = copier.node(plan)
    public.sections = [_referenced_footnotes(s) if s.footnotes else s for s in public.sections]
    # the summary schedule names no withheld section: its rows go, and empty groups with them
    if public.summary_schedule is None:
        return public
    groups = []
    for group in public.summary_schedule.groups:
        rows = [r for r in group.rows if r.section not in copier.withheld_sections]
        if rows:
            groups.append(model.ScheduleGroup.model_construct(unit=group.unit, rows=rows))
    public.summary_schedule = model.SummarySchedule.model_construct(
        title=public.summary_schedule.title, groups=groups, note=public.summary_schedule.note)
    return public


def withheld_notices(plan: model.Plan) -> list[Withheld]:
    """Every notice of a public model, in document order."""
    return [node for node in model.walk(plan) if isinstance(node, Withheld)]
