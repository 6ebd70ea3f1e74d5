"""Per-plan units: a plan's outputs are made from its checked bytes alone, carry its input digest,
and reach the site by being handed over, never by being looked for on disk or in the
environment."""

from __future__ import annotations

import gzip
import os
import re
import shutil
import struct
from datetime import datetime, timezone
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from generator import digest
from generator.build import PlanOutputs, build, build_moment, font_cache_dir, plan_outputs
from generator.fontcache import cache_dir
from generator.pipeline import check_folder

from .conftest import ROOT, SEED
from .pdf_support import FONT_CACHE_DIR, font_cache

ID = SEED.name
SECTION = "sections/01-local-job-target.yaml"


@pytest.fixture
def seed_copy(tmp_path) -> Path:
    """An editable copy of the seed, in a folder of its own name (its id matches)."""
    plan = tmp_path / "plans" / ID
    shutil.copytree(SEED, plan)
    return plan


@pytest.fixture
def shared_cache(monkeypatch):
    monkeypatch.setenv("PLANSITE_CACHE", str(FONT_CACHE_DIR.parent))


# --- the input digest -------------------------------------------------------------------------

def test_checked_plan_carries_its_source_bytes():
    checked = check_folder(SEED)
    names = ["plan.yaml"] + [f"sections/{p.name}"
                             for p in sorted((SEED / "sections").glob("*.yaml"))]
    # the translation catalog is an input too: the English outputs are made from it
    assert list(checked.sources) == names + ["translations/en.po"]
    for name, data in checked.sources.items():
        assert data == (SEED / name).read_bytes()


def test_input_digest_changes_with_the_translation_catalog(seed_copy):
    before = digest.input_digest(check_folder(seed_copy))
    po = seed_copy / "translations" / "en.po"
    po.write_text(po.read_text(encoding="utf-8").replace('msgstr "Job Operations Team"',
                                                         'msgstr "Jobs Team"'), encoding="utf-8")
    after = check_folder(seed_copy)
    assert after.plan.office.team.en == "Jobs Team"
    assert digest.input_digest(after) != before


def test_input_digest_is_stable_across_loads():
    assert digest.input_digest(check_folder(SEED)) == digest.input_digest(check_folder(SEED))


def test_input_digest_changes_with_one_byte_of_a_section_file(seed_copy):
    before = digest.input_digest(check_folder(seed_copy))
    path = seed_copy / SECTION
    data = path.read_bytes()
    i = data.index(b"title:") + len(b"title:")  # a space after the key: still valid YAML
    path.write_bytes(data[:i] + b" " + data[i:])
    after = check_folder(seed_copy)
    assert after.ok, after.problems
    assert digest.input_digest(after) != before
    path.write_bytes(data)
    assert digest.input_digest(check_folder(seed_copy)) == before


def test_generator_digest_changes_with_a_generator_file(tmp_path):
    """Computed over a copy of the package, so that no real file is touched."""
    copy = tmp_path / "generator"
    shutil.copytree(digest.GENERATOR_DIR, copy,
                    ignore=shutil.ignore_patterns("__pycache__"))
    lock = ROOT / "requirements.lock"
    original = digest.compute_generator_digest(copy, lock)
    assert original == digest.compute_generator_digest(digest.GENERATOR_DIR, lock)
    assert original == digest.generator_digest()
    (copy / "__pycache__").mkdir(exist_ok=True)
    (copy / "__pycache__" / "x.pyc").write_bytes(b"compiled")
    assert digest.compute_generator_digest(copy, lock) == original, "caches are left out"
    template = copy / "templates" / "print" / "print.css"
    template.write_bytes(template.read_bytes() + b" ")
    changed = digest.compute_generator_digest(copy, lock)
    assert changed != original
    checked = check_folder(SEED)
    assert digest.input_digest(checked, changed) != digest.input_digest(checked, original)


def test_generator_digest_covers_the_pinned_libraries(tmp_path):
    lines = digest.pinned_versions(ROOT / "requirements.lock")
    names = {line.split("==")[0].lower() for line in lines}
    assert {"weasyprint", "mkdocs", "mkdocs-material", "babel", "jinja2", "fonttools"} <= names
    assert not names - set(digest.SHAPING)
    lock = tmp_path / "requirements.lock"
    text = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    lock.write_text(text, encoding="utf-8")
    same = digest.compute_generator_digest(digest.GENERATOR_DIR, lock)
    lock.write_text(text.replace("weasyprint==", "weasyprint==0"), encoding="utf-8")
    assert digest.compute_generator_digest(digest.GENERATOR_DIR, lock) != same
    lock.write_text(text.replace("pytest==", "pytest==0"), encoding="utf-8")
    assert digest.compute_generator_digest(digest.GENERATOR_DIR, lock) == same, \
        "a library that shapes no output is left out"


