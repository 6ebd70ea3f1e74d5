"""``checks.json`` holds every check the site shows, the budget page's verification included,
with typed values; the site's check page, the budget page and ``checks.md`` are worded from
those same records."""

from __future__ import annotations

import json
import re

import pytest
from bs4 import BeautifulSoup

from generator.pipeline import check_folder
from generator.report import markdown_report, plan_report, write_reports
from generator.site.pages import site_pages

from .conftest import SEED


def _text(el) -> str:
    return re.sub(r"\s+", " ", el.get_text(" ")).strip()


@pytest.fixture(scope="module")
def seed(tmp_path_factory):
    checked = check_folder(SEED)
    out = tmp_path_factory.mktemp("report")
    write_reports([checked], out)
    data = json.loads((out / "checks.json").read_text(encoding="utf-8"))
    pages = {p.src: p.markdown for p in site_pages([checked]).pages}
    return checked, data["plans"][0], pages, (out / "checks.md").read_text(encoding="utf-8")


def _records(report: dict) -> list[dict]:
    return [r for rule in report["rules"] for r in rule["results"]]


def test_the_check_page_lists_exactly_the_records_of_checks_json(seed):
    checked, report, pages, _ = seed
    soup = BeautifulSoup(pages[f"{checked.plan.id}/checks.md"], "html.parser")
    rows = [(_text(tr.th), [_text(td) for td in tr.find_all("td")])
            for table in soup.select("table.ps-results") for tr in table.tbody.find_all("tr")]
    records = _records(report)
    assert len(rows) == len(records) == len(checked.results) == report["checks"]
    for (subject, cells), rec in zip(rows, records):
        assert subject == rec["subject"]
        assert cells[0] == rec["expected"] and cells[1] == rec["found"]
        assert cells[3] == f"{rec['file']}:{rec['line']}:{rec['col']}"


def test_the_budget_verification_is_the_budget_overview_check(seed):
    checked, report, pages, _ = seed
    overview = [r for r in _records(report) if r["rule"] == "budget-overview"]
    assert len(overview) >= 3
    soup = BeautifulSoup(pages[f"{checked.plan.id}/budget.md"], "html.parser")
    lines = [_text(li) for li in soup.select("ul.ps-verify li")]
    assert lines == [f"일치 {r['subject']}: {r['found']}" for r in overview]
    assert all(r["result"] == "pass" for r in overview)


def test_records_keep_typed_values(seed):
    _, report, _, _ = seed
    for rec in _records(report):
        assert set(rec["values"]) == {"subject", "expected", "found"}
    total = next(r for r in _records(report) if r["rule"] == "budget-overview")
    assert total["values"]["expected"] == {"value": "319420000", "unit": "원"}
    assert total["expected"] == "319,420,000원"


def test_checks_md_is_written_from_the_same_records(seed):
    _, report, _, md = seed
    assert md == markdown_report([report]) + "\n"
    rows = [line for line in md.splitlines() if re.match(r"\| (통과|오류|경고) \|", line)]
    assert len(rows) == report["checks"]


def test_a_report_is_worded_in_the_readers_language():
    from generator.locale import get
    checked = check_folder(SEED)
    ko = _records(plan_report(checked, get("ko")))
    en = _records(plan_report(checked, get("en")))
    assert [r["values"] for r in ko] == [r["values"] for r in en]
    ko_total = next(r for r in ko if r["rule"] == "budget-overview")
    en_total = next(r for r in en if r["rule"] == "budget-overview")
    assert ko_total["subject"] == "재원별 합계의 합 = 총액"
    assert en_total["subject"] == "sum of the funding sources' totals = total"
    assert en_total["found"] == "KRW 319.42 million"
