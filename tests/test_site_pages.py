"""The generated Markdown of the seed, pinned by golden files (``UPDATE_GOLDEN=1`` rewrites them)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.pipeline import check_all
from generator.site.pages import RESERVED, href, page_url, site_pages

from .conftest import SEED, golden

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
    home, plan, downloads = seed_site.nav
    assert home == {"홈": "index.md"}
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
