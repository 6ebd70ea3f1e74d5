"""Projections: what of a checked plan one audience may see, made before any renderer runs.

Every output is rendered from a projection, never from the checked plan itself, so that a
renderer receives only what its audience may see.  Today there is one audience, the
``intranet`` (staff: every section, every check); the public disclosure outputs will get a
projection built by an allow-list of what is public.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Plan
from .pipeline import CheckedPlan

AUDIENCES = ("intranet",)


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


def project(checked: CheckedPlan, audience: str = "intranet") -> Projection:
    """The projection of a checked plan for an audience."""
    if audience not in AUDIENCES:
        raise ValueError(f"unknown audience {audience!r}; plansite has {', '.join(AUDIENCES)}")
    if checked.plan is None:
        raise ValueError(f"{checked.folder}: the plan did not load; nothing to project")
    return Projection(audience, checked.plan, checked)