def test_generator_digest_is_computed_once_per_process():
    digest.generator_digest()
    hits = digest.generator_digest.cache_info().hits
    digest.generator_digest()
    assert digest.generator_digest.cache_info().hits == hits + 1


# --- the per-plan step ------------------------------------------------------------------------

def test_plan_outputs_are_the_plan_s_files_with_its_digest():
    checked = check_folder(SEED)
    outputs = plan_outputs(checked, font_cache=font_cache())
    assert isinstance(outputs, PlanOutputs)
    assert outputs.plan_id == ID
    assert outputs.digest == digest.input_digest(checked)
    assert {folder: sorted(files) for folder, files in outputs.files.items()} == {
        "data": sorted([f"{ID}-budgets.columns.csv", f"{ID}-budgets.csv", f"{ID}-schedule.columns.csv", f"{ID}-schedule.csv", f"{ID}-splits.columns.csv", f"{ID}-splits.csv", f"{ID}-targets.columns.csv", f"{ID}-targets.csv", f"{ID}.dataset.jsonld", f"{ID}.json"]),
        "pdf": [f"{ID}.en.pdf", f"{ID}.ko.pdf"],
    }
    assert outputs.files["pdf"][f"{ID}.ko.pdf"].startswith(b"%PDF-")
    assert outputs.files["data"][f"{ID}-budgets.csv"].startswith("\ufeff".encode("utf-8"))
    only_data = plan_outputs(checked, ["data"])
    assert only_data.files == {"data": outputs.files["data"]}


def test_the_pdf_attaches_the_bytes_that_were_checked(seed_copy):
    """The attachments are what the checks read, even if the files change on disk after."""
    checked = check_folder(seed_copy)
    assert checked.ok
    checked_bytes = dict(checked.sources)
    for name in checked_bytes:  # edited on disk after the check: the PDF must not see it
        (seed_copy / name).write_bytes(b"id: changed-after-the-check\n")
    (seed_copy / "sections" / "99-new.yaml").write_bytes(b"id: new\n")
    pdf = plan_outputs(checked, ["pdf"], font_cache()).files["pdf"][f"{ID}.ko.pdf"]
    path = seed_copy.parent / "out.pdf"
    path.write_bytes(pdf)
    attachments = PdfReader(path).attachments
    assert {name: content[0] for name, content in attachments.items()} == checked_bytes


def test_the_pdf_is_the_one_the_seed_always_gave():
    from generator.pdf import plan_pdf
    checked = check_folder(SEED)
    cache = font_cache()
    pdf = plan_outputs(checked, ["pdf"], cache).files["pdf"][f"{ID}.ko.pdf"]
    assert pdf == plan_pdf(checked, cache)


# --- the site is handed its downloads ---------------------------------------------------------

def _downloads_page(out: Path) -> BeautifulSoup:
    return BeautifulSoup((out / "site" / "downloads" / "index.html").read_text("utf-8"),
                         "html.parser")


def _download_links(page: BeautifulSoup) -> list[str]:
    return [a["href"] for a in page.find("article").find_all("a", download=True)]


def test_site_alone_lists_no_downloads_even_beside_an_old_build(tmp_path, shared_cache,
                                                                capsys):
    out = tmp_path / "build"
    for rel in [f"pdf/{ID}.ko.pdf", f"data/{ID}.json", "data/plan.schema.json"]:
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_bytes(b"an old build's file\n")
    assert build([str(SEED)], out, only=["site"]) == 0
    page = _downloads_page(out)
    assert _download_links(page) == []
    assert "plansite build --only site" in page.get_text()
    assert not (out / "site" / "downloads").joinpath("pdf").exists()
    assert (out / "pdf" / f"{ID}.ko.pdf").read_bytes() == b"an old build's file\n", \
        "the old outputs are left as they were"
    # the site step itself, into a folder beside the old files: it lists what it is handed
    from generator.site import SiteInput, build_site
    plans = [check_folder(SEED)]
    build_site(SiteInput(plans, [], build_moment(plans), cache_dir(out)), out / "site")
    assert _download_links(_downloads_page(out)) == []


def test_site_lists_exactly_the_files_the_build_made(tmp_path, shared_cache, capsys):
    out = tmp_path / "build"
    (out / "pdf").mkdir(parents=True)
    (out / "pdf" / f"{ID}.ko.pdf").write_bytes(b"an old build's PDF\n")
    assert build([str(SEED)], out, only=["data", "site"]) == 0
    links = _download_links(_downloads_page(out))
    assert links == sorted([f"data/{name}" for name in plan_outputs(
        check_folder(SEED), ["data"]).files["data"]]) + [
        "data/plan-file.schema.json", "data/plan.schema.json", "data/public-plan.schema.json",
        "data/section.schema.json"]
    for rel in links:
        assert (out / "site" / "downloads" / rel).read_bytes() == (out / rel).read_bytes()
    assert not (out / "site" / "downloads" / "pdf").exists()


# --- dates and the environment ----------------------------------------------------------------

