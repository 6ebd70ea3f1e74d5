"""Incremental and parallel builds, and the progress line (issue 15).

A plan's PDFs and data come from ``<out>/.cache/plans`` while its inputs are unchanged; one
byte changed in any kind of input remakes exactly the affected plan's outputs, byte for byte as
a clean build makes them; ``--jobs 1`` and ``--jobs 2`` give the same files; progress shows on a
terminal only.
"""

from __future__ import annotations

import hashlib
import os
import pty
import select
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator import build as build_module
from generator.build import OUTPUTS, build
from generator.digest import compute_generator_digest, input_digest
from generator.pipeline import check_folder

from .conftest import ROOT

VALID = ROOT / "tests" / "plans" / "valid"
ONLY = ["data", "pdf"]


@pytest.fixture(autouse=True)
def _font_cache(monkeypatch):
    """The builds decode the fonts once, where ``make`` keeps them (the plan cache stays in
    each ``--out``)."""
    monkeypatch.setenv("PLANSITE_CACHE", os.environ.get("PLANSITE_CACHE")
                       or str(ROOT / "build" / ".cache"))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")


def env(**extra) -> dict:
    e = {k: v for k, v in os.environ.items() if k != "CI"}
    e.setdefault("PLANSITE_CACHE", str(ROOT / "build" / ".cache"))
    e.update(extra)
    return e


def listing(out: Path) -> dict[str, str]:
    """sha256 of every output file of a build (through its links), by path."""
    found = {}
    for name in OUTPUTS:
        top = out / name
        if top.is_file():
            found[name] = hashlib.sha256(top.read_bytes()).hexdigest()
        elif top.is_dir():
            for f in sorted(top.rglob("*")):
                if f.is_file():
                    found[f.relative_to(out).as_posix()] = hashlib.sha256(
                        f.read_bytes()).hexdigest()
    return found


def of_plan(files: dict[str, str], plan_id: str) -> dict[str, str]:
    return {k: v for k, v in files.items() if Path(k).name.startswith(plan_id + ".")
            or Path(k).name.startswith(plan_id + "-")}


def run(plans: Path, out: Path) -> build_module.Summary:
    assert build([str(plans)], out, only=ONLY, jobs=1) == 0
    return build_module.LAST_SUMMARY


def _one_byte(path: Path, old: bytes, new: bytes) -> None:
    data = path.read_bytes()
    assert data.count(old) >= 1 and len(old) == len(new)
    path.write_bytes(data.replace(old, new, 1))


CHANGES = {
    "section file": lambda fair: _one_byte(fair / "sections" / "01-fair.yaml", b"# The fair",
                                                           b"# the fair"),
    "plan.yaml": lambda fair: (fair / "plan.yaml").write_bytes(
        (fair / "plan.yaml").read_bytes() + b"\n"),
    "translation catalog": lambda fair: _one_byte(fair / "translations" / "en.po",
                                                  b"Mapo-gu, Seoul", b"Mapo-gu, Seoux"),
    "image": lambda fair: _one_byte(fair / "images" / "campus-map.svg",
                                    b'fill="#bed6ee"', b'fill="#bed6ef"'),
}


def test_one_changed_byte_remakes_its_plan_only_and_as_a_clean_build(tmp_path, monkeypatch):
    plans = tmp_path / "plans"
    for name in ("fair", "minimal"):
        shutil.copytree(VALID / name, plans / name)
    out = tmp_path / "out"
    first = run(plans, out)
    assert (first.reused, first.made) == (0, 4)  # two plans × (data, pdf)
    again = run(plans, out)
    assert (again.reused, again.made) == (4, 0)
    before = listing(out)

    for kind, change in CHANGES.items():
        change(plans / "fair")
        summary = run(plans, out)
        assert (summary.reused, summary.made) == (2, 2), kind  # minimal's reused, fair's made
        after = listing(out)
        assert of_plan(after, "minimal") == of_plan(before, "minimal"), kind
        changed = {k for k in of_plan(after, "fair") if after[k] != before.get(k)}
        assert {"pdf/fair.ko.pdf", "pdf/fair.en.pdf"} <= changed, kind  # the sources attached
        clean = tmp_path / f"clean-{len(before)}-{kind.replace(' ', '-')}"
        assert build([str(plans / "fair")], clean, only=ONLY, jobs=1) == 0
        assert build_module.LAST_SUMMARY.reused == 0
        assert of_plan(listing(clean), "fair") == of_plan(after, "fair"), kind
        before = after

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000001")
    summary = run(plans, out)
    assert (summary.reused, summary.made) == (0, 4)
    after = listing(out)
    assert after["pdf/minimal.ko.pdf"] != before["pdf/minimal.ko.pdf"]
    clean = tmp_path / "clean-epoch"
    assert build([str(plans)], clean, only=ONLY, jobs=1) == 0
    assert listing(clean) == after


