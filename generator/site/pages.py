"""Which pages the site has, and their Markdown, from checked plans.

Page paths are language-neutral (``<plan-id>/sections/<section-id>.md`` → the page
``/<plan-id>/sections/<section-id>/``): the English site under ``en/`` has the same paths.
:func:`site_pages` is pure: the same plans give the same Markdown, which the golden files in
``tests/golden/site/`` pin.

On a page in another language than Korean, a plan text shown in Korean is marked
(:mod:`generator.view.markup`), and the page says under its title how complete its translation
is.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import escape as html_escape

from ..charts import PlanCharts, plan_charts
from ..view import markup

from ..figures import site_path
from ..loading import RESERVED_IDS
from ..locale import Locale
from ..locale import get as get_locale
from ..public import withheld_notices
from ..projection import Projection, project, publishes
from ..report import plan_report
from ..view.budget import BudgetView, budget_view
from ..view.offices import office_views, plan_targets
from ..view.plan import PlanView, plan_view
from . import downloads as dl
from .render import render

RESERVED = RESERVED_IDS
"""Top-level names the site uses itself; a plan id may not be one of them."""


@dataclass
class SitePage:
    src: str
    """Path of the Markdown page in the site's sources, e.g. ``<plan-id>/budget.md``."""
    title: str
    """Its title in the menu, as plain text."""
    markdown: str


@dataclass
class Site:
    pages: list[SitePage] = field(default_factory=list)
    nav: list = field(default_factory=list)
    """The generated part of the mkdocs ``nav`` (titles HTML-escaped, as mkdocs expects)."""
    files: list[tuple[str, bytes]] = field(default_factory=list)
    """Other files the pages show, by their path in the site: the image of each figure, under
    its plan's pages (``<plan-id>/images/layout.png``)."""


def page_url(src: str, directory_urls: bool = True) -> str:
    """The URL path of a page source, relative to the site root: ``a/b.md`` → ``a/b/``."""
    stem = src[:-3]
    if not directory_urls:
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem[:-5]
    return stem + "/"


def href(from_src: str, to: str, directory_urls: bool = True, anchor: str = "") -> str:
    """A relative link from the page from_src to to (a page source or a site file)."""
    here = page_url(from_src).rstrip("/") if directory_urls else posixpath.dirname(from_src)
    target = page_url(to, directory_urls).rstrip("/") if to.endswith(".md") else to
    rel = posixpath.relpath(target or ".", here or ".")
    if to.endswith(".md") and directory_urls:
        rel = "./" if rel == "." else rel + "/"
    return rel + (f"#{anchor}" if anchor else "")


@dataclass
class PlanPages:
    """What the site shows of one plan: its view, budget overview, charts and check report."""

    id: str
    view: PlanView
    budget: BudgetView
    report: dict
    summary: dict
    pdfs: list
    charts: PlanCharts | None = None
    """The plan's charts (:mod:`generator.charts`), drawn from its views."""
    targets: list = field(default_factory=list)
    """(what, the plan year's target with its unit) of every targets table the plan shows."""
    images: dict = field(default_factory=dict)
    """The image of each figure the plan shows, by ``src`` (:class:`generator.figures.Image`)."""

    def __getattr__(self, name):  # the plan view's fields, for the templates
        return getattr(self.view, name)


def _public_report(checked) -> dict:
    """What a public page says of the checks: how many of the public budget's verification
    passed; no rule, no result, no problem."""
    passed = sum(r.ok for r in checked.results)
    return {"checks": len(checked.results), "errors": 0, "warnings": 0,
            "rules": [{"passed": passed, "results": []}], "problems": []}


def _report(checked, loc: Locale) -> dict:
    """The plan's check report in the locale's language.  Outside Korean: the problems worded
    in that language (the plan is checked once more in it, as the command line does), each
    rule under its title in that language (a rule's title reads ``Korean / English``), its
    description's Korean terms marked as Korean."""
    report = plan_report(checked, loc)
    if not loc.translates:
        return report
    if checked.problems:
        from ..pipeline import check_folder
        report["problems"] = [p.to_dict() for p in check_folder(checked.folder, loc=loc).problems]
    for rule in report["rules"]:
        korean, slash, other = rule["title"].partition(" / ")
        rule["title"] = other if slash else loc.korean(korean)
        rule["description"] = loc.korean(rule["description"])
    return report