def env_writes(monkeypatch) -> list[str]:
    """The names of the environment variables written or removed while the test runs."""
    cls = type(os.environ)
    set_item, del_item = cls.__setitem__, cls.__delitem__
    writes: list[str] = []

    def setitem(self, key, value):
        writes.append(key)
        set_item(self, key, value)

    def delitem(self, key):
        writes.append(key)
        del_item(self, key)

    monkeypatch.setattr(cls, "__setitem__", setitem)
    monkeypatch.setattr(cls, "__delitem__", delitem)
    return writes


def _gzip_mtime(path: Path) -> datetime:
    return datetime.fromtimestamp(struct.unpack("<I", path.read_bytes()[4:8])[0], timezone.utc)


@pytest.mark.parametrize("epoch", [None, "1700000000"])
def test_site_build_never_writes_source_date_epoch(tmp_path, monkeypatch, epoch):
    """The sitemap's dates are set on the pages, not through the environment; an explicit
    SOURCE_DATE_EPOCH still wins over the build's moment."""
    from generator.site import SiteInput, build_site
    monkeypatch.setenv("PLANSITE_CACHE", str(FONT_CACHE_DIR.parent))
    if epoch is None:
        monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    else:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    plans = [check_folder(SEED)]
    moment = datetime(2020, 5, 6, tzinfo=timezone.utc)
    before = dict(os.environ)
    writes = env_writes(monkeypatch)
    build_site(SiteInput(plans, [], moment, cache_dir(tmp_path)), tmp_path / "site")
    assert "SOURCE_DATE_EPOCH" not in writes
    assert dict(os.environ) == before
    want = moment if epoch is None else datetime.fromtimestamp(int(epoch), timezone.utc)
    # mkdocs stamps the gzipped sitemap with the newest page date (a day, at midnight)
    assert _gzip_mtime(tmp_path / "site" / "sitemap.xml.gz") == \
        want.replace(hour=0, minute=0, second=0)


def test_plain_mkdocs_dates_the_sitemap_by_the_newest_approval(tmp_path, monkeypatch):
    """With a site_url the sitemap lists every page with its date: the approval date."""
    import subprocess
    import sys
    root = tmp_path / "project"
    shutil.copytree(SEED, root / "plan" / ID)
    (root / "docs").mkdir()
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text("site_url: https://intranet.example/plans/\n" + text,
                                     encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    env.setdefault("PLANSITE_CACHE", str(FONT_CACHE_DIR.parent))
    done = subprocess.run([str(Path(sys.executable).parent / "mkdocs"), "build"], cwd=root,
                          capture_output=True, text=True, env=env, timeout=600)
    assert done.returncode == 0, done.stderr
    sitemap = (root / "build" / "site" / "sitemap.xml").read_text("utf-8")
    assert set(re.findall(r"<lastmod>([^<]*)</lastmod>", sitemap)) == {"2016-01-19"}
    assert sitemap.count("<url>") > 10
    with gzip.open(root / "build" / "site" / "sitemap.xml.gz", "rt", encoding="utf-8") as f:
        assert f.read() == sitemap
    assert _gzip_mtime(root / "build" / "site" / "sitemap.xml.gz") == \
        datetime(2016, 1, 19, tzinfo=timezone.utc)


def test_build_moment_is_the_newest_approval_unless_source_date_epoch(monkeypatch):
    plans = [check_folder(SEED)]
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert build_moment(plans) == datetime(2016, 1, 19, tzinfo=timezone.utc)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert build_moment(plans) == datetime.fromtimestamp(1700000000, timezone.utc)


def test_an_empty_source_date_epoch_stops_a_site_build_before_it_starts(tmp_path, monkeypatch,
                                                                       capsys):
    from generator.cli import main
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "")
    assert main(["build", str(SEED), "--out", str(tmp_path / "out"), "--only", "site"]) == 1
    assert "SOURCE_DATE_EPOCH: 값이 비어 있습니다" in capsys.readouterr().err
    assert not (tmp_path / "out" / "site").exists()


def test_the_plugin_takes_one_site_input():
    from generator.mkdocs_plugin import PlanSitePlugin
    with pytest.raises(TypeError, match="SiteInput"):
        PlanSitePlugin().use([check_folder(SEED)])


# --- the font cache is a folder the build names -----------------------------------------------

def test_font_cache_folder_is_named_by_the_build(tmp_path, monkeypatch):
    monkeypatch.delenv("PLANSITE_CACHE", raising=False)
    out = tmp_path / "out"
    assert font_cache_dir(out) == out.resolve() / ".cache" / "fonts"
    staged = tmp_path / "build" / ".staging" / "pdf"
    assert cache_dir(staged) == staged.resolve() / ".cache" / "fonts", "no .staging walk"
    monkeypatch.setenv("PLANSITE_CACHE", str(tmp_path / "cache"))
    assert font_cache_dir(out) == tmp_path / "cache" / "fonts"
