"""Disclosure: the plan's 공개여부 agrees with what it marks internal, and every mark cites a
ground the header cites (정보공개법 제9조 제1항 호 1–8)."""

from __future__ import annotations

from .. import model
from ..locale.words import Words
from .base import Context, rule


def internal_marks(ctx: Context) -> list[tuple[object, model.Internal]]:
    """Every node of the plan marked internal, with its mark, in document order."""
    return [(n, n.internal) for n in ctx.walk()
            if getattr(n, "internal", None) is not None and isinstance(n.internal, model.Internal)]


def _numbers(grounds) -> str:
    return ", ".join(str(g) for g in grounds)


@rule("disclosure-grounds", "공개여부와 비공개 근거 / Disclosure status and its grounds agree")
def disclosure_grounds(ctx: Context) -> None:
    """부분공개 cites its grounds (``부분공개(5)``) and marks at least one part ``internal``;
    비공개 cites its grounds; 대시민공개 and 공개 cite none and mark nothing internal.  Every
    internal mark cites grounds the header cites, and (under 부분공개) every ground the header
    cites is used by a mark (a warning)."""
    disclosure = ctx.plan.header.disclosure
    where = ctx.path(ctx.plan.header) + ("disclosure",)
    status, grounds = disclosure.status, set(disclosure.grounds)
    marks = internal_marks(ctx)
    subject = Words("disclosure {status}", status=str(disclosure))
    if status in ("부분공개", "비공개"):
        ctx.compare(where, subject, Words("its grounds"), Words("none"), bool(grounds),
                    Words("{status} must cite its grounds in 정보공개법 제9조 제1항",
                          status=status),
                    Words("write the grounds after the status, e.g. {status}(5)",
                          status=status))
    else:
        ctx.compare(where, subject, Words("no grounds"), _numbers(sorted(grounds)),
                    not grounds, Words("{status} withholds nothing, but cites grounds {numbers}",
                                       status=status, numbers=_numbers(sorted(grounds))),
                    Words("write {status} alone, or 부분공개(n) if a part is withheld",
                          status=status))
    if status == "부분공개":
        ctx.compare(where, subject, Words("a part marked internal"), Words("none"), bool(marks),
                    Words("부분공개 withholds a part, but nothing is marked internal"),
                    Words("mark the withheld section, heading, block, row or line with "
                          "internal: <ground>, or write 공개"))
        used = {g for _, mark in marks for g in mark.grounds}
        for g in sorted(grounds - used):
            ctx.compare(where, subject, Words("ground {number} used by a mark", number=g),
                        Words("none"), False,
                        Words("the header cites ground {number}, but no part is withheld on it",
                              number=g),
                        Words("mark the part withheld on ground {number}, or drop the ground",
                              number=g), severity="warning")
    for node, mark in marks:
        path = ctx.path(mark)
        if status in model.PUBLIC_STATUSES:
            ctx.compare(path, Words("internal mark"), Words("nothing internal"),
                        _numbers(mark.grounds), False,
                        Words("the plan is {status}, but this is marked internal",
                              status=status),
                        Words("write the header's disclosure as 부분공개({numbers}), or remove "
                              "the mark", numbers=_numbers(mark.grounds)))
            continue
        if status == "부분공개":
            outside = sorted(set(mark.grounds) - grounds)
            ctx.compare(path, Words("internal mark"),
                        Words("grounds among {numbers}", numbers=_numbers(sorted(grounds))),
                        _numbers(mark.grounds), not outside,
                        Words("ground {numbers} is not among the header's grounds ({cited})",
                              numbers=_numbers(outside), cited=_numbers(sorted(grounds))),
                        Words("add the ground to the header's 부분공개(…), or correct the mark"))


def _internal_paths(ctx: Context) -> list[tuple]:
    return [ctx.path(n) for n, _ in internal_marks(ctx)]


def _withheld_within(ctx: Context, node, internal: list[tuple]) -> bool:
    """True when the node or a node above it is marked internal."""
    path = ctx.path(node)
    return any(path[:len(p)] == p for p in internal)


@rule("disclosure-recoverable", "비공개 금액의 역산 / A withheld figure cannot be worked out",
      "warning", scope="section")
def recoverable(ctx: Context) -> None:
    """A withheld row of a budget table can be worked out by subtraction when the project's
    budget is published (the public outputs withhold the table's 계 rows, not the budget stated
    elsewhere): the budget minus the published rows is the withheld row.  Withhold the budget
    too, or the whole table."""
    from ..budgets import section_projects
    from .budget import budget_tables
    internal = _internal_paths(ctx)
    if not internal:
        return
    for i, section in enumerate(ctx.plan.sections):
        if section.internal is not None:
            continue
        own, subs = section_projects(i, section)
        for project in [own, *subs]:
            public = [st for st in project.statements
                      if not _withheld_within(ctx, st.budget, internal)]
            if not public or project.won is None:
                continue
            for table in budget_tables(project):
                if _withheld_within(ctx, table, internal):
                    continue
                for row in table.rows:
                    if row.internal is None or row.total:
                        continue
                    ctx.compare(ctx.path(row.internal), Words("withheld row"),
                                Words("not recoverable"), Words("recoverable"), False,
                                Words("the budget {label} is published, so this row is the "
                                      "budget minus the published rows", label=public[0].label),
                                Words("withhold the budget where it is stated too "
                                      "(internal: <ground>), or the whole table"))
