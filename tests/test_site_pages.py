"""The generated Markdown of the seed, pinned by golden files (``UPDATE_GOLDEN=1`` rewrites them)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.pipeline import check_all
from generator.site.pages import RESERVED, href, page_url, site_pages

from generator.locale import get as get_locale

from .conftest import ROOT, SEED, golden

KO = get_locale("ko")

GOLDEN = Path(__file__).resolve().parent / "golden" / "site"


@pytest.fixture(scope="module")
def seed_site():
    return site_pages(check_all([SEED]))


NOT_PINNED = {"gwangjin-2016-job-operations/checks.md"}
"""The check report follows the check rules, which change on their own; its structure is tested
in test_site_build.py instead."""


def test_generated_markdown_matches_golden(seed_site):
    pages = [p for p in seed_site.pages if p.src not in NOT_PINNED]
    for page in pages:
        golden(GOLDEN / page.src, page.markdown)
    assert sorted(p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*.md")) == \
        sorted(p.src for p in pages)


def test_the_same_plans_give_the_same_markdown(seed_site):
    again = site_pages(check_all([SEED]))
    assert [(p.src, p.markdown) for p in again.pages] == \
        [(p.src, p.markdown) for p in seed_site.pages]


def test_page_paths_are_language_neutral(seed_site):
    srcs = [p.src for p in seed_site.pages]
    assert srcs[0] == "index.md" and srcs[-1] == "downloads.md"
    plan = "gwangjin-2016-job-operations"
    assert f"{plan}/index.md" in srcs and f"{plan}/budget.md" in srcs
    assert f"{plan}/sections/local-job-target.md" in srcs
    assert all(s.isascii() for s in srcs)


def test_menu_follows_the_plan(seed_site):
    home, offices, plan, downloads = seed_site.nav
    assert home == {"홈": "index.md"}
    assert offices == {"부서별 보기": [{"전체 부서": "organisations/index.md"},
                                  {"일자리경제과 일자리운영팀":
                                   "organisations/gwangjin-job-operations.md"}]}
    (title, children), = plan.items()
    assert title == "2016년 일자리운영팀 연간업무 추진계획"
    assert list(children[1]) == ["세부추진계획"]
    assert len(children[1]["세부추진계획"]) == 12
    assert downloads == {"내려받기": "downloads.md"}


def test_links_are_relative_to_the_page():
    assert page_url("a/sections/x.md") == "a/sections/x/"
    assert page_url("index.md") == "" and page_url("a/index.md") == "a/"
    assert href("a/sections/x.md", "a/budget.md") == "../../budget/"
    assert href("a/index.md", "a/sections/x.md", anchor="part-1") == "sections/x/#part-1"
    assert href("a/sections/x.md", "index.md") == "../../../"
    assert href("downloads.md", "downloads/pdf/a.ko.pdf") == "pdf/a.ko.pdf"
    assert href("a/budget.md", "a/checks.md", directory_urls=False) == "checks.html"


def test_a_plan_id_may_not_take_a_name_the_site_uses(tmp_path):
    import shutil
    folder = tmp_path / "downloads"
    shutil.copytree(SEED, folder)
    text = (folder / "plan.yaml").read_text().replace(
        "id: gwangjin-2016-job-operations", "id: downloads")
    (folder / "plan.yaml").write_text(text)
    assert "downloads" in RESERVED
    with pytest.raises(ValueError, match="reserved"):
        site_pages(check_all([folder]))


def test_a_team_page_sets_its_plans_side_by_side_by_year(tmp_path):
    """Plans of the same team over three years: one page per team (named from its first plan's
    id without the year), a column per year with each plan's budget as its budget overview
    totals it and its plan-year targets; the home page's index lists every plan once."""
    import sys
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from synth import write_plans
    from generator.pipeline import check_folder
    from generator.view.budget import budget_view
    from bs4 import BeautifulSoup
    from markdown import markdown
    checked = [check_folder(f) for f in write_plans(tmp_path, 6)]
    assert all(c.ok for c in checked), [c.problems[:2] for c in checked if not c.ok]
    site = site_pages(checked)
    pages = {p.src: p.markdown for p in site.pages}
    teams = sorted(src for src in pages if src.startswith("organisations/") and
                   src != "organisations/index.md")
    assert teams == ["organisations/team000.md", "organisations/team001.md"]
    for src in teams:
        table = BeautifulSoup(markdown(pages[src], extensions=["md_in_html", "tables"]),
                              "html.parser").find("table")
        years = [th.get_text() for th in table.thead.find_all("th")]
        mine = sorted((c for c in checked if f"organisations/{c.plan.id[:7]}.md" == src),
                      key=lambda c: c.plan.year)
        assert years == [f"{c.plan.year}년" for c in mine]
        budgets = [td.get_text() for td in table.find_all("tr")[3].find_all("td")]
        assert budgets == [budget_view(c.plan, c.results, KO).total_text for c in mine]
    home = BeautifulSoup(markdown(pages["index.md"], extensions=["md_in_html", "tables"]),
                         "html.parser").find("table", class_="ps-plan-index")
    listed = [a["href"] for a in home.select("tbody td:nth-of-type(5) a")]
    assert sorted(listed) == sorted(f"{c.plan.id}/" for c in checked)
