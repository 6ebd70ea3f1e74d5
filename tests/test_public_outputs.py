"""The public outputs (build/public/: data, PDFs, site in both languages) are made from the
public projections only.  A canary plan whose every internal part holds a unique string is
built with a 비공개 plan and a wholly public one; a scanner reads every public file as a reader
gets it (HTML, search index, sitemap and its gzip, PDF text by pypdf and poppler, PDF metadata
and attachments, JSON, CSV, column sheets, metadata) and finds no canary.  The same scanner
finds every canary in the intranet outputs, so it is known to work."""

from __future__ import annotations

import csv
import html
import io
import json
import re
import shutil

import jsonschema
import pytest
from pypdf import PdfReader

from generator.cli import main
from generator.pipeline import check_folder
from generator.projection import project
from generator.site.pages import site_pages

from .conftest import PLANS, SEED
from .leak_scan import scan

CANARY = re.compile(r"CANARY-\d\d|SECRETPLAN-\d\d|31,337|131,337|12,345")
PARTIAL_CANARIES = {f"CANARY-{n:02d}" for n in range(1, 17)}
SECRET = "SECRETPLAN-01"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("public")
    plans = root / "plans"
    shutil.copytree(PLANS / "valid" / "partial", plans / "partial")
    shutil.copytree(PLANS / "valid" / "minimal", plans / "minimal")
    secret = plans / "secret"
    shutil.copytree(PLANS / "valid" / "minimal", secret)
    head = secret / "plan.yaml"
    head.write_text(head.read_text(encoding="utf-8").replace("id: minimal", "id: secret")
                    .replace("disclosure: 대시민공개", "disclosure: 비공개(5)")
                    .replace("title: 2016년 시험 계획\n", f"title: 비밀 계획{SECRET}\n"),
                    encoding="utf-8")
    out = root / "build"
    assert main(["build", str(plans), "--out", str(out)]) == 0
    return out


def _page(folder) -> str:
    """A built page's HTML with its character references read (plan text is escaped)."""
    return html.unescape((folder / "index.html").read_text("utf-8"))


def test_no_public_file_holds_a_canary(built):
    found = scan(built / "public", CANARY)
    assert found == {}, {k: sorted(v)[:4] for k, v in found.items()}


def test_the_intranet_outputs_hold_every_canary(built):
    """The positive control: the scanner finds what it is looking for."""
    found = {}
    for part in ("site", "pdf", "data"):
        for canary, files in scan(built / part, CANARY).items():
            found.setdefault(canary, set()).update(files)
    assert PARTIAL_CANARIES <= set(found)
    assert SECRET in found  # the 비공개 plan is on the intranet, whole
    pdf_parts = {w for files in found.values() for w in files if w.startswith("partial.ko.pdf")}
    assert any("(pypdf text)" in w for w in pdf_parts) and any("→" in w for w in pdf_parts)


def test_a_withheld_plan_is_in_no_public_file_and_not_named(built):
    names = [p.relative_to(built / "public").as_posix() for p in (built / "public").rglob("*")]
    assert not [n for n in names if "secret" in n]
    assert SECRET not in scan(built / "public", CANARY)
    assert "비밀 계획" not in (built / "public" / "site" / "index.html").read_text("utf-8")


def test_each_notice_names_its_ground_in_words(built):
    page = _page(built / "public" / "site" / "partial" / "sections" / "first")
    assert "정보공개법 제9조 제1항 제5호(감사·감독·계약·의사결정 과정 등)에 따라 비공개" in page
    assert "정보공개법 제9조 제1항 제7호(법인 등의 경영·영업상 비밀)에 따라 비공개" in page
    assert "비공개 포함" in page  # the 계 row that would reveal the withheld row
    english = _page(built / "public" / "site" / "en" / "partial" / "sections" / "first")
    assert "Withheld under subparagraph 5 (audits, contracts, decision-making in progress) " \
           "of Article 9(1) of the Official Information Disclosure Act" in english
    home = _page(built / "public" / "site" / "partial")
    assert "(비공개)" in home  # the approver's name; the role stays
    assert "checks" not in [p.name for p in (built / "public" / "site" / "partial").iterdir()]


def test_the_intranet_marks_what_it_keeps_from_the_public(built):
    page = _page(built / "site" / "partial" / "sections" / "first")
    assert page.count('class="ps-internal"') >= 3
    assert "비공개(제5호): 내부 메모CANARY-05" in page


def test_an_internal_figure_is_withheld_and_its_file_not_shipped(built):
    """The partial plan's internal figure (its caption and alt are canaries) is on the
    intranet with its file; the public outputs show the notice in its place and ship no copy
    of its file, in either language.  The footnote referenced only from a withheld heading is
    in no public file either (a canary); the public one is."""
    internal = built / "site" / "partial" / "images" / "route.png"
    assert internal.is_file()
    shipped = [p.relative_to(built / "public").as_posix() for p in (built / "public").rglob("*")
               if p.is_file() and (p.name == "route.png"
                                   or p.read_bytes() == internal.read_bytes())]
    assert shipped == []
    page = _page(built / "public" / "site" / "partial" / "sections" / "first")
    assert "route.png" not in page and '<figure class="ps-figure' not in page  # a chart's may be
    assert "2015년 인증 기준" in page and "ps-fnref" in page
    # the minimal plan's public figure is shipped, in every language's site
    for root in ("", "en/"):
        assert (built / "public" / "site" / root / "minimal" / "images" / "layout.png").is_file()


def test_the_public_pdf_attaches_only_the_public_data(built):
    reader = PdfReader(built / "public" / "pdf" / "partial.ko.pdf")
    assert sorted(reader.attachments) == ["partial.json"]
    data = json.loads(reader.attachments["partial.json"][0])
    schema = json.loads((built / "public" / "data" / "public-plan.schema.json").read_text())
    jsonschema.validate(data, schema)
    intranet = PdfReader(built / "pdf" / "partial.ko.pdf")
    assert "plan.yaml" in intranet.attachments


def test_the_public_data_validates_and_adds_up(built):
    schema = json.loads((built / "public" / "data" / "public-plan.schema.json").read_text())
    for name in ("partial", "minimal"):
        jsonschema.validate(json.loads((built / "public" / "data" / f"{name}.json").read_text()),
                            schema)
    rows = list(csv.DictReader(io.StringIO((built / "public" / "data" / "partial-budgets.csv")
                                           .read_text("utf-8-sig"))))
    intranet = list(csv.DictReader(io.StringIO((built / "data" / "partial-budgets.csv")
                                               .read_text("utf-8-sig"))))
    # the withheld section's 12,345천원 is in the intranet's total only
    assert sum(int(r["금액_원"]) for r in intranet) - sum(int(r["금액_원"]) for r in rows) \
        == 12_345_000
    budget = _page(built / "public" / "site" / "partial" / "budget")
    assert "공개된 예산만 더했습니다" in budget


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_the_seed_appears_whole_in_the_public_site(lang):
    """대시민공개: every page of the seed's public site is its intranet page, the check report
    aside (and the links to it)."""
    checked = check_folder(SEED)
    intranet = {p.src: p.markdown for p in site_pages([checked], lang=lang).pages}
    public = {p.src: p.markdown for p in site_pages([project(checked, "public")],
                                                    lang=lang).pages}
    assert set(intranet) - set(public) == {f"{checked.plan.id}/checks.md"}
    for src, markdown in public.items():
        if "/sections/" in src:
            assert markdown == intranet[src], src