def test_a_damaged_or_deleted_cache_is_made_again(tmp_path):
    plans = tmp_path / "plans"
    shutil.copytree(VALID / "minimal", plans / "minimal")
    out = tmp_path / "out"
    run(plans, out)
    clean = listing(out)
    pdf = next((out / ".cache" / "plans").rglob("minimal.ko.pdf"))
    pdf.write_bytes(pdf.read_bytes()[:-1] + b"x")  # a cached file edited: not served
    summary = run(plans, out)
    assert (summary.reused, summary.made) == (1, 1)
    assert listing(out) == clean
    shutil.rmtree(out / ".cache" / "plans")  # safe to delete
    summary = run(plans, out)
    assert (summary.reused, summary.made) == (0, 2)
    assert listing(out) == clean


def test_the_generator_digest_covers_every_file_of_the_generator(tmp_path, monkeypatch):
    """A template, a message catalog, a stylesheet, a font: one byte changed in a copy of the
    generator changes its digest, hence every plan's input digest and cache keys."""
    copy = tmp_path / "generator"
    shutil.copytree(ROOT / "generator", copy,
                    ignore=shutil.ignore_patterns("__pycache__"))
    lock = ROOT / "requirements.lock"
    base = compute_generator_digest(copy, lock)
    assert base == compute_generator_digest(ROOT / "generator", lock)
    for rel in ("templates/print/print.css", "templates/site/plan.md.j2", "locale/ko/LC_MESSAGES/interface.po",
                "locale/en/LC_MESSAGES/checks.po", "assets/fonts"):
        target = copy / rel
        f = target if target.is_file() else sorted(p for p in target.rglob("*")
                                                   if p.is_file())[0]
        data = f.read_bytes()
        f.write_bytes(data[:-1] + bytes([data[-1] ^ 1]))
        assert compute_generator_digest(copy, lock) != base, rel
        f.write_bytes(data)
    assert compute_generator_digest(copy, lock) == base
    checked = check_folder(VALID / "minimal")
    assert input_digest(checked, base) != input_digest(checked, "0" * 64)

    # and a build under another generator digest reuses nothing
    plans = tmp_path / "plans"
    shutil.copytree(VALID / "minimal", plans / "minimal")
    out = tmp_path / "out"
    run(plans, out)
    import generator.digest as digest
    monkeypatch.setattr(digest, "generator_digest", lambda: "f" * 64)
    summary = run(plans, out)
    assert (summary.reused, summary.made) == (0, 2)


def test_jobs_1_and_jobs_2_build_the_same_files(tmp_path):
    """A whole build (site, public outputs included) of three plans, checked and rendered in one
    process and over two."""
    outs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out-{jobs}"
        done = subprocess.run(
            [sys.executable, "-m", "generator.cli", "build", str(VALID / "fair"),
             str(VALID / "minimal"), str(VALID / "bare"), "--out", str(out), "--jobs", jobs],
            cwd=ROOT, env=env(), capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        assert "캐시에서 재사용 0건" in done.stdout
        outs.append(listing(out))
    assert outs[0] == outs[1]
    assert any(k.startswith("public/pdf/") for k in outs[0]) and "site/index.html" in outs[0]


def _pty_run(args: list[str], **extra) -> str:
    """What a command prints on a terminal (stdout and stderr both the pty)."""
    leader, follower = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "generator.cli", *args], cwd=ROOT,
                            env=env(**extra), stdin=follower, stdout=follower, stderr=follower)
    os.close(follower)
    chunks = []
    while True:
        ready, _, _ = select.select([leader], [], [], 120)
        if not ready:
            proc.kill()
            raise AssertionError("no output for 120 s")
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    assert proc.wait() == 0, b"".join(chunks).decode("utf-8", "replace")
    return b"".join(chunks).decode("utf-8", "replace")


