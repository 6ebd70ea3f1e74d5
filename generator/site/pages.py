"""Which pages the site has, and their Markdown, from checked plans.

Page paths are language-neutral (``<plan-id>/sections/<section-id>.md`` → the page
``/<plan-id>/sections/<section-id>/``), so a later English build under ``en/`` keeps the same
paths.  :func:`site_pages` is pure: the same plans give the same Markdown, which the golden files
in ``tests/golden/site/`` pin.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field

from markupsafe import escape as html_escape

from .. import budgets, derive, formatting
from ..checks.base import RULES
from ..loading import RESERVED_IDS
from ..pipeline import CheckedPlan
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


def _summary(cp: CheckedPlan) -> dict:
    plan = cp.plan
    overview = budgets.budget_overview(plan)
    failed = [r for r in cp.results if not r.ok]
    return {
        "sections": len(plan.sections),
        "units": len(plan.summary_schedule.groups),
        "budget_total": overview.total,
        "budget_rows": len(overview.rows),
        "unbudgeted": len(overview.unbudgeted),
        "checks": len(cp.results),
        "checks_failed": len(failed),
        "errors": sum(p.severity == "error" for p in cp.problems),
        "warnings": sum(p.severity == "warning" for p in cp.problems),
    }


def _budget_table(plan) -> dict:
    """The budget overview in one unit (천원 when every figure is whole thousands), checked."""
    overview = budgets.budget_overview(plan)
    sources = list(overview.by_source())
    totals = overview.by_source()
    figures = [overview.total] + list(totals.values()) + [
        v for r in overview.rows for v in r.by_source.values()] + [r.won for r in overview.rows]
    unit, divisor = ("천원", 1000) if all(v % 1000 == 0 for v in figures) else ("원", 1)
    checks = [
        {"subject": "재원별 합계의 합 = 총액", "expected": overview.total,
         "found": sum(totals.values()) + sum(r.remainder for r in overview.rows)},
        {"subject": "사업별 금액의 합 = 총액", "expected": overview.total,
         "found": sum(r.won for r in overview.rows)},
    ]
    for r in overview.rows:
        checks.append({"subject": f"{formatting.circled(r.section_index + 1)} {r.label}: "
                                  "재원별 금액의 합 = 금액",
                       "expected": r.won, "found": sum(r.by_source.values())})
    for c in checks:
        c["ok"] = c["expected"] == c["found"]
    return {"overview": overview, "sources": sources, "totals": totals, "unit": unit,
            "divisor": divisor, "checks": checks, "ok": all(c["ok"] for c in checks)}


def _located(cp: CheckedPlan, path: tuple) -> str:
    if cp.source is None:
        return ""
    name, pos, _ = cp.source.locate(tuple(path))
    return f"{name}:{pos.line}:{pos.col}"


def _check_groups(cp: CheckedPlan) -> list[dict]:
    by_rule: dict[str, list] = {}
    for r in cp.results:
        by_rule.setdefault(r.rule, []).append(r)
    order = [rid for rid in RULES if rid in by_rule] + sorted(set(by_rule) - set(RULES))
    groups = []
    for rid in order:
        results = by_rule[rid]
        groups.append({"id": rid, "title": RULES[rid].title if rid in RULES else "",
                       "doc": RULES[rid].doc if rid in RULES else "",
                       "results": [(r, _located(cp, r.path)) for r in results],
                       "passed": sum(r.ok for r in results)})
    return groups


def _schedule_rows_by_section(plan) -> dict[str, list]:
    rows: dict[str, list] = {}
    for group, row in derive.schedule_rows(plan):
        rows.setdefault(row.section, []).append((group, row))
    return rows


def site_pages(plans: list[CheckedPlan], downloads: list[dl.Download] | None = None,
               downloads_built: bool = False, directory_urls: bool = True) -> Site:
    """Every generated page of the site and the menu entries for them."""
    plans = [cp for cp in plans if cp.plan is not None]
    downloads = downloads or []
    for cp in plans:
        if cp.plan.id in RESERVED:
            raise ValueError(f"plan id {cp.plan.id!r} is a name the site uses itself; "
                             f"choose another (reserved: {', '.join(sorted(RESERVED))})")
    site = Site()

    def link(from_src: str):
        return lambda to, anchor="": href(from_src, to, directory_urls, anchor)

    def add(src: str, title: str, template: str, **context) -> str:
        site.pages.append(SitePage(src, title, render(template, src=src, link=link(src),
                                                      **context)))
        return src

    summaries = {cp.plan.id: _summary(cp) for cp in plans}
    add("index.md", "홈", "home.md.j2", plans=plans, summaries=summaries)
    site.nav.append({"홈": "index.md"})
    for cp in plans:
        plan = cp.plan
        pid = plan.id
        base = f"{pid}/"
        sched = _schedule_rows_by_section(plan)
        pdfs = [d for d in downloads if d.plan_id == pid and d.kind == "PDF"]
        add(base + "index.md", plan.title.ko, "plan.md.j2", cp=cp, plan=plan,
            summary=summaries[pid], schedule_by_section=sched, pdfs=pdfs,
            budget_ok=_budget_table(plan)["ok"])
        section_nav = []
        for i, section in enumerate(plan.sections):
            src = add(f"{base}sections/{section.id}.md", formatting.section_label(i, section),
                      "section.md.j2", plan=plan, section=section, index=i,
                      schedule_rows=sched.get(section.id, []),
                      budgets=budgets.section_budgets(section))
            section_nav.append({str(html_escape(formatting.section_label(i, section))): src})
        add(base + "budget.md", "예산 총괄", "budget.md.j2", plan=plan, **_budget_table(plan))
        add(base + "checks.md", "점검 결과", "checks.md.j2", cp=cp, plan=plan,
            summary=summaries[pid], groups=_check_groups(cp))
        site.nav.append({str(html_escape(plan.title.ko)): [
            {str(html_escape(plan.title.ko)): base + "index.md"},
            {str(html_escape(plan.sections_title.ko)): section_nav},
            {"예산 총괄": base + "budget.md"},
            {"점검 결과": base + "checks.md"},
        ]})
    add("downloads.md", "내려받기", "downloads.md.j2", plans=plans, downloads=downloads,
        built=downloads_built, size_text=dl.size_text)
    site.nav.append({"내려받기": "downloads.md"})
    return site
