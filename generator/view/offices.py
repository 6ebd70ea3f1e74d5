"""The offices of a site's plans: each team's plans side by side over the years (its budget,
projects and plan-year targets by year), grouped by bureau and division, for the organisation
pages and the home page's index.  Worded from the plans' views, never from their sources: a
public site's office pages show the public projections' figures only."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .. import model
from ..locale import Locale


@dataclass
class OfficePlan:
    """One plan of a team: a column of its page."""

    id: str
    year: int
    title: str
    projects: int
    budget: str
    """Its total budget, worded (``7,838,640천원``)."""
    targets: list[tuple[str, str]]
    """(what, the plan year's target with its unit) of every targets table it publishes."""


@dataclass
class OfficeView:
    """A team and its plans, oldest year first."""

    slug: str
    """The page's name under ``organisations/`` (ascii, stable while the team has plans)."""
    authority: str
    bureau: str
    division: str
    team: str
    plans: list[OfficePlan] = field(default_factory=list)

    @property
    def name(self) -> str:
        return " ".join(t for t in (self.division, self.team) if t)

    @property
    def target_labels(self) -> list[str]:
        """Every target any of its plans publishes, in first-seen order."""
        seen: list[str] = []
        for plan in self.plans:
            seen += [label for label, _ in plan.targets if label not in seen]
        return seen

    def target(self, plan: OfficePlan, label: str) -> str:
        return next((value for what, value in plan.targets if what == label), "")


def plan_targets(plan: model.Plan, loc: Locale) -> list[tuple[str, str]]:
    """(what, the plan year's target with its unit) of every targets table the plan shows
    (a withheld one is not a targets table in the public model, so it is not here)."""
    year = str(plan.year)
    return [(loc.text(b.label), loc.with_unit(b.years[year], b.unit))
            for s in plan.sections for part in s.parts for b in part.blocks
            if isinstance(b, model.TargetsBlock) and year in b.years]


def _slug(plan_id: str) -> str:
    """A plan id without its years: ``gwangjin-2016-job-operations`` → ``gwangjin-job-operations``."""
    stem = re.sub(r"(?<![0-9])(19|20)[0-9]{2}(?![0-9])", "", plan_id)
    stem = re.sub(r"-{2,}", "-", stem).strip("-")
    return stem or plan_id


def office_views(plans: list) -> list[OfficeView]:
    """The teams of the plans (:class:`~generator.site.pages.PlanListing`), in order of
    bureau, division and team; each page's name from its earliest plan's id."""
    offices: dict[tuple, OfficeView] = {}
    for plan in sorted(plans, key=lambda p: (p.year, p.id)):
        key = tuple(str(t) for t in plan.office)
        if key not in offices:
            authority, bureau, division, team = plan.office
            offices[key] = OfficeView("", authority, bureau, division, team)
        offices[key].plans.append(OfficePlan(plan.id, plan.year, plan.title, plan.projects,
                                             plan.budget, plan.targets))
    taken: set[str] = set()
    ordered = sorted(offices.values(), key=lambda o: (str(o.bureau), str(o.division),
                                                      str(o.team), o.plans[0].id))
    for office in sorted(ordered, key=lambda o: o.plans[0].id):
        slug, n = _slug(office.plans[0].id), 2
        while slug in taken:
            slug, n = f"{_slug(office.plans[0].id)}-{n}", n + 1
        taken.add(slug)
        office.slug = slug
    return ordered