def test_progress_on_a_terminal_in_korean_and_english_never_in_ci_or_a_pipe(tmp_path):
    args = ["build", str(VALID / "minimal"), "--only", "pdf", "--only", "data"]
    shown = _pty_run([*args, "--out", str(tmp_path / "ko")])
    assert "계획 검사: 1/1" in shown and "PDF 생성: 1/1" in shown
    assert "\r" in shown
    english = _pty_run([*args, "--out", str(tmp_path / "en"), "--lang", "en"])
    assert "plans checked: 1/1" in english and "PDFs rendered: 1/1" in english
    site = _pty_run(["build", str(VALID / "minimal"), "--only", "site",
                     "--out", str(tmp_path / "site")])
    assert "페이지 작성: " in site
    ci = _pty_run([*args, "--out", str(tmp_path / "ci"), "--lang", "en"], CI="true")
    assert "plans checked" not in ci and "PDFs rendered" not in ci
    piped = subprocess.run([sys.executable, "-m", "generator.cli", *args, "--out",
                            str(tmp_path / "piped")], cwd=ROOT, env=env(),
                           capture_output=True, text=True)
    assert piped.returncode == 0, piped.stderr
    assert "계획 검사" not in piped.stderr and "PDF 생성" not in piped.stderr
    assert "\r" not in piped.stderr


def test_an_unchanged_site_is_carried_over_and_a_changed_plan_rebuilds_it(tmp_path):
    plans = tmp_path / "plans"
    shutil.copytree(VALID / "minimal", plans / "minimal")
    out = tmp_path / "out"
    assert build([str(plans)], out, jobs=1) == 0
    assert (build_module.LAST_SUMMARY.sites_reused, build_module.LAST_SUMMARY.sites_made) == (0, 2)
    first = listing(out)
    assert build([str(plans)], out, jobs=1) == 0
    summary = build_module.LAST_SUMMARY
    assert (summary.sites_reused, summary.sites_made, summary.reused) == (2, 0, 4)
    assert listing(out) == first
    _one_byte(plans / "minimal" / "plan.yaml", b"document_number: 04524",
              b"document_number: 04525")  # shown on the plan's page
    assert build([str(plans)], out, jobs=1) == 0
    assert (build_module.LAST_SUMMARY.sites_reused, build_module.LAST_SUMMARY.sites_made) == (0, 2)
    changed = listing(out)
    assert changed["site/minimal/index.html"] != first["site/minimal/index.html"]
    clean = tmp_path / "clean"
    assert build([str(plans)], clean, jobs=1) == 0
    assert listing(clean) == changed


def test_the_site_key_covers_the_docs_and_the_configs(tmp_path, monkeypatch):
    from generator.site import SiteInput, site_key
    for name in ("mkdocs.yml", "mkdocs.en.yml"):
        shutil.copy(ROOT / name, tmp_path / name)
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    monkeypatch.chdir(tmp_path)
    site = SiteInput([check_folder(VALID / "minimal")])
    base = site_key(site)
    assert site_key(site) == base
    page = sorted((tmp_path / "docs").rglob("*.md"))[0]
    data = page.read_bytes()
    page.write_bytes(data + b" ")
    assert site_key(site) != base
    page.write_bytes(data)
    config = tmp_path / "mkdocs.en.yml"
    config.write_bytes(config.read_bytes() + b"\n")
    assert site_key(site) != base
    config.write_bytes(config.read_bytes()[:-1])
    assert site_key(site) == base
    assert site_key(SiteInput(site.plans, audience="public")) != base
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000001")
    assert site_key(site) != base


def _site_files(out: Path) -> dict[str, str]:
    return {k: v for k, v in listing(out).items() if k.startswith(("site/", "public/site/"))}


def _pages(summary) -> tuple[int, int]:
    return summary.pages_kept, summary.pages_rendered


