"""``mkdocs build`` and ``mkdocs serve`` from a project root make the plan pages themselves."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from .conftest import ROOT, SEED

BIN = Path(sys.executable).parent
SECTION = "sections/01-local-job-target.yaml"


def project(tmp_path: Path, mkdocs_yml: str | None = None) -> Path:
    """A project root like the repository's: mkdocs.yml, docs/ and plan/ with the seed."""
    root = tmp_path / "project"
    shutil.copytree(SEED, root / "plan" / SEED.name)
    (root / "docs").mkdir()
    (root / "docs" / "guide.md").write_text("# 안내\n\n도움말 쪽입니다.\n", encoding="utf-8")
    text = mkdocs_yml or (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(text, encoding="utf-8")
    return root


def env() -> dict:
    e = dict(os.environ)
    e.setdefault("PLANSITE_CACHE", str(ROOT / "build" / ".cache"))
    return e


def mkdocs(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / "mkdocs"), *args], cwd=root, capture_output=True, text=True,
                          env=env(), timeout=600)


def test_mkdocs_build_makes_the_plan_pages_with_no_prior_step(tmp_path):
    root = project(tmp_path)
    result = mkdocs(root, "build")
    assert result.returncode == 0, result.stderr
    site = root / "build" / "site"
    plan = site / "gwangjin-2016-job-operations"
    assert (plan / "sections/local-job-target/index.html").is_file()
    assert (plan / "budget/index.html").is_file() and (site / "guide/index.html").is_file()
    assert not any((root / "docs").glob("gwangjin*")), "nothing is written into docs/"
    home = BeautifulSoup((site / "index.html").read_text(), "html.parser")
    menu = home.find("nav", class_="md-nav--primary").get_text()
    assert "도움말" in menu and "안내" in menu


def test_mkdocs_build_stops_on_plan_errors_and_says_where(tmp_path):
    root = project(tmp_path)
    section = root / "plan" / SEED.name / SECTION
    section.write_text(section.read_text().replace("total: 56,000", "total: 56.000.0"))
    (root / "plan" / SEED.name / "plan.yaml").write_text(
        (root / "plan" / SEED.name / "plan.yaml").read_text().replace(
            "approved_on: 2016-01-19", "approved_on: 2016-13-45"))
    result = mkdocs(root, "build")
    assert result.returncode != 0
    out = result.stdout + result.stderr
    assert "계획에 오류가 있어 사이트를 만들지 않았습니다" in out
    assert f"plan/{SEED.name}/plan.yaml:" in out and f"{SECTION}:" in out
    assert "오류 2건" in out
    assert not (root / "build" / "site" / "index.html").exists()


def test_unsafe_markdown_extensions_are_refused(tmp_path):
    text = (ROOT / "mkdocs.yml").read_text().replace("  - def_list", "  - def_list\n  - md_in_html")
    root = project(tmp_path, text)
    result = mkdocs(root, "build")
    assert result.returncode != 0
    assert "md_in_html" in result.stdout + result.stderr


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.read().decode("utf-8")
    except OSError:
        return None


def wait_for(predicate, limit: float = 180.0):
    """Poll until predicate() is truthy (a bounded wait for a server, not a timing test)."""
    end = time.monotonic() + limit
    while time.monotonic() < end:
        value = predicate()
        if value:
            return value
        time.sleep(0.3)
    pytest.fail("the preview did not answer as expected in time")


def test_serve_rebuilds_when_a_plan_file_changes(tmp_path):
    root = project(tmp_path)
    port = free_port()
    proc = subprocess.Popen([str(BIN / "plansite"), "serve", "--dev-addr", f"127.0.0.1:{port}"],
                            cwd=root, env=env(), stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}/gwangjin-2016-job-operations/sections/local-job-target/"
    try:
        first = wait_for(lambda: fetch(url))
        assert "지역일자리 목표 공시제" in first and "livereload" in first
        section = root / "plan" / SEED.name / SECTION
        section.write_text(section.read_text().replace(
            "title: 지역일자리 목표 공시제", "title: 지역일자리 목표 공시제 개정판"))
        page = wait_for(lambda: (fetch(url) or "") if "개정판" in (fetch(url) or "") else None)
        assert "① 지역일자리 목표 공시제 개정판" in BeautifulSoup(page, "html.parser").h1.get_text()
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def test_each_page_menu_holds_its_own_plan_only(tmp_path):
    """Three plans: a plan page's menu has its own plan's entries and no other plan's; the home
    and organisation pages have none (they list the plans themselves); so each page's menu is as
    long as one plan's, whatever the number of plans, and every plan is still reached from the
    home page."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from synth import write_plans
    root = project(tmp_path)
    shutil.rmtree(root / "plan")
    ids = [f.name for f in write_plans(root / "plan", 3)]
    result = mkdocs(root, "build")
    assert result.returncode == 0, result.stderr
    site = root / "build" / "site"

    def menu_links(page: Path) -> set[str]:
        soup = BeautifulSoup(page.read_text(), "html.parser")
        nav = soup.find("nav", class_="md-nav--primary")
        return {(page.parent / a["href"]).resolve().relative_to(site.resolve()).as_posix()
                for a in nav.find_all("a", href=True) if not a["href"].startswith("#")}

    for plan_id in ids:
        links = menu_links(site / plan_id / "index.html")
        assert any(link.startswith(f"{plan_id}/budget") for link in links), links
        assert not any(link.startswith(other) for other in ids if other != plan_id
                       for link in links), links
    for page in (site / "index.html", site / "organisations" / "index.html"):
        assert not any(link.startswith(tuple(ids)) for link in menu_links(page))
    home = BeautifulSoup((site / "index.html").read_text(), "html.parser")
    listed = {a["href"].rstrip("/") for a in home.select("table.ps-plan-index a")}
    assert set(ids) <= listed
