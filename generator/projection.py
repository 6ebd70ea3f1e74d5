"""Projections: what of a checked plan one audience may see, made before any renderer runs.

Every output is rendered from a projection, never from the checked plan itself, so that a
renderer receives only what its audience may see.  The ``intranet`` (staff) sees every section
and every check, internal parts marked.  The ``public`` sees the public model
(:func:`generator.public.public_plan`, built by an allow-list): no internal part, no check
report, and a budget verification recomputed from the public figures alone, and only the image
files of its public figures; a 비공개 plan has no public projection.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Plan
from .pipeline import CheckedPlan

AUDIENCES = ("intranet", "public")


@dataclass(frozen=True)
class Projection:
    """A checked plan as one audience sees it."""

    audience: str
    plan: Plan
    checked: CheckedPlan
    """The check results and problems this audience sees (all of them, on the intranet)."""

    @property
    def id(self) -> str:
        return self.plan.id


def publishes(checked: CheckedPlan) -> bool:
    """Whether a plan that loaded has a public projection (it is not 비공개), known without
    making it."""
    return checked.plan is not None and checked.plan.header.disclosure.public


def project(checked: CheckedPlan, audience: str = "intranet") -> Projection | None:
    """The projection of a checked plan for an audience (None: the plan is 비공개 and has no
    public projection)."""
    if audience not in AUDIENCES:
        raise ValueError(f"unknown audience {audience!r}; plansite has {', '.join(AUDIENCES)}")
    if checked.plan is None:
        raise ValueError(f"{checked.folder}: the plan did not load; nothing to project")
    if audience == "intranet":
        return Projection(audience, checked.plan, checked)
    from .public import public_plan
    plan = public_plan(checked.plan)
    if plan is None:
        return None
    from .data import plan_json
    from .model import FigureBlock, walk
    shown = {n.src for n in walk(plan) if isinstance(n, FigureBlock)}
    return Projection(audience, plan, CheckedPlan(
        checked.folder, plan, None, problems=[], results=_public_results(plan),
        translations={}, sources={f"{plan.id}.json": plan_json(plan)},
        images={src: image for src, image in checked.images.items() if src in shown}))


def _public_results(plan: Plan) -> list:
    """The budget overview's verification (``budget-overview``) of the public figures alone:
    what the public budget page shows as its 검산.  No other check result is public (its
    messages may name withheld figures)."""
    from .checks import RULES, Context
    from .model import index
    nodes, paths = index(plan)
    ctx = Context(plan, None, nodes, paths)
    ctx.rule = RULES["budget-overview"]
    ctx.rule.func(ctx)
    return ctx.results