def test_a_changed_plan_renders_its_own_pages_and_the_rest_are_kept(tmp_path):
    """The site's page cache (generator.site.pagecache): a changed plan re-renders its own pages
    only, a change another plan's menu shows re-renders that plan's pages too, a damaged entry
    is rendered again, and every site is byte for byte what a clean build makes."""
    plans = tmp_path / "plans"
    for name in ("fair", "minimal"):
        shutil.copytree(VALID / name, plans / name)
    out = tmp_path / "out"
    assert build([str(plans)], out, only=["site", "public"], jobs=1) == 0
    kept, everything = _pages(build_module.LAST_SUMMARY)
    assert kept == 0 and everything > 0
    minimal = {k for k in _site_files(out) if "/minimal/" in k and k.endswith(".html")}
    assert minimal

    def same_as_clean(label: str) -> dict[str, str]:
        clean = tmp_path / f"clean-{label}"
        assert build([str(plans)], clean, only=["site", "public"], jobs=1) == 0
        built = _site_files(out)
        assert built == _site_files(clean), label
        return built

    # a text shown on fair's pages: fair's pages only (and its neighbours' rel=prev/next)
    before = _site_files(out)
    _one_byte(plans / "fair" / "sections" / "01-fair.yaml", "대강당 및 광장".encode(),
              "대강당 및 마당".encode())
    assert build([str(plans)], out, only=["site", "public"], jobs=1) == 0
    kept, rendered = _pages(build_module.LAST_SUMMARY)
    assert kept + rendered == everything and 0 < rendered < kept
    after = same_as_clean("text")
    assert {k for k in minimal if after[k] != before[k]} == set()

    # the team's name is in every page's menu (the organisations): every page is rendered
    _one_byte(plans / "fair" / "plan.yaml", "취업지원팀".encode(), "취업상담팀".encode())
    assert build([str(plans)], out, only=["site", "public"], jobs=1) == 0
    assert _pages(build_module.LAST_SUMMARY) == (0, everything)
    same_as_clean("menu")

    # a damaged or deleted entry is a miss, rendered again
    entries = sorted((out / ".cache" / "pages").glob("??/*.pickle"))  # the pages' own
    assert len(entries) >= everything
    entries[0].write_bytes(entries[0].read_bytes()[:-10])
    damaged = bytearray(entries[1].read_bytes())
    damaged[-20] ^= 0xFF
    entries[1].write_bytes(bytes(damaged))
    entries[2].unlink()
    _one_byte(plans / "minimal" / "plan.yaml", b"document_number: 04524",
              b"document_number: 04525")  # the site is built again, not carried over
    assert build([str(plans)], out, only=["site", "public"], jobs=1) == 0
    kept, rendered = _pages(build_module.LAST_SUMMARY)
    assert kept + rendered == everything and kept > 0
    same_as_clean("damaged")


def test_the_check_report_keeps_each_plans_share_and_is_the_same_without(tmp_path):
    """checks.json and checks.md from the kept shares of unchanged plans are the files a
    report made anew gives, after a change that changes the report."""
    from generator.checkcache import CheckCache
    from generator.pipeline import check_all
    from generator.report import write_reports
    plans = tmp_path / "plans"
    for name in ("fair", "minimal"):
        shutil.copytree(VALID / name, plans / name)
    checks, parts = CheckCache(tmp_path / "checks"), tmp_path / "parts"

    def both(label: str) -> str:
        checked = check_all([plans], cache=checks)
        checks.flush()
        assert all(c.check_key for c in checked)
        kept, fresh = tmp_path / f"kept-{label}", tmp_path / f"fresh-{label}"
        kept.mkdir(), fresh.mkdir()
        write_reports(checked, kept, parts)
        write_reports(check_all([plans]), fresh)
        for name in ("checks.json", "checks.md"):
            assert (kept / name).read_bytes() == (fresh / name).read_bytes(), (label, name)
        return (kept / "checks.json").read_text(encoding="utf-8")

    first = both("first")
    assert len(list(parts.rglob("*.pickle"))) == 2
    assert both("again") == first
    _one_byte(plans / "fair" / "sections" / "01-fair.yaml", b"30,000", b"31,000")
    changed = both("changed")  # a wrong sum now: the report says so
    assert changed != first and '"result": "error"' in changed