def plan_pages(projection: Projection, loc: Locale, downloads: list[dl.Download]) -> PlanPages:
    """Everything the site renders of one plan, worded and formatted once."""
    plan, checked = projection.plan, projection.checked
    view = plan_view(plan, loc)
    budget = budget_view(plan, checked.results, loc)
    public = projection.audience == "public"
    # the public sees no check report (its messages may name withheld figures): only the
    # budget overview's verification, recomputed from the public figures
    report = _public_report(checked) if public else _report(checked, loc)
    summary = {
        "public": public,
        "withheld": public and bool(withheld_notices(plan)),
        "sections": len(plan.sections),
        "units": len(plan.summary_schedule.groups) if plan.summary_schedule else 0,
        "budget_total": budget.total_text,
        "budget_ok": budget.ok,
        "unbudgeted": len(budget.unbudgeted),
        "checks": report["checks"],
        "checks_failed": report["checks"] - sum(r["passed"] for r in report["rules"]),
        "errors": report["errors"],
        "warnings": report["warnings"],
    }
    pdfs = sorted((d for d in downloads if d.plan_id == plan.id and d.kind == "PDF"),
                  key=lambda d: not d.name.endswith(f".{loc.lang}.pdf"))
    # this month is marked on the intranet's schedule chart only (by the site's script)
    charts = plan_charts(view, budget, loc, "site", today=not public)
    return PlanPages(plan.id, view, budget, report, summary, pdfs, charts,
                     plan_targets(plan, loc), dict(checked.images))


def with_status(page: str, status) -> str:
    """The page's Markdown with the translation status right under its title."""
    if status is None:
        return page
    lines = page.split("\n")
    at = next((i for i, line in enumerate(lines) if line.startswith("# ")), None)
    if at is None:
        return page
    return "\n".join(lines[:at + 1] + ["", str(status)] + lines[at + 1:])


@dataclass
class PlanListing:
    """What the pages that list a plan show of it (the home page, the organisation pages, the
    downloads page): its view's values, as they are, so that they are worded and marked when
    those pages are rendered."""

    id: str
    title: object
    year: int
    office: tuple
    organisation: object
    approved_on: object
    document_number: object
    disclosure: object
    summary: dict
    budget: str
    """Its total budget, worded."""
    projects: int
    targets: list

    @classmethod
    def of(cls, plan: PlanPages) -> "PlanListing":
        v = plan.view
        return cls(plan.id, v.title, v.year, v.office, v.organisation, v.approved_on,
                   v.document_number, v.disclosure, plan.summary, plan.budget.total_text,
                   len(v.sections), plan.targets)


@dataclass
class PlanPart:
    """One plan's share of the site: its own pages and menu, what the listing pages show of it
    and the figures' images its pages show (by ``src``).  A function of the plan's inputs and
    of where and for whom the site is built (:func:`part_key`), so a build keeps it while they
    are unchanged."""

    listing: PlanListing
    pages: list[SitePage]
    nav: dict
    images: list[str]


PART_VERSION = "plansite-plan-part-1"


def part_key(checked, audience: str, lang: str, root: str, directory_urls: bool,
             downloads: list[dl.Download]) -> str:
    """The key of a plan's :class:`PlanPart`: its input digest (the generator, its sources,
    its images), the audience, the language, where the language's site lies, the URL style
    and the plan's own downloads (their names and sizes: its page links them)."""
    import hashlib
    import json
    from ..digest import framed, input_digest
    own = [[d.dest, d.name, d.kind, d.size] for d in downloads if d.plan_id == checked.plan.id]
    h = hashlib.sha256(PART_VERSION.encode("ascii"))
    framed(h, *(part.encode("utf-8") for part in (
        input_digest(checked), audience, lang, root, str(directory_urls),
        json.dumps(own, ensure_ascii=False))))
    return h.hexdigest()


def site_pages(plans: list, downloads: list[dl.Download] | None = None,
               downloads_built: bool = False, directory_urls: bool = True,
               lang: str = "ko", root: str = "", audience: str = "intranet",
               parts: Path | None = None) -> Site:
    """Every generated page of the site and the menu entries for them, from the plans'
    projections for the audience (checked plans are projected here when given as such; a
    비공개 plan has no public one).

    ``root`` is where this language's site lies in the whole site (``en/`` for English): the
    downloads are the whole site's, kept once at its root, and linked from there.  ``parts``:
    a folder keeping each plan's :class:`PlanPart` (checked plans only), so that an unchanged
    plan is not projected, worded or rendered again."""
    from ..checkcache import PickleStore
    loc = get_locale(lang)
    downloads = downloads or []
    store = PickleStore(Path(parts)) if parts is not None else None
    site = Site()
    _ = loc.gettext
    shared = {d.dest for d in downloads}

    def link(from_src: str):
        def to(target: str, anchor: str = "") -> str:
            if target in shared:  # from where this page lies in the whole site
                return href(root + from_src, target, directory_urls, anchor)
            return href(from_src, target, directory_urls, anchor)
        return to

    def page(src: str, title: str, template: str, **context) -> SitePage:
        with markup.counting() as found:
            text = render(template, loc, src=src, link=link(src), **context)
        return SitePage(src, title, with_status(text, markup.status(found, loc)))

    def add(src: str, title: str, template: str, **context) -> str:
        site.pages.append(page(src, title, template, **context))
        return src

    def menu(title) -> str:
        """A menu title: HTML, as mkdocs expects (a Korean fallback marked, no badge)."""
        return str(markup.html(title, loc, html_escape, marks=False))

    def part_of(plan: PlanPages) -> PlanPart:
        base = f"{plan.id}/"
        pages = [page(base + "index.md", plan.title, "plan.md.j2", plan=plan,
                      summary=plan.summary, pdfs=plan.pdfs)]
        section_nav = []
        for section in plan.sections:
            src = f"{base}sections/{section.id}.md"
            pages.append(page(src, section.label, "section.md.j2", plan=plan, section=section))
            section_nav.append({menu(section.label): src})
        pages.append(page(base + "budget.md", _("Budget overview"), "budget.md.j2", plan=plan,
                          budget=plan.budget))
        entries = [{menu(plan.title): base + "index.md"},
                   {menu(plan.sections_title): section_nav},
                   {_("Budget overview"): base + "budget.md"}]
        if not plan.summary["public"]:
            pages.append(page(base + "checks.md", _("Check report"), "checks.md.j2", plan=plan,
                              summary=plan.summary, report=plan.report,
                              groups=[g for g in plan.report["rules"] if g["results"]]))
            entries.append({_("Check report"): base + "checks.md"})
        return PlanPart(PlanListing.of(plan), pages, {menu(plan.title): entries},
                        list(plan.images))

    made: list[tuple[PlanPart, dict]] = []  # each plan's part and the images it may show
    for p in plans:
        if not isinstance(p, Projection) and (p.plan is None or (
                audience == "public" and not publishes(p))):
            continue  # did not load; or 비공개, with no public projection
        plan_id = p.plan.id
        if plan_id in RESERVED:
            raise ValueError(f"plan id {plan_id!r} is a name the site uses itself; "
                             f"choose another (reserved: {', '.join(sorted(RESERVED))})")
        key = None if store is None or isinstance(p, Projection) else part_key(
            p, audience, lang, root, directory_urls, downloads)
        part = store.get(key) if key is not None else None
        if part is None:
            projection = p if isinstance(p, Projection) else project(p, audience)
            if projection is None:
                continue
            part = part_of(plan_pages(projection, loc, downloads))
            if key is not None:
                store.put(key, part)
        made.append((part, p.checked.images if isinstance(p, Projection) else p.images))
    if store is not None:
        store.flush()
    for part, images in made:
        for src in part.images:
            site.files.append((site_path(part.listing.id, src), images[src].data))
    listings = [part.listing for part, _images in made]
    offices = office_views(listings)
    index = sorted(({"plan": plan, "office": office} for office in offices
                    for plan in office.plans),
                   key=lambda r: (-r["plan"].year, str(r["office"].bureau),
                                  str(r["office"].division), str(r["office"].team),
                                  r["plan"].id))
    add("index.md", _("Home"), "home.md.j2", plans=listings, public=audience == "public",
        index=index)
    site.nav.append({_("Home"): "index.md"})
    groups: dict = {}
    for office in offices:
        groups.setdefault(office.bureau, {}).setdefault(office.division, []).append(office)
    office_nav = [{_("All organisations"): add("organisations/index.md", _("Organisations"),
                                               "offices.md.j2", groups=[
                                                   (b, list(d.items())) for b, d in
                                                   groups.items()])}]
    for office in offices:
        office_nav.append({menu(office.name): add(f"organisations/{office.slug}.md",
                                                  office.name, "office.md.j2", office=office)})
    site.nav.append({_("Organisations"): office_nav})
    for part, _images in made:
        site.pages += part.pages
        site.nav.append(part.nav)
    by_plan: dict = {}
    for d in downloads:  # each plan's files, found once (not by a search per plan)
        by_plan.setdefault(d.plan_id, []).append(d)
    add("downloads.md", _("Downloads"), "downloads.md.j2", plans=listings, downloads=downloads,
        by_plan=by_plan, built=downloads_built, size_text=dl.size_text)
    site.nav.append({_("Downloads"): "downloads.md"})
    return site
